import type { Ranking } from './ranking/rank';
import type { ForensicsConfig } from './config/configSchema';
import type { Incident } from './model';

/** What one analysis needs; the CLI builds it from flags, the extension from settings. */
export interface AnalyzeRequest {
  /** The repository (working tree root, or a bare git directory). */
  repoDir: string;
  /** Analyze history as of this ref instead of HEAD (benchmarks replay the past). */
  ref?: string;
  incident: Incident;
  /** Log files, directories or globs. */
  logs?: string[];
  /** Metric files (Prometheus query_range JSON or CSV) or query_range URLs. */
  metrics?: string[];
  /** A live Prometheus; queries come from config.prometheus.queries. */
  prometheusUrl?: string;
  /** JSON array of {time, commit, service?, environment?}. */
  deploymentsFile?: string;
  lookbackDays?: number;
  /** Already-loaded config; when absent, `<repoDir>/.forensics.json` (or configFile) is read. */
  config?: ForensicsConfig;
  configFile?: string;
}

/** The pipeline's steps, in order; progress reporting names them. */
export const STEPS = ['incident', 'git_history', 'semantic_analysis', 'log_correlation', 'metric_validation', 'ranking', 'report'] as const;
export type StepName = (typeof STEPS)[number];

export interface AnalyzeOptions {
  signal?: AbortSignal;
  /** Called as each step starts, with a human message. */
  onStep?: (step: StepName, message: string) => void;
  /** Transcript lines as they are produced (the text format prints these). */
  onLine?: (line: string) => void;
  /** Every candidate's features and score (benchmarks fit the ranking on these). */
  onRanking?: (ranking: Ranking) => void;
}
