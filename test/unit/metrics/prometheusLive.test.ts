import { strict as assert } from 'node:assert';
import { EngineError } from '../../../src/engine/errors';
import { fetchPrometheusRange } from '../../../src/engine/metrics/prometheusClient';
import { tempDir } from '../../support/tmp';
import { prometheusInstalled, PROMETHEUS_BIN, startPrometheus, type PrometheusProcess } from './support/prometheusProcess';

/**
 * Against a real Prometheus (Debian package `prometheus`, /usr/bin/prometheus)
 * started here on 127.0.0.1, scraping only itself every second.
 * Without the binary: skipped locally, a failure on CI (CI=true).
 */
describe('metrics/fetchPrometheusRange against a real Prometheus', function () {
  this.timeout(45_000);
  let prom: PrometheusProcess | undefined;

  before(async function () {
    if (!prometheusInstalled()) {
      if (process.env.CI === 'true') throw new Error(`${PROMETHEUS_BIN} is missing: install the Debian package "prometheus"`);
      console.warn(`      skipped: ${PROMETHEUS_BIN} not found (apt-get install prometheus)`);
      this.skip();
    }
    prom = await startPrometheus(
      tempDir('ifx-prom-'),
      (port) =>
        [
          'global:',
          '  scrape_interval: 1s',
          '  evaluation_interval: 1s',
          'scrape_configs:',
          '  - job_name: prometheus',
          '    static_configs:',
          `      - targets: ['127.0.0.1:${port}']`,
          '',
        ].join('\n'),
    );
    // Wait for five samples of `up` (about 5 s of scraping).
    const deadline = Date.now() + 25_000;
    for (;;) {
      const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent('count_over_time(up[1m])')}`);
      const body = (await res.json()) as { data?: { result?: { value: [number, string] }[] } };
      const n = Number(body.data?.result?.[0]?.value[1] ?? 0);
      if (n >= 5) break;
      if (Date.now() > deadline) throw new Error(`up has ${n} samples after 25 s:\n${prom.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  after(async () => {
    await prom?.stop();
  });

  it('reads the range of `up` as one series with ≥ 5 points of 1', async () => {
    const end = Date.now();
    const series = await fetchPrometheusRange({ url: prom!.url, name: 'up', query: 'up', start: end - 60_000, end, step: 1 });
    assert.equal(series.length, 1);
    const [s] = series;
    assert.equal(s!.name, 'up');
    assert.equal(s!.labels.job, 'prometheus');
    assert.equal(s!.labels.instance, `127.0.0.1:${prom!.port}`);
    assert.ok(s!.points.length >= 5, String(s!.points.length));
    assert.ok(s!.points.every((p) => p.v === 1));
    assert.ok(s!.points.every((p) => p.t >= end - 61_000 && p.t <= end + 1000));
    for (let i = 1; i < s!.points.length; i++) assert.equal(s!.points[i]!.t - s!.points[i - 1]!.t, 1000);
    assert.match(s!.source, /^http:\/\/127\.0\.0\.1:\d+ up$/);
  });

  it('names an expression result after the configured name', async () => {
    const end = Date.now();
    const [s] = await fetchPrometheusRange({ url: `${prom!.url}/`, name: 'scrape_rate', query: 'sum(rate(prometheus_http_requests_total[10s]))', start: end - 30_000, end, step: 2 });
    assert.equal(s!.name, 'scrape_rate');
    assert.deepEqual(s!.labels, {});
    assert.ok(s!.points.length >= 1);
  });

  it('raises a too-fine step so Prometheus accepts a whole day', async () => {
    const end = Date.now();
    const [s] = await fetchPrometheusRange({ url: prom!.url, name: 'up', query: 'up', start: end - 86_400_000, end, step: 1 });
    assert.ok(s!.points.length >= 1 && s!.points.length <= 11_000);
  });

  it('returns no series for a query that matches nothing', async () => {
    const end = Date.now();
    assert.deepEqual(await fetchPrometheusRange({ url: prom!.url, name: 'x', query: 'no_such_metric_xyz', start: end - 60_000, end }), []);
  });

  it("passes Prometheus's own error text for a bad query", async () => {
    const end = Date.now();
    await assert.rejects(
      fetchPrometheusRange({ url: prom!.url, name: 'broken', query: 'rate(up[5m]', start: end - 60_000, end }),
      (e: unknown) => EngineError.is(e, 'badInput') && /Prometheus rejected the query "rate\(up\[5m\]": .*parse error/.test(e.message),
    );
  });

  it('reports a wrong path prefix as an HTTP error', async () => {
    const end = Date.now();
    await assert.rejects(
      fetchPrometheusRange({ url: `${prom!.url}/not-prometheus`, name: 'up', query: 'up', start: end - 60_000, end }),
      (e: unknown) => EngineError.is(e, 'network') && /HTTP 404/.test(e.message),
    );
  });
});
