import { join } from 'node:path';
import { Rng } from '../../rng';
import type { Scenario } from '../scenario';
import { lineOf, MINUTE, ms, writeText } from '../telemetryFormat';
import { phiHistory } from './phiHistory';
import { phiLines, phiLogs } from './phiLogs';
import { phiAlert, phiMetrics } from './phiMetrics';
import { PS, RECORDS } from './phiSources';

/** Incident #3: checksum failures in phi-service after the 2024-01-25 09:30 deploy. */
export function phiScenario(): Scenario {
  const ph = phiHistory();
  const h = ph.history;
  return {
    name: 'phi-service',
    history: h,
    culprit: ph.culprit,
    // The first write that now runs on its own pooled connection, outside any SERIALIZABLE transaction.
    expected: { file: RECORDS, line: lineOf(h.fileAt(ph.culprit, RECORDS), 'conn.execute(UPSERT_OBSERVATION'), pattern: 'MISSING_TRANSACTION_ISOLATION' },
    meta: {
      incidentId: 'INC-2024-01-25-003',
      type: 'data_corruption',
      service: 'phi-service',
      alertTime: '2024-01-25T11:05:00Z',
      resolutionTime: '2024-01-25T11:19:20Z',
      resolutionMethod: 'hotfix_and_restore',
      gitHistoryName: 'data-corruption.txt',
    },
    writeData(repoDir, shaOf) {
      const rng = new Rng(0x9f1e2503);
      const last = ph.deploys[ph.deploys.length - 1];
      const lines = phiLines((p) => h.fileAt(last.ref, `${PS}/${p}`));
      const logs = phiLogs(rng, () => lines);
      const metrics = phiMetrics(rng);
      // The CD system's export: phi-service only, staging shortly before production.
      const deployments = ph.deploys
        .filter((d) => d.services.includes('phi-service'))
        .flatMap((d) => [
          { time: new Date(ms(d.time) - rng.int(40, 70) * MINUTE).toISOString().replace('.000Z', 'Z'), commit: shaOf(d.ref), service: 'phi-service', environment: 'staging' },
          { time: d.time, commit: shaOf(d.ref), service: 'phi-service', environment: 'production' },
        ]);
      const files: Record<string, string> = {
        '.forensics/alert.json': phiAlert(),
        '.forensics/deployments.json': JSON.stringify(deployments, null, 2) + '\n',
        '.forensics/logs/phi-service-2024-01-25.log': logs.app,
        '.forensics/logs/postgresql-2024-01-25.log': logs.pg,
        '.forensics/logs/integrity-verifier.jsonl': logs.verifier,
        '.forensics/metrics/phi_bundle_write_errors_rate.json': metrics.errors,
        '.forensics/metrics/phi_bundle_write_duration_p95_seconds.json': metrics.duration,
        '.forensics/metrics/postgres_deadlocks.csv': metrics.deadlocksCsv,
      };
      for (const [rel, text] of Object.entries(files)) writeText(join(repoDir, rel), text);
      return {
        alert: '.forensics/alert.json',
        deployments: '.forensics/deployments.json',
        logs: ['.forensics/logs/phi-service-2024-01-25.log', '.forensics/logs/postgresql-2024-01-25.log', '.forensics/logs/integrity-verifier.jsonl'],
        metrics: [
          '.forensics/metrics/phi_bundle_write_errors_rate.json',
          '.forensics/metrics/phi_bundle_write_duration_p95_seconds.json',
          '.forensics/metrics/postgres_deadlocks.csv',
        ],
        primaryLog: { path: '.forensics/logs/phi-service-2024-01-25.log', datasetName: 'phi-service-2024-01-25.log' },
        primaryMetric: { path: '.forensics/metrics/phi_bundle_write_errors_rate.json', datasetName: 'error-rate-increase.json' },
      };
    },
  };
}

