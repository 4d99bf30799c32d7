import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EngineError, type EngineErrorReason } from '../../../src/engine/errors';
import { fetchAlertmanagerAlerts } from '../../../src/engine/incident/fetchAlertmanagerAlerts';

const V2 = readFileSync(join(__dirname, '../../fixtures/alerts/alertmanager-v2-alerts.json'), 'utf8');

/** A real HTTP server on 127.0.0.1 answering like Alertmanager for a few paths. */
function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

async function rejects(p: Promise<unknown>, reason: EngineErrorReason, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(EngineError.is(e, reason), `expected ${reason}, got ${String(e)}`);
    assert.match(e.message, re);
    return true;
  });
}

describe('incident/fetchAlertmanagerAlerts (local HTTP server)', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  let hangers: ServerResponse[] = [];

  before(async () => {
    ({ server, base } = await serve((req, res) => {
      seen.push(req.url ?? '');
      const path = (req.url ?? '').split('?')[0];
      const json = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (path === '/api/v2/alerts' || path === '/am/api/v2/alerts') return json(200, V2);
      if (path === '/empty/api/v2/alerts') return json(200, '[]');
      if (path === '/broken/api/v2/alerts') return json(200, V2.slice(0, 300));
      if (path === '/down/api/v2/alerts') {
        res.writeHead(503, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      }
      if (path === '/slow/api/v2/alerts') return void hangers.push(res); // never answers
      json(404, '{"code":404,"message":"path not found"}');
    }));
  });

  after(async () => {
    for (const r of hangers) r.destroy();
    hangers = [];
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('fetches the active alerts and normalizes them', async () => {
    const alerts = await fetchAlertmanagerAlerts(base);
    assert.deepEqual(
      alerts.map((a) => [a.source, a.service, a.metric]),
      [
        ['alertmanager-v2', 'payment-gateway', 'database_connection_wait_time_ms'],
        ['alertmanager-v2', 'payment-gateway', 'http_request_duration_p95'],
      ],
    );
    assert.ok(seen.includes('/api/v2/alerts?active=true'), seen.join(', '));
  });

  it('keeps a path prefix of the base URL (reverse proxies)', async () => {
    const alerts = await fetchAlertmanagerAlerts(`${base}/am/`);
    assert.equal(alerts.length, 2);
  });

  it('returns an empty list when nothing fires', async () => {
    assert.deepEqual(await fetchAlertmanagerAlerts(`${base}/empty`), []);
  });

  it('reports non-2xx answers with the status and a short body', async () => {
    await rejects(fetchAlertmanagerAlerts(`${base}/down`), 'network', /HTTP 503: <html><body><h1>503 Service Unavailable/);
    await rejects(fetchAlertmanagerAlerts(`${base}/nothing-here`), 'network', /HTTP 404/);
  });

  it('reports a bad JSON body with its position', async () => {
    await rejects(fetchAlertmanagerAlerts(`${base}/broken`), 'badInput', /\/broken\/api\/v2\/alerts\?active=true: alert file is not valid JSON.*truncated/);
  });

  it('refuses non-http(s) and malformed URLs', async () => {
    await rejects(fetchAlertmanagerAlerts('file:///etc/passwd'), 'badInput', /must be an http:\/\/ or https:\/\/ URL, got file:/);
    await rejects(fetchAlertmanagerAlerts('not a url'), 'badInput', /is not a valid URL/);
  });

  it('times out, and honours cancellation', async () => {
    await rejects(fetchAlertmanagerAlerts(`${base}/slow`, undefined, 300), 'network', /timed out/);
    const ctl = new AbortController();
    const p = fetchAlertmanagerAlerts(`${base}/slow`, ctl.signal);
    setTimeout(() => ctl.abort(), 50);
    await rejects(p, 'cancelled', /cancelled/);
  });

  it('reports a refused connection', async () => {
    const { server: s, base: closed } = await serve(() => undefined);
    await new Promise((r) => s.close(r));
    await rejects(fetchAlertmanagerAlerts(closed), 'network', /request failed: ECONNREFUSED/);
  });
});
