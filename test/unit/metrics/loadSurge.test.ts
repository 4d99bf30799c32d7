import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { isLoadSeries, loadSurge, surgeStrength } from '../../../src/engine/metrics/loadSurge';
import { readMetricsFile } from '../../../src/engine/metrics/readMetricsFile';
import type { MetricSeries } from '../../../src/engine/model';

const FIX = join(__dirname, '../../fixtures/metrics');
const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 18, 6, 0);

function series(name: string, f: (i: number) => number, n = 360): MetricSeries {
  return { name, labels: {}, points: Array.from({ length: n }, (_v, i) => ({ t: T0 + i * MIN, v: f(i) })), source: 'test' };
}

describe('metrics/loadSurge', () => {
  it('knows request rates by name, and not durations, errors or sizes of requests', () => {
    for (const n of ['http_requests_per_second', 'rate(http_requests_total[5m])', 'payment_request_rate', 'rps', 'grpc_server_calls', 'qps']) assert.ok(isLoadSeries(n), n);
    for (const n of ['http_request_duration_p95', 'http_request_duration_seconds_bucket', 'http_error_rate', 'http_requests_failed_total', 'request_size_bytes', 'db_connection_pool_active', 'requests_in_flight']) assert.ok(!isLoadSeries(n), n);
  });

  it('finds a tripled request rate and where it rose', () => {
    const s = loadSurge([series('http_requests_per_second', (i) => (i < 240 ? 200 : 600) + (i % 5))], T0 + 360 * MIN);
    assert.ok(s, 'a surge');
    assert.equal(s!.at, T0 + 240 * MIN);
    assert.ok(s!.ratio > 2.9 && s!.ratio < 3.1, String(s!.ratio));
    assert.equal(surgeStrength(s!), 1);
  });

  it('sees no surge in a steady or gently swinging rate, a falling one, or a latency that tripled', () => {
    const alert = T0 + 360 * MIN;
    assert.equal(loadSurge([series('http_requests_per_second', (i) => 500 + 60 * Math.sin(i / 60))], alert), undefined);
    assert.equal(loadSurge([series('http_requests_per_second', (i) => (i < 240 ? 600 : 200))], alert), undefined);
    assert.equal(loadSurge([series('http_request_duration_p95', (i) => (i < 240 ? 100 : 300))], alert), undefined);
  });

  it('finds none in the seed scenario, where a code change (not load) broke the service (a real Prometheus answer)', async () => {
    const rate = await readMetricsFile(join(FIX, 'payment_request_rate.query_range.json'));
    assert.ok(rate.length > 0 && rate.every((s) => isLoadSeries(s.name)), rate.map((s) => s.name).join());
    assert.equal(loadSurge(rate, Date.parse('2024-01-18T09:15:00Z')), undefined);
  });
});
