import { strict as assert } from 'node:assert';
import { EngineError } from '../../../src/engine/errors';
import { serviceFromAlarmName } from '../../../src/engine/incident/cloudwatchAlarm';
import { incidentFromFlags } from '../../../src/engine/incident/incidentFromFlags';
import { compactUtc, parseIsoTime, safeId } from '../../../src/engine/incident/isoTime';

describe('incident/incidentFromFlags', () => {
  it('builds an incident with an INC-<service>-<time> id', () => {
    assert.deepEqual(incidentFromFlags({ service: 'payment-gateway', metric: 'latency_p95', at: '2024-01-18T09:15:00Z' }), {
      id: 'INC-payment-gateway-20240118T0915',
      service: 'payment-gateway',
      metric: 'latency_p95',
      alertTime: '2024-01-18T09:15:00.000Z',
      source: 'flags',
    });
  });

  it('converts offsets to UTC and reads a time without zone as UTC', () => {
    assert.equal(incidentFromFlags({ service: 's', metric: 'm', at: '2024-01-18T10:15:00+01:00' }).alertTime, '2024-01-18T09:15:00.000Z');
    assert.equal(incidentFromFlags({ service: 's', metric: 'm', at: '2024-01-18 09:15' }).alertTime, '2024-01-18T09:15:00.000Z');
  });

  it('rejects bad times and empty names, naming the flag', () => {
    const cases: [Parameters<typeof incidentFromFlags>[0], RegExp][] = [
      [{ service: 's', metric: 'm', at: 'yesterday' }, /^--at: "yesterday" is not an ISO-8601 date-time/],
      [{ service: 's', metric: 'm', at: '2024-02-30T00:00:00Z' }, /^--at: /],
      [{ service: 's', metric: 'm', at: '' }, /^--at: expected the alert time/],
      [{ service: '  ', metric: 'm', at: '2024-01-18T09:15:00Z' }, /^--service: expected a non-empty/],
      [{ service: 's', metric: '', at: '2024-01-18T09:15:00Z' }, /^--metric: expected a non-empty/],
    ];
    for (const [flags, re] of cases) {
      assert.throws(() => incidentFromFlags(flags), (e: unknown) => EngineError.is(e, 'badInput') && re.test(e.message));
    }
  });

  it('makes a safe id from a hostile service name', () => {
    const inc = incidentFromFlags({ service: '../../etc/passwd', metric: 'm', at: '2024-01-18T09:15:00Z' });
    assert.equal(inc.service, '../../etc/passwd');
    assert.equal(inc.id, 'INC-etc-passwd-20240118T0915');
  });
});

describe('incident/isoTime', () => {
  it('parses the shapes alert sources emit', () => {
    assert.equal(parseIsoTime('2024-01-18T09:15:00Z'), Date.UTC(2024, 0, 18, 9, 15));
    assert.equal(parseIsoTime('2024-01-18T09:15:00.482934915Z'), Date.UTC(2024, 0, 18, 9, 15, 0, 482));
    assert.equal(parseIsoTime('2024-01-18T09:15:00.833+0000'), Date.UTC(2024, 0, 18, 9, 15, 0, 833));
    assert.equal(parseIsoTime('2024-01-18T04:15:00-05:00'), Date.UTC(2024, 0, 18, 9, 15));
  });

  it('rejects what is not an ISO-8601 date-time', () => {
    for (const s of ['1705569300', 'Jan 18 2024', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-01-18T25:00:00Z', '', '2024-01-18T09:15:00']) {
      assert.equal(parseIsoTime(s), undefined, s);
    }
    assert.equal(parseIsoTime('2024-01-18T09:15:00', { allowNoZone: true }), Date.UTC(2024, 0, 18, 9, 15));
  });

  it('formats compact times and safe ids', () => {
    assert.equal(compactUtc(Date.UTC(2024, 0, 8, 7, 5)), '20240108T0705');
    assert.equal(safeId('a b/c:d'), 'a-b-c-d');
    assert.equal(safeId('...'), 'incident');
  });
});

describe('incident/cloudwatch service from alarm name', () => {
  it('strips condition words from the end', () => {
    assert.equal(serviceFromAlarmName('payment-gateway-latency-high'), 'payment-gateway');
    assert.equal(serviceFromAlarmName('payment-gateway-latency-p95-high'), 'payment-gateway');
    assert.equal(serviceFromAlarmName('orders_api_5xx_errors'), 'orders_api');
    assert.equal(serviceFromAlarmName('ServerCpuTooHigh'), 'ServerCpuTooHigh');
    assert.equal(serviceFromAlarmName('high-latency'), 'high-latency');
  });
});
