import * as path from 'node:path';
import * as vscode from 'vscode';
import { PROTOCOL_VERSION, type BisectView, type HostToWebview, type ReportViewModel, type ReportWebviewState, type RepoLocation, type TabId, type WebviewToHost } from '../protocol/reportProtocol';
import { REPORT_VIEW_TYPE } from './commandIds';
import { Disposable } from './lifecycle';
import type { Log } from './log';
import { parseWebviewMessage } from './pure/messageGuard';
import { readReportView, REPORT_DIR } from './pure/reportFiles';
import { renderReportHtml, reportWebviewOptions } from './reportHtml';

/** What the report's buttons and links do; the host implements them with its commands. */
export interface ReportActions {
  openLocation(repoDir: string, loc: RepoLocation): Promise<void>;
  openDiff(repoDir: string, commit: string, file?: string): Promise<void>;
  revert(repoDir: string, commit: string): Promise<void>;
  bisect(repoDir: string): Promise<void>;
}

/** `<repo>/.pipeline/forensics/x-report.json` → `<repo>`. */
export function repoOfReport(reportPath: string): string | undefined {
  const dir = path.dirname(reportPath);
  return dir.split(path.sep).join('/').endsWith(REPORT_DIR) ? path.resolve(dir, '..', '..') : undefined;
}

/** One webview panel showing one report. Posts only after the script said `ready` (again after each re-show). */
class ReportPanel extends Disposable {
  private ready = false;
  private tab: TabId = 'summary';
  private readonly disposedEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
    private readonly actions: ReportActions,
    public repoDir: string,
    private view: ReportViewModel,
  ) {
    super();
    panel.webview.options = reportWebviewOptions(extensionUri);
    panel.webview.html = renderReportHtml(panel.webview, extensionUri);
    this.title();
    this._register(panel.webview.onDidReceiveMessage((m) => void this.receive(m)));
    this._register(panel.onDidDispose(() => this.disposedEmitter.fire()));
    // A hidden webview loses its script; it says `ready` again when shown.
    this._register(panel.onDidChangeViewState(() => {
      if (!panel.visible) this.ready = false;
    }));
  }

  update(view: ReportViewModel, repoDir: string): void {
    this.view = view;
    this.repoDir = repoDir;
    this.title();
    this.post({ type: 'report/didChange', version: PROTOCOL_VERSION, view });
  }

  bisect(b: BisectView): void {
    this.view = { ...this.view, bisect: b };
    this.post({ type: 'bisect/didChange', bisect: b });
  }

  /** Brings the panel to the front without taking focus (a hidden webview has no script to post to). */
  reveal(): void {
    if (!this.panel.visible) this.panel.reveal(undefined, true);
  }

  selectTab(tab: TabId): void {
    this.tab = tab;
    this.post({ type: 'tab/select', tab });
  }

  private title(): void {
    this.panel.title = `Incident ${this.view.report.incident.id}`;
  }

  private post(m: HostToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(m);
  }

  private async receive(raw: unknown): Promise<void> {
    const r = parseWebviewMessage(raw);
    if (!r.ok) {
      this.log.warn(`report webview sent an invalid message (${r.error})`);
      return;
    }
    const m: WebviewToHost = r.message;
    try {
      switch (m.type) {
        case 'ready':
          this.ready = true;
          this.post({ type: 'report/didChange', version: PROTOCOL_VERSION, view: this.view });
          if (this.tab !== 'summary') this.post({ type: 'tab/select', tab: this.tab });
          return;
        case 'openLocation':
          return await this.actions.openLocation(this.repoDir, m.location);
        case 'openDiff':
          return await this.actions.openDiff(this.repoDir, m.commit, m.file);
        case 'revert':
          return await this.actions.revert(this.repoDir, m.commit);
        case 'bisect':
          return await this.actions.bisect(this.repoDir);
        case 'tab/didChange':
          this.tab = m.tab;
          return;
        case 'log':
          this.log[m.level === 'error' ? 'error' : m.level === 'warn' ? 'warn' : 'info'](`webview: ${m.message}`);
          return;
        default: {
          const never: never = m;
          this.log.warn(`unhandled webview message ${JSON.stringify(never)}`);
        }
      }
    } catch (e) {
      this.log.error(`report action ${m.type} failed`, e);
      void this.log.showError(`Incident Forensics: ${(e as Error).message}`);
    }
  }

  override dispose(): void {
    super.dispose();
    this.panel.dispose();
  }
}

/** Owns the (single) report panel, and restores it after a window reload. */
export class ReportPanels extends Disposable implements vscode.WebviewPanelSerializer<ReportWebviewState> {
  private current: ReportPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log, private readonly actions: ReportActions) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, this));
  }

  show(view: ReportViewModel, repoDir: string): void {
    if (this.current) {
      this.current.update(view, repoDir);
      this.current.panel.reveal(undefined, false);
      return;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Incident report', vscode.ViewColumn.Active, reportWebviewOptions(this.extensionUri));
    this.adopt(panel, view, repoDir);
  }

  get panel(): ReportPanel | undefined {
    return this.current;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: ReportWebviewState | undefined): Promise<void> {
    const reportPath = state?.reportPath;
    const repoDir = reportPath ? repoOfReport(reportPath) : undefined;
    if (!reportPath || !repoDir) {
      panel.dispose();
      return;
    }
    try {
      const view = await readReportView(reportPath);
      this.current?.dispose();
      this.adopt(panel, view, repoDir);
      this.log.info(`restored the report panel for ${view.report.incident.id}`);
    } catch (e) {
      this.log.warn(`could not restore the report panel: ${(e as Error).message}`);
      panel.dispose();
    }
  }

  private adopt(panel: vscode.WebviewPanel, view: ReportViewModel, repoDir: string): void {
    const p = new ReportPanel(panel, this.extensionUri, this.log, this.actions, repoDir, view);
    this.current = p;
    p.onDidDispose(() => {
      if (this.current === p) this.current = undefined;
      p.dispose();
    });
  }

  override dispose(): void {
    this.current?.dispose();
    this.current = undefined;
    super.dispose();
  }
}
