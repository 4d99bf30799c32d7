import type { CommitDiff, Deployment, Finding, Incident, RiskSignal } from '../model';
import { diffPath } from '../git/parseDiff';
import { touchesAny } from '../git/pathAliases';
import { shippedBy, type GitContext } from '../pipeline/gitStep';
import { newness, type LogEvidence } from '../pipeline/logStep';
import type { FrameEvidence } from '../pipeline/frameStep';
import type { MetricEvidence } from '../pipeline/metricStep';
import type { CommitSemantics } from '../pipeline/semanticStep';
import { modelFor, probabilities, score, type CalibrationModel } from './calibration';
import { MECHANICAL_SUBJECT } from './codeNames';
import { seriesFirsts } from './patchSeries';
import { laterFixes } from './fixLineage';
import { changedFunctions } from './callees';
import { surgeStrength } from '../metrics/loadSurge';
import { alertClass, emptyFeatures, findingFeatures, isRelevantFinding, recencyFeature, riskFeatures, sizeFeature, type FeatureVector } from './features';

export interface RankedCommit {
  commit: CommitDiff;
  features: FeatureVector;
  score: number;
  confidence: number;
  findings: Finding[];
  risks: RiskSignal[];
  deployment?: Deployment;
  /** When it went live: its deployment's time, else its commit time. */
  liveAt: number;
  /** Human detail per feature, for the report's signal list. */
  details: Partial<Record<string, string>>;
  /** The line of its own version that the logs point at (exact blame), if any. */
  logLine?: { file: string; line: number };
  /** Findings that fit the alert's class, strongest first. */
  relevantFindings: Finding[];
}

export interface Ranking {
  ranked: RankedCommit[];
  /** Probability that none of the candidates is the culprit. */
  none: number;
  model: CalibrationModel;
}

const LEVEL_WEIGHT: Record<string, number> = { fatal: 1, error: 1, warn: 0.5 };

export interface RankInputs {
  logs?: LogEvidence;
  metrics?: MetricEvidence;
  frames?: FrameEvidence;
}

export function rankCommits(incident: Incident, git: GitContext, sem: Map<string, CommitSemantics>, inputs: RankInputs = {}, model: CalibrationModel = modelFor(git, inputs.metrics, inputs.logs)): Ranking {
  const { logs, metrics, frames } = inputs;
  const alertMs = Date.parse(incident.alertTime);
  const cls = alertClass(incident.metric, incident.summary);
  const ship = shippedBy(git.deployments);
  const deploys = git.deployments;
  const last = deploys[deploys.length - 1];
  const prev = deploys[deploys.length - 2];
  const firsts = seriesFirsts(git.candidates);
  const fixes = laterFixes(git.candidates);
  const kinds = logs ? templateFiles(logs) : [];
  const framed = new Set(logs?.linked.map((l) => l.funcName).filter((n): n is string => !!n));
  const ranked: RankedCommit[] = git.candidates.map((c) => {
    const s = sem.get(c.sha)!;
    const d = ship.get(c.sha);
    const liveAt = d ? Date.parse(d.time) : Date.parse(c.committedAt);
    const x = emptyFeatures();
    const details: Record<string, string> = {};
    if (d && d === last) { x.deploy_last = 1; details.deploy_last = `shipped by the last deployment (${d.ref ?? d.commit.slice(0, 7)}, ${d.time})`; }
    if (d && d === prev) { x.deploy_prev = 1; details.deploy_prev = `shipped by the deployment before the last (${d.ref ?? d.commit.slice(0, 7)})`; }
    if (deploys.length && !d) { x.undeployed = 1; details.undeployed = 'no deployment before the alert shipped it'; }
    x.recency = recencyFeature(alertMs, liveAt);
    details.recency = `live ${hours(alertMs - liveAt)} before the alert`;
    Object.assign(x, riskFeatures(s.risks, cls), findingFeatures(s.findings, cls));
    if (s.risks.length) details.risk_relevant = [...new Set(s.risks.map((r) => r.kind))].join(', ');
    if (s.findings.length) details.finding = details.finding_relevant = s.findings.slice(0, 2).map((f) => `${f.pattern} at ${f.file}:${f.line}`).join('; ');
    if (s.trivial) { x.trivial = 1; details.trivial = s.traits.docsOnly ? 'docs only' : s.traits.testsOnly ? 'tests only' : 'formatting only'; }
    x.size = sizeFeature(s.changedLines);
    details.size = `${s.changedLines} changed lines in ${c.files.length} file(s)`;
    Object.assign(x, shapeFeatures(c, s, alertMs, liveAt, details));
    const series = firsts.get(c.sha);
    if (series) { x.series_first = 1; details.series_first = `first of a series of ${series} commits by its author`; }
    Object.assign(x, lineageFeatures(fixes.get(c.sha), frames, details));
    const fv = frames?.values.get(c.sha);
    if (fv) {
      Object.assign(x, fv);
      Object.assign(details, frames!.details.get(c.sha));
    }
    const logLine = logs ? logFeatures(c, liveAt, logs, kinds, framed, x, details) : undefined;
    if (metrics) {
      x.metric_shift = metrics.supportAt(liveAt);
      if (x.metric_shift > 0) details.metric_shift = `metric change point ${x.metric_shift >= 0.5 ? 'at' : 'near'} its deployment`;
      const surge = metrics.surge;
      if (surge && liveAt < surge.at) {
        x.load_surge = surgeStrength(surge);
        details.load_surge = `${surge.name} rose ${surge.ratio.toFixed(1)}× at ${new Date(surge.at).toISOString()}, after it went live: more load, not a change, may explain the symptom`;
      }
    }
    const relevantFindings = s.findings.filter((f) => isRelevantFinding(f, cls));
    return { commit: c, features: x, score: score(x, model), confidence: 0, findings: s.findings, risks: s.risks, deployment: d, liveAt, details, logLine, relevantFindings };
  });
  const { p, none } = probabilities(ranked.map((r) => r.score), model);
  ranked.forEach((r, i) => (r.confidence = p[i]));
  // Ties (equal evidence) go to the later change: it is the one that went live closest to the alert.
  ranked.sort((a, b) => b.score - a.score || b.liveAt - a.liveAt);
  return { ranked, none, model };
}

/** The change's shape and age: features that need neither logs nor metrics. */
function shapeFeatures(c: CommitDiff, s: CommitSemantics, alertMs: number, liveAt: number, details: Record<string, string>): Pick<FeatureVector, 'insert_ratio' | 'mechanical' | 'within_week'> {
  // The semantic step has counted the changed lines already.
  const insert_ratio = s.changedLines ? s.insertions / s.changedLines : 0;
  if (insert_ratio > 0) details.insert_ratio = `${s.insertions} line(s) added, ${s.changedLines - s.insertions} removed`;
  const mechanical = c.files.length >= 10 || MECHANICAL_SUBJECT.test(c.subject) ? 1 : 0;
  if (mechanical) details.mechanical = c.files.length >= 10 ? `touches ${c.files.length} files` : 'a refactor, rename or cleanup by its subject';
  const within_week = alertMs - liveAt < 7 * 86_400_000 ? 1 : 0;
  return { insert_ratio, mechanical, within_week };
}

const FRAME_TOUCH = ['frame_line_hist', 'frame_range_hist', 'frame_func_hist'] as const;

/** What later fixes say of a commit: it needed one, and whether that fix touched the failing code. */
function lineageFeatures(fixers: CommitDiff[] | undefined, frames: FrameEvidence | undefined, details: Record<string, string>): Pick<FeatureVector, 'fixed_since' | 'fixed_near_frame'> {
  if (!fixers?.length) return { fixed_since: 0, fixed_near_frame: 0 };
  const named = (f: CommitDiff) => `${f.sha.slice(0, 7)} "${f.subject.slice(0, 60)}"`;
  details.fixed_since = `named by a later fix: ${fixers.slice(0, 2).map(named).join(', ')}`;
  const near = fixers.find((f) => FRAME_TOUCH.some((k) => (frames?.values.get(f.sha)?.[k] ?? 0) > 0));
  if (near) details.fixed_near_frame = `its fix ${named(near)} changed the failing code (${frames!.frames[0]})`;
  return { fixed_since: 1, fixed_near_frame: near ? 1 : 0 };
}

/**
 * Sets the log features of commit `c`; returns the line of its version that the logs hit hardest.
 * `framed`: the functions the stacks pass through (a change to one is log_func's, not a callee's).
 */
function logFeatures(c: CommitDiff, liveAt: number, logs: LogEvidence, kinds: KindFiles, framed: Set<string>, x: FeatureVector, details: Record<string, string>): { file: string; line: number } | undefined {
  let logLine: { file: string; line: number } | undefined;
  const files = new Set(c.files.map(diffPath));
  let changed: Set<string> | undefined;
  let firstNew = Infinity;
  for (const l of logs.linked) {
    const n = linkStrength(l, liveAt, logs);
    const where = `${l.loc.file}${l.loc.line ? `:${l.loc.line}` : ''}`;
    if (l.exact?.commit === c.sha && n > x.log_exact) {
      x.log_exact = n;
      details.log_exact = `${l.loc.count} log event(s) at ${where}, a line it wrote`;
      logLine = { file: l.exact.origPath || l.loc.file, line: l.exact.origLine };
    }
    const near = l.near.filter((m) => m.commit === c.sha).reduce((best, m) => Math.max(best, 1 - m.distance / 6), 0);
    if (near * n > x.log_near) { x.log_near = near * n; details.log_near = `${l.loc.count} log event(s) at ${where}, next to lines it wrote`; }
    const inFunc = l.funcBlame.includes(c.sha);
    if (inFunc && n > x.log_func) { x.log_func = n; details.log_func = `${l.loc.count} log event(s) in ${l.loc.func ?? where}, a function it changed`; }
    const inFile = touchesAny(c, l.fileNames);
    if (inFile && n > x.log_file) { x.log_file = n; details.log_file = `${l.loc.count} log event(s) in ${l.loc.file}, a file it changed`; }
    // The failing line just after a call to a function it changed (callees come nearest first).
    const hit = l.callees.length ? l.callees.find((k) => (changed ??= changedFunctions(c)).has(k.name) && !framed.has(k.name)) : undefined;
    if (hit && n / (1 + hit.distance / 4) > x.log_callee) {
      x.log_callee = n / (1 + hit.distance / 4);
      details.log_callee = `it changed ${hit.name}(), which ${l.funcName ?? l.loc.file} calls ${hit.distance ? `${hit.distance} line(s) before` : 'on'} the failing line ${l.loc.file}:${l.loc.line}`;
    }
    if (n >= 0.4 && (l.exact?.commit === c.sha || near > 0 || inFunc || inFile)) {
      const after = l.loc.times.find((t) => t >= liveAt);
      if (after !== undefined) firstNew = Math.min(firstNew, after);
    }
  }
  // Logs that begin after it went live cannot say when its first error came: no figure then.
  if (Number.isFinite(firstNew) && !(liveAt <= logs.start)) {
    x.log_first_error = Math.exp(-(firstNew - liveAt) / 3_600_000);
    details.log_first_error = `first related error ${hours(firstNew - liveAt)} after it went live`;
  }
  if (liveAt <= logs.start && (x.log_exact || x.log_near || x.log_func || x.log_file)) {
    x.log_untimed = 1;
    details.log_untimed = logs.errorOnset !== undefined
      ? `the logs begin after it went live: its errors are judged against when the error rate rose (${new Date(logs.errorOnset).toISOString()})`
      : 'the logs begin after it went live and show no rise in errors: they cannot tell its errors from older ones';
  }
  if (logs.errorTimes.length) {
    x.errors_jump = excess(logs.errorTimes, liveAt, logs);
    if (x.errors_jump > 0) details.errors_jump = `error rate ${x.errors_jump >= 0.98 ? 'began' : 'rose'} after it went live`;
  }
  // A message kind never seen before it went live, logged from a file it changed.
  for (const { t, files: from } of kinds) {
    if (!(t.firstAt >= liveAt && liveAt > logs.start)) continue;
    const inFiles = [...from].some((f) => files.has(f));
    const v = (LEVEL_WEIGHT[t.level] ?? 0) * (inFiles ? 1 : 0);
    if (v > x.log_new_template) { x.log_new_template = v; details.log_new_template = `new after it went live: "${t.template.slice(0, 80)}" ×${t.count} from ${t.locations[0] ?? 'its files'}`; }
  }
  return logLine;
}

type KindFiles = { t: LogEvidence['scan']['templates'][number]; files: Set<string> }[];

/** Each repeated message kind with the files it is logged from (once per ranking, not per candidate). */
function templateFiles(logs: LogEvidence): KindFiles {
  return logs.scan.templates.filter((t) => t.count >= 2).map((t) => ({ t, files: new Set(t.locations.map((loc) => loc.replace(/:\d+$/, ''))) }));
}

/** How strongly a log location speaks of a change that went live at `liveAt`: new events, their level, the frame's depth. */
function linkStrength(l: LogEvidence['linked'][number], liveAt: number, logs: LogEvidence): number {
  return excess(l.loc.kindTimes, liveAt, logs) * (LEVEL_WEIGHT[l.loc.level] ?? 0.2) * (l.loc.depth === 0 ? 1 : l.loc.depth === 1 ? 0.8 : 0.6);
}

/**
 * How much more of these events came after `liveAt` than before, in [0, 1]:
 * 0 for a steady (chronic) rate or a fall, 1 for events that only began after
 * it. When the logs begin after it, its own time cannot split them: then they
 * are measured against the moment the error rate rose within the logs, when
 * it did and there are three events at least; else 0.5 (nothing to compare with).
 */
function excess(times: number[], liveAt: number, logs: LogEvidence): number {
  if (Number.isFinite(logs.start) && liveAt <= logs.start) {
    if (!times.length) return 0;
    if (logs.errorOnset === undefined || times.length < 3) return 0.5;
    return Math.max(0, 2 * newness(times, logs.errorOnset, logs.start, logs.end) - 1);
  }
  return Math.max(0, 2 * newness(times, liveAt, logs.start, logs.end) - 1);
}

function hours(ms: number): string {
  const m = Math.round(ms / 60000);
  return m < 120 ? `${m} min` : m < 2880 ? `${(m / 60).toFixed(1)} h` : `${(m / 1440).toFixed(1)} days`;
}
