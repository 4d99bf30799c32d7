import { join } from 'node:path';
import { Rng } from '../../rng';
import type { Scenario } from '../scenario';
import { lineOf, ms, writeText } from '../telemetryFormat';
import { authHistory } from './authHistory';
import { authLines, authLogs } from './authLogs';
import { authAlert, authMetrics } from './authMetrics';
import { AS, STORE } from './authSources';

/** Incident #2: auth-service memory climbs for six days after the 2024-01-16 deploy. */
export function authScenario(): Scenario {
  const ah = authHistory();
  const h = ah.history;
  return {
    name: 'auth-service',
    history: h,
    culprit: ah.culprit,
    expected: { file: STORE, line: lineOf(h.fileAt(ah.culprit, STORE), 'new Map<string, Session>()'), pattern: 'UNBOUNDED_CACHE' },
    meta: {
      incidentId: 'INC-2024-01-22-002',
      type: 'memory_leak',
      service: 'auth-service',
      alertTime: '2024-01-22T14:32:00Z',
      resolutionTime: '2024-01-22T14:40:45Z',
      resolutionMethod: 'hotfix',
      gitHistoryName: 'memory-leak.txt',
    },
    writeData(repoDir) {
      const rng = new Rng(0xa17e2202);
      // The code each pod ran: the newest deploy that touched auth-service before t.
      const versions = ah.deploys
        .filter((d) => d.services.includes('auth-service'))
        .map((d) => ({ at: ms(d.time), lines: authLines((p) => h.fileAt(d.ref, `${AS}/${p}`)) }));
      const linesAt = (t: number) => {
        let cur = versions[0].lines;
        for (const v of versions) if (v.at <= t) cur = v.lines;
        return cur;
      };
      const logs = authLogs(rng, linesAt);
      const metrics = authMetrics(rng);
      const files: Record<string, string> = {
        '.forensics/alert.json': authAlert(),
        '.forensics/logs/auth-service-2024-01-22.log': logs.text,
        '.forensics/logs/auth-service.jsonl': logs.json,
        '.forensics/metrics/container_memory_working_set_bytes.json': metrics.memory,
        '.forensics/metrics/nodejs_eventloop_lag_p99_seconds.json': metrics.lag,
        '.forensics/metrics/nodejs_heap_size_used_bytes.csv': metrics.heapCsv,
      };
      for (const [rel, text] of Object.entries(files)) writeText(join(repoDir, rel), text);
      return {
        alert: '.forensics/alert.json',
        logs: ['.forensics/logs/auth-service-2024-01-22.log', '.forensics/logs/auth-service.jsonl'],
        metrics: [
          '.forensics/metrics/container_memory_working_set_bytes.json',
          '.forensics/metrics/nodejs_eventloop_lag_p99_seconds.json',
          '.forensics/metrics/nodejs_heap_size_used_bytes.csv',
        ],
        primaryLog: { path: '.forensics/logs/auth-service-2024-01-22.log', datasetName: 'auth-service-2024-01-22.log' },
        primaryMetric: { path: '.forensics/metrics/container_memory_working_set_bytes.json', datasetName: 'memory-growth.json' },
      };
    },
  };
}
