import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../../src/engine/errors';
import { detectAlertFormat, listFiringAlerts, parseAlert } from '../../../src/engine/incident/parseAlert';
import { readAlertFile, readFiringAlerts } from '../../../src/engine/incident/readAlertFile';
import { tempDir } from '../../support/tmp';

const FIX = join(__dirname, '../../fixtures/alerts');
const fixture = (name: string) => readFileSync(join(FIX, name), 'utf8');

/** Runs fn, asserts it throws EngineError badInput, returns the message. */
function badInput(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(EngineError.is(e, 'badInput'), `expected badInput, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected an error');
}

async function badInputAsync(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(EngineError.is(e, 'badInput'), `expected badInput, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected an error');
}

describe('incident/parseAlert: formats', () => {
  it('reads the seed format', async () => {
    const inc = await readAlertFile(join(FIX, 'seed-payment-latency.json'));
    assert.deepEqual(inc, {
      id: 'INC-2024-01-18-001',
      service: 'payment-gateway',
      metric: 'http_request_duration_p95',
      alertTime: '2024-01-18T09:15:00.000Z',
      threshold: 200,
      actualValue: 587,
      deviationPercent: 193.5,
      severity: 'HIGH',
      source: 'seed',
      endpoints: ['POST /api/v1/payments/process', 'POST /api/v1/payments/refund'],
      region: 'us-east-1',
      instanceCount: 8,
      requestVolume: 1420,
    });
  });

  it('reads an Alertmanager webhook: first firing alert, service label wins over job', () => {
    const inc = parseAlert(fixture('alertmanager-webhook.json'), 'am.json');
    assert.equal(inc.source, 'alertmanager-webhook');
    assert.equal(inc.id, 'a3f9e1c27b4d5e60');
    assert.equal(inc.service, 'payment-gateway');
    assert.equal(inc.metric, 'http_request_duration_p95');
    // nanosecond fraction trimmed to ms
    assert.equal(inc.alertTime, '2024-01-18T09:15:00.482Z');
    assert.equal(inc.threshold, 200);
    assert.equal(inc.actualValue, 587.4);
    assert.equal(inc.severity, 'critical');
    assert.equal(inc.region, 'us-east-1');
    assert.deepEqual(inc.endpoints, ['POST /api/v1/payments/process']);
    assert.equal(inc.summary, 'p95 latency of payment-gateway above 200ms');
    assert.equal(inc.labels?.pod, 'payment-gateway-7d9c6b5f4-x2klm');
  });

  it('lists every firing webhook alert, skipping resolved ones', () => {
    const all = listFiringAlerts(fixture('alertmanager-webhook.json'), 'am.json');
    assert.deepEqual(
      all.map((i) => [i.metric, i.service]),
      [
        ['http_request_duration_p95', 'payment-gateway'],
        ['DBConnectionPoolSaturated', 'payment-gateway'], // from the app label
      ],
    );
    assert.equal(all[1]!.summary, 'active connections at 198 of 200');
    assert.equal(all[1]!.actualValue, 198);
  });

  it('reads an Alertmanager API v2 list: active alerts only, suppressed skipped', async () => {
    const all = await readFiringAlerts(join(FIX, 'alertmanager-v2-alerts.json'));
    assert.deepEqual(
      all.map((i) => i.id),
      ['9f8e7d6c5b4a3f21', 'a3f9e1c27b4d5e60'],
    );
    const first = parseAlert(fixture('alertmanager-v2-alerts.json'), 'v2.json');
    assert.equal(first.source, 'alertmanager-v2');
    assert.equal(first.service, 'payment-gateway');
    assert.equal(first.metric, 'database_connection_wait_time_ms');
    assert.equal(first.alertTime, '2024-01-18T09:14:45.112Z');
    assert.equal(first.actualValue, 1245);
    assert.equal(first.summary, 'database connection wait time above 100ms');
  });

  it('reads a seed timestamp without offset as UTC', () => {
    const s = JSON.parse(fixture('seed-payment-latency.json'));
    s.timestamp = '2024-01-18T09:15:00';
    assert.equal(parseAlert(JSON.stringify(s), 'seed.json').alertTime, '2024-01-18T09:15:00.000Z');
  });

  it('treats a v2 alert without status as active', () => {
    const text = JSON.stringify([{ labels: { alertname: 'Up', job: 'api' }, annotations: {}, startsAt: '2024-01-18T09:00:00Z' }]);
    const inc = parseAlert(text, 'v2.json');
    assert.equal(inc.service, 'api');
    assert.match(inc.id, /^Up-api-20240118T0900$/);
  });

  it('reads a CloudWatch EventBridge alarm state change', () => {
    const inc = parseAlert(fixture('cloudwatch-eventbridge.json'), 'eb.json');
    assert.equal(inc.source, 'cloudwatch-eventbridge');
    assert.equal(inc.service, 'payment-gateway'); // ServiceName dimension
    assert.equal(inc.metric, 'http_request_duration_p95');
    assert.equal(inc.alertTime, '2024-01-18T09:15:00.833Z'); // +0000 offset without colon
    assert.equal(inc.threshold, 200);
    assert.equal(inc.actualValue, 587);
    assert.equal(inc.region, 'us-east-1');
    assert.equal(inc.id, 'payment-gateway-latency-p95-high-20240118T0915');
    assert.equal(inc.labels?.Environment, 'production');
  });

  it('reads the CloudWatch SNS form; service from the alarm name when no dimension names it', () => {
    const inc = parseAlert(fixture('cloudwatch-sns.json'), 'sns.json');
    assert.equal(inc.source, 'cloudwatch-sns');
    assert.equal(inc.service, 'payment-gateway');
    assert.equal(inc.metric, 'TargetResponseTime');
    assert.equal(inc.threshold, 0.2);
    assert.equal(inc.actualValue, 0.587);
    assert.equal(inc.region, 'us-east-1'); // from the ARN, not "US East (N. Virginia)"
    assert.equal(inc.labels?.LoadBalancer, 'app/payment-gateway-prod/50dc6c495c0c9188');
  });

  it('unwraps an SNS notification envelope (Message holds the alarm JSON)', () => {
    const inc = parseAlert(fixture('cloudwatch-sns-envelope.json'), 'env.json');
    assert.equal(inc.source, 'cloudwatch-sns');
    assert.equal(inc.service, 'orders'); // Service dimension
    assert.equal(inc.metric, 'HTTPCode_Target_5XX_Count');
    assert.equal(inc.actualValue, 112); // newest datapoint, listed first in the reason
    assert.equal(inc.threshold, 25);
    assert.equal(inc.region, 'eu-west-1');
  });

  it('unwraps a Lambda SNS event (Records[0].Sns.Message)', () => {
    const alarm = fixture('cloudwatch-sns.json');
    const text = JSON.stringify({ Records: [{ EventSource: 'aws:sns', Sns: { Type: 'Notification', Message: alarm } }] });
    assert.equal(parseAlert(text, 'lambda.json').service, 'payment-gateway');
  });

  it('detects each fixture format', () => {
    const expect: Record<string, string> = {
      'seed-payment-latency.json': 'seed',
      'alertmanager-webhook.json': 'alertmanager-webhook',
      'alertmanager-v2-alerts.json': 'alertmanager-v2',
      'cloudwatch-eventbridge.json': 'cloudwatch-eventbridge',
      'cloudwatch-sns.json': 'cloudwatch-sns',
      'cloudwatch-sns-envelope.json': 'cloudwatch-sns',
    };
    for (const [file, id] of Object.entries(expect)) assert.equal(detectAlertFormat(fixture(file), file), id, file);
  });

  it('keeps HTML in strings as data', () => {
    const inc = parseAlert(fixture('alertmanager-webhook.json'), 'am.json');
    assert.equal(inc.labels?.endpoint, 'POST /api/v1/payments/process');
    const text = JSON.stringify({
      alert_id: '<img src=x onerror=alert(1)>',
      timestamp: '2024-01-18T09:15:00Z',
      service: 'payment-gateway',
      metric: 'latency',
      summary: '<script>alert("x")</script> & more',
    });
    const seed = parseAlert(text, 'seed.json');
    assert.equal(seed.summary, '<script>alert("x")</script> & more');
    // ids become file names, so they are made safe; the rest is untouched
    assert.match(seed.id, /^[A-Za-z0-9._-]+$/);
  });
});

describe('incident/parseAlert: bad input', () => {
  it('names the position of truncated JSON and says it looks truncated', () => {
    const full = fixture('alertmanager-webhook.json');
    const msg = badInput(() => parseAlert(full.slice(0, Math.floor(full.length * 0.6)), 'cut.json'));
    assert.match(msg, /^cut\.json: /);
    assert.match(msg, /not valid JSON at line \d+, column \d+/);
    assert.match(msg, /truncated/);
  });

  it('points at a syntax error in the middle', () => {
    const msg = badInput(() => parseAlert('{\n  "alert_id": "x",\n  "service" "a"\n}', 'mid.json'));
    assert.match(msg, /line 3, column 13/);
    assert.doesNotMatch(msg, /truncated/);
  });

  it('names the formats tried and the first field that did not fit', () => {
    const w = JSON.parse(fixture('alertmanager-webhook.json'));
    w.alerts[0].startsAt = 'yesterday';
    const msg = badInput(() => parseAlert(JSON.stringify(w), 'am.json'));
    assert.match(msg, /^am\.json: not a recognized alert/);
    assert.match(msg, /tried seed, alertmanager-webhook, alertmanager-v2, cloudwatch-eventbridge, cloudwatch-sns/);
    assert.match(msg, /closest is alertmanager-webhook, where alerts\[0\]\.startsAt: expected ISO-8601 date \(got "yesterday"\)/);
  });

  it('reports wrong types with what was found', () => {
    const w = JSON.parse(fixture('alertmanager-webhook.json'));
    w.alerts[1].labels.alertname = 42;
    assert.match(badInput(() => parseAlert(JSON.stringify(w), 'am.json')), /alerts\[1\]\.labels\.alertname: expected string, got number/);
    const s = JSON.parse(fixture('seed-payment-latency.json'));
    s.threshold = 'high';
    assert.match(badInput(() => parseAlert(JSON.stringify(s), 's.json')), /closest is seed, where threshold: expected a number/);
    delete s.threshold;
    delete s.timestamp;
    assert.match(badInput(() => parseAlert(JSON.stringify(s), 's.json')), /timestamp: missing \(expected string\)/);
    const cw = JSON.parse(fixture('cloudwatch-eventbridge.json'));
    cw.detail.state = 'ALARM';
    assert.match(badInput(() => parseAlert(JSON.stringify(cw), 'cw.json')), /closest is cloudwatch-eventbridge, where detail\.state: expected object, got string/);
  });

  it('refuses an empty alerts list', () => {
    assert.match(
      badInput(() => parseAlert('{"version":"4","status":"firing","alerts":[]}', 'e.json')),
      /alerts: expected at least one alert, the list is empty/,
    );
    assert.match(badInput(() => parseAlert('[]', 'v2.json')), /alertmanager-v2, where \(top level\): expected at least one alert/);
  });

  it('refuses a file with no firing alert, saying why', () => {
    assert.match(
      badInput(() => parseAlert(fixture('alertmanager-webhook-resolved.json'), 'r.json')),
      /^r\.json: alertmanager-webhook: no firing alert: all 1 alert\(s\) are resolved/,
    );
    assert.deepEqual(listFiringAlerts(fixture('alertmanager-webhook-resolved.json'), 'r.json'), []);
    const ok = JSON.parse(fixture('cloudwatch-sns.json'));
    ok.NewStateValue = 'OK';
    assert.match(badInput(() => parseAlert(JSON.stringify(ok), 'ok.json')), /is in state OK, not ALARM/);
    const v2 = JSON.parse(fixture('alertmanager-v2-alerts.json')).slice(0, 1);
    assert.match(badInput(() => parseAlert(JSON.stringify(v2), 'v2.json')), /no active alert among 1 \(states: suppressed\)/);
  });

  it('refuses an Alertmanager alert without any service label', () => {
    const text = JSON.stringify({ version: '4', alerts: [{ status: 'firing', labels: { alertname: 'X' }, startsAt: '2024-01-18T09:00:00Z' }] });
    assert.match(badInput(() => parseAlert(text, 'n.json')), /alerts\[0\]\.labels: no service label \(looked for service, job, app/);
  });

  it('refuses JSON that is no alert at all, listing the formats', () => {
    const msg = badInput(() => parseAlert('{"hello":"world"}', 'x.json'));
    assert.match(msg, /not a recognized alert \(the top level is an object\); tried seed, alertmanager-webhook/);
    assert.match(badInput(() => parseAlert('42', 'n.json')), /the top level is a number/);
    assert.match(badInput(() => parseAlert('   \n', 'blank.json')), /alert file is empty/);
  });

  it('refuses an SNS envelope whose Message is not JSON', () => {
    const text = JSON.stringify({ Type: 'Notification', TopicArn: 'arn:aws:sns:x', Message: '{"AlarmName": "a", ' });
    assert.match(badInput(() => parseAlert(text, 'env.json')), /env\.json \(Message\).*not valid JSON.*truncated/);
  });

  it('refuses binary junk, in a file and as text', async () => {
    const dir = tempDir();
    const bin = join(dir, 'alert.json');
    const bytes = Buffer.alloc(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    bytes[10] = 0;
    writeFileSync(bin, bytes);
    assert.match(await badInputAsync(readAlertFile(bin)), /alert\.json: alert file looks binary/);
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0xe8, 0x22, 0x7d]));
    assert.match(await badInputAsync(readAlertFile(latin1)), /not valid UTF-8/);
    assert.match(badInput(() => parseAlert('\u0000\u0001\u0002garbage', 'b.json')), /looks binary/);
  });

  it('refuses a huge file before reading it, but accepts a long field inside the cap', async () => {
    const dir = tempDir();
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '[' + '0,'.repeat(3 * 1024 * 1024) + '0]');
    assert.match(await badInputAsync(readAlertFile(huge)), /alert file is 6\.0 MB, larger than the 5\.0 MB limit/);
    const s = JSON.parse(fixture('seed-payment-latency.json'));
    s.summary = '<p>' + 'x'.repeat(1024 * 1024) + '</p>';
    const big = join(dir, 'long-line.json');
    writeFileSync(big, JSON.stringify(s));
    const inc = await readAlertFile(big);
    assert.equal(inc.summary!.length, 1024 * 1024 + 7);
  });

  it('reports a missing file and a directory clearly', async () => {
    const dir = tempDir();
    assert.match(await badInputAsync(readAlertFile(join(dir, 'nope.json'))), /nope\.json: cannot read alert file: no such file/);
    assert.match(await badInputAsync(readAlertFile(dir)), /is a directory/);
    assert.match(await badInputAsync(readAlertFile('/dev/zero')), /\/dev\/zero: cannot read alert file: not a regular file/);
  });

  it('reads a file with a UTF-8 byte order mark', async () => {
    const dir = tempDir();
    const p = join(dir, 'bom.json');
    writeFileSync(p, '\ufeff' + fixture('seed-payment-latency.json'));
    assert.equal((await readAlertFile(p)).id, 'INC-2024-01-18-001');
  });
});
