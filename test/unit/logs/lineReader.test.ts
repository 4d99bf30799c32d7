import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EngineError } from '../../../src/engine/errors';
import { readLines } from '../../../src/engine/logs/lineReader';
import { tempDir } from '../../support/tmp';

async function collect(file: string, maxLineBytes?: number) {
  const lines: string[] = [];
  const r = await readLines(file, (l) => lines.push(l), { maxLineBytes });
  return { lines, r };
}

describe('logs: streaming line reader', () => {
  const dir = tempDir('ifx-logs-reader-');

  it('splits LF and CRLF and keeps a last line without a newline', async () => {
    const f = join(dir, 'crlf.log');
    writeFileSync(f, 'a\r\nb\n\r\nc\r\nlast');
    const { lines, r } = await collect(f);
    assert.deepEqual(lines, ['a', 'b', '', 'c', 'last']);
    assert.equal(r.lines, 5);
    assert.equal(r.problem, undefined);
  });

  it('strips a UTF-8 BOM and keeps multi-byte characters across chunks', async () => {
    const f = join(dir, 'bom.log');
    const body = 'é'.repeat(200_000);
    writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`x${body}\nnext`)]));
    const { lines } = await collect(f, 1 << 20);
    assert.equal(lines[0], `x${body}`);
    assert.equal(lines[1], 'next');
  });

  it('survives a 1 MB line: truncates it for parsing and counts it', async () => {
    const f = join(dir, 'long.log');
    const long = `[09:00:00] ERROR a.go:1 - ${'x'.repeat(1024 * 1024)}`;
    writeFileSync(f, `first\n${long}\nthird\n${'y'.repeat(300_000)}`);
    const { lines, r } = await collect(f);
    assert.equal(lines.length, 4);
    assert.equal(lines[0], 'first');
    assert.equal(lines[1].length, 64 * 1024);
    assert.ok(lines[1].startsWith('[09:00:00] ERROR a.go:1 - xxx'));
    assert.equal(lines[2], 'third');
    assert.equal(lines[3].length, 64 * 1024);
    assert.equal(r.longLines, 2);
  });

  it('reads gzip, by extension and by magic bytes', async () => {
    const gz = join(dir, 'app.log.gz');
    writeFileSync(gz, gzipSync('one\ntwo\n'));
    assert.deepEqual((await collect(gz)).lines, ['one', 'two']);
    const hidden = join(dir, 'rotated.1');
    writeFileSync(hidden, gzipSync('three\n'));
    assert.deepEqual((await collect(hidden)).lines, ['three']);
  });

  it('reports corrupt gzip after the lines it could read', async () => {
    const f = join(dir, 'bad.log.gz');
    const good = gzipSync('a\n'.repeat(10));
    writeFileSync(f, Buffer.concat([good.subarray(0, 12), Buffer.from('garbage!garbage!')]));
    const { r } = await collect(f);
    assert.match(r.problem ?? '', /bad\.log\.gz: .*(gzip|unexpected end|incorrect)/i);
  });

  it('skips binary files with a note', async () => {
    const f = join(dir, 'core.bin');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    writeFileSync(f, bytes);
    const { lines, r } = await collect(f);
    assert.equal(lines.length, 0);
    assert.match(r.problem!, /core\.bin: binary content/);

    const noNul = join(dir, 'latin.bin');
    writeFileSync(noNul, Buffer.from(Array.from({ length: 2000 }, (_, i) => 0x80 + (i % 100))));
    assert.match((await collect(noNul)).r.problem!, /invalid UTF-8/);

    const utf16 = join(dir, 'win.log');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello\n', 'utf16le')]));
    assert.match((await collect(utf16)).r.problem!, /UTF-16/);
  });

  it('reports unreadable inputs instead of failing', async () => {
    assert.match((await collect(join(dir, 'missing.log'))).r.problem!, /missing\.log: no such file/);
    const sub = join(dir, 'adir');
    mkdirSync(sub);
    assert.match((await collect(sub)).r.problem!, /not a regular file/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.log');
      writeFileSync(locked, 'x\n');
      chmodSync(locked, 0);
      assert.match((await collect(locked)).r.problem!, /permission denied/);
    }
  });

  it('stops with `cancelled` when aborted', async () => {
    const f = join(dir, 'big.log');
    writeFileSync(f, 'line\n'.repeat(200_000));
    const ac = new AbortController();
    let n = 0;
    await assert.rejects(
      readLines(f, () => {
        if (++n === 10) ac.abort();
      }, { signal: ac.signal }),
      (e: unknown) => EngineError.is(e, 'cancelled'),
    );
    assert.ok(n < 200_000);
  });
});
