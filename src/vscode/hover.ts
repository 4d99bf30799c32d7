import * as vscode from 'vscode';
import type { AnnotationStore } from './annotationStore';
import { CommandId } from './commandIds';
import { percent, shortSha, signalLabel, type ResolvedAnchor } from './pure/annotations';

const LINK_COMMANDS = [CommandId.showLastReport, CommandId.openSuspectDiff, CommandId.prepareRevert];

export function commandLink(title: string, id: string, args: unknown[]): string {
  return `[${title}](command:${id}?${encodeURIComponent(JSON.stringify(args))})`;
}

/** On a suspect line: the commit, its author and date, confidence, and the evidence behind it. */
export class SuspectHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: AnnotationStore) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const anchors = this.store.anchorsAt(doc.uri.fsPath, pos.line + 1);
    if (anchors.length === 0) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    // Only our own commands may run from links; repository text is appended as plain text.
    md.isTrusted = { enabledCommands: LINK_COMMANDS };
    const commits = [...new Set(anchors.map((a) => a.commit))];
    commits.forEach((c, i) => {
      if (i > 0) md.appendMarkdown('\n\n---\n\n');
      this.describe(md, c, anchors.filter((a) => a.commit === c));
    });
    return new vscode.Hover(md);
  }

  private describe(md: vscode.MarkdownString, commit: string, here: ResolvedAnchor[]): void {
    const s = this.store.suspect(commit);
    md.appendMarkdown(`$(search) **Suspect \`${shortSha(commit)}\`** · ${percent(here[0].suspectConfidence)} · rank ${here[0].rank}\n\n`);
    if (s) {
      md.appendText(s.subject);
      md.appendMarkdown('\n\n');
      md.appendText(`${s.author} · ${s.date}`);
      md.appendMarkdown('\n\n**Evidence**\n\n');
      for (const f of s.findings) {
        md.appendMarkdown('- ');
        md.appendText(`${f.pattern} (${percent(f.confidence)}) ${f.file}:${f.line}: ${f.message}`);
        md.appendMarkdown('\n');
      }
      for (const g of s.signals) {
        md.appendMarkdown('- ');
        md.appendText(`${signalLabel(g)}: ${g.detail}`);
        md.appendMarkdown('\n');
      }
    }
    for (const r of here.flatMap((a) => a.related)) {
      md.appendMarkdown('- ');
      md.appendText(`${r.file}:${r.line}: ${r.message}`);
      md.appendMarkdown('\n');
    }
    const file = here.find((a) => a.kind === 'finding')?.file ?? here[0].file;
    md.appendMarkdown(
      `\n${commandLink('Show report', CommandId.showLastReport, [])} · ${commandLink('Open diff', CommandId.openSuspectDiff, [{ commit, file }])} · ${commandLink('Revert', CommandId.prepareRevert, [{ commit }])}`,
    );
  }
}
