/** A small seeded PRNG (mulberry32), so benchmark runs are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean and nearest-rank p95 of a sample. */
export function meanP95(xs: readonly number[]): { mean: number; p95: number } {
  if (xs.length === 0) return { mean: NaN, p95: NaN };
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { mean, p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] };
}
