import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { AnnotationStore, Annotated } from './annotationStore';
import { DIAGNOSTIC_SOURCE } from './commandIds';
import { gitUri } from './gitContent';
import { Disposable } from './lifecycle';
import { shortSha, type ResolvedAnchor, type Severity } from './pure/annotations';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** Diagnostics are a projection of the store's anchors: one collection, cleared and set per report. */
export class FindingsDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));

  constructor(store: AnnotationStore) {
    super();
    this._register(store.onDidChange((a) => void this.render(a)));
  }

  private generation = 0;

  private async render(a: Annotated | undefined): Promise<void> {
    const gen = ++this.generation;
    this.collection.clear();
    if (!a) return;
    const byFile = new Map<string, ResolvedAnchor[]>();
    for (const anchor of a.anchors) byFile.set(anchor.currentFile, [...(byFile.get(anchor.currentFile) ?? []), anchor]);
    for (const [file, anchors] of byFile) {
      const abs = path.join(a.repoDir, file);
      const lines = await readFile(abs, 'utf8').then((t) => t.split('\n'), () => [] as string[]);
      if (gen !== this.generation) return; // a newer report (or a clear) arrived meanwhile
      this.collection.set(vscode.Uri.file(abs), anchors.map((x) => toDiagnostic(x, a, lines[x.currentLine - 1])));
    }
  }
}

/** The squiggle spans the line's text (not its indentation); related items point at the log lines and the commit. */
export function toDiagnostic(x: ResolvedAnchor, a: Annotated, lineText: string | undefined): vscode.Diagnostic {
  const text = lineText?.replace(/\r$/, '') ?? '';
  const start = text.length - text.trimStart().length;
  const end = Math.max(start + 1, text.trimEnd().length);
  const d = new vscode.Diagnostic(new vscode.Range(x.currentLine - 1, start, x.currentLine - 1, end), x.message, SEVERITY[x.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = x.code;
  const suspect = a.report.suspects.find((s) => s.commit === x.commit);
  d.relatedInformation = [
    ...x.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          r.current
            ? new vscode.Location(vscode.Uri.file(path.join(a.repoDir, r.current.file)), new vscode.Position(r.current.line - 1, 0))
            : new vscode.Location(gitUri(a.repoDir, r.commit, r.file), new vscode.Position(r.line - 1, 0)),
          r.message,
        ),
    ),
    new vscode.DiagnosticRelatedInformation(
      new vscode.Location(gitUri(a.repoDir, x.commit, x.file), new vscode.Position(x.line - 1, 0)),
      `Commit ${shortSha(x.commit)}${suspect ? ` by ${suspect.author}, ${suspect.date.slice(0, 10)}: ${suspect.subject}` : ''}`,
    ),
  ];
  return d;
}
