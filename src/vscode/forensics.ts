import * as vscode from 'vscode';
import { EngineError } from '../engine/errors';
import type { BisectView } from '../protocol/reportProtocol';
import { AnnotationStore } from './annotationStore';
import { SuspectCodeLensProvider } from './codeLens';
import { GIT_SCHEME, INCIDENTS_VIEW } from './commandIds';
import { FindingsDiagnostics } from './diagnostics';
import { GitContentProvider, openCommitDiff } from './gitContent';
import { SuspectHoverProvider } from './hover';
import { IncidentsTreeProvider } from './incidentsTree';
import { Disposable } from './lifecycle';
import type { Log } from './log';
import { openRepoLocation } from './openLocation';
import { listReports, readReportView, withBisect } from './pure/reportFiles';
import type { ReportViewModel } from '../protocol/reportProtocol';
import { SuspectQuickFixProvider } from './quickFix';
import { ReportPanels, repoOfReport } from './reportPanel';
import { VerdictStatusBar } from './statusBar';
import { CommandId } from './commandIds';

const LAST_REPORT_KEY = 'incidentForensics.lastReport';

/**
 * The extension's state and UI parts, created once in activate(): the
 * annotation store and its projections (diagnostics, hover, CodeLens, quick
 * fix, status bar), the Incidents tree, the report panel, the git documents.
 */
export class Forensics extends Disposable {
  readonly store: AnnotationStore;
  readonly tree: IncidentsTreeProvider;
  readonly panels: ReportPanels;

  constructor(readonly context: vscode.ExtensionContext, readonly log: Log) {
    super();
    this.store = this._register(new AnnotationStore(log));
    this._register(new FindingsDiagnostics(this.store));
    this._register(new VerdictStatusBar(this.store));
    const files = [{ scheme: 'file' }];
    this._register(vscode.languages.registerHoverProvider(files, new SuspectHoverProvider(this.store)));
    this._register(vscode.languages.registerCodeLensProvider(files, this._register(new SuspectCodeLensProvider(this.store))));
    this._register(vscode.languages.registerCodeActionsProvider(files, new SuspectQuickFixProvider(this.store), { providedCodeActionKinds: SuspectQuickFixProvider.kinds }));
    this._register(vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider()));
    this.tree = this._register(new IncidentsTreeProvider(log));
    this._register(vscode.window.createTreeView(INCIDENTS_VIEW, { treeDataProvider: this.tree, showCollapseAll: true }));
    this.panels = this._register(
      new ReportPanels(context.extensionUri, log, {
        openLocation: (repoDir, loc) => openRepoLocation(repoDir, loc),
        openDiff: (repoDir, commit, file) => openCommitDiff(repoDir, commit, file),
        revert: async (repoDir, commit) => void (await vscode.commands.executeCommand(CommandId.prepareRevert, { commit, repoDir })),
        bisect: async (repoDir) => void (await vscode.commands.executeCommand(CommandId.confirmWithBisect, { repoDir })),
      }),
    );
  }

  /** A new or re-opened report: annotate the editor, remember it, refresh the tree, show the panel. */
  async publish(view: ReportViewModel, repoDir: string, opts: { showPanel?: boolean } = {}): Promise<void> {
    if (view.reportPath) await this.context.workspaceState.update(LAST_REPORT_KEY, view.reportPath);
    this.tree.refresh();
    if (opts.showPanel !== false) this.panels.show(view, repoDir);
    await this.store.set(view.report, repoDir, view.reportPath);
  }

  async openReportFile(reportPath: string, opts: { showPanel?: boolean } = {}): Promise<void> {
    await this.publishView(await readReportView(reportPath), opts);
  }

  private async publishView(view: ReportViewModel & { reportPath: string }, opts: { showPanel?: boolean } = {}): Promise<void> {
    const repoDir = repoOfReport(view.reportPath);
    if (!repoDir) throw new EngineError('badInput', 'not inside a .pipeline/forensics folder', view.reportPath);
    await this.publish(view, repoDir, opts);
  }

  /**
   * Opens the report shown last: the one remembered for this workspace when it
   * still reads, else the newest on disk. Each file is read once. False when
   * there is none.
   */
  async openLastReport(): Promise<boolean> {
    const remembered = this.context.workspaceState.get<string>(LAST_REPORT_KEY);
    const view = remembered ? await readReportView(remembered).catch(() => undefined) : undefined;
    if (view) {
      await this.publishView(view);
      return true;
    }
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const [newest] = await listReports(f.uri.fsPath);
      if (newest) {
        await this.publishView(await withBisect(newest.report, newest.path));
        return true;
      }
    }
    return false;
  }

  /** The bisect tab of the open report (opening the report first if needed). */
  showBisect(b: BisectView): void {
    const a = this.store.value;
    if (!this.panels.panel && a) this.panels.show({ report: a.report, reportPath: a.reportPath, bisect: b }, a.repoDir);
    this.panels.panel?.reveal();
    this.panels.panel?.bisect(b);
  }

  /** After a reload, put the last report's annotations back (no analysis, only line mapping). */
  restoreAnnotations(): void {
    const remembered = this.context.workspaceState.get<string>(LAST_REPORT_KEY);
    if (!remembered) return;
    setTimeout(() => {
      if (this.isDisposed || this.store.value) return;
      this.openReportFile(remembered, { showPanel: false }).catch((e) => this.log.warn(`last report not restored: ${(e as Error).message}`));
    }, 0);
  }
}
