import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Report, Suspect } from '../engine/report/reportSchema';
import { Disposable } from './lifecycle';
import type { Log } from './log';
import { anchorsFromReport, resolveAnchors, sameCommit, type ResolvedAnchor } from './pure/annotations';
import { readExtensionSettings } from './settings';

/** The report currently shown in the editor, and its anchors mapped to today's files. */
export interface Annotated {
  report: Report;
  repoDir: string;
  reportPath?: string;
  anchors: ResolvedAnchor[];
}

/**
 * Owns "the current report" for every editor feature (diagnostics, hovers,
 * CodeLens, quick fixes, status bar). Re-maps the anchors when a file is
 * saved, so they follow the user's edits.
 */
export class AnnotationStore extends Disposable {
  private current: Annotated | undefined;
  private generation = 0;
  private readonly changed = this._register(new vscode.EventEmitter<Annotated | undefined>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    super();
    this._register(vscode.workspace.onDidSaveTextDocument((doc) => this.onSaved(doc)));
  }

  get value(): Annotated | undefined {
    return this.current;
  }

  async set(report: Report, repoDir: string, reportPath?: string, signal?: AbortSignal): Promise<Annotated> {
    const gen = ++this.generation;
    const { topSuspects } = readExtensionSettings(vscode.Uri.file(repoDir));
    const anchors = await resolveAnchors(repoDir, anchorsFromReport(report, topSuspects), {
      signal,
      onProblem: (m) => this.log.warn(`annotations: ${m}`),
    });
    const next: Annotated = { report, repoDir, reportPath, anchors };
    // A newer set() or clear() while git was running wins.
    if (gen === this.generation) {
      this.current = next;
      this.changed.fire(next);
      this.log.info(`annotations: ${anchors.length} line(s) annotated for ${report.incident.id}`);
    }
    return next;
  }

  clear(): void {
    this.generation++;
    this.current = undefined;
    this.changed.fire(undefined);
  }

  /** Anchors on a file (absolute path), optionally on one 1-based line. */
  anchorsAt(fsPath: string, line?: number): ResolvedAnchor[] {
    const c = this.current;
    if (!c) return [];
    const rel = path.relative(c.repoDir, fsPath).split(path.sep).join('/');
    return c.anchors.filter((a) => a.currentFile === rel && (line === undefined || a.currentLine === line));
  }

  suspect(commit: string): Suspect | undefined {
    return this.current?.report.suspects.find((s) => sameCommit(s.commit, commit));
  }

  private saveTimer: NodeJS.Timeout | undefined;
  private onSaved(doc: vscode.TextDocument): void {
    const c = this.current;
    if (!c || doc.uri.scheme !== 'file' || !doc.uri.fsPath.startsWith(c.repoDir + path.sep)) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      if (this.current === c) this.set(c.report, c.repoDir, c.reportPath).catch((e) => this.log.error('re-mapping annotations failed', e));
    }, 300);
  }

  override dispose(): void {
    clearTimeout(this.saveTimer);
    super.dispose();
  }
}
