import { choiceProbabilities, type Choice } from './conditionalLogit';

/**
 * The benchmark's figures, as pure functions over per-incident outcomes:
 * top-k accuracy, root-cause file/line hits, false accusations on incidents
 * without a culprit, calibration (ECE, Brier, reliability table), timing.
 */

export interface Outcome {
  id: string;
  cls: string;
  tags: string[];
  kind: string;
  truth: { commit: string | null; file?: string; line?: number };
  /** Suspect commits, best first. */
  ranked: string[];
  /** The top suspect's confidence (0 when there is none). */
  topConfidence: number;
  rootCause: { commit: string; file?: string; line?: number; confidence: number } | null;
  ms: number;
  crashed: boolean;
  error?: string;
}

export interface Pair {
  p: number;
  y: 0 | 1;
}

export interface Bin {
  lo: number;
  hi: number;
  n: number;
  meanP: number;
  accuracy: number;
}

export interface Summary {
  n: number;
  crashes: number;
  culpritN: number;
  top1: number;
  top3: number;
  top5: number;
  fileHit: number;
  lineHit: number;
  noCulpritN: number;
  falseAccusation: number;
  ece: number;
  brier: number;
  reliability: Bin[];
  medianMs: number;
  p95Ms: number;
}

/** Lines within this distance of the truth count as a line hit. */
export const LINE_TOLERANCE = 2;

export function hitAt(o: Outcome, k: number): boolean {
  return o.truth.commit !== null && o.ranked.slice(0, k).includes(o.truth.commit);
}

/** The calibration event: "the top suspect is the culprit", predicted with the top confidence. */
export function calibrationPair(o: Outcome): Pair {
  const y = o.truth.commit !== null && o.ranked[0] === o.truth.commit ? 1 : 0;
  return { p: o.ranked.length ? clamp01(o.topConfidence) : 0, y };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function binOf(p: number, bins: number): number {
  return Math.min(bins - 1, Math.floor(p * bins));
}

export function reliability(pairs: Pair[], bins = 10): Bin[] {
  const out: Bin[] = [];
  for (let b = 0; b < bins; b++) out.push({ lo: b / bins, hi: (b + 1) / bins, n: 0, meanP: 0, accuracy: 0 });
  for (const { p, y } of pairs) {
    const bin = out[binOf(p, bins)];
    bin.n++;
    bin.meanP += p;
    bin.accuracy += y;
  }
  for (const bin of out) if (bin.n) { bin.meanP /= bin.n; bin.accuracy /= bin.n; }
  return out;
}

/** Expected calibration error with equal-width bins: Σ n_b/N · |accuracy_b − confidence_b|. */
export function ece(pairs: Pair[], bins = 10): number {
  if (!pairs.length) return 0;
  return reliability(pairs, bins).reduce((a, b) => a + (b.n / pairs.length) * Math.abs(b.accuracy - b.meanP), 0);
}

/**
 * The top pick of one choice under a model, as a calibration pair: its
 * probability, and whether it is the truth. Ties go to the first listed, or
 * with `times` to the newer (as the engine breaks them).
 */
export function topPair(c: Choice, w: number[], b0: number, temperature = 1, times?: number[]): Pair {
  if (!c.x.length) return { p: 0, y: 0 };
  const { p } = choiceProbabilities(c, w.map((v) => v / temperature), b0 / temperature);
  let best = 0;
  for (let j = 1; j < p.length; j++) if (p[j] > p[best] || (times && p[j] === p[best] && times[j] > times[best])) best = j;
  return { p: p[best], y: c.truth === best ? 1 : 0 };
}

/** Mean log loss of the event "the top pick is right" (probabilities clamped away from 0 and 1). */
export function logLoss(pairs: Pair[]): number {
  return pairs.reduce((a, { p, y }) => a - Math.log(Math.min(1 - 1e-9, Math.max(1e-9, y ? p : 1 - p))), 0) / Math.max(1, pairs.length);
}

/**
 * The temperature in 0.5–3 (steps of 0.05) with the lowest top-pick log loss,
 * kept only where it beats T = 1 by more than 1e-4; `pairsAt(t)` must score
 * out-of-fold predictions, or the temperature only sharpens an over-fit.
 */
export function pickTemperature(pairsAt: (t: number) => Pair[]): { temperature: number; loss: number } {
  let temperature = 1;
  let loss = logLoss(pairsAt(1));
  for (let t = 0.5; t <= 3.0001; t += 0.05) {
    const l = logLoss(pairsAt(t));
    if (l < loss - 1e-4) { loss = l; temperature = Math.round(t * 100) / 100; }
  }
  return { temperature, loss };
}

export function brier(pairs: Pair[]): number {
  if (!pairs.length) return 0;
  return pairs.reduce((a, { p, y }) => a + (p - y) ** 2, 0) / pairs.length;
}

/** Linear-interpolated quantile (q in [0, 1]). */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

const rate = (num: number, den: number) => (den ? num / den : 0);

export function summarize(outcomes: Outcome[]): Summary {
  const culprit = outcomes.filter((o) => o.truth.commit !== null);
  const none = outcomes.filter((o) => o.truth.commit === null);
  const pairs = outcomes.map(calibrationPair);
  const fileHits = culprit.filter((o) => o.rootCause?.file !== undefined && o.rootCause.file === o.truth.file);
  const lineHits = fileHits.filter((o) => o.rootCause!.commit === o.truth.commit && o.rootCause!.line !== undefined && o.truth.line !== undefined && Math.abs(o.rootCause!.line - o.truth.line) <= LINE_TOLERANCE);
  const ms = outcomes.filter((o) => !o.crashed).map((o) => o.ms);
  return {
    n: outcomes.length,
    crashes: outcomes.filter((o) => o.crashed).length,
    culpritN: culprit.length,
    top1: rate(culprit.filter((o) => hitAt(o, 1)).length, culprit.length),
    top3: rate(culprit.filter((o) => hitAt(o, 3)).length, culprit.length),
    top5: rate(culprit.filter((o) => hitAt(o, 5)).length, culprit.length),
    fileHit: rate(fileHits.length, culprit.length),
    lineHit: rate(lineHits.length, culprit.length),
    noCulpritN: none.length,
    falseAccusation: rate(none.filter((o) => o.ranked.length > 0 && o.topConfidence > 0.5).length, none.length),
    ece: ece(pairs),
    brier: brier(pairs),
    reliability: reliability(pairs),
    medianMs: quantile(ms, 0.5),
    p95Ms: quantile(ms, 0.95),
  };
}

/** Outcomes grouped by class and by each tag (an outcome counts in every group it belongs to). */
export function groups(outcomes: Outcome[]): Map<string, Outcome[]> {
  const out = new Map<string, Outcome[]>();
  const add = (k: string, o: Outcome) => { let g = out.get(k); if (!g) out.set(k, (g = [])); g.push(o); };
  for (const o of outcomes) {
    add(`class:${o.cls}`, o);
    for (const t of o.tags) add(`tag:${t}`, o);
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
