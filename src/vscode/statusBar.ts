import * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';
import { CommandId } from './commandIds';
import { Disposable } from './lifecycle';
import { percent, shortSha } from './pure/annotations';

/** The last verdict at a glance; click to show the report. */
export class VerdictStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('incidentForensics.verdict', vscode.StatusBarAlignment.Left, 50));

  constructor(store: AnnotationStore) {
    super();
    this.item.name = 'Incident Forensics verdict';
    this.item.command = CommandId.showLastReport;
    this._register(
      store.onDidChange((a) => {
        if (!a) return this.item.hide();
        const rc = a.report.rootCause;
        const id = a.report.incident.id;
        this.item.text = rc ? `$(search) ${shortSha(rc.commit)} ${percent(rc.confidence)}` : '$(search) no culprit';
        this.item.tooltip = rc ? `${id}: root cause ${shortSha(rc.commit)} (${percent(rc.confidence)}). Click to show the report.` : `${id}: no culprit found. Click to show the report.`;
        this.item.show();
      }),
    );
  }
}
