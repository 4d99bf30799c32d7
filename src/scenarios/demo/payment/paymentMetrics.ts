import type { Rng } from '../../rng';
import { metricCsv, MINUTE, promMatrix, round, steps } from '../telemetryFormat';
import { ALERT, DEPLOY, diurnal, p95Latency, poolStress, settlementLoad, START } from './paymentModel';

/** The seed's alert, verbatim. */
export function paymentAlert(): string {
  return JSON.stringify(
    {
      alert_id: 'INC-2024-01-18-001',
      timestamp: '2024-01-18T09:15:00Z',
      severity: 'HIGH',
      service: 'payment-gateway',
      metric: 'http_request_duration_p95',
      threshold: 200,
      actual_value: 587,
      deviation_percentage: 193.5,
      affected_endpoints: ['POST /api/v1/payments/process', 'POST /api/v1/payments/refund'],
      region: 'us-east-1',
      instance_count: 8,
      request_volume: 1420,
    },
    null,
    2,
  ) + '\n';
}

/**
 * query_range results (60 s step) for 2024-01-17 00:00 .. the alert, plus the
 * connection-wait p95 as a 5-minute CSV. The level shift starts with the
 * 08:45 rollout; the 2024-01-17 14:00 deploy only shows a cold-start blip.
 */
export function paymentMetrics(rng: Rng): { latency: string; poolActive: string; waitCsv: string } {
  const ts = steps(START, ALERT, 60);
  const latency = ts.map((t): [number, number] => [t, round(p95Latency(t * 1000, rng), 1)]);
  latency[latency.length - 1][1] = 587;
  const pool = ts.map((t): [number, number] => {
    const at = t * 1000;
    const before = 12 + 10 * diurnal(at) + 14 * settlementLoad(at) + rng.normal(0, 4);
    const after = 20 + 178 * poolStress(at + MINUTE) + rng.normal(0, 4);
    return [t, Math.max(1, Math.min(200, Math.round(at >= DEPLOY + 4 * MINUTE ? Math.max(before, after) : before)))];
  });
  const wait = steps(START, ALERT, 300).map((t): [number, number] => {
    const at = t * 1000;
    const v = 6 + 3 * diurnal(at) + 34 * settlementLoad(at) + Math.abs(rng.normal(0, 2)) + 1240 * poolStress(at - 5 * MINUTE) * rng.float(0.9, 1.1);
    return [t, v];
  });
  return {
    latency: promMatrix([
      { metric: { __name__: 'http_request_duration_p95', service: 'payment-gateway', job: 'payment-gateway', env: 'production', region: 'us-east-1' }, values: latency },
    ]),
    poolActive: promMatrix([{ metric: { app: 'payment-gateway' }, values: pool }]),
    waitCsv: metricCsv(wait, 1),
  };
}
