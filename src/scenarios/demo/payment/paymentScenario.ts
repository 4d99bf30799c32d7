import { join } from 'node:path';
import { Rng } from '../../rng';
import type { Scenario } from '../scenario';
import { lineOf, writeText } from '../telemetryFormat';
import { PG, POOL } from './paymentCommon';
import { paymentHistory } from './paymentHistory';
import { codeLines, paymentLogs } from './paymentLogs';
import { paymentAlert, paymentMetrics } from './paymentMetrics';

/** Incident #1: p95 latency regression in payment-gateway after the 08:45 deploy. */
export function paymentScenario(): Scenario {
  const ph = paymentHistory();
  const h = ph.history;
  const duplicateLine = lineOf(h.fileAt(ph.culprit, POOL), 'db.SetMaxIdleConns(', 2);
  const deployRef = (tag: string) => {
    const d = ph.deploys.find((x) => x.tag === tag);
    if (!d) throw new Error(`demo: no deploy ${tag}`);
    return d.ref;
  };
  return {
    name: 'payment-gateway',
    history: h,
    culprit: ph.culprit,
    expected: { file: POOL, line: duplicateLine, pattern: 'DUPLICATE_METHOD_CALL' },
    meta: {
      incidentId: 'INC-2024-01-18-001',
      type: 'latency_regression',
      service: 'payment-gateway',
      alertTime: '2024-01-18T09:15:00Z',
      resolutionTime: '2024-01-18T09:26:30Z',
      resolutionMethod: 'automated_revert',
      gitHistoryName: 'latency-regression.txt',
    },
    writeData(repoDir) {
      const rng = new Rng(0x9a7e1801);
      const at = (tag: string) => codeLines((p) => h.fileAt(deployRef(tag), `${PG}/${p}`));
      const logs = paymentLogs(rng, at('deploy/20240117-1400'), at('deploy/20240118-0845'), at('deploy/20240116-1600'));
      const metrics = paymentMetrics(rng);
      const files: Record<string, string> = {
        '.forensics/alert.json': paymentAlert(),
        '.forensics/logs/payment-gateway-2024-01-18.log': logs.text,
        '.forensics/logs/payment-gateway.jsonl': logs.json,
        '.forensics/metrics/http_request_duration_p95.json': metrics.latency,
        '.forensics/metrics/database_connection_pool_active.json': metrics.poolActive,
        '.forensics/metrics/database_connection_wait_time_ms.csv': metrics.waitCsv,
      };
      for (const [rel, text] of Object.entries(files)) writeText(join(repoDir, rel), text);
      return {
        alert: '.forensics/alert.json',
        logs: ['.forensics/logs/payment-gateway-2024-01-18.log', '.forensics/logs/payment-gateway.jsonl'],
        metrics: [
          '.forensics/metrics/http_request_duration_p95.json',
          '.forensics/metrics/database_connection_pool_active.json',
          '.forensics/metrics/database_connection_wait_time_ms.csv',
        ],
        primaryLog: { path: '.forensics/logs/payment-gateway-2024-01-18.log', datasetName: 'payment-gateway-2024-01-18.log' },
        primaryMetric: { path: '.forensics/metrics/http_request_duration_p95.json', datasetName: 'latency-spike.json' },
      };
    },
  };
}
