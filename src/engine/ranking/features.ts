import type { Finding, RiskKind, RiskSignal } from '../model';
import { FRAME_FEATURES } from '../pipeline/frameStep';

/**
 * The evidence features of one candidate commit. Each is a number, mostly in
 * [0, 1]; the calibrated model (calibration.json) weighs them. Names are
 * stable: they are the `kind` of the report's signals and the keys of the
 * fitted weights.
 */
export const FEATURES = [
  'deploy_last', // shipped by the last deployment before the alert
  'deploy_prev', // shipped by the one before that
  'undeployed', // deployments are known, yet no deployment before the alert shipped it
  'recency', // exp(-(alert - deploy or commit time) / 2 days)
  'risk_relevant', // touches code of a kind that fits the alert (pool/db for latency, caches for memory, …)
  'trivial', // docs-only, tests-only or formatting-only
  'finding', // strongest semantic finding (detector confidence)
  'finding_relevant', // strongest finding whose pattern fits the alert
  'log_exact', // an error's frame lands on a line this commit wrote (errors new after its deploy)
  'log_near', // … within a few lines of a line it wrote
  'log_func', // … inside a function it changed (frames without a line)
  'log_file', // … in a file it changed
  'log_callee', // … just after a call to a function it changed (1/(1 + lines between / 4)): the failing line fails on what that call computed
  'log_new_template', // a message kind first seen after its deploy is logged from a file it changed
  'log_first_error', // the first new error came soon after its deploy
  'log_untimed', // log features that the logs cannot time: they begin after it went live, so new and chronic errors look alike
  'errors_jump', // the error rate rose at its deploy
  'metric_shift', // a metric's change point sits at its deploy
  'load_surge', // the request rate rose after it went live (log2 of the rise, capped at 1): more load, not a change, may explain the symptom
  'size', // log-scaled size of the change
  'insert_ratio', // insertions / changed lines: new code rather than removal or rewrite
  'mechanical', // wide (10+ files) or a refactor/rename/cleanup by its subject
  'within_week', // went live less than a week before the alert
  'series_first', // the first of a patch series (one author's commits landing ≤ 15 min apart): a series' bug usually enters with its first patch
  'fixed_since', // a later commit before the alert names it in a `Fixes:` trailer: it has carried a bug already
  'fixed_near_frame', // … and that fix touched the error frame's line or function: the failing code is code it wrote and a fix patched
  ...FRAME_FEATURES, // what the error frames' surroundings and histories say (pipeline/frameStep.ts)
] as const;

export type FeatureName = (typeof FEATURES)[number];
export type FeatureVector = Record<FeatureName, number>;

export function emptyFeatures(): FeatureVector {
  return Object.fromEntries(FEATURES.map((f) => [f, 0])) as FeatureVector;
}

/** Alert classes, from the metric's name: which kinds of code and findings fit. */
export type AlertClass = 'latency' | 'memory' | 'integrity' | 'errors' | 'other';

export function alertClass(metric: string, summary = ''): AlertClass {
  const s = `${metric} ${summary}`.toLowerCase();
  if (/checksum|integrity|corrupt|mismatch|consisten|duplicate/.test(s)) return 'integrity';
  if (/mem|heap|rss|oom|gc_|leak/.test(s)) return 'memory';
  if (/latenc|duration|p9[59]|p50|response_time|slow|wait/.test(s)) return 'latency';
  if (/error|5xx|fail|exception|crash|panic|status/.test(s)) return 'errors';
  return 'other';
}

const RELEVANT_RISK: Record<AlertClass, RiskKind[]> = {
  latency: ['pool', 'database', 'timeout', 'concurrency', 'cache', 'api'],
  memory: ['cache', 'concurrency', 'pool'],
  integrity: ['database', 'concurrency'],
  errors: ['api', 'database', 'timeout', 'config', 'dependency'],
  other: ['pool', 'database', 'timeout', 'concurrency', 'cache', 'api', 'config'],
};

const RELEVANT_PATTERN: Record<AlertClass, string[]> = {
  latency: ['DUPLICATE_METHOD_CALL', 'CONFIG_VALUE_CHANGED', 'N_PLUS_ONE_QUERY', 'TIMEOUT_REMOVED', 'BLOCKING_IO_IN_REQUEST_PATH'],
  memory: ['UNBOUNDED_CACHE', 'DUPLICATE_METHOD_CALL', 'CONFIG_VALUE_CHANGED'],
  integrity: ['MISSING_TRANSACTION_ISOLATION', 'ERROR_SWALLOWED'],
  errors: ['ERROR_SWALLOWED', 'TIMEOUT_REMOVED', 'CONFIG_VALUE_CHANGED', 'DUPLICATE_METHOD_CALL', 'N_PLUS_ONE_QUERY', 'MISSING_TRANSACTION_ISOLATION'],
  other: ['DUPLICATE_METHOD_CALL', 'UNBOUNDED_CACHE', 'MISSING_TRANSACTION_ISOLATION', 'CONFIG_VALUE_CHANGED', 'N_PLUS_ONE_QUERY', 'TIMEOUT_REMOVED'],
};

const RISKY: RiskKind[] = ['database', 'api', 'pool', 'cache', 'concurrency', 'timeout', 'config', 'dependency'];

/** Risk features of a commit from its hunk classification. */
export function riskFeatures(signals: RiskSignal[], cls: AlertClass): { risk_relevant: number } {
  const kinds = new Set(signals.map((s) => s.kind).filter((k) => RISKY.includes(k)));
  const relevant = [...kinds].filter((k) => RELEVANT_RISK[cls].includes(k)).length;
  // Risky code of a kind that does not fit the alert is not evidence: it stays out of the score.
  return { risk_relevant: Math.min(1, relevant / 2) };
}

export function isRelevantFinding(f: Finding, cls: AlertClass): boolean {
  return RELEVANT_PATTERN[cls].includes(f.pattern);
}

export function findingFeatures(findings: Finding[], cls: AlertClass): { finding: number; finding_relevant: number } {
  let finding = 0;
  let relevant = 0;
  for (const f of findings) {
    finding = Math.max(finding, f.confidence);
    if (isRelevantFinding(f, cls)) relevant = Math.max(relevant, f.confidence);
  }
  return { finding, finding_relevant: relevant };
}

export function sizeFeature(changedLines: number): number {
  return Math.min(1, Math.log1p(changedLines) / Math.log(1000));
}

export function recencyFeature(alertMs: number, atMs: number): number {
  const days = Math.max(0, alertMs - atMs) / 86_400_000;
  return Math.exp(-days / 2);
}
