import type { MetricPoint } from '../model';

/**
 * Single change-point search, O(n) after sorting, with prefix sums.
 *
 * Two models compete:
 * - level: the series is one mean before t and another after (a step). The
 *   best split maximizes the between-segment sum of squares; its score is the
 *   share of the variance the step explains (R², 0..1).
 * - slope: a continuous line that bends at t (a hinge, y = a + b·u + c·(u−τ)₊),
 *   the shape of a leak that starts climbing at a deploy. Its score is the share
 *   of the straight line's residual the bend removes, so a steady trend with no
 *   bend scores ~0.
 * The model with the smaller residual wins. A result is returned only when its
 * score reaches `minScore` and its F statistic (improvement over the simpler
 * model per residual variance) reaches `minF`. Metrics are autocorrelated
 * (smooth load, a step finer than the scrape interval repeating samples), which
 * inflates F, so F is scaled by the effective-sample-size factor (1−ρ)/(1+ρ)
 * of the residuals' lag-1 autocorrelation ρ. White noise gives F ≈ 10–15 at the
 * best split even for 20k points, well below the bar.
 */
export interface ChangePoint {
  /** Epoch ms of the first point of the new regime (step) or of the bend (slope). */
  t: number;
  kind: 'level' | 'slope';
  /** 0..1, see above. */
  score: number;
  /** Index into the (time-sorted) points. */
  index: number;
}

export interface ChangePointOptions {
  /** Default 0.15. */
  minScore?: number;
  /** Default 30. */
  minF?: number;
}

const MIN_POINTS = 8;

export function detectChangePoint(input: readonly MetricPoint[], opts: ChangePointOptions = {}): ChangePoint | undefined {
  const minScore = opts.minScore ?? 0.15;
  const minF = opts.minF ?? 30;
  const pts = input.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v));
  if (!isSorted(pts)) pts.sort((a, b) => a.t - b.t);
  const n = pts.length;
  if (n < MIN_POINTS) return undefined;

  // Centre y and scale time to 0..1 so sums of squares keep their precision (t is ~1.7e12).
  let mean = 0;
  for (const p of pts) mean += p.v;
  mean /= n;
  const y = new Float64Array(n);
  const u = new Float64Array(n);
  const t0 = pts[0]!.t;
  const span = pts[n - 1]!.t - t0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    y[i] = pts[i]!.v - mean;
    u[i] = span > 0 ? (pts[i]!.t - t0) / span : i / (n - 1);
    sst += y[i]! * y[i]!;
  }
  if (!(sst > 1e-12 * n * (mean * mean + 1))) return undefined; // constant series
  // A short tail still counts: an alert often fires minutes after the change, so the newest segment may be brief.
  const minSeg = Math.max(3, Math.min(10, Math.floor(n * 0.02)));

  const level = bestStep(y, minSeg);
  const line = lineFit(u, y);
  const hinge = bestHinge(u, y, minSeg);

  const levelSse = sst - level.explained;
  if (hinge && hinge.sse < levelSse) {
    const score = line.sse > 0 ? 1 - hinge.sse / line.sse : 0;
    if (score < minScore) return undefined;
    const [a, b, c] = hinge.beta;
    const tau = u[hinge.k]!;
    const rho = residualAutocorrelation(n, (i) => y[i]! - a - b * u[i]! - (u[i]! > tau ? c * (u[i]! - tau) : 0));
    const f = hinge.sse > 0 ? ((line.sse - hinge.sse) / (hinge.sse / (n - 4))) * essFactor(rho) : Infinity;
    return f >= minF ? { t: pts[hinge.k]!.t, kind: 'slope', score, index: hinge.k } : undefined;
  }
  const score = level.explained / sst;
  if (level.k === 0 || score < minScore) return undefined;
  const m1 = mean1(y, 0, level.k);
  const m2 = mean1(y, level.k, n);
  const rho = residualAutocorrelation(n, (i) => y[i]! - (i < level.k ? m1 : m2));
  const f = levelSse > 0 ? (level.explained / (levelSse / (n - 2))) * essFactor(rho) : Infinity;
  return f >= minF ? { t: pts[level.k]!.t, kind: 'level', score, index: level.k } : undefined;
}

function mean1(y: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += y[i]!;
  return s / (to - from);
}

/** Lag-1 autocorrelation of the residuals r(0..n-1). */
function residualAutocorrelation(n: number, r: (i: number) => number): number {
  let num = 0;
  let den = 0;
  let prev = r(0);
  den += prev * prev;
  for (let i = 1; i < n; i++) {
    const cur = r(i);
    num += cur * prev;
    den += cur * cur;
    prev = cur;
  }
  return den > 0 ? num / den : 0;
}

/** n_eff / n for an AR(1)-like residual: (1−ρ)/(1+ρ), 1 when ρ ≤ 0. */
function essFactor(rho: number): number {
  const r = Math.min(Math.max(rho, 0), 0.999);
  return (1 - r) / (1 + r);
}

function isSorted(p: readonly MetricPoint[]): boolean {
  for (let i = 1; i < p.length; i++) if (p[i]!.t < p[i - 1]!.t) return false;
  return true;
}

/** Split k (first index of the second segment) maximizing n1·m1² + n2·m2² for mean-zero y. */
function bestStep(y: Float64Array, minSeg: number): { k: number; explained: number } {
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i]!;
  let left = 0;
  let best = { k: 0, explained: 0 };
  for (let k = 1; k < n; k++) {
    left += y[k - 1]!;
    if (k < minSeg || n - k < minSeg) continue;
    const right = total - left;
    const explained = (left * left) / k + (right * right) / (n - k) - (total * total) / n;
    if (explained > best.explained) best = { k, explained };
  }
  return best;
}

function lineFit(u: Float64Array, y: Float64Array): { sse: number } {
  const n = u.length;
  let su = 0, sy = 0, suu = 0, suy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    su += u[i]!;
    sy += y[i]!;
    suu += u[i]! * u[i]!;
    suy += u[i]! * y[i]!;
    syy += y[i]! * y[i]!;
  }
  const sxx = suu - (su * su) / n;
  const sxy = suy - (su * sy) / n;
  const syyc = syy - (sy * sy) / n;
  return { sse: Math.max(0, sxx > 0 ? syyc - (sxy * sxy) / sxx : syyc) };
}

/** Hinge at u[k] for every admissible k, from suffix sums; the least squared error wins. */
function bestHinge(
  u: Float64Array,
  y: Float64Array,
  minSeg: number,
): { k: number; sse: number; beta: [number, number, number] } | undefined {
  const n = u.length;
  let su = 0, sy = 0, suu = 0, suy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    su += u[i]!;
    sy += y[i]!;
    suu += u[i]! * u[i]!;
    suy += u[i]! * y[i]!;
    syy += y[i]! * y[i]!;
  }
  // Suffix sums over i ≥ k, built from the end.
  let c = 0, u1 = 0, u2 = 0, y1 = 0, uy = 0;
  let best: { k: number; sse: number; beta: [number, number, number] } | undefined;
  for (let k = n - 1; k >= 1; k--) {
    c += 1;
    u1 += u[k]!;
    u2 += u[k]! * u[k]!;
    y1 += y[k]!;
    uy += u[k]! * y[k]!;
    if (c < minSeg || k < minSeg) continue;
    const tau = u[k]!;
    const sh = u1 - tau * c;
    const shh = u2 - 2 * tau * u1 + tau * tau * c;
    const suh = u2 - tau * u1;
    const shy = uy - tau * y1;
    const beta = solve3([n, su, sh, su, suu, suh, sh, suh, shh], [sy, suy, shy]);
    if (!beta) continue;
    const sse = syy - (beta[0] * sy + beta[1] * suy + beta[2] * shy);
    if (!best || sse < best.sse) best = { k, sse: Math.max(0, sse), beta };
  }
  return best;
}

/** Solves a symmetric 3×3 system (row-major) by Cramer's rule; undefined when singular. */
function solve3(a: number[], b: number[]): [number, number, number] | undefined {
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a as [number, number, number, number, number, number, number, number, number];
  const det = a0 * (a4 * a8 - a5 * a7) - a1 * (a3 * a8 - a5 * a6) + a2 * (a3 * a7 - a4 * a6);
  const scale = Math.abs(a0 * a4 * a8) + 1e-300;
  if (Math.abs(det) < 1e-12 * scale) return undefined;
  const [b0, b1, b2] = b as [number, number, number];
  const x0 = (b0 * (a4 * a8 - a5 * a7) - a1 * (b1 * a8 - a5 * b2) + a2 * (b1 * a7 - a4 * b2)) / det;
  const x1 = (a0 * (b1 * a8 - a5 * b2) - b0 * (a3 * a8 - a5 * a6) + a2 * (a3 * b2 - b1 * a6)) / det;
  const x2 = (a0 * (a4 * b2 - b1 * a7) - a1 * (a3 * b2 - b1 * a6) + b0 * (a3 * a7 - a4 * a6)) / det;
  return [x0, x1, x2];
}
