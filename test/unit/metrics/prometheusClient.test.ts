import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EngineError, type EngineErrorReason } from '../../../src/engine/errors';
import { chooseStep, fetchPrometheusRange, MAX_POINTS } from '../../../src/engine/metrics/prometheusClient';

async function rejects(p: Promise<unknown>, reason: EngineErrorReason, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(EngineError.is(e, reason), `expected ${reason}, got ${String(e)}`);
    assert.match(e.message, re);
    return true;
  });
}

const H = 3_600_000;

describe('metrics/prometheusClient: step and input checks', () => {
  it('keeps a requested step that stays within 11,000 points', () => {
    assert.equal(chooseStep(3600, 15), 15);
    assert.equal(chooseStep(60, 1), 1);
  });

  it('raises a step that would exceed 11,000 points', () => {
    const s = chooseStep(86_400, 1);
    assert.ok(86_400 / s + 1 <= MAX_POINTS, String(s));
    assert.equal(s, 10); // the next round step above 86,400 / 10,999 ≈ 7.9 s
  });

  it('picks a round default giving ~2,000 points or fewer', () => {
    assert.equal(chooseStep(8 * 3600), 15);
    assert.equal(chooseStep(24 * 3600), 60);
    assert.equal(chooseStep(120), 1);
    const year = 365 * 86_400;
    assert.ok(year / chooseStep(year) + 1 <= MAX_POINTS);
  });

  it('refuses bad URLs, empty queries and empty ranges before any request', async () => {
    const ok = { name: 'm', query: 'up', start: 0, end: H };
    await rejects(fetchPrometheusRange({ ...ok, url: 'ftp://prom:9090' }), 'badInput', /must be an http:\/\/ or https:\/\/ URL/);
    await rejects(fetchPrometheusRange({ ...ok, url: 'prom:9090:x' }), 'badInput', /not a valid URL|must be an http/);
    await rejects(fetchPrometheusRange({ ...ok, url: 'http://127.0.0.1:9', query: '  ' }), 'badInput', /the query for "m" is empty/);
    await rejects(fetchPrometheusRange({ ...ok, url: 'http://127.0.0.1:9', start: H, end: H }), 'badInput', /end after start/);
  });
});

describe('metrics/prometheusClient behind a failing proxy (local HTTP server)', () => {
  let server: Server;
  let base: string;
  before(
    () =>
      new Promise<void>((resolve) => {
        server = createServer((req, res) => {
          if (req.url?.startsWith('/html/')) {
            res.writeHead(502, { 'content-type': 'text/html' });
            return res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1705560300,');
        });
        server.listen(0, '127.0.0.1', () => {
          base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          resolve();
        });
      }),
  );
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('reports an HTML error page by status, with a short excerpt', async () => {
    await rejects(
      fetchPrometheusRange({ url: `${base}/html`, name: 'lat', query: 'up', start: 0, end: H }),
      'network',
      /HTTP 502: <html><head><title>502 Bad Gateway/,
    );
  });

  it('reports a cut-off JSON answer with its position', async () => {
    await rejects(
      fetchPrometheusRange({ url: base, name: 'lat', query: 'up', start: 0, end: H }),
      'badInput',
      /query_range \(lat\): Prometheus answer is not valid JSON .*truncated/,
    );
  });
});
