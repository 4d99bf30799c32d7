import type { Rng } from '../../rng';
import { metricCsv, promMatrix, round, steps, type PromSeries } from '../telemetryFormat';
import { ALERT, authPods, heapFraction, podMemory, START } from './authModel';

/** Alertmanager webhook (version 4) as the receiver got it when the alert fired. */
export function authAlert(): string {
  const pod = authPods().filter((p) => p.end === Infinity)[1].name;
  const labels = {
    alertname: 'AuthServiceMemoryHigh',
    container: 'auth-service',
    namespace: 'identity',
    pod,
    service: 'auth-service',
    severity: 'critical',
    team: 'identity',
  };
  const annotations = {
    summary: 'auth-service memory usage above 90% of its limit',
    description: `Pod ${pod} uses 90.4% of its 4 GiB memory limit (container_memory_working_set_bytes).`,
    runbook_url: 'https://runbooks.healthcare-platform.com/identity/auth-service-memory',
  };
  const body = {
    receiver: 'identity-pagerduty',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations,
        startsAt: '2024-01-22T14:32:00Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL:
          'https://prometheus.monitoring.healthcare-platform.com/graph?g0.expr=max+by+%28pod%29+%28container_memory_working_set_bytes%7Bcontainer%3D%22auth-service%22%7D%29+%2F+%284+%2A+1024%5E3%29+%3E+0.9&g0.tab=1',
        fingerprint: '9f2c4e71d0b8a35e',
      },
    ],
    groupLabels: { alertname: 'AuthServiceMemoryHigh' },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: 'https://alertmanager.monitoring.healthcare-platform.com',
    version: '4',
    groupKey: '{}/{severity="critical"}:{alertname="AuthServiceMemoryHigh"}',
    truncatedAlerts: 0,
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/**
 * Working-set bytes per pod (5-minute step; series end and start at the
 * rollouts, as Prometheus returns them), event-loop lag p99, and the hourly
 * average heap as CSV.
 */
export function authMetrics(rng: Rng): { memory: string; lag: string; heapCsv: string } {
  const pods = authPods();
  const ts = steps(START, ALERT, 300);
  const memory: PromSeries[] = pods
    .map((p) => ({
      metric: {
        __name__: 'container_memory_working_set_bytes', container: 'auth-service', namespace: 'identity', pod: p.name,
        job: 'kubelet', metrics_path: '/metrics/cadvisor', service: 'kubelet',
      },
      values: ts.filter((t) => t * 1000 >= p.start && t * 1000 < p.end).map((t): [number, number] => [t, Math.round(podMemory(p, t * 1000, rng))]),
    }))
    .filter((s) => s.values.length > 0);
  const lag = ts.map((t): [number, number] => [t, round(0.011 + Math.abs(rng.normal(0, 0.002)) + 1.2 * heapFraction(pods, t * 1000) ** 3 * rng.float(0.7, 1.3), 4)]);
  const heap = steps(START, ALERT, 3600).map((t): [number, number] => {
    const live = pods.filter((p) => p.start <= t * 1000 && t * 1000 < p.end);
    const avg = live.reduce((a, p) => a + podMemory(p, t * 1000, rng), 0) / Math.max(1, live.length);
    return [t, Math.round(avg - 92e6)];
  });
  return {
    memory: promMatrix(memory),
    lag: promMatrix([{ metric: { app: 'auth-service' }, values: lag }]),
    heapCsv: metricCsv(heap, 0),
  };
}
