import type { Report } from '../report/reportSchema';
import type { StopReason } from './posterior';
import type { WeightedCommit } from './priorReport';

/** The engine API's input and output (the JSON form is interface.md §4, `incident-forensics/bisect@1`). */
export const BISECT_SCHEMA_ID = 'incident-forensics/bisect@1';

export type PriorInput = { reportFile: string } | { report: Report | unknown } | { suspects: WeightedCommit[] };

export interface BisectOptions {
  /** The user's repository (default: the current directory). Never modified. */
  repoDir: string;
  /** Known-good refs (one or more); each must be an ancestor of `bad`. */
  good: string | string[];
  bad: string;
  /** Run with `sh -c` at the same place in a temporary worktree. */
  test: string;
  prior?: PriorInput;
  /** P(FAIL | truly good). Unset: estimated from the runs. */
  flakeRate?: number;
  /** P(PASS | truly broken). Default 0: a PASS is trusted. */
  falsePassRate?: number;
  /** Stop when one commit's posterior reaches this (default 0.95). */
  confidence?: number;
  /** Test executions allowed in total (default: defaultMaxRuns). */
  maxRuns?: number;
  /** Per-run timeout in seconds (default: none). */
  timeoutSeconds?: number;
  /** How a run that timed out counts (default 'bad': a hang is a failure). */
  timeoutAs?: 'bad' | 'skip';
  /** Walk the first-parent chain only, to blame a merged pull request. */
  firstParent?: boolean;
  /** Runs at the good end and at the bad end before the search (default 0, see README). */
  calibrationRuns?: number;
  /** Extra environment for the test command. */
  env?: Record<string, string>;
}

export type ProbeOutcome = 'good' | 'bad' | 'skip' | 'timeout';

export interface Probe {
  /** 1-based test execution number. */
  run: number;
  commit: string;
  /** 'search' (chosen for information), 'proof' (to confirm the top suspect), or a calibration run at an end. */
  role: 'search' | 'proof' | 'calibrate-good' | 'calibrate-bad';
  outcome: ProbeOutcome;
  exitCode: number | null;
  seconds: number;
  /** The largest culprit posterior after this run, and whose. */
  posteriorTop: number;
  topCommit: string;
  /** The flake rate in use after this run (the estimate when not given). */
  flakeRate: number;
  /** Last lines the test printed (trimmed). */
  outputTail?: string;
}

export interface RankedCommit {
  commit: string;
  subject: string;
  posterior: number;
}

export interface BisectResult {
  schema: typeof BISECT_SCHEMA_ID;
  good: string;
  goods: string[];
  bad: string;
  candidates: number;
  /** The commit proven to introduce the failure, or null when the search stopped short of `confidence`. */
  culprit: string | null;
  /** The culprit's posterior (the best candidate's when culprit is null). */
  posterior: number;
  culpritSubject?: string;
  /** Untestable commits right before the culprit that no run can tell apart from it. */
  alsoPossible: string[];
  /** The best candidate whatever the stop reason. */
  best: RankedCommit;
  /** Top candidates by posterior (up to 5). */
  ranking: RankedCommit[];
  runs: number;
  probes: Probe[];
  flakeRate: number;
  flakeRateSource: 'given' | 'estimated';
  falsePassRate: number;
  stoppedBecause: StopReason | 'aborted';
  /** Why the test aborted the search (exit code above 127 or a signal). */
  abort?: { commit: string; exitCode: number | null; signal: string | null; message: string };
  untestable: string[];
  confidence: number;
  maxRuns: number;
  firstParent: boolean;
  prior: { source: 'uniform' | 'report' | 'suspects'; file?: string; suspectsUsed: number; suspectsOutsideRange: number; mass: number };
  durationMs: number;
}

export interface BisectStartInfo {
  candidates: number;
  goods: string[];
  bad: string;
  maxRuns: number;
  prior: BisectResult['prior'];
  worktree: string;
}

export interface BisectHooks {
  signal?: AbortSignal;
  onStart?: (info: BisectStartInfo) => void;
  /** Called after every test execution. */
  onProbe?: (probe: Probe, progress: { runs: number; maxRuns: number; top: RankedCommit; ranking: RankedCommit[] }) => void;
}
