import { LANG_MODULES } from './lang/registry';
import { Rng } from '../rng';
import type { AlertFormat, CulpritKind, IncidentClass, LangId, LogFormat, Recipe, ServiceCtx, ServiceTemplate, LangModule } from './types';
import { DECOY_KINDS, LANGS } from './types';
import { AUTHOR_POOL, SERVICE_DOMAINS, UPSTREAMS, authorOf, plural, type Author } from './vocab';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface ServicePlan {
  ctx: ServiceCtx;
  mod: LangModule;
  tpl: ServiceTemplate;
  scope: string;
}

export type Role = 'initial' | 'noise' | 'nonCode' | 'culprit' | 'decoy' | 'big' | 'shift' | 'chronicTouch' | 'merge';

export interface PlannedCommit {
  time: number;
  author: Author;
  role: Role;
  /** Service index; -1 for repository-level files. */
  svc: number;
  recipe?: Recipe;
  branch?: string;
  mergeBranch?: string;
  nonCode?: 'docs' | 'tests' | 'deps' | 'ci';
}

export interface BranchPlan {
  name: string;
  forkTime: number;
  mergeTime: number;
  /** Files its commits may touch (service-relative, with the service index). */
  svc: number;
  files: string[];
}

export const CULPRITS_BY_CLASS: Record<Exclude<IncidentClass, 'no-culprit'>, CulpritKind[]> = {
  latency: ['dup-call', 'config-value', 'n-plus-one', 'timeout-removed', 'blocking-io', 'where-clause'],
  errors: ['config-value', 'timeout-removed', 'wrong-constant', 'inverted-condition'],
  'data-integrity': ['missing-isolation', 'where-clause', 'error-swallowed'],
  memory: ['unbounded-cache', 'unbounded-list'],
};

export interface Plan {
  seed: number;
  id: string;
  cls: IncidentClass;
  /** Culprit kind, or traffic-spike / upstream-outage. */
  kind: string;
  tags: string[];
  services: ServicePlan[];
  target: number;
  alertService: string;
  alertTime: number;
  historyStart: number;
  deploys: number[];
  culpritDeploy: number;
  lastDeploy: number;
  /** When the culprit's (or the outside cause's) effects begin. */
  onset: number;
  culprit?: Recipe;
  /** Memory leaks: hours to fill the heap once the culprit is live. */
  fillHours?: number;
  commits: PlannedCommit[];
  branches: BranchPlan[];
  authors: string[];
  alertFormat: AlertFormat;
  logFormats: LogFormat[];
  /** Services (indices) whose logs are written. */
  logServices: number[];
  metricCsv: boolean;
  framePrefix: string;
}

const ALERT_FORMATS: AlertFormat[] = ['seed', 'alertmanager-webhook', 'alertmanager-v2', 'cloudwatch-eventbridge', 'cloudwatch-sns'];
const LOG_FORMATS: LogFormat[] = ['seed', 'iso', 'json', 'logfmt', 'mixed'];

function workHours(r: Rng, lo: number, hi: number): number {
  let t = r.float(lo, hi);
  for (let i = 0; i < 4; i++) {
    const h = new Date(t).getUTCHours();
    if (h >= 7 && h <= 19) break;
    t = r.float(lo, hi);
  }
  return Math.round(t / 1000) * 1000;
}

function renamed(r: Rng, name: string): string {
  const camel = name.split('-').map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  return r.pick([name.replace(/-/g, '_'), camel, `${name}-prod`, `prod/${name}`, `${name}-svc`, name.replace(/-/g, '')]);
}

/** Decides everything about one incident except the text of noise edits. */
export function planIncident(seed: number): Plan {
  const r = new Rng(seed);
  const cls = r.weighted<IncidentClass>({ latency: 25, errors: 20, 'data-integrity': 15, memory: 15, 'no-culprit': 25 });
  const nServices = r.int(2, 5);
  const domains = r.sample(SERVICE_DOMAINS, nServices);
  const targetLang = r.pick(LANGS);
  const services: ServicePlan[] = domains.map((d, i) => {
    const lang: LangId = i === 0 ? targetLang : r.pick(LANGS);
    const e = d.E.toLowerCase();
    const ctx: ServiceCtx = { name: d.name, dir: `services/${d.name}`, lang, E: d.E, e, es: plural(e), tbl: plural(e), pkg: d.pkg, upstream: r.pick(UPSTREAMS) };
    const mod = LANG_MODULES[lang];
    return { ctx, mod, tpl: mod.template(ctx), scope: d.scope };
  });
  const target = 0;
  const authors = r.sample(AUTHOR_POOL, r.int(4, 8));
  const tags: string[] = [];

  let kind: string;
  let culprit: Recipe | undefined;
  if (cls === 'no-culprit') {
    kind = r.pick(['traffic-spike', 'upstream-outage']);
  } else {
    kind = r.pick(CULPRITS_BY_CLASS[cls]);
    culprit = services[target].mod.culprits[kind as CulpritKind](services[target].ctx, r.fork('culprit'), cls);
    if (!culprit.pattern) tags.push('invisible');
  }
  const visible = !!culprit?.pattern;

  // Difficulty tags.
  const slowLeak = cls !== 'no-culprit' && r.chance(cls === 'memory' ? 0.4 : 0.15);
  if (slowLeak) tags.push('slow-leak');
  const noLogs = r.chance(0.12) && (cls === 'no-culprit' || visible);
  const noMetrics = !noLogs && r.chance(0.12);
  const noDeploys = r.chance(0.12);
  if (noLogs) tags.push('no-logs');
  if (noMetrics) tags.push('no-metrics');
  if (noDeploys) tags.push('no-deploys');
  else if (r.chance(0.3)) tags.push('deploys-file');
  const merge = cls !== 'no-culprit' && r.chance(0.2);
  if (merge) tags.push('merge');
  const shift = cls !== 'no-culprit' && r.chance(0.25);
  if (shift) tags.push('shifted-lines');
  // Sometimes the culprit is a few lines inside a large feature commit.
  const bigCulprit = !!culprit && r.chance(0.15);
  if (bigCulprit) {
    const feature = services[target].mod.bigFeature(services[target].ctx, r.fork('big-culprit'), cls);
    culprit = { ...culprit!, edits: [...feature.edits, ...culprit!.edits] };
    tags.push('culprit-in-big-commit');
  }
  const big = !bigCulprit && r.chance(0.3);
  if (big) tags.push('big-commit-same-deploy');
  const rename = r.chance(0.2);
  if (rename) tags.push('renamed-service');
  if (r.chance(0.3)) tags.push('config');
  const postAlert = r.chance(0.3);
  if (postAlert) tags.push('post-alert-commits');
  const chronicTouch = r.chance(0.3);
  if (chronicTouch) tags.push('chronic-on-changed-line');

  // Timeline, forward from the culprit's deploy.
  const day0 = Date.UTC(2024, 0, 8) + r.int(0, 640) * DAY;
  let Dc = day0 + r.int(7, 19) * HOUR + r.int(0, 59) * MIN;
  let DL = Dc;
  let T: number;
  let onset: number;
  let fillHours: number | undefined;
  if (cls === 'no-culprit') {
    onset = DL + r.float(0.75, 7) * HOUR;
    T = onset + r.float(8, 45) * MIN;
  } else if (cls === 'memory') {
    const fill = r.float(2, 8);
    fillHours = fill;
    const mustOom = !visible;
    if (slowLeak) {
      const j = mustOom ? 1 : r.int(0, 1);
      DL = Dc + (j + r.float(0.3, 0.8)) * fill * HOUR;
      T = DL + (r.int(0, 1) + 0.9) * fill * HOUR;
    } else {
      T = Dc + (r.int(mustOom ? 1 : 0, 2) + 0.9) * fill * HOUR;
    }
    onset = Dc;
  } else if (slowLeak) {
    DL = Dc + r.float(5, 30) * HOUR;
    T = DL + r.float(20, 180) * MIN;
    onset = Dc + r.float(1, 10) * MIN;
  } else {
    onset = Dc + r.float(1, 10) * MIN;
    T = onset + r.float(cls === 'data-integrity' ? 30 : 12, cls === 'data-integrity' ? 300 : 150) * MIN;
  }
  T = Math.round(T / 1000) * 1000;
  DL = Math.round(DL / 1000) * 1000;
  Dc = Math.round(Dc / 1000) * 1000;
  const historyStart = Dc - r.int(24, 38) * DAY;
  const earlier: number[] = [];
  for (let t = Dc - r.float(0.4, 2.5) * DAY; t > historyStart + DAY; t -= r.float(0.4, 2.5) * DAY) earlier.unshift(workHours(r, t - 2 * HOUR, t + 2 * HOUR));
  const deploys = [...earlier, Dc, ...(DL !== Dc ? [DL] : [])];
  const culpritDeploy = earlier.length;
  const lastDeploy = deploys.length - 1;

  const commits: PlannedCommit[] = [];
  const branches: BranchPlan[] = [];
  const who = (): Author => authorOf(r.pick(authors));
  const svcOf = (): number => (r.chance(0.35) ? target : r.int(0, services.length - 1));
  commits.push({ time: historyStart, author: who(), role: 'initial', svc: -1 });

  const addNoise = (lo: number, hi: number, svc = svcOf()): void => {
    const nc = r.chance(0.22);
    commits.push({ time: workHours(r, lo, hi), author: who(), role: nc ? 'nonCode' : 'noise', svc: nc && r.chance(0.2) ? -1 : svc, nonCode: nc ? r.pick(['docs', 'tests', 'deps', 'ci'] as const) : undefined });
  };
  // Background history, deploy interval by deploy interval.
  let prev = historyStart + HOUR;
  for (let i = 0; i < deploys.length; i++) {
    const n = r.int(2, 7);
    for (let k = 0; k < n; k++) addNoise(prev, deploys[i] - 10 * MIN);
    prev = deploys[i] + MIN;
  }
  // The culprit's deploy: the culprit, decoys and more noise in the same service.
  const cLo = deploys[culpritDeploy - 1] + MIN;
  const cHi = deploys[culpritDeploy] - 15 * MIN;
  const decoyDeploy = cls === 'no-culprit' ? lastDeploy : culpritDeploy;
  const dLo = deploys[decoyDeploy - 1] + MIN;
  const dHi = deploys[decoyDeploy] - 15 * MIN;
  for (let k = r.int(2, 3); k > 0; k--) addNoise(dLo, dHi, target);
  // A slow leak's last deploy also ships changes to the same service.
  if (slowLeak) for (let k = r.int(1, 2); k > 0; k--) addNoise(deploys[culpritDeploy] + MIN, DL - 10 * MIN, target);
  // Decoys never touch the files the incident's new errors point at (chronic ones they may).
  const newErrors = culprit ? culprit.effects : kind === 'traffic-spike' ? [services[target].tpl.saturation] : [services[target].tpl.outage];
  const effectFiles = new Set<string>(newErrors.flatMap((e) => e.frames.map((f) => f.file)));
  const culpritFiles = new Set<string>(culprit?.edits.map((e) => e.file) ?? []);
  const decoyKinds = r.shuffle(DECOY_KINDS);
  let nDecoys = r.int(1, 3);
  for (const dk of decoyKinds) {
    if (nDecoys === 0) break;
    const rec = services[target].mod.decoys[dk](services[target].ctx, r.fork(`decoy-${dk}`), cls);
    if (rec.edits.some((e) => culpritFiles.has(e.file) || effectFiles.has(e.file))) continue;
    if (commits.some((c) => c.role === 'decoy' && c.recipe!.edits.some((e) => rec.edits.some((f) => f.file === e.file)))) continue;
    commits.push({ time: workHours(r, dLo, dHi), author: who(), role: 'decoy', svc: target, recipe: rec });
    nDecoys--;
  }
  if (big) commits.push({ time: workHours(r, dLo, dHi), author: who(), role: 'big', svc: target, recipe: services[target].mod.bigFeature(services[target].ctx, r.fork('big'), cls) });
  if (chronicTouch) commits.push({ time: workHours(r, dLo, dHi), author: who(), role: 'chronicTouch', svc: target });

  let culpritTime = 0;
  if (culprit) {
    if (merge) {
      const mergeTime = workHours(r, cLo, cHi);
      const forkTime = mergeTime - r.float(1.5, 5) * DAY;
      const name = `feature/${services[target].scope}-${r.pick(['rework', 'speedup', 'cleanup', 'hardening', 'caching'])}-${r.int(10, 99)}`;
      branches.push({ name, forkTime, mergeTime, svc: target, files: [...culpritFiles] });
      culpritTime = workHours(r, forkTime + HOUR, mergeTime - HOUR);
      commits.push({ time: culpritTime, author: who(), role: 'culprit', svc: target, recipe: culprit, branch: name });
      if (r.chance(0.6)) commits.push({ time: workHours(r, forkTime + HOUR, mergeTime - HOUR), author: who(), role: 'noise', svc: target, branch: name });
      commits.push({ time: mergeTime, author: who(), role: 'merge', svc: target, mergeBranch: name });
      culpritTime = mergeTime;
    } else {
      culpritTime = workHours(r, cLo, cHi);
      commits.push({ time: culpritTime, author: who(), role: 'culprit', svc: target, recipe: culprit });
    }
    if (shift) {
      const when = slowLeak ? r.float(deploys[culpritDeploy] + 30 * MIN, DL - 20 * MIN) : r.chance(0.5) ? r.float(culpritTime + 5 * MIN, cHi + 10 * MIN) : r.float(DL + 5 * MIN, T + (r.chance(0.3) ? 6 * HOUR : -5 * MIN));
      commits.push({ time: Math.round(when / 1000) * 1000, author: who(), role: 'shift', svc: target });
    }
  }
  // Noise feature branches elsewhere.
  for (let b = r.chance(0.5) ? r.int(1, 2) : 0; b > 0; b--) {
    const svc = r.int(1, Math.max(1, services.length - 1)) % services.length;
    const planned = new Set<string>([...culpritFiles, ...effectFiles, ...commits.filter((c) => c.recipe).flatMap((c) => c.recipe!.edits.map((e) => e.file)), ...services[target].tpl.chronic.flatMap((ch) => ch.frames.map((f) => f.file))]);
    const files = r.sample(Object.keys(services[svc].tpl.areas).filter((f) => svc !== target || !planned.has(f)), 1);
    const mergeTime = workHours(r, deploys[Math.max(1, deploys.length - 4)], deploys[lastDeploy] - 15 * MIN);
    const forkTime = mergeTime - r.float(1, 4) * DAY;
    const name = `feature/${services[svc].scope}-${r.pick(['export', 'metrics', 'validation', 'audit'])}-${r.int(10, 99)}`;
    branches.push({ name, forkTime, mergeTime, svc, files });
    for (let k = r.int(1, 3); k > 0; k--) commits.push({ time: workHours(r, forkTime + HOUR, mergeTime - HOUR), author: who(), role: 'noise', svc, branch: name });
    commits.push({ time: mergeTime, author: who(), role: 'merge', svc, mergeBranch: name });
  }
  // Undeployed commits before the alert, and commits after it.
  for (let k = r.int(0, 3); k > 0; k--) addNoise(deploys[lastDeploy] + 5 * MIN, T - 2 * MIN);
  if (postAlert) for (let k = r.int(1, 3); k > 0; k--) addNoise(T + 20 * MIN, T + 2 * DAY);
  commits.sort((a, b) => a.time - b.time);

  const logServices = [target, ...(services.length > 1 && r.chance(0.4) ? [1] : [])];
  return {
    seed, id: `SYN-${seed}`, cls, kind, tags, services, target,
    alertService: rename ? renamed(r, services[target].ctx.name) : services[target].ctx.name,
    alertTime: T, historyStart, deploys, culpritDeploy, lastDeploy, onset, culprit, fillHours, commits, branches, authors,
    alertFormat: r.pick(ALERT_FORMATS),
    logFormats: logServices.map(() => r.pick(LOG_FORMATS)),
    logServices,
    metricCsv: r.chance(0.3),
    framePrefix: r.pick(['/app', '/srv/app', '/build']),
  };
}

export { MIN, HOUR, DAY };
