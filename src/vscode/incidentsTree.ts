import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Correlation, ReportFinding, Suspect } from '../engine/report/reportSchema';
import { CommandId } from './commandIds';
import { Disposable } from './lifecycle';
import type { Log } from './log';
import { logsOfSuspect, percent, shortSha, signalLabel } from './pure/annotations';
import { listReports, REPORT_DIR, type StoredReport } from './pure/reportFiles';

type Node =
  | { kind: 'report'; stored: StoredReport; repoDir: string }
  | { kind: 'suspect'; suspect: Suspect; stored: StoredReport; repoDir: string }
  | { kind: 'finding'; finding: ReportFinding; suspect: Suspect; repoDir: string }
  | { kind: 'signal'; label: string; detail: string }
  | { kind: 'log'; correlation: Correlation; suspect: Suspect; repoDir: string };

/** Past reports of every workspace folder (`.pipeline/forensics/*-report.json`), their ranked suspects and evidence. */
export class IncidentsTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly log: Log) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${REPORT_DIR}/*-report.json`));
    this._register(watcher.onDidCreate(() => this.refresh()));
    this._register(watcher.onDidChange(() => this.refresh()));
    this._register(watcher.onDidDelete(() => this.refresh()));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const out: Node[] = [];
      for (const f of vscode.workspace.workspaceFolders ?? []) {
        const reports = await listReports(f.uri.fsPath, (p, why) => this.log.warn(`skipped ${p}: ${why}`));
        out.push(...reports.map((stored) => ({ kind: 'report' as const, stored, repoDir: f.uri.fsPath })));
      }
      return out;
    }
    switch (node.kind) {
      case 'report':
        return [...node.stored.report.suspects].sort((a, b) => a.rank - b.rank).map((suspect) => ({ kind: 'suspect' as const, suspect, stored: node.stored, repoDir: node.repoDir }));
      case 'suspect': {
        const s = node.suspect;
        const logs = logsOfSuspect(node.stored.report, s);
        return [
          ...s.findings.map((finding) => ({ kind: 'finding' as const, finding, suspect: s, repoDir: node.repoDir })),
          ...logs.map((correlation) => ({ kind: 'log' as const, correlation, suspect: s, repoDir: node.repoDir })),
          ...s.signals.map((g) => ({ kind: 'signal' as const, label: signalLabel(g), detail: g.detail })),
        ];
      }
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'report': {
        const r = node.stored.report;
        const rc = r.rootCause;
        const item = new vscode.TreeItem(r.incident.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${r.incident.service} · ${rc ? `${shortSha(rc.commit)} ${percent(rc.confidence)}` : 'no culprit'}`;
        item.tooltip = `${r.incident.metric} at ${r.incident.alertTime}\n${path.basename(node.stored.path)}`;
        item.iconPath = new vscode.ThemeIcon(rc ? 'flame' : 'question');
        item.contextValue = 'report';
        item.command = { title: 'Open report', command: CommandId.openReport, arguments: [node.stored.path] };
        return item;
      }
      case 'suspect': {
        const s = node.suspect;
        const item = new vscode.TreeItem(`#${s.rank} ${shortSha(s.commit)} ${s.subject}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${percent(s.confidence)} · ${s.author}`;
        item.tooltip = `${s.commit}\n${s.author}, ${s.date}\nscore ${s.score.toFixed(2)}, confidence ${percent(s.confidence)}`;
        item.iconPath = new vscode.ThemeIcon('git-commit');
        item.contextValue = 'suspect';
        item.command = { title: 'Open diff', command: CommandId.openSuspectDiff, arguments: [{ commit: s.commit, file: s.findings[0]?.file, repoDir: node.repoDir }] };
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.message);
        item.description = `${f.pattern} · ${f.file}:${f.line}`;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.command = { title: 'Open line', command: CommandId.openLocation, arguments: [{ repoDir: node.repoDir, commit: node.suspect.commit, file: f.file, line: f.line }] };
        return item;
      }
      case 'log': {
        const c = node.correlation;
        const item = new vscode.TreeItem(`${c.count}× ${c.message ?? 'logged error'}`);
        item.description = `${c.file}:${c.line}`;
        item.iconPath = new vscode.ThemeIcon('output');
        item.command = { title: 'Open line', command: CommandId.openLocation, arguments: [{ repoDir: node.repoDir, commit: node.suspect.commit, file: c.file, line: c.line }] };
        return item;
      }
      case 'signal': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.detail;
        item.iconPath = new vscode.ThemeIcon('pulse');
        return item;
      }
    }
  }
}
