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
  /** Every candidate's engine features (non-zero ones), for fitting the sparse profile (fitSparse.ts). */
  candidates?: EngineCandidate[];
  error?: string;
}

export interface EngineCandidate {
  sha: string;
  /** Commit time, epoch s. */
  t: number;
  x: Record<string, number>;
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
    let candidates: EngineCandidate[] | undefined;
    const report = await analyze({
      repoDir: gitDir, ref: c.fixParent, incident, logs: [logFile], lookbackDays,
      config: { services: { [c.repo]: ['**'] }, lookbackDays },
    }, {
      onRanking: (r) => {
        candidates = r.ranked.map((k) => ({
          sha: k.commit.sha, t: Math.round(Date.parse(k.commit.committedAt) / 1000),
          x: Object.fromEntries(Object.entries(k.features).filter(([, v]) => v !== 0).map(([f, v]) => [f, Math.round(v * 1e4) / 1e4])),
        }));
      },
    });
    const list = report.suspects.map((s) => s.commit);
    const sig = (i: number) => (i < 0 ? undefined : signalsOf(report.suspects[i].signals));
    const ci = report.suspects.findIndex((s) => c.culprits.includes(s.commit));
    return { list, ms: Date.now() - t0, culpritSignals: sig(ci), topSignals: sig(0), commitsInScope: report.scope.commitsInScope, candidates };
  } catch (e) {
    return { list: [], ms: Date.now() - t0, error: String((e as Error)?.message ?? e).split('\n')[0] };
  }
}

function signalsOf(signals: { kind: string; weight: number; value?: unknown }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of signals) out[s.kind] = typeof s.value === 'number' ? s.value : s.weight;
  return out;
}
