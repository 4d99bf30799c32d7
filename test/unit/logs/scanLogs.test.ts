import { strict as assert } from 'node:assert';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../../src/engine/errors';
import { PathMapper } from '../../../src/engine/logs/pathMapper';
import { scanLogs } from '../../../src/engine/logs/scanLogs';
import { countBetween, estimateBetween, rateOnset } from '../../../src/engine/logs/timeSeries';
import { tempDir } from '../../support/tmp';

const FIX = join(__dirname, '../../fixtures/logs');
const at = (iso: string): number => Date.parse(iso);
const REPO = [
  'services/payment-gateway/database/pool.go',
  'services/payment-gateway/handlers/process_payment.go',
  'services/payment-gateway/handlers/refund.go',
  'services/payment-gateway/server/main.go',
  'services/payment-gateway/repository/payments.go',
  'services/payment-gateway/src/db/pool.ts',
  'services/payment-gateway/src/handlers/process.ts',
  'services/auth-service/database/pool.go',
  'src/main/java/com/acme/pay/PaymentService.java',
  'src/main/java/com/acme/pay/db/PoolConfig.java',
  'workers/refund.py',
  'db/pool.py',
];
const mapper = (): PathMapper => new PathMapper(REPO, { preferPrefixes: ['services/payment-gateway'] });

describe('logs: scanLogs', () => {
  it('aggregates the seed log by repository location and message template', async () => {
    const s = await scanLogs([join(FIX, 'payment-gateway-2024-01-18.log')], { mapper: mapper() });
    assert.equal(s.linesScanned, 16);
    assert.equal(s.linesSkipped, 1, 'the "(78 more timeout errors...)" line');
    assert.deepEqual(s.formats, { seed: 15 });
    assert.equal(s.errors, 8);
    assert.equal(s.warnings, 3);
    assert.equal(s.firstErrorAt, at('2024-01-18T09:05:47Z'));

    const pool45 = s.locations.find((l) => l.file === 'services/payment-gateway/database/pool.go' && l.line === 45)!;
    assert.equal(pool45.count, 5);
    assert.equal(pool45.level, 'error');
    assert.equal(pool45.depth, 0);
    assert.equal(pool45.firstAt, at('2024-01-18T09:05:47Z'));
    assert.equal(pool45.lastAt, at('2024-01-18T09:12:05Z'));
    assert.deepEqual(pool45.times, [...pool45.times].sort((a, b) => a - b));
    const pool23 = s.locations.find((l) => l.line === 23)!;
    assert.equal(pool23.level, 'warn');
    assert.equal(pool23.count, 2);
    assert.ok(!s.locations.some((l) => l.line === 52), 'debug lines are not aggregated');

    const timeout = s.templates.find((t) => t.template === 'Failed to acquire connection: timeout after <dur>')!;
    assert.equal(timeout.count, 5);
    assert.deepEqual(timeout.locations, ['services/payment-gateway/database/pool.go:45']);
    assert.equal(countBetween(timeout.times, at('2024-01-18T09:00:00Z'), at('2024-01-18T09:07:00Z')), 2);
    assert.equal(s.samples.length, 11);
    assert.ok(s.samples.every((e, i) => i === 0 || s.samples[i - 1].time <= e.time));
  });

  it('uses the default date when the file name has none, and no time without either', async () => {
    const dir = tempDir('ifx-logs-scan-');
    const f = join(dir, 'app.log');
    copyFileSync(join(FIX, 'payment-gateway-2024-01-18.log'), f);
    const dated = await scanLogs([f], { defaultDate: '2024-03-01' });
    assert.equal(dated.firstErrorAt, at('2024-03-01T09:05:47Z'));
    const undated = await scanLogs([f]);
    assert.equal(undated.firstErrorAt, undefined);
    assert.equal(undated.errors, 8);
    assert.ok(undated.templates.every((t) => Number.isNaN(t.firstAt) && t.times.length === 0));
    await assert.rejects(scanLogs([f], { defaultDate: '01/03/2024' }), (e: unknown) => EngineError.is(e, 'badInput') && e.where === 'defaultDate');
  });

  it('reads every fixture format into mapped locations', async () => {
    const s = await scanLogs([FIX], { mapper: mapper() });
    assert.equal(s.files.length, 9);
    assert.deepEqual(s.problems, []);
    for (const f of ['seed', 'json', 'logfmt', 'iso', 'syslog', 'iso+json', 'go-trace', 'java-trace', 'python-trace', 'node-trace', 'gdb-trace']) {
      assert.ok(s.formats[f] > 0, `format ${f}`);
    }
    const files = new Set(s.locations.map((l) => l.file));
    for (const f of [
      'services/payment-gateway/database/pool.go',
      'services/payment-gateway/src/db/pool.ts',
      'src/main/java/com/acme/pay/PaymentService.java',
      'src/main/java/com/acme/pay/db/PoolConfig.java',
      'workers/refund.py',
      'db/pool.py',
    ]) assert.ok(files.has(f), f);
    // A Java frame deep in the trace is depth 0 when it is the first frame inside the repository.
    const svc = s.locations.find((l) => l.file === 'src/main/java/com/acme/pay/PaymentService.java')!;
    assert.equal(svc.depth, 0);
    assert.equal(svc.func, 'com.acme.pay.PaymentService.charge');
    // Unmappable paths (src/pool.c) still count in templates.
    assert.ok(s.templates.some((t) => t.template.startsWith('Program received signal')));
    assert.ok(!s.locations.some((l) => l.file.endsWith('.c')));
  });

  it('counts a truncated JSON line as skipped and keeps HTML verbatim', async () => {
    const s = await scanLogs([join(FIX, 'app-json.log')], { mapper: mapper() });
    assert.equal(s.linesSkipped, 1);
    assert.equal(s.formats.json, 9);
    const html = s.samples.find((e) => e.message.includes('<script>'))!;
    assert.equal(html.message, "render failed: <script>alert('x')</script> in <b>template</b>");
    assert.ok(s.templates.some((t) => t.template.includes("<script>alert('<str>')</script>")));
  });

  it('survives a 1 MB line, a binary file, CRLF and an unreadable input', async () => {
    const dir = tempDir('ifx-logs-hostile-');
    const long = join(dir, 'long-2024-01-18.log');
    writeFileSync(long, `[09:00:00] ERROR a/b.go:1 - ${'x'.repeat(1024 * 1024)}\n[09:00:01] ERROR a/b.go:2 - short\n`);
    const bin = join(dir, 'core.dump');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 10, 0]));
    const crlf = join(dir, 'win-2024-01-18.log');
    writeFileSync(crlf, '[09:05:47] ERROR database/pool.go:45 - timeout after 5s\r\n\tat x.Y.z(Y.java:3)\r\n[09:05:48] WARN database/pool.go:23 - adjusted\r\n');
    const s = await scanLogs([long, bin, crlf, join(dir, 'gone.log')], {});
    assert.equal(s.longLines, 1);
    assert.equal(s.errors, 3);
    assert.equal(s.warnings, 1);
    assert.equal(s.linesSkipped, 0);
    assert.equal(s.problems.length, 2);
    assert.match(s.problems.join('\n'), /gone\.log: no such file/);
    assert.match(s.problems.join('\n'), /core\.dump: binary content/);
    assert.deepEqual(s.files, [long, crlf]);
    const t = s.templates.find((x) => x.template === 'timeout after <dur>')!;
    assert.equal(t.sample, 'timeout after 5s', 'no trailing \\r');
    const withFrame = s.samples.find((e) => e.message === 'timeout after 5s')!;
    assert.deepEqual(withFrame.frames.map((f) => f.rawPath), ['database/pool.go', 'Y.java']);
    assert.ok(s.samples.every((e) => e.message.length <= 2001));
  });

  it('reads hostile long lines built from trace and log syntax', async () => {
    const dir = tempDir('ifx-logs-regex-');
    const f = join(dir, 'hostile-2024-01-18.log');
    const n = 70_000;
    const lines = [
      '[09:00:00] ERROR a.go:1 - start',
      `\tat ${'a.'.repeat(n / 2)}`,
      `    at ${'a ('.repeat(n / 3)}`,
      `${'a.'.repeat(n / 2)}!`,
      `#1 ${'a('.repeat(n / 2)}`,
      `2024-01-18T09:00:01Z ERROR ${'a.'.repeat(n / 2)}:x`,
      `{"level":"error","msg":${'['.repeat(n)}`,
      `a=${'"\\'.repeat(n / 2)}`,
    ];
    writeFileSync(f, lines.join('\n'));
    const s = await scanLogs([f], {});
    assert.equal(s.linesScanned, 8);
    assert.equal(s.longLines, 7);
    assert.equal(s.errors, 2);
    assert.equal(s.linesSkipped, 6);
  });

  it('keeps the earliest and latest samples and thins times evenly', async () => {
    const dir = tempDir('ifx-logs-many-');
    const f = join(dir, 'many.log');
    const lines: string[] = [];
    const t0 = at('2024-01-18T00:00:00Z');
    for (let i = 0; i < 12_000; i++) lines.push(JSON.stringify({ level: 'error', time: t0 + i * 1000, msg: `timeout after ${i % 9}s`, caller: 'database/pool.go:45' }));
    lines.push(JSON.stringify({ level: 'info', time: t0, msg: 'hello' }));
    writeFileSync(f, lines.join('\n'));
    const s = await scanLogs([f], { mapper: mapper(), sampleLimit: 100, minLevel: 'error' });
    assert.equal(s.samples.length, 100);
    assert.equal(s.samples[0].time, t0);
    assert.equal(s.samples[49].time, t0 + 49_000);
    assert.equal(s.samples[50].time, t0 + 11_950_000);
    const loc = s.locations[0];
    assert.equal(loc.count, 12_000);
    assert.ok(loc.times.length <= 5000 && loc.times.length >= 2500);
    const firstHour = estimateBetween(loc, t0, t0 + 3_600_000);
    assert.ok(Math.abs(firstHour - 3600) < 50, `estimate ${firstHour}`);
    assert.equal(s.templates.length, 1);
    assert.equal(s.errors, 12_000);
  });

  it('times one kind of event (message and file) across the lines a deploy moved it to', async () => {
    const dir = tempDir('ifx-logs-kind-');
    const f = join(dir, 'moved.log');
    const t0 = at('2024-01-18T00:00:00Z');
    const lines: string[] = [];
    // "timeout" moves from pool.go:45 to :47 at t0+10 min; "stale" at :50 stays; "timeout" also logged from refund.go.
    for (let i = 0; i < 20; i++) lines.push(JSON.stringify({ level: 'error', time: t0 + i * 60_000, msg: `timeout after ${i}s`, caller: `database/pool.go:${i < 10 ? 45 : 47}` }));
    lines.push(JSON.stringify({ level: 'error', time: t0 + 5 * 60_000, msg: 'stale connection', caller: 'database/pool.go:50' }));
    lines.push(JSON.stringify({ level: 'error', time: t0 + 6 * 60_000, msg: 'timeout after 1s', caller: 'handlers/refund.go:9' }));
    writeFileSync(f, lines.join('\n'));
    const s = await scanLogs([f], { mapper: mapper() });
    const loc = (line: number) => s.locations.find((l) => l.file === 'services/payment-gateway/database/pool.go' && l.line === line)!;
    assert.equal(loc(47).times.length, 10);
    assert.deepEqual(loc(47).kindTimes, Array.from({ length: 20 }, (_v, i) => t0 + i * 60_000), 'both lines, not the other file nor the other message');
    assert.deepEqual(loc(45).kindTimes, loc(47).kindTimes);
    assert.deepEqual(loc(50).kindTimes, [t0 + 5 * 60_000]);
  });

  it('stops with `cancelled` when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(scanLogs([FIX], { signal: ac.signal }), (e: unknown) => EngineError.is(e, 'cancelled'));
  });

  it('rateOnset finds when events began coming faster, and nothing in a steady or falling rate', () => {
    const H = 3_600_000;
    const steady = Array.from({ length: 30 }, (_v, i) => i * H / 3 + 600_000);
    assert.equal(rateOnset(steady, 0, 10 * H), undefined);
    const rising = [...steady, ...Array.from({ length: 40 }, (_v, i) => 7 * H + i * 240_000)].sort((a, b) => a - b);
    const onset = rateOnset(rising, 0, 10 * H)!;
    assert.ok(Math.abs(onset - 7 * H) <= 20 * 60_000, `onset ${onset / H} h`);
    const falling = Array.from({ length: 40 }, (_v, i) => i * 240_000);
    assert.equal(rateOnset(falling, 0, 10 * H), undefined);
    assert.equal(rateOnset([H], 0, 2 * H), undefined, 'one crash line has no onset');
  });

  it('countBetween counts [from, to) on sorted times', () => {
    const times = [1, 2, 2, 3, 5, 8];
    assert.equal(countBetween(times, 2, 5), 3);
    assert.equal(countBetween(times, 0, 100), 6);
    assert.equal(countBetween(times, 5, 5), 0);
    assert.equal(countBetween([], 0, 1), 0);
    assert.equal(estimateBetween({ times: [1, 3], count: 4 }, 0, 2), 2);
  });
});
