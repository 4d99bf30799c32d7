/**
 * Pure shaping of a report into what the tabs draw: no DOM, no chart library,
 * so it is unit-tested in plain Node (test/unit/webview).
 */
import type { Report } from '../src/protocol/reportProtocol';
import { fmtNum, fmtTime, percent, shortSha } from './format';
import { flatten, recommendationModel, type RecommendationModel } from './records';

export { flatten, fmtNum, fmtTime, percent, recommendationModel, shortSha };


export interface SummaryModel {
  title: string;
  alert: string;
  rootCause:
    | {
        commit: string;
        short: string;
        subject: string;
        author: string;
        date: string;
        confidence: string;
        confidenceValue: number;
        pattern?: string;
        message?: string;
        location?: { file: string; line: number };
        excerpt?: string;
      }
    | null;
  /** Key → value lines, rendered as text. */
  blastRadius: [string, string][];
  recommendation: RecommendationModel;
  timings: [string, string][];
  scope: string;
}

export function summaryModel(r: Report): SummaryModel {
  const rc = r.rootCause;
  const suspect = rc ? r.suspects.find((s) => s.commit.startsWith(rc.commit) || rc.commit.startsWith(s.commit)) : undefined;
  const incident = r.incident;
  const value = incident.actualValue !== undefined ? ` = ${fmtNum(incident.actualValue)}` : '';
  const threshold = incident.threshold !== undefined ? ` (threshold ${fmtNum(incident.threshold)})` : '';
  return {
    title: `${incident.id} · ${incident.service}`,
    alert: `${incident.metric}${value}${threshold} at ${fmtTime(incident.alertTime)}`,
    rootCause: rc
      ? {
          commit: rc.commit,
          short: shortSha(rc.commit),
          subject: suspect?.subject ?? '',
          author: suspect?.author ?? '',
          date: suspect ? fmtTime(suspect.date) : '',
          confidence: percent(rc.confidence),
          confidenceValue: rc.confidence,
          pattern: rc.pattern,
          message: rc.message,
          location: rc.file && rc.line ? { file: rc.file, line: rc.line } : undefined,
          excerpt: rc.excerpt,
        }
      : null,
    blastRadius: flatten(r.blastRadius),
    recommendation: recommendationModel(r.recommendation),
    timings: [
      ...Object.entries(r.timings).map(([k, ms]) => [k.replace(/_/g, ' '), `${Math.round(ms)} ms`] as [string, string]),
      ['total', `${Math.round(r.durationMs)} ms`],
    ],
    scope: `${r.scope.commitsInScope} of ${r.scope.commitsScanned} commits in scope (${r.scope.paths.join(', ') || 'whole repository'}), ${fmtTime(r.scope.since)} – ${fmtTime(r.scope.until)}`,
  };
}

export interface SuspectRow {
  rank: number;
  commit: string;
  short: string;
  subject: string;
  author: string;
  date: string;
  confidence: string;
  confidenceValue: number;
  score: string;
  /** "pool +1.40 · deploy +1.10" */
  signals: string;
  findings: number;
  /** The file to open in the diff: the first finding's, else the first changed file. */
  diffFile?: string;
}

export function suspectRows(r: Report): SuspectRow[] {
  return [...r.suspects]
    .sort((a, b) => a.rank - b.rank)
    .map((s) => ({
      rank: s.rank,
      commit: s.commit,
      short: shortSha(s.commit),
      subject: s.subject,
      author: s.author,
      date: fmtTime(s.date),
      confidence: percent(s.confidence),
      confidenceValue: s.confidence,
      score: s.score.toFixed(2),
      signals: [...s.signals].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).map((g) => `${g.kind} ${g.weight >= 0 ? '+' : '−'}${Math.abs(g.weight).toFixed(2)}`).join(' · '),
      findings: s.findings.length,
      diffFile: s.findings[0]?.file ?? s.files?.[0],
    }));
}

export interface TimelineMarker {
  kind: 'deploy' | 'alert' | 'firstError';
  t: number;
  label: string;
}

export interface TimelineRow {
  file: string;
  line: number;
  commit?: string;
  label: string;
  t: number;
  count: number;
  level: string;
  message: string;
  /** Set when the line first appeared outside the drawn window; it is drawn at the edge. */
  clamped?: 'before' | 'after';
}

export interface TimelineModel {
  start: number;
  end: number;
  markers: TimelineMarker[];
  rows: TimelineRow[];
  /** Fraction 0..1 of `t` along the axis (clamped to the window). */
  x(t: number): number;
}

/** A day of background errors would squeeze deploy and alert into one pixel: window around them instead. */
const WINDOW_BEFORE_GAPS = 3;
const WINDOW_AFTER_GAPS = 1;
const MIN_GAP_MS = 10 * 60_000;

export function timelineModel(r: Report): TimelineModel {
  const rows: TimelineRow[] = r.logs.correlations
    .map((c) => ({
      file: c.file,
      line: c.line,
      commit: c.commit,
      label: `${c.file}:${c.line}`,
      t: Date.parse(c.firstAt),
      count: c.count,
      level: (c.level ?? 'error').toLowerCase(),
      message: c.message ?? '',
    }))
    .filter((row) => Number.isFinite(row.t))
    .sort((a, b) => a.t - b.t);
  const markers: TimelineMarker[] = [];
  for (const d of r.deployments) {
    const t = Date.parse(d.time);
    if (Number.isFinite(t)) markers.push({ kind: 'deploy', t, label: d.ref && /deploy/i.test(d.ref) ? d.ref : `deploy ${d.ref ?? shortSha(d.commit)}` });
  }
  const alertT = Date.parse(r.incident.alertTime);
  if (Number.isFinite(alertT)) markers.push({ kind: 'alert', t: alertT, label: 'alert' });
  const firstErr = r.logs.firstErrorAt ? Date.parse(r.logs.firstErrorAt) : NaN;
  if (Number.isFinite(firstErr)) markers.push({ kind: 'firstError', t: firstErr, label: 'first error' });
  // Show the last deployment before the alert, not the whole history.
  const relevant = markers.filter((m) => m.kind !== 'deploy' || !Number.isFinite(alertT) || m.t <= alertT);
  const lastDeploy = relevant.filter((m) => m.kind === 'deploy').sort((a, b) => b.t - a.t)[0];
  const shown = relevant.filter((m) => m.kind !== 'deploy' || m === lastDeploy);
  const times = [...rows.map((x) => x.t), ...shown.map((m) => m.t)];
  let start = times.length ? Math.min(...times) : 0;
  let end = times.length ? Math.max(...times) : 1;
  if (lastDeploy && Number.isFinite(alertT) && alertT >= lastDeploy.t) {
    const gap = Math.max(alertT - lastDeploy.t, MIN_GAP_MS);
    start = Math.max(start, lastDeploy.t - WINDOW_BEFORE_GAPS * gap);
    end = Math.min(end, alertT + WINDOW_AFTER_GAPS * gap);
  }
  const pad = Math.max((end - start) * 0.05, 60_000);
  const lo = start;
  const hi = end;
  for (const row of rows) if (row.t < lo) row.clamped = 'before';
  for (const row of rows) if (row.t > hi) row.clamped = 'after';
  start -= pad;
  end += pad;
  const inside = shown.filter((m) => m.t >= lo && m.t <= hi).sort((a, b) => a.t - b.t);
  return { start, end, markers: inside, rows, x: (t) => Math.min(1, Math.max(0, (t - start) / (end - start))) };
}

export interface ChartModel {
  name: string;
  unitless: string;
  points: { x: number; y: number }[];
  before: { avg: number; max: number; p95: number };
  after: { avg: number; max: number; p95: number };
  change: string;
  markers: { kind: 'deploy' | 'alert' | 'changePoint'; t: number; label: string }[];
  /** The split between the before and after windows (the deployment), when known. */
  splitAt?: number;
  /** The x range drawn: around the deployment and the alert, not the whole series. */
  xMin: number;
  xMax: number;
}

export function chartModels(r: Report): ChartModel[] {
  const alertT = Date.parse(r.incident.alertTime);
  return r.metrics.map((m) => {
    const deployT = m.deploymentAt ? Date.parse(m.deploymentAt) : NaN;
    const cpT = m.changePointAt ? Date.parse(m.changePointAt) : NaN;
    const markers: ChartModel['markers'] = [];
    if (Number.isFinite(deployT)) markers.push({ kind: 'deploy', t: deployT, label: 'deploy' });
    if (Number.isFinite(cpT)) markers.push({ kind: 'changePoint', t: cpT, label: 'change point' });
    if (Number.isFinite(alertT)) markers.push({ kind: 'alert', t: alertT, label: 'alert' });
    const points = (m.points ?? []).filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v)).map(([t, v]) => ({ x: t, y: v }));
    const xs = [...points.map((p) => p.x), ...markers.map((k) => k.t)];
    let xMin = xs.length ? Math.min(...xs) : 0;
    let xMax = xs.length ? Math.max(...xs) : 1;
    if (Number.isFinite(deployT) && Number.isFinite(alertT) && alertT >= deployT) {
      const gap = Math.max(alertT - deployT, MIN_GAP_MS);
      xMin = Math.max(xMin, deployT - 2 * WINDOW_BEFORE_GAPS * gap);
      xMax = Math.min(xMax, alertT + WINDOW_AFTER_GAPS * gap);
    }
    return {
      name: m.name,
      unitless: m.source ?? '',
      xMin,
      xMax,
      points: points.filter((p) => p.x >= xMin && p.x <= xMax),
      before: m.before,
      after: m.after,
      change: m.changePercent === null ? 'n/a' : `${m.changePercent >= 0 ? '+' : ''}${fmtNum(m.changePercent)}%`,
      markers,
      splitAt: Number.isFinite(deployT) ? deployT : undefined,
    };
  });
}


