import type { MetricPoint } from '../model';

export interface WindowStats {
  avg: number;
  max: number;
  /** 95th percentile by the nearest-rank method: the ⌈0.95·n⌉-th smallest value. */
  p95: number;
  count: number;
}

/** Nearest-rank percentile of an ascending array (q in 0..1). */
export function nearestRank(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/**
 * Statistics of the points with fromMs ≤ t < toMs (half-open, so adjacent
 * windows never share a point). An empty window gives zeros with count 0.
 */
export function windowStats(points: readonly MetricPoint[], fromMs: number, toMs: number): WindowStats {
  const vals: number[] = [];
  for (const p of points) if (p.t >= fromMs && p.t < toMs && Number.isFinite(p.v)) vals.push(p.v);
  if (vals.length === 0) return { avg: 0, max: 0, p95: 0, count: 0 };
  let sum = 0;
  let max = -Infinity;
  for (const v of vals) {
    sum += v;
    if (v > max) max = v;
  }
  vals.sort((a, b) => a - b);
  return { avg: sum / vals.length, max, p95: nearestRank(vals, 0.95), count: vals.length };
}

/** Percent change of the average, after vs before; null when before is 0 (or empty), where a percentage means nothing. */
export function changePercent(before: { avg: number; count?: number }, after: { avg: number; count?: number }): number | null {
  if (before.avg === 0 || before.count === 0 || after.count === 0) return null;
  return ((after.avg - before.avg) / Math.abs(before.avg)) * 100;
}
