import * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';
import { CommandId } from './commandIds';
import { Disposable } from './lifecycle';
import { percent, shortSha } from './pure/annotations';

/** Above the first annotated line of each suspect in a file: `Suspect 7b3f2a1 · 94% · Show report · Open diff · Revert`. */
export class SuspectCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: AnnotationStore) {
    super();
    this._register(store.onDidChange(() => this.changed.fire()));
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const anchors = this.store.anchorsAt(doc.uri.fsPath);
    const firstPerCommit = new Map<string, (typeof anchors)[number]>();
    for (const a of [...anchors].sort((x, y) => (x.kind === y.kind ? x.currentLine - y.currentLine : x.kind === 'finding' ? -1 : 1))) {
      if (!firstPerCommit.has(a.commit)) firstPerCommit.set(a.commit, a);
    }
    const lenses: vscode.CodeLens[] = [];
    for (const a of firstPerCommit.values()) {
      if (a.currentLine > doc.lineCount) continue;
      const range = new vscode.Range(a.currentLine - 1, 0, a.currentLine - 1, 0);
      lenses.push(
        new vscode.CodeLens(range, { title: `$(search) Suspect ${shortSha(a.commit)} · ${percent(a.suspectConfidence)}`, command: '' }),
        new vscode.CodeLens(range, { title: 'Show report', command: CommandId.showLastReport }),
        new vscode.CodeLens(range, { title: 'Open diff', command: CommandId.openSuspectDiff, arguments: [{ commit: a.commit, file: a.file }] }),
        new vscode.CodeLens(range, { title: 'Revert', command: CommandId.prepareRevert, arguments: [{ commit: a.commit }] }),
      );
    }
    return lenses;
  }
}
