import type { MetricSeries } from '../model';
import { detectChangePoint } from './changePoint';
import { windowsAround } from './validateMetrics';

/**
 * A surge in the load a service takes (its request rate) is a cause no commit
 * made: saturation, queueing and timeouts follow more traffic as surely as
 * they follow a bad change. The first question of triage — "did traffic go
 * up?" — answered from the metrics the user gave.
 */
export interface LoadSurge {
  /** The request-rate series that rose. */
  name: string;
  /** Epoch ms of its change point. */
  at: number;
  /** Mean rate after the change point (to the alert) ÷ mean rate before it. */
  ratio: number;
}

// Request or call rates by their usual names; durations, errors and sizes of requests are not load.
const LOAD = /(^|[^a-z])(requests?|reqs?|rps|qps|throughput|traffic|calls)([^a-z]|$)/i;
const NOT_LOAD = /duration|latenc|seconds_(sum|bucket)|error|fail|5xx|4xx|bytes|size|inflight|in_flight|queue/i;
/** Below it, a rise is within a day's swing of ordinary traffic. */
const MIN_RATIO = 1.3;

export function isLoadSeries(name: string): boolean {
  return LOAD.test(name) && !NOT_LOAD.test(name);
}

/** The strongest rise of a request-rate series before the alert, if any rose by ≥ 30 %. */
export function loadSurge(series: MetricSeries[], alertMs: number): LoadSurge | undefined {
  let best: LoadSurge | undefined;
  for (const s of series) {
    if (!isLoadSeries(s.name)) continue;
    const points = s.points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v) && p.t <= alertMs);
    const cp = detectChangePoint(points);
    if (!cp) continue;
    // Compared as the metric reports compare around a deploy: the stretch after it, and as long a stretch before.
    const w = windowsAround(points, cp.t, alertMs);
    if (!w || !(w.before.avg > 0)) continue;
    const ratio = w.after.avg / w.before.avg;
    if (ratio >= MIN_RATIO && ratio > (best?.ratio ?? 0)) best = { name: s.name, at: cp.t, ratio };
  }
  return best;
}

/** 0..1 for the ranking: log2 of the ratio, so a doubling counts fully. */
export function surgeStrength(s: LoadSurge): number {
  return Math.min(1, Math.log2(s.ratio));
}
