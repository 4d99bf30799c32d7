import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLookback } from '../../../src/cli/analyzeCommand';
import { UsageError, type CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';

export function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', isTty: false, stdout: (s: string) => { io.out += s; }, stderr: (s: string) => { io.err += s; } };
  return io;
}

describe('CLI arguments and exit codes', () => {
  it('parses look-back durations', () => {
    assert.equal(parseLookback('7d'), 7);
    assert.equal(parseLookback('36h'), 1.5);
    assert.equal(parseLookback('2w'), 14);
    assert.equal(parseLookback('3'), 3);
    for (const bad of ['0d', '-1d', 'seven', '7y', '']) assert.throws(() => parseLookback(bad), UsageError, bad);
  });

  it('exits 2 with a message on usage errors, and writes nothing to stdout in json mode', async () => {
    for (const argv of [['analyze'], ['analyze', '--bogus'], ['analyze', '--service', 'x'], ['frobnicate'], ['analyze', '--alert', 'a.json', '--service', 'x', '--metric', 'm', '--at', '2024-01-01T00:00:00Z'], ['analyze', '--format', 'xml', '--alert', 'a']]) {
      const io = captureIo();
      assert.equal(await main(argv, io), 2, argv.join(' '));
      assert.match(io.err, /incident-forensics: /);
      assert.equal(io.out, '');
    }
  });

  it('exits 2 naming the file for an alert that fits no format, and for a folder that is not a repository', async () => {
    const dir = tempDir();
    const alert = join(dir, 'alert.json');
    writeFileSync(alert, '{"hello": "world"}');
    let io = captureIo();
    assert.equal(await main(['analyze', '--repo', dir, '--alert', alert, '--format', 'json'], io), 2);
    assert.match(io.err, /alert\.json/);
    assert.equal(io.out, '');
    io = captureIo();
    assert.equal(await main(['analyze', '--repo', dir, '--service', 'x', '--metric', 'm', '--at', '2024-01-01T00:00:00Z', '--format', 'json'], io), 2);
    assert.match(io.err, /not a git repository/);
  });

  it('refuses an option-like --ref and a dirty-tree revert with exit 2', async () => {
    const dir = join(tempDir(), 'r');
    const g = new GitWriter(dir).init();
    g.write('a.txt', 'a\n');
    const sha = g.commit('a', { date: '2024-01-01T00:00:00Z' });
    let io = captureIo();
    assert.equal(await main(['analyze', '--repo', dir, '--ref', '--output=x', '--service', 'x', '--metric', 'm', '--at', '2024-01-02T00:00:00Z', '--format', 'json'], io), 2);
    writeFileSync(join(dir, 'a.txt'), 'dirty\n');
    io = captureIo();
    assert.equal(await main(['revert', '--repo', dir, '--commit', sha], io), 2);
    assert.match(io.err, /uncommitted/);
  });
});
