import type { Rng } from '../../rng';
import { metricCsv, MINUTE, ms, promMatrix, round, steps } from '../telemetryFormat';
import { ALERT, bundleLoad, DEADLOCKS_AFTER, MISMATCH_RUNS, ROLLED, START } from './phiModel';

const ACCOUNT = '123456789012';
const ALARM = 'phi-service-record-checksum-failures';

/** A CloudWatch "Alarm State Change" event as EventBridge delivers it. */
export function phiAlert(): string {
  const failures = MISMATCH_RUNS.filter(([iso]) => ms(iso) >= ms('2024-01-25T10:05:00Z')).reduce((a, [, n]) => a + n, 0);
  const metric = {
    id: 'm1',
    metricStat: {
      metric: { dimensions: { Environment: 'production', Service: 'phi-service' }, name: 'RecordChecksumFailures', namespace: 'PHI/Integrity' },
      period: 3600,
      stat: 'Sum',
    },
    returnData: true,
  };
  const reasonData = (value: number, start: string, query: string) =>
    JSON.stringify({
      version: '1.0', queryDate: query, startDate: start, statistic: 'Sum', period: 3600, recentDatapoints: [value], threshold: 10.0,
      evaluatedDatapoints: [{ timestamp: start, sampleCount: value ? 4.0 : 4.0, value }],
    });
  const event = {
    version: '0',
    id: '7e1c3b5a-2f4d-4c8e-9a61-0b3d5f7e9c21',
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: ACCOUNT,
    time: '2024-01-25T11:05:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${ALARM}`],
    detail: {
      alarmName: ALARM,
      configuration: {
        description: 'Patient record checksum validation failures in phi-service (HIPAA data integrity). Runbook: docs/runbooks/checksum-mismatch.md',
        metrics: [metric],
      },
      previousState: {
        reason: 'Threshold Crossed: 1 datapoint [0.0 (25/01/24 09:05:00)] was not greater than or equal to the threshold (10.0).',
        reasonData: reasonData(0, '2024-01-25T09:05:00.000+0000', '2024-01-25T10:05:00.142+0000'),
        timestamp: '2024-01-25T10:05:00.142+0000',
        value: 'OK',
      },
      state: {
        reason: `Threshold Crossed: 1 datapoint [${failures.toFixed(1)} (25/01/24 10:05:00)] was greater than or equal to the threshold (10.0).`,
        reasonData: reasonData(failures, '2024-01-25T10:05:00.000+0000', '2024-01-25T11:05:00.187+0000'),
        timestamp: '2024-01-25T11:05:00.187+0000',
        value: 'ALARM',
      },
    },
  };
  return JSON.stringify(event, null, 2) + '\n';
}

/** Write-error rate and write p95 (60 s step), and deadlocks per 5 minutes as CSV. */
export function phiMetrics(rng: Rng): { errors: string; duration: string; deadlocksCsv: string } {
  const ts = steps(START, ALERT, 60);
  const afterRate = DEADLOCKS_AFTER / ((ALERT - ROLLED) / 1000);
  const errors = ts.map((t): [number, number] => {
    const at = t * 1000;
    const base = 0.0002 * bundleLoad(at) + Math.abs(rng.normal(0, 0.0001));
    return [t, round(at >= ROLLED + 3 * MINUTE ? base + afterRate * rng.float(0.4, 1.6) : base, 6)];
  });
  const duration = ts.map((t): [number, number] => {
    const at = t * 1000;
    const p95 = at >= ROLLED ? 0.31 + rng.normal(0, 0.03) : 1.05 + 0.25 * bundleLoad(at) + rng.normal(0, 0.08);
    return [t, round(Math.max(0.05, p95), 4)];
  });
  const deadlocks = steps(START, ALERT, 300).map((t): [number, number] => {
    const at = t * 1000;
    if (at >= ROLLED + 5 * MINUTE) return [t, rng.int(1, 5)];
    return [t, at === ms('2024-01-25T03:15:00Z') ? 1 : 0];
  });
  return {
    errors: promMatrix([{ metric: { service: 'phi-service' }, values: errors }]),
    duration: promMatrix([{ metric: { service: 'phi-service' }, values: duration }]),
    deadlocksCsv: metricCsv(deadlocks, 0),
  };
}
