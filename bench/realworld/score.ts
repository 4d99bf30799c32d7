import type { EngineCandidate } from './runTool';
import type { Variant } from './incident';

export const METHODS = ['tool', 'blame', 'recency'] as const;
export type Method = (typeof METHODS)[number];
export const KS = [1, 3, 5] as const;

/** One case under one symptom variant: where each method placed the culprit. */
export interface CaseResult {
  id: string;
  repo: string;
  variant: Variant;
  fix: string;
  culprits: string[];
  /** 1-based; absent when the method did not list the culprit at all. */
  ranks: Partial<Record<Method, number>>;
  /** Commits each method listed (the tool's suspects, the baselines' lists). */
  listed: Partial<Record<Method, number>>;
  pureAddition: boolean;
  /** The culprit touched the frame's file (within the window's file history). */
  culpritInFile: boolean;
  toolMs: number;
  toolError?: string;
  culpritSignals?: Record<string, number>;
  topSignals?: Record<string, number>;
  commitsInScope?: number;
  /** Every candidate's engine features (fitSparse.ts fits the sparse profile on them). */
  candidates?: EngineCandidate[];
}

/** `toolError` of results run with --skip-tool (baselines only): the tool's cells print as –. */
export const SKIPPED = 'skipped';

export function hitRate(results: CaseResult[], m: Method, k: number): number {
  if (!results.length || (m === 'tool' && results.every((r) => r.toolError === SKIPPED))) return NaN;
  return results.filter((r) => (r.ranks[m] ?? Infinity) <= k).length / results.length;
}

export interface Row {
  label: string;
  n: number;
  rates: Record<Method, number[]>;
}

export function rowOf(label: string, results: CaseResult[]): Row {
  const rates = Object.fromEntries(METHODS.map((m) => [m, KS.map((k) => hitRate(results, m, k))])) as Record<Method, number[]>;
  return { label, n: results.length, rates };
}

const pct = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(2));

/**
 * One markdown table per variant: a row per repository, then the pooled dev
 * set (the repositories not reported separately), then each separate one.
 */
export function markdownTable(results: CaseResult[], variant: Variant, separate: Set<string>): string {
  const mine = results.filter((r) => r.variant === variant);
  const repos = [...new Set(mine.map((r) => r.repo))].sort();
  const dev = repos.filter((r) => !separate.has(r));
  const rows: Row[] = dev.map((r) => rowOf(r, mine.filter((x) => x.repo === r)));
  if (dev.length > 1) rows.push(rowOf('**dev set**', mine.filter((x) => !separate.has(x.repo))));
  for (const r of repos.filter((x) => separate.has(x))) rows.push(rowOf(`${r} (separate)`, mine.filter((x) => x.repo === r)));
  const head = `| repository | cases | tool top-1/3/5 | blame top-1/3/5 | recency top-1/3/5 | tool − blame top-1 |`;
  const rule = `|---|---:|---|---|---|---:|`;
  const lines = rows.map((row) => {
    const cell = (m: Method) => row.rates[m].map(pct).join(' / ');
    const gain = row.rates.tool[0] - row.rates.blame[0];
    return `| ${row.label} | ${row.n} | ${cell('tool')} | ${cell('blame')} | ${cell('recency')} | ${Number.isNaN(gain) ? '–' : (gain >= 0 ? '+' : '') + (gain * 100).toFixed(1)} |`;
  });
  return [head, rule, ...lines].join('\n');
}
