/** Defaults shared by the CLI, the engine API and the benchmark. */
export const DEFAULT_CONFIDENCE = 0.95;

/**
 * The run budget when none is given: room for about four runs per halving of
 * the range (a flaky test needs repeats) plus a margin, so that a test that
 * fails one run in five still usually ends on confidence, not on the budget.
 */
export function defaultMaxRuns(candidates: number): number {
  return Math.max(20, Math.ceil(4 * Math.log2(candidates + 1)) + 12);
}
