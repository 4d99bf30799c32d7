import type { MetricPoint } from '../../../../src/engine/model';

/** mulberry32: a small seeded PRNG, so "random" test series are the same on every run. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller) from a seeded PRNG. */
export function gaussian(seed: number): () => number {
  const r = prng(seed);
  return () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}

export const T0 = Date.UTC(2024, 0, 18, 6, 0);

/** n points every stepMs from T0, value f(i, noise). */
export function series(n: number, f: (i: number, g: () => number) => number, seed = 1, stepMs = 15_000): MetricPoint[] {
  const g = gaussian(seed);
  return Array.from({ length: n }, (_, i) => ({ t: T0 + i * stepMs, v: f(i, g) }));
}
