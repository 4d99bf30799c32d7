import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EngineError } from '../../engine/errors';
import { authScenario } from './auth/authScenario';
import { writeDataset, type BuiltIncident } from './dataset';
import { DEMO_NAMES, type DemoIncident, type DemoName } from './demoTypes';
import { excludeFromGit, importHistory } from './fastImport';
import { paymentScenario } from './payment/paymentScenario';
import { phiScenario } from './phi/phiScenario';
import type { Scenario } from './scenario';

export type { DemoIncident, DemoName } from './demoTypes';

const SCENARIOS: Record<DemoName, () => Scenario> = {
  'payment-gateway': paymentScenario,
  'auth-service': authScenario,
  'phi-service': phiScenario,
};

/** Marks a repository as ours, so a rebuild may replace it. */
const MARKER = 'incident-forensics-demo';

/**
 * Builds the seed's incidents under `dir`: for each, a real git repository at
 * `dir/<name>/` (dated commits, merges, annotated `deploy/*` tags) with its
 * alert, logs, metrics (and for phi-service a deployments file) untracked
 * under `.forensics/`, plus the seed's `dir/data/incident-forensics/` dataset.
 * Deterministic: two builds give identical commit shas and identical data.
 * Rebuilding replaces earlier demo repositories but refuses to touch any
 * other non-empty directory.
 */
export function buildDemo(dir: string, which: DemoName | readonly DemoName[] = DEMO_NAMES): DemoIncident[] {
  const names = typeof which === 'string' ? [which] : [...which];
  for (const n of names) {
    if (!DEMO_NAMES.includes(n)) throw new EngineError('badInput', `unknown demo incident "${String(n)}" (known: ${DEMO_NAMES.join(', ')})`, 'demo');
  }
  const root = resolve(dir);
  if (existsSync(root) && !statSync(root).isDirectory()) throw new EngineError('badInput', 'is not a directory', root);
  mkdirSync(root, { recursive: true });
  const built: BuiltIncident[] = [];
  for (const name of [...new Set(names)]) {
    const repoDir = join(root, name);
    assertReplaceable(repoDir);
    const scenario = SCENARIOS[name]();
    const shaOf = importHistory(repoDir, scenario.history);
    writeFileSync(join(repoDir, '.git', MARKER), `${name}\n`);
    excludeFromGit(repoDir, '.forensics/');
    const data = scenario.writeData(repoDir, shaOf);
    built.push({ scenario, repoDir, culpritSha: shaOf(scenario.culprit), data });
  }
  writeDataset(root, built);
  return built.map(({ scenario, repoDir, culpritSha, data }) => ({
    name: scenario.name,
    repoDir,
    alertPath: join(repoDir, data.alert),
    logPaths: data.logs.map((p) => join(repoDir, p)),
    metricPaths: data.metrics.map((p) => join(repoDir, p)),
    ...(data.deployments ? { deploymentsPath: join(repoDir, data.deployments) } : {}),
    expected: { commit: culpritSha, ...scenario.expected },
  }));
}

function assertReplaceable(repoDir: string): void {
  if (!existsSync(repoDir)) return;
  if (readdirSync(repoDir).length === 0) return;
  if (existsSync(join(repoDir, '.git', MARKER))) return;
  throw new EngineError('badInput', 'exists and is not a demo repository built by incident-forensics; choose another --dir', repoDir);
}
