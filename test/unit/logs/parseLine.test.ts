import { strict as assert } from 'node:assert';
import { levelFromValue, levelFromWord } from '../../../src/engine/logs/levels';
import { parseLogfmt } from '../../../src/engine/logs/logfmt';
import { parseJsonLine } from '../../../src/engine/logs/parseJsonLine';
import { parseLine } from '../../../src/engine/logs/parseLine';
import { parseLogfmtLine } from '../../../src/engine/logs/parseLogfmtLine';
import { parseSeedLine } from '../../../src/engine/logs/parseSeedLine';
import { parseTimestampedLine } from '../../../src/engine/logs/parseTimestampedLine';
import { dateFromFileName, epochToMs, timeFromValue } from '../../../src/engine/logs/timestamps';

const ctx = { date: '2024-01-18' };
const at = (iso: string): number => Date.parse(iso);

describe('logs: line parsers', () => {
  describe('seed style', () => {
    it('reads time, level, caller and message, on the context date', () => {
      const p = parseSeedLine('[09:05:47] ERROR database/pool.go:45 - Failed to acquire connection: timeout after 5s', ctx);
      assert.ok(p);
      assert.equal(p.time, at('2024-01-18T09:05:47Z'));
      assert.equal(p.level, 'error');
      assert.equal(p.message, 'Failed to acquire connection: timeout after 5s');
      assert.deepEqual(p.frames, [{ rawPath: 'database/pool.go', line: 45 }]);
      assert.equal(p.format, 'seed');
    });
    it('accepts padded levels, WARNING/ERR/CRITICAL and lines without a caller', () => {
      assert.equal(parseSeedLine('[09:02:34] WARN  database/pool.go:23 - x', ctx)?.level, 'warn');
      assert.equal(parseSeedLine('[09:02:34] WARNING x', ctx)?.level, 'warn');
      assert.equal(parseSeedLine('[09:02:34] ERR x', ctx)?.level, 'error');
      assert.equal(parseSeedLine('[09:02:34] CRITICAL x', ctx)?.level, 'fatal');
      const p = parseSeedLine('[09:02:34] [INFO] started worker', ctx);
      assert.equal(p?.message, 'started worker');
      assert.deepEqual(p?.frames, []);
    });
    it('has no time without a date', () => {
      assert.ok(Number.isNaN(parseSeedLine('[09:05:47] ERROR x', {})!.time));
    });
    it('rejects lines that only look alike', () => {
      assert.equal(parseSeedLine('[09:15:30] 🔍 Analyzing git history for payment-gateway service...', ctx), null);
      assert.equal(parseSeedLine('[09:15:30] Analyzing the history', ctx), null);
      assert.equal(parseSeedLine('[25:99] ERROR x', ctx), null);
      assert.equal(parseSeedLine('(78 more timeout errors...)', ctx), null);
    });
  });

  describe('timestamped text lines', () => {
    it('reads ISO-8601 with a level word and a caller', () => {
      const p = parseTimestampedLine('2024-01-18T09:05:47.123Z ERROR database/pool.go:45 - boom', ctx);
      assert.equal(p?.time, at('2024-01-18T09:05:47.123Z'));
      assert.equal(p?.level, 'error');
      assert.equal(p?.message, 'boom');
      assert.deepEqual(p?.frames, [{ rawPath: 'database/pool.go', line: 45 }]);
    });
    it('reads `YYYY-MM-DD HH:MM:SS,mmm` (python logging) and `.mmm`', () => {
      const p = parseTimestampedLine('2024-01-18 09:09:10,512 - refund - ERROR - refund job 40211 failed', ctx);
      assert.equal(p?.time, at('2024-01-18T09:09:10.512Z'));
      assert.equal(p?.level, 'error');
      assert.equal(p?.message, 'refund job 40211 failed');
      assert.equal(parseTimestampedLine('2024-01-18 09:09:10.5 WARN x', ctx)?.time, at('2024-01-18T09:09:10.500Z'));
    });
    it('applies zone offsets', () => {
      assert.equal(parseTimestampedLine('2024-01-18T10:11:00+01:00 WARN x', ctx)?.time, at('2024-01-18T09:11:00Z'));
      assert.equal(parseTimestampedLine('2024-01-18T10:11:00+0100 WARN x', ctx)?.time, at('2024-01-18T09:11:00Z'));
    });
    it('strips Spring Boot and logback logger prefixes', () => {
      const spring = parseTimestampedLine('2024-01-18 09:08:32.001 ERROR 1 --- [nio-8080-exec-3] c.a.p.PaymentService : Payment 40211 failed', ctx);
      assert.equal(spring?.message, 'Payment 40211 failed');
      const logback = parseTimestampedLine('2024-01-18 09:09:00,120 [exec-5] WARN  com.acme.pay.RetryPolicy - retry 2/3', ctx);
      assert.equal(logback?.level, 'warn');
      assert.equal(logback?.message, 'retry 2/3');
    });
    it('reads CloudWatch exports, also with JSON or logfmt inside', () => {
      const lambda = parseTimestampedLine('2024-01-18T09:05:47.500Z\tc0ffee00-1111-2222-3333-444455556666\tERROR\tpool timeout', ctx);
      assert.equal(lambda?.level, 'error');
      assert.equal(lambda?.message, 'pool timeout');
      const json = parseTimestampedLine('2024-01-18T09:00:00.000Z {"level":"warn","msg":"slow"}', ctx);
      assert.equal(json?.format, 'iso+json');
      assert.equal(json?.level, 'warn');
      assert.equal(json?.time, at('2024-01-18T09:00:00Z'));
      const lf = parseTimestampedLine('2024-01-18T09:00:00Z level=error msg="x y" caller=a/b.go:3', ctx);
      assert.equal(lf?.format, 'iso+logfmt');
      assert.deepEqual(lf?.frames, [{ rawPath: 'a/b.go', line: 3 }]);
    });
    it('reads syslog RFC 5424 (severity from PRI) and RFC 3164', () => {
      const r5424 = parseTimestampedLine('<131>1 2024-01-18T09:06:00.000Z pg-host payment-gateway 1234 - - pool exhausted', ctx);
      assert.equal(r5424?.format, 'syslog');
      assert.equal(r5424?.level, 'error');
      assert.equal(r5424?.message, 'pool exhausted');
      const bsd = parseTimestampedLine('Jan 18 09:07:00 pg-host payment-gateway[1234]: ERROR pool exhausted', ctx);
      assert.equal(bsd?.time, at('2024-01-18T09:07:00Z'));
      assert.equal(bsd?.level, 'error');
      assert.equal(bsd?.message, 'pool exhausted');
    });
    it('reads a bracketed full timestamp', () => {
      const p = parseLine('[2024-01-18 09:07:30] ERROR database/pool.go:45 - x', ctx);
      assert.equal(p?.time, at('2024-01-18T09:07:30Z'));
      assert.equal(p?.format, 'iso');
    });
    it('does not take lowercase prose for a level', () => {
      const p = parseTimestampedLine('2024-01-18T09:00:00Z INFO request error handled', ctx);
      assert.equal(p?.level, 'info');
      assert.equal(parseTimestampedLine('2024-01-18T09:00:00Z the connection error was retried', ctx)?.level, 'info');
    });
    it('rejects non-timestamps', () => {
      assert.equal(parseTimestampedLine('2024-13-45T99:00:00Z ERROR x', ctx), null);
      assert.equal(parseTimestampedLine('12345 ERROR x', ctx), null);
      assert.equal(parseTimestampedLine('Foo 18 09:07:00 host app: x', ctx), null);
      assert.equal(parseTimestampedLine('<abc> hello', ctx), null);
    });
  });

  describe('JSON lines', () => {
    it('reads pino (numeric level, epoch ms, err.stack)', () => {
      const p = parseJsonLine(
        JSON.stringify({ level: 50, time: 1705568747123, msg: 'payment failed', err: { stack: 'Error: x\n    at f (/app/src/db/pool.ts:45:11)' } }),
      );
      assert.equal(p?.level, 'error');
      assert.equal(p?.time, 1705568747123);
      assert.equal(p?.message, 'payment failed');
      assert.deepEqual(p?.frames, [{ rawPath: '/app/src/db/pool.ts', line: 45, func: 'f' }]);
    });
    it('reads zap (epoch seconds, caller) and slog (source object)', () => {
      const zap = parseJsonLine('{"level":"error","ts":1705568775.552,"caller":"database/pool.go:45","msg":"x"}');
      assert.equal(zap?.time, 1705568775552);
      assert.deepEqual(zap?.frames, [{ rawPath: 'database/pool.go', line: 45 }]);
      const slog = parseJsonLine('{"time":"2024-01-18T09:07:02.114Z","level":"WARN","source":{"function":"main.retry","file":"/app/h.go","line":58},"msg":"r"}');
      assert.equal(slog?.level, 'warn');
      assert.deepEqual(slog?.frames, [{ rawPath: '/app/h.go', line: 58, func: 'main.retry' }]);
    });
    it('reads @timestamp, severity, lvl, message, file+line and flat "error.stack"', () => {
      const p = parseJsonLine('{"@timestamp":"2024-01-18T09:08:32Z","severity":"CRITICAL","message":"m","file":"x/y.py","line":"12","error.stack":"Traceback (most recent call last):\\n  File \\"/a/b.py\\", line 3, in f\\nE: x"}');
      assert.equal(p?.level, 'fatal');
      assert.equal(p?.time, at('2024-01-18T09:08:32Z'));
      assert.deepEqual(p?.frames, [{ rawPath: 'x/y.py', line: 12 }, { rawPath: '/a/b.py', line: 3, func: 'f' }]);
      assert.equal(parseJsonLine('{"lvl":"panic","t":"2024-01-18T09:15:00Z","message":"m"}')?.level, 'fatal');
    });
    it('keeps HTML in messages verbatim', () => {
      const p = parseJsonLine('{"level":"error","msg":"<script>alert(\'x\')</script> &amp; <b>"}');
      assert.equal(p?.message, "<script>alert('x')</script> &amp; <b>");
    });
    it('rejects truncated JSON, arrays, and objects without a level or message', () => {
      assert.equal(parseJsonLine('{"level":"error","msg":"cut'), null);
      assert.equal(parseJsonLine('{"level":"error","msg":"x"'), null);
      assert.equal(parseJsonLine('[1,2,3]'), null);
      assert.equal(parseJsonLine('{"a":1,"b":2}'), null);
      assert.equal(parseJsonLine('{not json}'), null);
    });
  });

  describe('logfmt', () => {
    it('tokenizes quoted values with escapes and bare keys', () => {
      const m = parseLogfmt('a=1 b="x \\"y\\" \\\\z\\n" c= d');
      assert.deepEqual([...m!.entries()], [['a', '1'], ['b', 'x "y" \\z\n'], ['c', ''], ['d', 'true']]);
    });
    it('reads time, level, message and caller', () => {
      const p = parseLogfmtLine('time=2024-01-18T09:05:47.120Z level=error msg="Failed to acquire connection" caller=database/pool.go:45');
      assert.equal(p?.time, at('2024-01-18T09:05:47.120Z'));
      assert.equal(p?.level, 'error');
      assert.equal(p?.message, 'Failed to acquire connection');
      assert.deepEqual(p?.frames, [{ rawPath: 'database/pool.go', line: 45 }]);
    });
    it('parses a stacktrace value', () => {
      const p = parseLogfmtLine('lvl=ERROR msg=x stacktrace="main.f(...)\\n\\t/app/pool.go:45 +0x1d"');
      assert.deepEqual(p?.frames, [{ rawPath: '/app/pool.go', line: 45, func: 'main.f' }]);
    });
    it('rejects prose, unterminated quotes and pairs without level or message', () => {
      assert.equal(parseLogfmtLine('Connection pool adjusted: maxIdle=100'), null);
      assert.equal(parseLogfmtLine('this line = not logfmt'), null);
      assert.equal(parseLogfmtLine('level=error msg="unterminated'), null);
      assert.equal(parseLogfmtLine('foo=bar baz=1'), null);
    });
  });

  describe('levels and times', () => {
    it('normalizes level words and numbers', () => {
      assert.equal(levelFromWord('WARNING'), 'warn');
      assert.equal(levelFromWord('Err'), 'error');
      assert.equal(levelFromWord('PANIC'), 'fatal');
      assert.equal(levelFromWord('hello'), undefined);
      assert.equal(levelFromValue(50), 'error');
      assert.equal(levelFromValue('60'), 'fatal');
      assert.equal(levelFromValue(30), 'info');
      assert.equal(levelFromValue(20), 'debug');
      assert.equal(levelFromValue(5), undefined);
    });
    it('reads epoch seconds, ms, µs, ns and ISO strings', () => {
      assert.equal(epochToMs(1705568747), 1705568747000);
      assert.equal(epochToMs(1705568747123), 1705568747123);
      assert.equal(epochToMs(1705568747123456), 1705568747123);
      assert.equal(epochToMs(1705568747123456789), 1705568747123);
      assert.equal(timeFromValue('1705568747.5'), 1705568747500);
      assert.ok(Number.isNaN(timeFromValue('yesterday')));
    });
    it('takes the date from a file name only when it is a real date', () => {
      assert.equal(dateFromFileName('/x/payment-gateway-2024-01-18.log'), '2024-01-18');
      assert.equal(dateFromFileName('C:\\logs\\app-2024-02-30.log'), undefined);
      assert.equal(dateFromFileName('/2024-01-18/app.log'), undefined);
    });
  });

  describe('dispatch', () => {
    it('routes by first character and returns null for unknown lines', () => {
      assert.equal(parseLine('{"level":"info","msg":"x"}', ctx)?.format, 'json');
      assert.equal(parseLine('[09:05:47] ERROR x', ctx)?.format, 'seed');
      assert.equal(parseLine('level=warn msg=x', ctx)?.format, 'logfmt');
      assert.equal(parseLine('Jan 18 09:07:00 h app: x', ctx)?.format, 'syslog');
      assert.equal(parseLine('random garbage line', ctx), null);
      assert.equal(parseLine('    at f (/x.js:1:2)', ctx), null);
      assert.equal(parseLine('', ctx), null);
    });
  });
});
