import { strict as assert } from 'node:assert';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../../src/engine/errors';
import { parseCsvTime, parseMetricsCsv } from '../../../src/engine/metrics/csvMetrics';
import { seriesFromPrometheus } from '../../../src/engine/metrics/prometheusJson';
import { parseMetricsText, readMetricsFile } from '../../../src/engine/metrics/readMetricsFile';
import { baseName } from '../../../src/engine/metrics/seriesName';
import { tempDir } from '../../support/tmp';

const FIX = join(__dirname, '../../fixtures/metrics');
const fx = (f: string) => join(FIX, f);

async function badInput(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    assert.ok(EngineError.is(e, 'badInput'), `expected badInput, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected an error');
}

describe('metrics/prometheus JSON (answers saved from a real Prometheus 2.42)', () => {
  it('reads a matrix with two series, named by __name__ plus labels', async () => {
    const s = await readMetricsFile(fx('payment-pool-active.query_range.json'));
    assert.equal(s.length, 2);
    assert.equal(s[0]!.name, 'database_connection_pool_active{instance="10.0.4.21:9102",job="payment-gateway",service="payment-gateway"}');
    assert.equal(s[0]!.labels.instance, '10.0.4.21:9102');
    assert.equal(s[0]!.points.length, 661); // 06:45–09:30 every 15 s
    assert.deepEqual(s[0]!.points[0], { t: Date.UTC(2024, 0, 18, 6, 45), v: 18 });
    assert.equal(s[0]!.source, fx('payment-pool-active.query_range.json'));
    for (let i = 1; i < s[0]!.points.length; i++) assert.ok(s[0]!.points[i]!.t > s[0]!.points[i - 1]!.t);
  });

  it('names a single series by __name__ alone', async () => {
    const [s] = await readMetricsFile(fx('payment-wait-time.query_range.json'));
    assert.equal(s!.name, 'database_connection_wait_time_ms');
    assert.equal(s!.labels.service, 'payment-gateway');
  });

  it('names a series without __name__ (an expression) after the file', async () => {
    const [s] = await readMetricsFile(fx('payment_request_rate.query_range.json'));
    assert.equal(s!.name, 'payment_request_rate');
    assert.deepEqual(s!.labels, { service: 'payment-gateway' });
  });

  it('accepts vector and scalar answers as one-point series', async () => {
    const v = await readMetricsFile(fx('payment-pool-active.vector.json'));
    assert.equal(v.length, 2);
    assert.equal(v[0]!.points.length, 1);
    assert.equal(v[0]!.points[0]!.t, Date.UTC(2024, 0, 18, 9, 15));
    const sc = await readMetricsFile(fx('payment-pool-total.scalar.json'));
    assert.deepEqual(sc.map((x) => [x.name, x.points]), [['payment-pool-total', [{ t: Date.UTC(2024, 0, 18, 9, 15), v: 133 }]]]);
  });

  it('accepts the bare data object and drops NaN / ±Inf samples', () => {
    const data = { resultType: 'matrix', result: [{ metric: { __name__: 'x' }, values: [[1705560300, '1'], [1705560315, 'NaN'], [1705560330, '+Inf'], [1705560345.5, '2.5']] }] };
    const [s] = seriesFromPrometheus(data, 'bare.json', 'bare');
    assert.deepEqual(s!.points, [{ t: 1705560300000, v: 1 }, { t: 1705560345500, v: 2.5 }]);
  });

  it('turns a Prometheus error answer into its error text', async () => {
    const msg = await badInput(readMetricsFile(fx('prometheus-error.json')));
    assert.match(msg, /prometheus-error\.json: Prometheus answered with an error \(bad_data\): 1:41: parse error: unclosed left parenthesis/);
  });

  it('names the first field that does not fit', () => {
    const wrong = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[1705560300, 12]] }] } });
    return badInput(() => parseMetricsText(wrong, 'w.json')).then((m) =>
      assert.match(m, /^w\.json: not a Prometheus query_range answer: data\.result\[0\]\.values\[0\]\[1\]: expected string, got number/),
    );
  });

  it('refuses other result types and other JSON', async () => {
    const str = JSON.stringify({ status: 'success', data: { resultType: 'string', result: [1, 'x'] } });
    assert.match(await badInput(() => parseMetricsText(str, 's.json')), /data\.resultType: /);
    assert.match(await badInput(() => parseMetricsText('{"hello":1}', 'h.json')), /status: /);
  });

  it('reports truncated JSON with line and column', async () => {
    const text = readFileSync(fx('payment-wait-time.query_range.json'), 'utf8').slice(0, 5000);
    const msg = await badInput(() => parseMetricsText(text, 'cut.json'));
    assert.match(msg, /^cut\.json: metrics file is not valid JSON at line 1, column 5001 .*truncated/);
  });
});

describe('metrics/CSV', () => {
  it('reads ISO-8601 timestamps, naming the series after the file', async () => {
    const [s, ...rest] = await readMetricsFile(fx('database_connection_wait_time_ms.csv'));
    assert.equal(rest.length, 0);
    assert.equal(s!.name, 'database_connection_wait_time_ms');
    assert.equal(s!.points.length, 166);
    assert.deepEqual(s!.points[0], { t: Date.UTC(2024, 0, 18, 6, 45), v: 0.85 });
  });

  it('reads unix seconds with CRLF line ends', async () => {
    const [s] = await readMetricsFile(fx('http_request_duration_p95_ms.csv'));
    assert.equal(s!.name, 'http_request_duration_p95_ms');
    assert.deepEqual(s!.points[0], { t: 1705560300000, v: 156.5 });
  });

  it('reads unix milliseconds, comments, several value columns and gaps', async () => {
    const s = await readMetricsFile(fx('pool_by_instance.csv'));
    assert.deepEqual(s.map((x) => x.name), ['pool_active_21', 'pool_active_22']);
    assert.equal(s[0]!.points.length, 166);
    assert.equal(s[1]!.points.length, 165); // one empty cell is a gap
    assert.equal(s[0]!.points[0]!.t, 1705560300000);
  });

  it('tells time units apart by magnitude', () => {
    const ms = Date.UTC(2024, 0, 18, 9, 15);
    assert.equal(parseCsvTime('1705569300'), ms);
    assert.equal(parseCsvTime('1705569300.25'), ms + 250);
    assert.equal(parseCsvTime('1705569300000'), ms);
    assert.equal(parseCsvTime('1705569300000000'), ms);
    assert.equal(parseCsvTime('1705569300000000000'), ms);
    assert.equal(parseCsvTime('2024-01-18 09:15:00'), ms);
    assert.equal(parseCsvTime('soon'), undefined);
  });

  it('sorts out-of-order rows and accepts quoted cells', () => {
    const [s] = parseMetricsCsv('"timestamp","value"\n1705569360,"2"\n1705569300,1\n', 'q.csv');
    assert.deepEqual(s!.points.map((p) => p.v), [1, 2]);
  });

  it('says which line and field is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['value,timestamp\n1,2\n', /^x\.csv:1: expected a CSV header "timestamp,value", got "value,timestamp"/],
      ['timestamp,value\n1705569300,1\nyesterday,2\n', /^x\.csv:3: timestamp "yesterday" is neither ISO-8601 nor unix/],
      ['timestamp,value\n1705569300,1\n1705569360,12ms\n', /^x\.csv:3: value "12ms" is not a number/],
      ['timestamp,value\n1705569300,1,7\n', /^x\.csv:2: expected 2 fields like the header on line 1, got 3/],
      ['# only a comment\n\n', /^x\.csv: the CSV is empty/],
    ];
    for (const [text, re] of cases) assert.match(await badInput(() => parseMetricsCsv(text, 'x.csv')), re);
  });

  it('keeps HTML out of the CSV parser with a clear message', async () => {
    const m = await badInput(() => parseMetricsText('<!doctype html><html>502 Bad Gateway</html>', 'page.csv'));
    assert.match(m, /looks like HTML, expected Prometheus query_range JSON or a CSV/);
  });
});

describe('metrics/readMetricsFile: hostile files', () => {
  it('refuses binary data and non-UTF-8 text', async () => {
    const dir = tempDir();
    const bin = join(dir, 'm.csv');
    writeFileSync(bin, Buffer.from([0x74, 0x69, 0x00, 0xff, 0x10, 0x00, 0x7f]));
    assert.match(await badInput(readMetricsFile(bin)), /m\.csv: metrics file looks binary/);
    const latin = join(dir, 'l.csv');
    writeFileSync(latin, Buffer.from('timestamp,value\n1705569300,1\n# caf\xe9\n', 'latin1'));
    assert.match(await badInput(readMetricsFile(latin)), /not valid UTF-8/);
  });

  it('refuses a file over the size cap before reading it', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024); // sparse: nothing is written
    assert.match(await badInput(readMetricsFile(big)), /metrics file is 65\.0 MB, larger than the 64\.0 MB limit/);
  });

  it('accepts a 1 MB comment line in a CSV', async () => {
    const dir = tempDir();
    const p = join(dir, 'cpu.csv');
    writeFileSync(p, `# ${'<b>'.repeat(350_000)}\ntimestamp,value\n2024-01-18T09:00:00Z,0.5\n`);
    const [s] = await readMetricsFile(p);
    assert.deepEqual(s!.points, [{ t: Date.UTC(2024, 0, 18, 9), v: 0.5 }]);
  });

  it('reports a missing file', async () => {
    assert.match(await badInput(readMetricsFile(join(tempDir(), 'none.csv'))), /none\.csv: cannot read metrics file: no such file/);
  });

  it('derives names from file names', () => {
    assert.equal(baseName('/a/b/db_pool_active.csv'), 'db_pool_active');
    assert.equal(baseName('C:\\m\\latency.query_range.json'), 'latency');
    assert.equal(baseName('.hidden'), '.hidden');
  });
});
