import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAlert } from './alerts';
import { buildRepo } from './build';
import { memoryTrace } from './dynamics';
import { logRecords, writeLogFiles } from './logs';
import { buildMetrics, writeMetrics } from './metrics';
import { HOUR, planIncident } from './plan';
import { Rng } from '../rng';
import { lineOf } from './textEdit';
import type { GeneratedIncident } from './types';

/** Bumped whenever generated data changes, so caches of generated sets are refreshed. */
export const GENERATOR_VERSION = 1;

export interface GenerateOptions {
  /** Also write truth.json (every commit's role) next to the incident; default true. */
  writeTruth?: boolean;
}

/**
 * Generates one synthetic incident into `dir` (replaced): a real git
 * repository, the alert, logs, metrics and maybe a deployments file, plus the
 * ground truth. Deterministic: the same seed gives the same shas and files.
 */
export function generateIncident(seed: number, dir: string, opts: GenerateOptions = {}): GeneratedIncident {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const plan = planIncident(seed);
  const repoDir = join(dir, 'repo');
  const built = buildRepo(plan, repoDir);
  const r = new Rng(seed).fork('windows');
  const T = plan.alertTime;
  const firstEvent = Math.min(plan.deploys[plan.culpritDeploy], plan.onset, plan.deploys[plan.lastDeploy]);
  const start = Math.round(firstEvent - r.float(6, 10) * HOUR);
  const mem = memoryTrace(plan, start - HOUR, T);
  const tags = [...plan.tags];
  const target = plan.services[plan.target];

  const metrics = buildMetrics(plan, start, T, mem);
  const metricPaths = tags.includes('no-metrics') ? [] : writeMetrics(join(dir, 'metrics'), metrics, plan.alertService, plan.metricCsv);

  const logPaths: string[] = [];
  let culpritLines = 0;
  if (!tags.includes('no-logs')) {
    plan.logServices.forEach((svc, i) => {
      const recs = logRecords(plan, built, svc, { start, end: T }, mem);
      if (svc === plan.target && plan.culprit) culpritLines = recs.filter((x) => x.level !== 'info' && plan.culprit!.effects.some((e) => e.frames[0]?.func === x.frames[0]?.func && e.level === x.level)).length;
      logPaths.push(...writeLogFiles(join(dir, 'logs'), plan, svc, recs, plan.logFormats[i]));
    });
  }
  if (plan.culprit && (tags.includes('no-logs') || culpritLines === 0)) tags.push('no-log-evidence');

  const alertPath = join(dir, 'alert.json');
  writeFileSync(alertPath, JSON.stringify(buildAlert(plan, metrics), null, 2) + '\n');

  let deploymentsPath: string | undefined;
  if (tags.includes('deploys-file')) {
    deploymentsPath = join(dir, 'deployments.json');
    const entries = plan.deploys.map((d, i) => ({ time: new Date(d).toISOString(), commit: r.chance(0.25) ? built.deployShas[i].slice(0, 10) : built.deployShas[i], environment: 'production' }));
    writeFileSync(deploymentsPath, JSON.stringify(entries, null, 2) + '\n');
  }

  let truth: GeneratedIncident['truth'] = { commit: null };
  if (plan.culprit) {
    const key = plan.culprit.key!;
    const file = `${target.ctx.dir}/${key.file}`;
    const line = lineOf(built.culpritTree!, file, key.find);
    if (!built.culpritSha || line === undefined) throw new Error(`seed ${seed}: culprit key line not found in ${file}`);
    truth = { commit: built.culpritSha, file, line, ...(plan.culprit.pattern ? { pattern: plan.culprit.pattern } : {}) };
  }

  const inc: GeneratedIncident = {
    id: plan.id, seed, repoDir, alertPath, alertFormat: plan.alertFormat, logPaths, metricPaths, deploymentsPath,
    configPath: tags.includes('config') ? join(repoDir, '.forensics.json') : undefined,
    class: plan.cls, tags, service: target.ctx.name, language: target.ctx.lang, kind: plan.kind, truth, alertTime: new Date(T).toISOString(),
  };
  writeFileSync(join(dir, 'incident.json'), JSON.stringify(inc, null, 2) + '\n');
  if (opts.writeTruth !== false) {
    writeFileSync(join(dir, 'truth.json'), JSON.stringify({
      alertService: plan.alertService,
      deploys: plan.deploys.map((d, i) => ({ time: new Date(d).toISOString(), sha: built.deployShas[i] })),
      culpritDeploy: plan.culpritDeploy, lastDeploy: plan.lastDeploy, onset: new Date(plan.onset).toISOString(),
      commits: built.commits.map((c) => ({ sha: c.sha, role: c.role, recipe: c.recipe, svc: c.svc >= 0 ? plan.services[c.svc].ctx.name : null, time: new Date(c.time).toISOString(), subject: c.subject, message: c.message, files: c.files, branch: c.branch })),
    }, null, 2) + '\n');
  }
  return inc;
}
