/**
 * A conditional logit (softmax over one case's candidates) fitted by gradient
 * ascent with an L2 penalty: the same model family as the engine's ranking,
 * so weights found here transfer. Deterministic (zero start, fixed steps).
 */
export interface FitCase {
  /** Candidates' feature rows. */
  x: number[][];
  /** Index of the culprit(s) among the rows. */
  y: number[];
  /** Commit times, for newest-first tie-breaking. */
  t: number[];
  group: string;
}

export interface FitOptions {
  l2?: number;
  steps?: number;
  rate?: number;
  /** Feature columns to use (others are held at weight 0). */
  use?: boolean[];
}

export function fitConditionalLogit(cases: FitCase[], dims: number, opts: FitOptions = {}): number[] {
  const l2 = opts.l2 ?? 0.01;
  const steps = opts.steps ?? 300;
  const rate = opts.rate ?? 0.5;
  const w = new Array(dims).fill(0);
  const usable = cases.filter((c) => c.y.length > 0 && c.x.length > 0);
  if (!usable.length) return w;
  // Adam: features differ in scale and sparsity; plain steps would crawl on the rare ones.
  const m = new Array(dims).fill(0);
  const v = new Array(dims).fill(0);
  for (let step = 1; step <= steps; step++) {
    const g = new Array(dims).fill(0);
    for (const c of usable) {
      const s = c.x.map((row) => dot(w, row));
      const max = Math.max(...s);
      const e = s.map((z) => Math.exp(z - max));
      const z = e.reduce((a, b) => a + b, 0);
      // Several named culprits: the target spreads evenly over them.
      const target = 1 / c.y.length;
      const isY = new Set(c.y);
      for (let i = 0; i < c.x.length; i++) {
        const coef = (isY.has(i) ? target : 0) - e[i] / z;
        if (coef === 0) continue;
        const row = c.x[i];
        for (let k = 0; k < dims; k++) g[k] += coef * row[k];
      }
    }
    for (let k = 0; k < dims; k++) {
      if (opts.use && !opts.use[k]) continue;
      const grad = g[k] / usable.length - l2 * w[k];
      m[k] = 0.9 * m[k] + 0.1 * grad;
      v[k] = 0.999 * v[k] + 0.001 * grad * grad;
      const mh = m[k] / (1 - 0.9 ** step);
      const vh = v[k] / (1 - 0.999 ** step);
      w[k] += (rate * mh) / (Math.sqrt(vh) + 1e-8) / Math.sqrt(step);
    }
  }
  return w;
}

/** 1-based rank of the best culprit under weights `w` (ties: newer first), undefined when absent. */
export function rankUnder(w: number[], c: FitCase): number | undefined {
  if (!c.y.length) return undefined;
  const order = c.x.map((row, i) => ({ i, s: dot(w, row), t: c.t[i] })).sort((a, b) => b.s - a.s || b.t - a.t);
  const pos = order.findIndex((o) => c.y.includes(o.i));
  return pos < 0 ? undefined : pos + 1;
}

/** Leave-one-group-out ranks: each group is ranked by weights fitted on the others. */
export function outOfFoldRanks(cases: FitCase[], dims: number, opts: FitOptions = {}): (number | undefined)[] {
  const groups = [...new Set(cases.map((c) => c.group))];
  const ranks: (number | undefined)[] = new Array(cases.length);
  for (const g of groups) {
    const w = fitConditionalLogit(cases.filter((c) => c.group !== g), dims, opts);
    cases.forEach((c, i) => {
      if (c.group === g) ranks[i] = rankUnder(w, c);
    });
  }
  return ranks;
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
