import type { Affected, Topology } from './topology';

/**
 * The probabilistic bisection's math, pure. The state is a joint posterior
 * over (culprit i, flake rate f): hypothesis i says candidate i introduced the
 * failure, so a commit j is truly broken iff i is j or an ancestor of j. A
 * test run on a truly good commit FAILs anyway with probability f (a flake);
 * on a truly broken one it PASSes with probability `falsePass` (0 by default:
 * a PASS is trusted). When the flake rate is not given it is one more unknown,
 * kept on a grid and learned from the same runs (see flakePriorGrid).
 */

export interface NoiseModel {
  /** Flake (false-FAIL) rates considered; a single point when the rate is known. */
  flakeGrid: readonly number[];
  /** Prior weights of flakeGrid (normalized here). */
  flakePrior: readonly number[];
  /** P(PASS | truly broken). */
  falsePass: number;
}

/** The shape of the flake-rate prior: P(not flaky at all), and how fast the density over 2.5%..50% decays. */
export interface FlakePriorShape {
  pNotFlaky: number;
  tailPower: number;
}

export const DEFAULT_FLAKE_PRIOR: FlakePriorShape = { pNotFlaky: 0.5, tailPower: 4 };

/**
 * The flake-rate prior used when no rate is given: `pNotFlaky` on "not flaky
 * at all", the rest on 2.5%..50% with density ∝ (1-f)^tailPower. So a single
 * FAIL is worth a lot until PASSes above a FAIL show that the test flakes.
 */
export function flakePriorGrid(shape: FlakePriorShape = DEFAULT_FLAKE_PRIOR): { grid: number[]; prior: number[] } {
  const grid: number[] = [];
  const tail: number[] = [];
  for (let k = 1; k <= 20; k++) {
    grid.push(k * 0.025);
    tail.push(Math.pow(1 - k * 0.025, shape.tailPower));
  }
  const z = tail.reduce((a, b) => a + b, 0);
  return { grid: [0, ...grid], prior: [shape.pNotFlaky, ...tail.map((t) => ((1 - shape.pNotFlaky) * t) / z)] };
}

export function noiseModel(flakeRate: number | undefined, falsePass = 0, shape?: FlakePriorShape): NoiseModel {
  if (flakeRate !== undefined) return { flakeGrid: [flakeRate], flakePrior: [1], falsePass };
  const { grid, prior } = flakePriorGrid(shape);
  return { flakeGrid: grid, flakePrior: prior, falsePass };
}

/** Thrown when the runs cannot all be true under the model (e.g. a PASS at the bad end with PASSes trusted). */
export class Contradiction extends Error {}

/**
 * A prior over n candidates from weights on some of them (e.g. a report's
 * suspect confidences): those keep their proportions, and `rest` (by default
 * 1 - their sum; a report passes what its suspects leave over, which also
 * conditions away suspects outside the range) is spread evenly over the
 * others. The others always keep at least `minRest` between them, so no
 * commit is ruled out before a test. Without weights: uniform.
 */
export function buildPrior(n: number, weights: ReadonlyMap<number, number> = new Map(), opts: { rest?: number; minRest?: number } = {}): Float64Array {
  const minRest = opts.minRest ?? 0.05;
  const p = new Float64Array(n);
  for (const [i, w] of weights) {
    if (!Number.isInteger(i) || i < 0 || i >= n || !(w > 0) || !Number.isFinite(w)) continue;
    p[i] += w;
  }
  let given = 0;
  for (let i = 0; i < n; i++) given += p[i];
  if (given === 0) {
    p.fill(1 / n);
    return p;
  }
  const others = n - countPositive(p);
  if (others > 0) {
    const rawRest = Math.max(opts.rest ?? 1 - given, 0);
    const restShare = Math.max(rawRest / (given + rawRest), minRest);
    const scale = (1 - restShare) / given;
    const share = restShare / others;
    for (let i = 0; i < n; i++) p[i] = p[i] === 0 ? share : p[i] * scale;
  }
  normalizeInPlace(p);
  return p;
}

export class Posterior {
  readonly n: number;
  readonly g: number;
  private readonly grid: Float64Array;
  private p: Float64Array;

  constructor(prior: Float64Array, readonly noise: NoiseModel) {
    this.n = prior.length;
    this.g = noise.flakeGrid.length;
    if (this.g === 0 || noise.flakePrior.length !== this.g) throw new Error('flake grid and prior differ in length');
    this.grid = Float64Array.from(noise.flakeGrid);
    const fp = Float64Array.from(noise.flakePrior);
    normalizeInPlace(fp);
    this.p = new Float64Array(this.n * this.g);
    for (let i = 0; i < this.n; i++) for (let k = 0; k < this.g; k++) this.p[i * this.g + k] = prior[i] * fp[k];
    normalizeInPlace(this.p);
  }

  /** P(culprit = i), summed over the flake rates. */
  marginal(): Float64Array {
    const m = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      let s = 0;
      for (let k = 0; k < this.g; k++) s += this.p[i * this.g + k];
      m[i] = s;
    }
    return m;
  }

  /** E[f] under the posterior. */
  flakeMean(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) for (let k = 0; k < this.g; k++) s += this.p[i * this.g + k] * this.grid[k];
    return s;
  }

  top(): { index: number; p: number } {
    const m = this.marginal();
    let best = 0;
    for (let i = 1; i < this.n; i++) if (m[i] > m[best]) best = i;
    return { index: best, p: m[best] };
  }

  /** One run at a candidate probe: `failed` is the test's verdict. */
  observe(aff: Affected, failed: boolean): void {
    const inA = failed ? 1 - this.noise.falsePass : this.noise.falsePass;
    const outA = new Float64Array(this.g);
    for (let k = 0; k < this.g; k++) outA[k] = failed ? this.grid[k] : 1 - this.grid[k];
    const mark = affectedMask(aff, this.n);
    for (let i = 0; i < this.n; i++) {
      const row = i * this.g;
      if (mark[i]) for (let k = 0; k < this.g; k++) this.p[row + k] *= inA;
      else for (let k = 0; k < this.g; k++) this.p[row + k] *= outA[k];
    }
    this.renormalize();
  }

  /** One run at a commit whose state is known (a good or the bad end): informs the flake rate only. */
  observeKnown(trulyBroken: boolean, failed: boolean): void {
    for (let k = 0; k < this.g; k++) {
      const l = trulyBroken ? (failed ? 1 - this.noise.falsePass : this.noise.falsePass) : failed ? this.grid[k] : 1 - this.grid[k];
      for (let i = 0; i < this.n; i++) this.p[i * this.g + k] *= l;
    }
    this.renormalize();
  }

  /**
   * Moves candidate `from`'s mass onto `to`: used when `from` is untestable and
   * no test could ever tell the two apart (its only child is `to`).
   */
  absorb(from: number, to: number): void {
    for (let k = 0; k < this.g; k++) {
      this.p[to * this.g + k] += this.p[from * this.g + k];
      this.p[from * this.g + k] = 0;
    }
  }

  /** Per-candidate sums the probe choice needs: mass m, flake-weighted mass u = E[f; i]. */
  rowSums(): { m: Float64Array; u: Float64Array } {
    const m = new Float64Array(this.n);
    const u = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      let sm = 0;
      let su = 0;
      for (let k = 0; k < this.g; k++) {
        const v = this.p[i * this.g + k];
        sm += v;
        su += v * this.grid[k];
      }
      m[i] = sm;
      u[i] = Math.min(su, sm);
    }
    return { m, u };
  }

  private renormalize(): void {
    let z = 0;
    for (let i = 0; i < this.p.length; i++) z += this.p[i];
    if (!(z > 0) || !Number.isFinite(z)) throw new Contradiction('the test results contradict each other under the noise model');
    for (let i = 0; i < this.p.length; i++) this.p[i] /= z;
  }
}

/** Entropy (nats) of a probability vector. */
export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

export interface ProbeChoice {
  index: number;
  /** Expected reduction of the culprit's entropy, in bits. */
  gainBits: number;
  /** P(the run FAILs). */
  pFail: number;
}

/**
 * The probe with the largest expected information about the culprit among
 * `options` (candidate indices that can be tested). O(1) per option on a
 * linear history (prefix sums), O(|ancestors|) on a DAG.
 */
export function chooseProbe(post: Posterior, topo: Topology, options: readonly number[]): ProbeChoice | null {
  if (options.length === 0) return null;
  const { m, u } = post.rowSums();
  const n = m.length;
  const fp = post.noise.falsePass;
  const mlm = new Float64Array(n);
  const ulu = new Float64Array(n);
  const vlv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mlm[i] = xlogx(m[i]);
    ulu[i] = xlogx(u[i]);
    vlv[i] = xlogx(Math.max(m[i] - u[i], 0));
  }
  const tot = { m: sum(m), u: sum(u), mlm: sum(mlm), ulu: sum(ulu), vlv: sum(vlv) };
  const hNow = Math.log(tot.m) - tot.mlm / tot.m;
  let pre: { m: Float64Array; u: Float64Array; mlm: Float64Array; ulu: Float64Array; vlv: Float64Array } | undefined;
  if (topo.linear) pre = { m: prefix(m), u: prefix(u), mlm: prefix(mlm), ulu: prefix(ulu), vlv: prefix(vlv) };

  let best: ProbeChoice | null = null;
  for (const j of options) {
    // Sums over A = the candidates a FAIL at j would implicate.
    let smA: number, suA: number, smlmA: number, suluA: number, svlvA: number;
    if (pre) {
      smA = pre.m[j + 1];
      suA = pre.u[j + 1];
      smlmA = pre.mlm[j + 1];
      suluA = pre.ulu[j + 1];
      svlvA = pre.vlv[j + 1];
    } else {
      smA = suA = smlmA = suluA = svlvA = 0;
      for (const i of topo.ancestorsOf(j)) {
        smA += m[i];
        suA += u[i];
        smlmA += mlm[i];
        suluA += ulu[i];
        svlvA += vlv[i];
      }
    }
    const smN = tot.m - smA;
    const suN = tot.u - suA;
    const suluN = tot.ulu - suluA;
    const svlvN = tot.vlv - svlvA;
    // FAIL: weights (1-fp)·m on A, u off A.   PASS: fp·m on A, m-u off A.
    const a1 = 1 - fp;
    const zFail = a1 * smA + suN;
    const wFail = a1 * (smlmA + Math.log(a1) * smA) + suluN;
    const zPass = fp * smA + (smN - suN);
    const wPass = (fp > 0 ? fp * (smlmA + Math.log(fp) * smA) : 0) + svlvN;
    const expH = entOf(zFail, wFail) + entOf(zPass, wPass);
    const gainBits = (hNow - expH) / Math.LN2;
    if (!best || gainBits > best.gainBits + 1e-12) best = { index: j, gainBits, pFail: zFail / tot.m };
  }
  return best;
}

export type StopReason = 'confidence' | 'budget' | 'exhausted';

/**
 * Whether to stop, and why. `proven` says the top candidate's claim rests on
 * runs (it FAILed and its parents PASSed), so a strong prior alone never ends
 * the search: a test run must prove the suspect.
 */
export function stopDecision(s: { topP: number; confidence: number; proven: boolean; runs: number; maxRuns: number; bestGainBits: number | null }): StopReason | null {
  if (s.topP >= s.confidence && s.proven) return 'confidence';
  if (s.runs >= s.maxRuns) return 'budget';
  if (s.bestGainBits === null || (s.bestGainBits < 1e-9 && !(s.topP >= s.confidence))) return 'exhausted';
  return null;
}

function affectedMask(aff: Affected, n: number): Uint8Array {
  const mark = new Uint8Array(n);
  if (aff.kind === 'prefix') mark.fill(1, 0, Math.min(aff.end + 1, n));
  else for (const i of aff.members) mark[i] = 1;
  return mark;
}

/** z·H of the normalized distribution whose unnormalized weights sum to z with Σ w·log w = w. */
function entOf(z: number, wlogw: number): number {
  if (!(z > 0)) return 0;
  return z * Math.log(z) - wlogw;
}

function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function prefix(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length + 1);
  for (let i = 0; i < a.length; i++) out[i + 1] = out[i] + a[i];
  return out;
}

function countPositive(a: Float64Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > 0) c++;
  return c;
}

function normalizeInPlace(a: Float64Array): void {
  let z = 0;
  for (let i = 0; i < a.length; i++) z += a[i];
  if (!(z > 0)) throw new Error('cannot normalize an all-zero distribution');
  for (let i = 0; i < a.length; i++) a[i] /= z;
}
