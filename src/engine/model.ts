/**
 * The engine's shared vocabulary. Plain, JSON-serializable data; no behaviour.
 * Paths are repository-relative POSIX paths; line numbers are 1-based and refer
 * to the file as it is in the commit named beside them.
 */

/** Languages the detectors understand; everything else is "other". */
export type Language = 'go' | 'typescript' | 'javascript' | 'python' | 'java' | 'other';

/** The normalized alert, whatever format it came in. */
export interface Incident {
  id: string;
  service: string;
  metric: string;
  /** ISO-8601 UTC. */
  alertTime: string;
  threshold?: number;
  actualValue?: number;
  deviationPercent?: number;
  severity?: string;
  /** Which input format produced it: seed | alertmanager-webhook | alertmanager-v2 | cloudwatch-eventbridge | cloudwatch-sns | flags */
  source: string;
  endpoints?: string[];
  region?: string;
  instanceCount?: number;
  requestVolume?: number;
  summary?: string;
  labels?: Record<string, string>;
}

/** One line of a unified diff hunk. */
export interface DiffLine {
  kind: '+' | '-' | ' ';
  text: string;
  /** Line number in the old file (for '-' and ' '). */
  oldLine?: number;
  /** Line number in the new file (for '+' and ' '). */
  newLine?: number;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text git prints after the second @@ (usually the enclosing function). */
  context: string;
  lines: DiffLine[];
}

export interface FileDiff {
  /** null when the file was added. */
  oldPath: string | null;
  /** null when the file was deleted. */
  newPath: string | null;
  status: 'A' | 'M' | 'D' | 'R' | 'C';
  binary: boolean;
  hunks: Hunk[];
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  author: string;
  authorEmail: string;
  /** Author date, ISO-8601. */
  date: string;
  /** Committer date, ISO-8601 (when it reached the branch). */
  committedAt: string;
  subject: string;
  body: string;
}

/** A commit together with its diff against its first parent. */
export interface CommitDiff extends CommitInfo {
  files: FileDiff[];
}

/** What a detector gets for one changed file of one commit. */
export interface DetectorInput {
  file: FileDiff;
  language: Language;
  /** Full text of the file after the commit (undefined for deletions or binaries). */
  after?: string;
  /** Full text of the file before the commit (undefined for additions). */
  before?: string;
}

/** A safe mechanical edit a detector can propose (e.g. delete a duplicated call). */
export interface SuggestedEdit {
  file: string;
  /** 1-based, inclusive, in the commit's version of the file. */
  startLine: number;
  endLine: number;
  replacement: string;
  title: string;
}

export interface Finding {
  pattern: string;
  file: string;
  line: number;
  message: string;
  confidence: number;
  /** Optional code excerpt (a few lines of the commit's version). */
  excerpt?: string;
  fix?: SuggestedEdit;
}

export interface Detector {
  /** Stable pattern id, e.g. DUPLICATE_METHOD_CALL. */
  id: string;
  description: string;
  detect(input: DetectorInput): Finding[];
}

/** Kinds of risk the hunk classifier recognizes. */
export type RiskKind =
  | 'database'
  | 'api'
  | 'pool'
  | 'cache'
  | 'concurrency'
  | 'timeout'
  | 'config'
  | 'dependency'
  | 'docs'
  | 'tests'
  | 'formatting';

export interface RiskSignal {
  kind: RiskKind;
  file: string;
  /** Number of changed lines that carry this signal. */
  lines: number;
  detail: string;
}

/** A stack frame or caller location found in a log line. */
export interface LogFrame {
  /** The path as written in the log. */
  rawPath: string;
  line?: number;
  func?: string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogEvent {
  /** Epoch milliseconds; NaN when the line had no usable time. */
  time: number;
  level: LogLevel;
  message: string;
  /** The caller location or top frame first, then deeper frames. */
  frames: LogFrame[];
  /** Where it was read. */
  sourceFile: string;
  sourceLine: number;
  /** Which line format matched. */
  format: string;
}

export interface MetricPoint {
  /** Epoch milliseconds. */
  t: number;
  v: number;
}

export interface MetricSeries {
  name: string;
  labels: Record<string, string>;
  points: MetricPoint[];
  /** Where it came from (file path or URL). */
  source: string;
}

export interface Deployment {
  /** ISO-8601. */
  time: string;
  /** Full sha of the deployed commit. */
  commit: string;
  /** The tag or file entry it came from. */
  ref?: string;
  service?: string;
  environment?: string;
  /** Full shas of the commits this deployment shipped (after the previous deployment, up to its own). */
  commits: string[];
}
