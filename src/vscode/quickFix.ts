import * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';
import { DIAGNOSTIC_SOURCE } from './commandIds';
import { fixStillApplies } from './pure/annotations';

/**
 * Offers a finding's mechanical fix (e.g. delete the duplicated setter call)
 * only while the lines still read exactly as in the suspect commit. A fix
 * replaces whole lines: `replacement` '' deletes them.
 */
export class SuspectQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: AnnotationStore) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      for (const a of this.store.anchorsAt(doc.uri.fsPath, d.range.start.line + 1)) {
        if (!a.fix || !a.fixRange || a.code !== d.code) continue;
        const { startLine, endLine } = a.fixRange;
        if (endLine > doc.lineCount) continue;
        const current = Array.from({ length: endLine - startLine + 1 }, (_, i) => doc.lineAt(startLine - 1 + i).text);
        if (!fixStillApplies(a.fixRange, current)) continue;
        const range = new vscode.Range(startLine - 1, 0, endLine < doc.lineCount ? endLine : endLine - 1, endLine < doc.lineCount ? 0 : doc.lineAt(endLine - 1).text.length);
        const text = a.fix.replacement === '' ? '' : a.fix.replacement.endsWith('\n') || endLine >= doc.lineCount ? a.fix.replacement : `${a.fix.replacement}\n`;
        const action = new vscode.CodeAction(a.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, range, text);
        action.diagnostics = [d];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    return actions;
  }
}
