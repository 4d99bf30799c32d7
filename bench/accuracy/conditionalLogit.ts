/**
 * Maximum-likelihood fit of the ranking's conditional logit with a "no
 * culprit" option: P(candidate j) = e^{w·x_j} / (e^{b0} + Σ_k e^{w·x_k} + m),
 * where m counts in-scope commits with no signal (score 0). L2 on w (not b0).
 * Newton steps with backtracking; pure TypeScript, small dense algebra.
 */

export interface Choice {
  /** Feature vectors of the listed candidates (same feature order everywhere). */
  x: number[][];
  /** In-scope commits not listed (score 0). */
  unlisted: number;
  /** Index into x, 'unlisted' (truth in scope but not listed), or 'none' (no culprit). */
  truth: number | 'unlisted' | 'none';
}

export interface Fit {
  w: number[];
  b0: number;
  nll: number;
  iterations: number;
}

function logSumExp(xs: number[]): number {
  const m = Math.max(...xs);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

/** Utilities of the options of one choice: candidates…, then "none", then the unlisted block. */
function utilities(c: Choice, w: number[], b0: number): number[] {
  const u = c.x.map((x) => dot(w, x));
  u.push(b0);
  if (c.unlisted > 0) u.push(Math.log(c.unlisted));
  return u;
}

/** Negative log-likelihood plus the ridge term. */
export function objective(data: Choice[], w: number[], b0: number, lambda: number): number {
  let nll = 0;
  for (const c of data) {
    const u = utilities(c, w, b0);
    const lz = logSumExp(u);
    const ut = c.truth === 'none' ? b0 : c.truth === 'unlisted' ? 0 : u[c.truth];
    nll += lz - ut;
  }
  return nll + 0.5 * lambda * dot(w, w);
}

/** Probabilities of each listed candidate and of "none" under (w, b0). */
export function choiceProbabilities(c: Choice, w: number[], b0: number): { p: number[]; none: number } {
  const u = utilities(c, w, b0);
  const lz = logSumExp(u);
  return { p: c.x.map((_x, j) => Math.exp(u[j] - lz)), none: Math.exp(b0 - lz) };
}

/** Solves A z = b for a symmetric positive-definite A (Cholesky). */
export function solveSpd(A: number[][], b: number[]): number[] {
  const n = b.length;
  const L = A.map((row) => row.map(() => 0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) L[i][i] = Math.sqrt(Math.max(s, 1e-12));
      else L[i][j] = s / L[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const z = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * z[k];
    z[i] = s / L[i][i];
  }
  return z;
}

export function fitConditionalLogit(data: Choice[], dims: number, lambda: number, init?: { w: number[]; b0: number }, maxIter = 100): Fit {
  let w = init ? init.w.slice() : new Array<number>(dims).fill(0);
  let b0 = init?.b0 ?? 0;
  let f = objective(data, w, b0, lambda);
  let it = 0;
  for (; it < maxIter; it++) {
    const n = dims + 1;
    const g = new Array<number>(n).fill(0);
    const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const c of data) {
      // Option vectors z: candidates (x, 0), none (0, 1), unlisted (0, 0).
      const u = utilities(c, w, b0);
      const lz = logSumExp(u);
      const p = u.map((v) => Math.exp(v - lz));
      const zbar = new Array<number>(n).fill(0);
      c.x.forEach((x, j) => { for (let k = 0; k < dims; k++) zbar[k] += p[j] * x[k]; });
      zbar[dims] += p[c.x.length];
      const zt = new Array<number>(n).fill(0);
      if (typeof c.truth === 'number') for (let k = 0; k < dims; k++) zt[k] = c.x[c.truth][k];
      else if (c.truth === 'none') zt[dims] = 1;
      for (let k = 0; k < n; k++) g[k] += zt[k] - zbar[k];
      // Covariance of z under p: Σ p z zᵀ − z̄ z̄ᵀ.
      c.x.forEach((x, j) => {
        for (let a = 0; a < dims; a++) { if (!x[a]) continue; for (let b = 0; b < dims; b++) H[a][b] += p[j] * x[a] * x[b]; }
      });
      H[dims][dims] += p[c.x.length];
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) H[a][b] -= zbar[a] * zbar[b];
    }
    for (let k = 0; k < dims; k++) { g[k] -= lambda * w[k]; H[k][k] += lambda; }
    H[dims][dims] += 1e-6;
    const step = solveSpd(H, g);
    let t = 1;
    let accepted = false;
    while (t > 1e-6) {
      const w2 = w.map((v, k) => v + t * step[k]);
      const b2 = b0 + t * step[dims];
      const f2 = objective(data, w2, b2, lambda);
      if (f2 <= f + 1e-12) { w = w2; b0 = b2; accepted = f - f2 > 1e-9; f = f2; break; }
      t /= 2;
    }
    if (!accepted) break;
  }
  return { w, b0, nll: f - 0.5 * lambda * dot(w, w), iterations: it };
}

/** Picks the ridge strength by k-fold held-out likelihood, then fits on everything. */
export function fitWithCrossValidation(data: Choice[], dims: number, lambdas = [0.01, 0.1, 0.3, 1, 3, 10], folds = 5): Fit & { lambda: number; cv: { lambda: number; nll: number }[] } {
  const cv = lambdas.map((lambda) => {
    let nll = 0;
    for (let f = 0; f < folds; f++) {
      const train = data.filter((_c, i) => i % folds !== f);
      const test = data.filter((_c, i) => i % folds === f);
      const fit = fitConditionalLogit(train, dims, lambda);
      nll += objective(test, fit.w, fit.b0, 0);
    }
    return { lambda, nll };
  });
  const best = cv.reduce((a, b) => (b.nll < a.nll ? b : a));
  return { ...fitConditionalLogit(data, dims, best.lambda), lambda: best.lambda, cv };
}
