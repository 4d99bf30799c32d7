import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario, WrittenData } from './scenario';
import { DAY, ms } from './telemetryFormat';

export interface BuiltIncident {
  scenario: Scenario;
  repoDir: string;
  culpritSha: string;
  data: WrittenData;
}

/**
 * The seed's mock dataset, `data/incident-forensics/`: incidents.json (one
 * record per incident, in the seed's "Sample Incident Record" shape), the
 * last 14 days of `git log --stat` per repository, and copies of each
 * incident's primary log and metric.
 */
export function writeDataset(dir: string, built: BuiltIncident[]): void {
  const root = join(dir, 'data', 'incident-forensics');
  for (const sub of ['git-history', 'logs', 'metrics']) mkdirSync(join(root, sub), { recursive: true });
  const records = built.map(({ scenario: s, culpritSha, data, repoDir }) => {
    const m = s.meta;
    copyFileSync(join(repoDir, data.primaryLog.path), join(root, 'logs', data.primaryLog.datasetName));
    copyFileSync(join(repoDir, data.primaryMetric.path), join(root, 'metrics', data.primaryMetric.datasetName));
    writeFileSync(join(root, 'git-history', m.gitHistoryName), gitLogStat(repoDir, m.alertTime));
    return {
      incident_id: m.incidentId,
      type: m.type,
      service: m.service,
      alert_time: m.alertTime,
      resolution_time: m.resolutionTime,
      mttr_seconds: Math.round((ms(m.resolutionTime) - ms(m.alertTime)) / 1000),
      root_cause_commit: culpritSha,
      resolution_method: m.resolutionMethod,
      logs_path: `data/incident-forensics/logs/${data.primaryLog.datasetName}`,
      metrics_path: `data/incident-forensics/metrics/${data.primaryMetric.datasetName}`,
      repository: s.name,
    };
  });
  writeFileSync(join(root, 'incidents.json'), JSON.stringify(records, null, 2) + '\n');
}

/** `git log --stat` of the 14 days before the alert, independent of the user's git config and terminal. */
function gitLogStat(repoDir: string, alertTime: string): string {
  const until = ms(alertTime);
  return execFileSync(
    'git',
    ['log', '--stat=120', '--no-color', '--no-decorate', '--date=iso-strict', `--since=${new Date(until - 14 * DAY).toISOString()}`, `--until=${alertTime}`, 'main', '--'],
    { cwd: repoDir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_PAGER: 'cat' } },
  );
}
