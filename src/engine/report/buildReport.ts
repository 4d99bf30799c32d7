import type { Incident } from '../model';
import type { GitContext } from '../pipeline/gitStep';
import { newness, type LogEvidence } from '../pipeline/logStep';
import type { MetricEvidence } from '../pipeline/metricStep';
import { FEATURES } from '../ranking/features';
import type { RankedCommit, Ranking } from '../ranking/rank';
import { REPORT_SCHEMA_ID, type Correlation, type Report, type Suspect } from './reportSchema';

/** Below this, the top suspect is reported as a suspect, not as the root cause. */
export const ROOT_CAUSE_THRESHOLD = 0.35;
/** Suspects beyond the signal-bearing ones are listed up to this many. */
const MIN_LISTED = 10;

export interface ReportInputs {
  incident: Incident;
  git: GitContext;
  ranking: Ranking;
  logs?: LogEvidence;
  metrics?: MetricEvidence;
  timings: Record<string, number>;
  durationMs: number;
  transcript: string[];
}

export function buildReport(r: ReportInputs): Report {
  const { incident, git, ranking } = r;
  const top = ranking.ranked[0];
  const suspects = ranking.ranked
    .filter((c, i) => i < MIN_LISTED || hasSignal(c))
    .map((c, i) => toSuspect(c, i + 1, ranking.model.weights));
  return {
    schema: REPORT_SCHEMA_ID,
    incident: {
      id: incident.id, service: incident.service, metric: incident.metric, alertTime: incident.alertTime,
      threshold: incident.threshold, actualValue: incident.actualValue, source: incident.source,
      severity: incident.severity, endpoints: incident.endpoints,
    },
    scope: {
      paths: git.scope.paths, since: git.since.toISOString(), until: git.until.toISOString(),
      commitsScanned: git.scanned.length, commitsInScope: git.candidates.length, resolvedBy: git.scope.resolvedBy,
    },
    deployments: deploymentsWithErrors(git, r.logs),
    suspects,
    rootCause: top && top.confidence >= ROOT_CAUSE_THRESHOLD ? rootCauseOf(top) : null,
    logs: logSection(r.logs, top),
    metrics: r.metrics?.reports ?? [],
    blastRadius: blastRadius(r),
    recommendation: recommendation(top),
    timings: r.timings,
    durationMs: r.durationMs,
    transcript: r.transcript,
    calibration: { model: ranking.model.model, fittedOn: ranking.model.fittedOn },
    generatedAt: new Date().toISOString(),
  };
}

/**
 * Each deployment with what the logs saw while it was live (from its time to
 * the next deployment or the alert): error events, and message kinds seen for
 * the first time then.
 */
function deploymentsWithErrors(git: GitContext, logs: LogEvidence | undefined): Report['deployments'] {
  const ds = git.deployments;
  return ds.map((d, i) => {
    const from = Date.parse(d.time);
    const to = i + 1 < ds.length ? Date.parse(ds[i + 1].time) : git.until.getTime();
    const base = { time: d.time, commit: d.commit, commits: d.commits, ref: d.ref };
    if (!logs || !Number.isFinite(logs.start) || to <= logs.start) return base;
    const errors = logs.errorTimes.filter((t) => t >= from && t < to).length;
    const newSignatures = from > logs.start ? logs.scan.templates.filter((t) => t.firstAt >= from && t.firstAt < to).length : undefined;
    return { ...base, errorsWhileLive: errors, newSignatures };
  });
}

/** Frame evidence that ties a commit to the failing code itself (not just its directory or author), or through the fix that patched it there. */
const FRAME_TIES = ['frame_line_hist', 'frame_range_hist', 'frame_wide_hist', 'frame_func_hist', 'frame_near_share', 'frame_func_share', 'frame_hunk_near', 'frame_file_rank', 'frame_idents', 'fixed_near_frame'] as const;

function hasSignal(c: RankedCommit): boolean {
  return c.findings.length > 0 || c.risks.length > 0 || c.features.log_file > 0 || c.features.deploy_last > 0 || FRAME_TIES.some((f) => c.features[f] > 0);
}

function toSuspect(c: RankedCommit, rank: number, weights: Partial<Record<string, number>>): Suspect {
  const w = (k: string) => weights[k] ?? 0;
  return {
    rank,
    commit: c.commit.sha,
    subject: c.commit.subject,
    author: c.commit.author,
    authorEmail: c.commit.authorEmail,
    date: c.commit.date,
    score: round(c.score, 4),
    confidence: probability(c.confidence),
    signals: FEATURES.filter((f) => c.features[f] !== 0).map((f) => ({
      kind: f, weight: round(w(f) * c.features[f], 4), value: round(c.features[f], 4), detail: c.details[f] ?? f,
    })),
    findings: c.findings.map((f) => ({ ...f, confidence: round(f.confidence, 3) })),
    deployedAt: c.deployment?.time,
    files: c.commit.files.map((f) => (f.newPath ?? f.oldPath)!),
  };
}

/**
 * Where in the commit the trouble is: the strongest finding that fits the
 * alert, else the line the logs point at, else any finding, else the first
 * line the commit added to its most-changed file.
 */
function rootCauseOf(top: RankedCommit): NonNullable<Report['rootCause']> {
  const base = { commit: top.commit.sha, confidence: probability(top.confidence) };
  const f = top.relevantFindings[0] ?? (top.logLine ? undefined : top.findings[0]);
  if (f) return { ...base, file: f.file, line: f.line, pattern: f.pattern, message: f.message, excerpt: f.excerpt };
  if (top.logLine) return { ...base, ...top.logLine, message: 'the logs\' error frames land on this line, which the commit wrote' };
  const biggest = [...top.commit.files].sort((a, b) => changed(b) - changed(a))[0];
  const first = biggest?.hunks.flatMap((h) => h.lines).find((l) => l.kind === '+');
  return biggest && first ? { ...base, file: (biggest.newPath ?? biggest.oldPath)!, line: first.newLine!, message: 'first line added by the most-changed file of the commit' } : base;
}

function changed(f: RankedCommit['commit']['files'][number]): number {
  return f.hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind !== ' ').length, 0);
}

function logSection(logs: LogEvidence | undefined, top: RankedCommit | undefined): Report['logs'] {
  if (!logs) return { files: [], linesScanned: 0, linesSkipped: 0, errors: 0, correlations: [] };
  const s = logs.scan;
  const live = top?.liveAt ?? NaN;
  const correlations: Correlation[] = logs.linked
    .filter((l) => l.loc.line !== undefined && Number.isFinite(l.loc.firstAt))
    .map((l) => {
      const before = Number.isFinite(live) ? l.loc.times.filter((t) => t < live).length : undefined;
      return {
        file: l.loc.file, line: l.loc.line!, count: l.loc.count, firstAt: new Date(l.loc.firstAt).toISOString(),
        commit: l.exact?.commit ?? [...l.near].sort((a, b) => a.distance - b.distance)[0]?.commit,
        message: l.loc.sample, level: l.loc.level,
        before, after: before === undefined ? undefined : l.loc.times.length - before,
      };
    });
  const newSignatures = Number.isFinite(live)
    ? s.templates.filter((t) => t.firstAt >= live && newness(t.times, live, logs.start, logs.end) >= 0.99)
        .sort((a, b) => b.count - a.count).slice(0, 10)
        .map((t) => ({ template: t.template, count: t.count, firstAt: new Date(t.firstAt).toISOString() }))
    : [];
  return {
    files: s.files, linesScanned: s.linesScanned, linesSkipped: s.linesSkipped, errors: s.errors,
    firstErrorAt: s.firstErrorAt !== undefined && Number.isFinite(s.firstErrorAt) ? new Date(s.firstErrorAt).toISOString() : undefined,
    correlations, newSignatures,
  };
}

/** Only what the inputs say; what they do not (revenue, users) is reported unknown. */
function blastRadius(r: ReportInputs): Record<string, unknown> {
  const i = r.incident;
  const top = r.ranking.ranked[0];
  const errorsAfter = top && r.logs ? r.logs.errorTimes.filter((t) => t >= top.liveAt).length : undefined;
  return {
    service: i.service,
    endpoints: i.endpoints ?? 'unknown',
    instances: i.instanceCount ?? 'unknown',
    requestVolume: i.requestVolume ?? 'unknown',
    region: i.region ?? 'unknown',
    errorsSinceSuspectWentLive: errorsAfter ?? 'unknown (no logs)',
    filesChangedBySuspect: top?.commit.files.map((f) => (f.newPath ?? f.oldPath)!) ?? [],
    metricChanges: (r.metrics?.reports ?? []).map((m) => ({ name: m.name, changePercent: m.changePercent })),
    usersAffected: 'unknown',
    revenueImpact: 'unknown',
  };
}

function recommendation(top: RankedCommit | undefined): Record<string, unknown> {
  if (!top) return { action: 'INVESTIGATE', reason: 'no commit in scope within the look-back window' };
  const sha = top.commit.sha;
  const fix = top.findings.find((f) => f.fix)?.fix;
  const action = top.confidence >= 0.8 ? 'REVERT' : top.confidence >= 0.5 ? 'CONFIRM_THEN_REVERT' : 'INVESTIGATE';
  return {
    action,
    commit: sha,
    revertCommand: `incident-forensics revert --commit ${sha}`,
    gitRevert: `git revert ${sha}`,
    confirmCommand: action === 'REVERT' ? undefined : `incident-forensics bisect --good ${sha}^ --bad HEAD --test "<your test command>" --prior <report.json>`,
    suggestedFix: fix ? { title: fix.title, file: fix.file, startLine: fix.startLine, endLine: fix.endLine, replacement: fix.replacement } : undefined,
  };
}

/** A model probability to 4 decimals; below 1 it stays below 1 (0.99996 is not certainty). */
function probability(p: number): number {
  return p >= 1 ? 1 : Math.min(round(p, 4), 0.9999);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
