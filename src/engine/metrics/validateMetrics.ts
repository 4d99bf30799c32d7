import type { MetricPoint, MetricSeries } from '../model';
import type { MetricReport } from '../report/reportSchema';
import { detectChangePoint } from './changePoint';
import { downsampleLttb } from './downsample';
import { changePercent, windowStats, type WindowStats } from './windowStats';

/** Charts get at most this many points per series. */
export const CHART_POINTS = 300;
const MAX_BEFORE_MS = 6 * 3_600_000;
/** A before-window shorter than this says little (a deploy 2 min before the alert). */
const MIN_BEFORE_MS = 15 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

interface Windows {
  pivot: number;
  before: WindowStats;
  after: WindowStats;
}

/**
 * Before = [pivot − L, pivot), after = [pivot, end] with end the alert (or the
 * last sample if data stops earlier) and L the after length clamped to
 * 15 min … 6 h, so both sides cover comparable stretches.
 */
export function windowsAround(points: readonly MetricPoint[], pivot: number, alertMs: number): Windows | undefined {
  const last = points[points.length - 1]?.t;
  if (last === undefined) return undefined;
  const end = Math.min(alertMs, last);
  if (end < pivot) return undefined;
  const len = Math.min(Math.max(end - pivot, MIN_BEFORE_MS), MAX_BEFORE_MS);
  const before = windowStats(points, pivot - len, pivot);
  const after = windowStats(points, pivot, end + 1);
  return before.count > 0 && after.count > 0 ? { pivot, before, after } : undefined;
}

const strip = (s: WindowStats) => ({ avg: s.avg, max: s.max, p95: s.p95 });

/** One report per series: compared around the last deploy before the alert that has data on both sides. */
export function validateMetrics(series: MetricSeries[], deployTimesMs: number[], alertTimeMs: number): MetricReport[] {
  const deploys = deployTimesMs.filter(Number.isFinite).sort((a, b) => a - b);
  return series.map((s) => reportOne(s, deploys, alertTimeMs));
}

function reportOne(s: MetricSeries, deploys: number[], alertMs: number): MetricReport {
  const points = s.points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v)).sort((a, b) => a.t - b.t);
  // Look for the shift up to the alert only: a later recovery (the revert) is a second change.
  const upToAlert = points.filter((p) => p.t <= alertMs);
  const cp = detectChangePoint(upToAlert.length >= 8 ? upToAlert : points);

  let w: Windows | undefined;
  let deploymentAt: number | undefined;
  for (let i = deploys.length - 1; i >= 0 && !w; i--) {
    if (deploys[i]! > alertMs) continue;
    w = windowsAround(points, deploys[i]!, alertMs);
    if (w) deploymentAt = deploys[i];
  }
  // No usable deploy: split at the change point, else halfway through the data before the alert.
  if (!w && cp) w = windowsAround(points, cp.t, alertMs);
  if (!w && points.length >= 2) {
    const end = Math.min(alertMs, points[points.length - 1]!.t);
    w = windowsAround(points, points[0]!.t + (end - points[0]!.t) / 2, alertMs);
  }

  const nearest = cp && deploys.length ? deploys.reduce((a, b) => (Math.abs(b - cp.t) < Math.abs(a - cp.t) ? b : a)) : undefined;
  const empty = { avg: 0, max: 0, p95: 0 };
  const report: MetricReport = {
    name: s.name,
    before: w ? strip(w.before) : empty,
    after: w ? strip(w.after) : empty,
    changePercent: w ? round(changePercent(w.before, w.after)) : null,
    points: downsampleLttb(points, CHART_POINTS).map((p) => [p.t, p.v] as [number, number]),
    source: s.source,
  };
  if (cp) {
    report.changePointAt = iso(cp.t);
    report.changePointKind = cp.kind;
    report.changePointScore = Math.round(cp.score * 1000) / 1000;
  }
  if (deploymentAt !== undefined) report.deploymentAt = iso(deploymentAt);
  // Signed: positive when the shift came after the deploy.
  if (cp && nearest !== undefined) report.changePointDistanceMinutes = Math.round(((cp.t - nearest) / 60_000) * 10) / 10;
  return report;
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

/**
 * 0..1: how strongly this metric says "the shift happened at the deploy at
 * deployMs". Proximity of the change point (full within ±tolerance; fading to
 * 0 at 4×tolerance after, since effects such as leaks lag, but already at
 * 2×tolerance before, since a shift before a deploy is not its doing) times
 * its strength: the mean of the change point's score and the shift's size,
 * where size is the larger of that score and |changePercent|/50% (counted only
 * when the report compared around this very deploy). The score term lets a
 * leak count fully although memory grows by a few percent of its total.
 */
export function changePointNearDeploy(report: MetricReport, deployMs: number, toleranceMin = 15): number {
  if (!report.changePointAt) return 0;
  const cp = Date.parse(report.changePointAt);
  if (!Number.isFinite(cp) || !Number.isFinite(deployMs)) return 0;
  const tol = Math.max(toleranceMin, 0.1);
  const d = (cp - deployMs) / 60_000;
  let proximity: number;
  if (Math.abs(d) <= tol) proximity = 1;
  else if (d > 0) proximity = Math.max(0, 1 - (d - tol) / (3 * tol));
  else proximity = Math.max(0, 1 - (-d - tol) / tol);
  if (proximity === 0) return 0;
  const score = report.changePointScore ?? 0.5;
  const sameDeploy = report.deploymentAt !== undefined && Math.abs(Date.parse(report.deploymentAt) - deployMs) < 1000;
  let magnitude = score;
  if (sameDeploy) {
    const pct = report.changePercent === null ? (report.after.avg !== 0 ? 1 : 0) : Math.min(1, Math.abs(report.changePercent) / 50);
    magnitude = Math.max(pct, score);
  }
  return clamp01(proximity * (0.5 * magnitude + 0.5 * score));
}

/** The strongest support any of the metrics gives to a deploy. */
export function metricSupportForDeploy(reports: MetricReport[], deployMs: number, toleranceMin = 15): number {
  let best = 0;
  for (const r of reports) best = Math.max(best, changePointNearDeploy(r, deployMs, toleranceMin));
  return best;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
