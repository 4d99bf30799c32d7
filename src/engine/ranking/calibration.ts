import { FEATURES, type FeatureName, type FeatureVector } from './features';
import fitted from './calibration.json';
import fittedSparseLine from './calibration-sparse-line.json';
import fittedSparseFunc from './calibration-sparse-func.json';
import type { GitContext } from '../pipeline/gitStep';
import type { LogEvidence } from '../pipeline/logStep';
import type { MetricEvidence } from '../pipeline/metricStep';

/**
 * The mapping from evidence to probability: a conditional logit over the
 * candidates plus a "none of them" option. score_i = Σ w_k·x_ik;
 * P(i) = e^{score_i/T} / (e^{b0/T} + Σ_j e^{score_j/T}). The weights are
 * fitted on the benchmark's calibration set (bench/accuracy/fit.ts) and
 * shipped as data; never on the evaluation set.
 */
export interface CalibrationModel {
  model: string;
  fittedOn: string;
  weights: Partial<Record<FeatureName, number>>;
  b0: number;
  temperature?: number;
}

export const CALIBRATION: CalibrationModel = fitted as CalibrationModel;

/**
 * The profiles for sparse incidents — no deployments and no metrics, typically
 * one crash line — fitted on real history (bench/realworld/fitSparse.ts):
 * there, deploy and metric evidence is absent and the frame's surroundings
 * carry everything, which the synthetic set cannot teach. One for a frame
 * with a line, one for a frame that names only a function: the line's own
 * history is the strongest evidence when there is one, and absent otherwise.
 */
export const SPARSE_LINE_CALIBRATION: CalibrationModel = fittedSparseLine as CalibrationModel;
export const SPARSE_FUNC_CALIBRATION: CalibrationModel = fittedSparseFunc as CalibrationModel;

/** More error events than this make logs that can time an incident (see LogEvidence.errorOnset). */
const THIN_LOGS = 10;

/**
 * Which profile an incident's evidence calls for: the sparse one when there
 * are no deployments, no metrics and at most a few error lines (a crash
 * report), the rich one otherwise. The sparse profile's incidents always had
 * a culprit, so it never learned to say "none"; logs with a history of
 * errors let the rich one judge that. Of the sparse two, the line one when
 * an error location the logs name has a line.
 */
export function modelFor(git: Pick<GitContext, 'deployments'>, metrics?: Pick<MetricEvidence, 'reports'>, logs?: Pick<LogEvidence, 'errorTimes' | 'linked'>): CalibrationModel {
  const thin = (logs?.errorTimes.length ?? 0) <= THIN_LOGS;
  if (git.deployments.length || metrics?.reports.length || !thin) return CALIBRATION;
  return logs?.linked.some((l) => l.loc.line !== undefined) ? SPARSE_LINE_CALIBRATION : SPARSE_FUNC_CALIBRATION;
}

export function score(x: FeatureVector, m: CalibrationModel = CALIBRATION): number {
  let s = 0;
  for (const f of FEATURES) s += (m.weights[f] ?? 0) * x[f];
  return s;
}

/** Probabilities of each candidate being the culprit (and of none), from their scores. */
export function probabilities(scores: number[], m: CalibrationModel = CALIBRATION): { p: number[]; none: number } {
  const t = m.temperature ?? 1;
  const max = Math.max(m.b0, ...scores) / t;
  const ex = scores.map((s) => Math.exp(s / t - max));
  const e0 = Math.exp(m.b0 / t - max);
  const z = e0 + ex.reduce((a, b) => a + b, 0);
  return { p: ex.map((e) => e / z), none: e0 / z };
}
