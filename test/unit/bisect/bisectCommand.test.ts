import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runBisectCommand } from '../../../src/cli/bisectCommand';
import { tempDir } from '../../support/tmp';
import { brokenFrom, extraWorktrees, isAlive, pidsIn, reportWith, until, versionRepo } from './fixture';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runBisectCommand(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), isTty: false });
  return { code, out, err };
}

describe('incident-forensics bisect (CLI)', () => {
  it('prints exactly one JSON document with --format json', async () => {
    const { dir, shas } = versionRepo(20);
    const r = await cli(['--repo', dir, '--good', shas[0], '--bad', 'HEAD', '--test', brokenFrom(13), '--format', 'json', '--flake-rate', '0']);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.schema, 'incident-forensics/bisect@1');
    assert.equal(doc.culprit, shas[13]);
    assert.equal(doc.candidates, 20);
    assert.equal(doc.runs, doc.probes.length);
    assert.equal(doc.flakeRate, 0);
    assert.equal(doc.stoppedBecause, 'confidence');
    for (const p of doc.probes) for (const k of ['commit', 'outcome', 'seconds', 'posteriorTop']) assert.ok(k in p);
    assert.equal(r.err, '');
  });

  it('prints a step-by-step transcript as text, with a prior report', async () => {
    const { dir, shas } = versionRepo(30);
    const rep = join(tempDir(), 'r.json');
    writeFileSync(rep, JSON.stringify(reportWith([{ commit: shas[12], confidence: 0.7 }])));
    const r = await cli(['--repo', dir, '--good', shas[0], '--bad', shas[30], '--test', brokenFrom(12), '--prior', rep, '--confidence', '0.9']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Bisecting 30 candidate commits between/);
    assert.match(r.out, /prior from the report/);
    assert.match(r.out, new RegExp(`Culprit: ${shas[12]} "change 12"`));
    assert.equal(r.out.split('\n').filter((l) => /^\s+\d+\s+[0-9a-f]{12}\s+(good|bad)/.test(l)).length, 2);
  });

  it('exits 2 with a message and no output for bad usage or input', async () => {
    const { dir, shas } = versionRepo(2);
    const bad = join(tempDir(), 'bad.json');
    writeFileSync(bad, '{"schema": "incident-forensics/report@1", "suspects": [');
    const cases: [string[], RegExp][] = [
      [['--good', shas[0], '--bad', shas[2]], /--test is required/],
      [['--good', shas[0], '--test', 'true'], /--bad is required/],
      [['--good=-rf', '--bad', shas[2], '--test', 'true'], /--good.*starts with "-"/],
      [['--good', shas[0], '--bad', shas[2], '--test', 'true', '--flake-rate', 'lots'], /--flake-rate.*not a number/],
      [['--good', shas[0], '--bad', shas[2], '--test', 'true', '--format', 'xml'], /--format/],
      [['--good', shas[0], '--bad', shas[2], '--test', 'true', '--prior', bad], /bad\.json.*not valid JSON/],
      [['--good', shas[0], '--bad', shas[2], '--test', 'true', '--bogus'], /Unknown option/],
    ];
    for (const [argv, msg] of cases) {
      const r = await cli(['--repo', dir, ...argv]);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.equal(r.out, '');
      assert.match(r.err, msg);
    }
    assert.deepEqual(extraWorktrees(dir), []);
  });

  it('exits 1 and says why when the test aborts the search', async () => {
    const { dir, shas } = versionRepo(4);
    const r = await cli(['--repo', dir, '--good', shas[0], '--bad', shas[4], '--test', 'exit 255', '--format', 'json']);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.out).stoppedBecause, 'aborted');
    assert.match(r.err, /exit code 255/);
  });

  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${sig}, stops the test's process group and removes the worktree before exiting`, async function () {
      this.timeout(60_000);
      const { dir, shas } = versionRepo(6);
      const box = tempDir();
      const pids = join(box, 'pids');
      const mark = join(box, 'started');
      const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'cliRunner.ts'), '--repo', dir, '--good', shas[0], '--bad', shas[6], '--test', `echo $$ >> '${pids}'; touch '${mark}'; sleep 60`], {
        cwd: resolve(__dirname, '../../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (c) => (err += c));
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      await until(() => existsSync(mark), 30_000);
      const live = extraWorktrees(dir);
      assert.equal(live.length, 1, 'the worktree exists while the test runs');
      const wtDir = live[0].replace(/^worktree /, '');
      assert.ok(existsSync(wtDir));
      child.kill(sig);
      const code = await exited;
      assert.equal(code, 130, err);
      assert.match(err, /cancelled/);
      assert.deepEqual(extraWorktrees(dir), []);
      assert.equal(existsSync(dirname(wtDir)), false, 'the temporary folder is gone');
      await until(() => pidsIn(pids).every((p) => !isAlive(p)));
    });
  }
});
