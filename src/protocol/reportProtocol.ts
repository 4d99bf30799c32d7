/**
 * The messages between the extension host and the report webview. Type-only:
 * both sides import it, neither gets runtime code from it. Host → webview
 * messages are sent only after the webview said `ready`. Both sides switch on
 * `type` exhaustively (a `never` check catches a forgotten case).
 */
import type { Report } from '../engine/report/reportSchema';

export type { Report };

//#region shared shapes

/** Bumped when a message changes shape; the webview shows a reload hint on a mismatch. */
export const PROTOCOL_VERSION = 1;

/** The report tabs, in display order. */
export type TabId = 'summary' | 'suspects' | 'logs' | 'metrics' | 'bisect';

/** One commit's bar in the bisect posterior view. */
export interface BisectBar {
  commit: string;
  subject: string;
  /** Posterior probability that this commit is the first bad one. */
  posterior: number;
  /** The last outcome seen when probing exactly this commit, if any. */
  outcome?: 'good' | 'bad' | 'skip' | 'timeout';
}

/** The bisect tab's content: live while running, then the verdict. */
export interface BisectView {
  status: 'running' | 'done' | 'failed' | 'cancelled';
  good: string;
  bad: string;
  testCommand: string;
  bars: BisectBar[];
  runs: number;
  culprit?: string | null;
  posterior?: number;
  stoppedBecause?: string;
  /** Shown when status is failed. */
  message?: string;
}

/** What the webview renders. */
export interface ReportViewModel {
  report: Report;
  /** Absolute path of the report JSON, so a restored panel can read it again. */
  reportPath?: string;
  bisect?: BisectView;
}

/** Persisted with `setState`, read back when VS Code restores the panel after a reload. */
export interface ReportWebviewState {
  reportPath?: string;
  tab: TabId;
}

//#endregion

//#region host → webview

export type HostToWebview =
  /** Replace the whole report (first render, re-run, restore). */
  | { type: 'report/didChange'; version: number; view: ReportViewModel }
  /** The bisect view changed (each probe, then the verdict). */
  | { type: 'bisect/didChange'; bisect: BisectView }
  /** Bring a tab to the front (e.g. when a bisect starts). */
  | { type: 'tab/select'; tab: TabId };

//#endregion

//#region webview → host

/** A place in the repository: `line` is 1-based in `commit`'s version of `file` (HEAD's when absent). */
export interface RepoLocation {
  file: string;
  line: number;
  commit?: string;
}

export type WebviewToHost =
  /** The script is listening; the host may post now. */
  | { type: 'ready'; version: number }
  /** Open the file at today's line corresponding to the location (line mapping applied). */
  | { type: 'openLocation'; location: RepoLocation }
  /** Open `vscode.diff` of the commit (of `file` when given, else its first changed file). */
  | { type: 'openDiff'; commit: string; file?: string }
  /** Run the Prepare Revert Branch command for the commit (it asks for confirmation). */
  | { type: 'revert'; commit: string }
  /** Start Confirm Culprit with Bisect. */
  | { type: 'bisect' }
  /** The user switched tabs (the host keeps it for the next restore). */
  | { type: 'tab/didChange'; tab: TabId }
  /** Something failed inside the webview; goes to the output channel. */
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

//#endregion
