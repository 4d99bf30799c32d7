/**
 * Event times kept under a cap: past it, every other kept time is dropped
 * and only every `stride`-th new one is kept, so the kept times stay spread
 * evenly over the arrivals.
 */
export class CappedTimes {
  private times: number[] = [];
  private stride = 1;
  private seen = 0;

  constructor(private readonly cap = 5000) {}

  add(t: number): void {
    if (!Number.isFinite(t)) return;
    if (this.seen++ % this.stride !== 0) return;
    this.times.push(t);
    if (this.times.length >= this.cap) {
      this.times = this.times.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  sorted(): number[] {
    return [...this.times].sort((a, b) => a - b);
  }
}

function lowerBound(times: number[], x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted `times` fall in [from, to). */
export function countBetween(times: number[], from: number, to: number): number {
  if (!(to > from)) return 0;
  return lowerBound(times, to) - lowerBound(times, from);
}

/** countBetween scaled up when `times` was thinned (`times.length < count`). */
export function estimateBetween(stat: { times: number[]; count: number }, from: number, to: number): number {
  const n = countBetween(stat.times, from, to);
  if (stat.times.length === 0 || stat.times.length >= stat.count) return n;
  return Math.round((n * stat.count) / stat.times.length);
}

/**
 * When events began coming faster: the split of [start, end] that best
 * explains sorted `times` as two Poisson rates, the later one higher.
 * Undefined when one steady rate explains them nearly as well (log-likelihood
 * gain below `minGain`) or fewer than three events come after the split.
 */
export function rateOnset(times: number[], start: number, end: number, minGain = 5): number | undefined {
  const n = times.length;
  const span = end - start;
  if (n < 4 || !(span > 0)) return undefined;
  const xlx = (k: number, t: number) => (k > 0 && t > 0 ? k * Math.log(k / t) : 0);
  const steady = xlx(n, span);
  let best: { t: number; gain: number } | undefined;
  for (let i = 1; i <= n - 3; i++) {
    const t = times[i];
    const pre = i;
    const post = n - i;
    const t1 = t - start;
    const t2 = end - t;
    if (!(t1 > 0 && t2 > 0) || post / t2 <= pre / t1) continue;
    const gain = xlx(pre, t1) + xlx(post, t2) - steady;
    if (!best || gain > best.gain) best = { t, gain };
  }
  return best && best.gain >= minGain ? best.t : undefined;
}
