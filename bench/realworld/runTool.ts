import type { RealCase } from './cases';

/** What the benchmark keeps of one analysis. */
export interface ToolResult {
  /** Suspects' shas, best first. */
  list: string[];
  ms: number;
  /** The culprit's signals (kind → value) and the top pick's, for loss studies. */
  culpritSignals?: Record<string, number>;
  topSignals?: Record<string, number>;
  commitsInScope?: number;
  error?: string;
}

/**
 * Runs the engine in-process on the fix's parent: alert at the fix's time,
 * one log file, 30 days of history, the whole repository as the service's
 * scope (the repository is the service; no directory-name guessing).
 */
export async function runTool(gitDir: string, c: RealCase, alertFile: string, logFile: string, lookbackDays = 30): Promise<ToolResult> {
  const t0 = Date.now();
  try {
    // Loaded on first use: case extraction and the baselines run without the engine.
    const { analyze } = await import('../../src/engine/analyze');
    const { readAlertFile } = await import('../../src/engine/incident/readAlertFile');
    const incident = await readAlertFile(alertFile);
    const report = await analyze({
      repoDir: gitDir, ref: c.fixParent, incident, logs: [logFile], lookbackDays,
      config: { services: { [c.repo]: ['**'] }, lookbackDays },
    });
    const list = report.suspects.map((s) => s.commit);
    const sig = (i: number) => (i < 0 ? undefined : signalsOf(report.suspects[i].signals));
    const ci = report.suspects.findIndex((s) => c.culprits.includes(s.commit));
    return { list, ms: Date.now() - t0, culpritSignals: sig(ci), topSignals: sig(0), commitsInScope: report.scope.commitsInScope };
  } catch (e) {
    return { list: [], ms: Date.now() - t0, error: String((e as Error)?.message ?? e).split('\n')[0] };
  }
}

function signalsOf(signals: { kind: string; weight: number; value?: unknown }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of signals) out[s.kind] = typeof s.value === 'number' ? s.value : s.weight;
  return out;
}
