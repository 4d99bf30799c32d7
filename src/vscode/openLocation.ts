import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RepoLocation } from '../protocol/reportProtocol';
import { gitUri } from './gitContent';
import { assertRepoPath, runGit } from './pure/git';
import { CommitLineMapper } from './pure/lineMap';

/**
 * Opens `file:line` of a commit at the matching line of today's file. When the
 * line no longer exists (edited or deleted since), opens the commit's version
 * instead and says so, rather than landing on an unrelated line.
 */
export async function openRepoLocation(repoDir: string, loc: RepoLocation): Promise<void> {
  const file = assertRepoPath(loc.file);
  const commit = loc.commit ?? (await runGit(repoDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
  const map = await new CommitLineMapper(repoDir, commit).forFile(file);
  const line = map.currentPath ? map.map(loc.line) : null;
  if (map.currentPath && line) {
    await show(vscode.Uri.file(path.join(repoDir, map.currentPath)), line);
    return;
  }
  await show(gitUri(repoDir, commit, file), loc.line);
  void vscode.window.showWarningMessage(`${file}:${loc.line} of ${commit.slice(0, 7)} no longer exists in the working tree; showing the commit's version.`);
}

async function show(uri: vscode.Uri, line: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const l = Math.min(Math.max(line, 1), doc.lineCount) - 1;
  const range = new vscode.Range(l, 0, l, 0);
  await vscode.window.showTextDocument(doc, { selection: range, preview: true, viewColumn: vscode.ViewColumn.One });
}
