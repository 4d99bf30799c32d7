import type { MetricPoint } from '../model';

/**
 * Largest-Triangle-Three-Buckets down-sampling (Steinarsson 2013): keeps the
 * first and last point and, per bucket, the point that best preserves the
 * shape, so spikes survive where averaging would flatten them. O(n).
 */
export function downsampleLttb(points: readonly MetricPoint[], threshold: number): MetricPoint[] {
  const n = points.length;
  if (n <= threshold) return points.slice();
  if (threshold < 3) return [points[0]!, points[n - 1]!].slice(0, Math.max(0, threshold));
  const out: MetricPoint[] = [points[0]!];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket is the third triangle corner.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgT = 0;
    let avgV = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgT += points[j]!.t;
      avgV += points[j]!.v;
    }
    const len = Math.max(nextEnd - nextStart, 1);
    avgT /= len;
    avgV /= len;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const pa = points[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = points[j]!;
      const area = Math.abs((pa.t - avgT) * (p.v - pa.v) - (pa.t - p.t) * (avgV - pa.v));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]!);
    a = best;
  }
  out.push(points[n - 1]!);
  return out;
}
