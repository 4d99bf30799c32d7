import * as path from 'node:path';
import * as vscode from 'vscode';
import { GIT_SCHEME } from './commandIds';
import { assertRepoPath, assertSha, runGit, showFileAt } from './pure/git';
import { parseNameStatusEntries, type NameStatus } from './pure/lineMap';

/**
 * Read-only documents of a file as it was at a commit, served by `git show`.
 * URI: `incident-forensics-git:/<repo path>?<json {repo, ref}>`; `ref` is a
 * commit id, optionally followed by `^` for its parent.
 */
export function gitUri(repoDir: string, ref: string, file: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: `/${file}`, query: JSON.stringify({ repo: repoDir, ref }) });
}

function parse(uri: vscode.Uri): { repo: string; ref: string; file: string } {
  const q = JSON.parse(uri.query) as { repo?: unknown; ref?: unknown };
  if (typeof q.repo !== 'string' || typeof q.ref !== 'string') throw new Error('malformed forensics document URI');
  assertSha(q.ref.replace(/\^$/, ''));
  return { repo: q.repo, ref: q.ref, file: assertRepoPath(uri.path.replace(/^\//, '')) };
}

export class GitContentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const { repo, ref, file } = parse(uri);
    if (!isWorkspaceFolder(repo)) return '';
    const ac = new AbortController();
    const sub = token.onCancellationRequested(() => ac.abort());
    try {
      // A file the commit added has no parent version: the diff shows it against an empty side.
      return (await showFileAt(repo, ref, file, ac.signal)) ?? '';
    } finally {
      sub.dispose();
    }
  }
}

/** Documents are served only for repositories open in this window. */
export function isWorkspaceFolder(dir: string): boolean {
  const norm = path.resolve(dir);
  return (vscode.workspace.workspaceFolders ?? []).some((f) => path.resolve(f.uri.fsPath) === norm);
}

/** The files a commit changed (first-parent diff, renames followed). */
export async function filesOfCommit(repoDir: string, sha: string): Promise<NameStatus[]> {
  assertSha(sha);
  const out = await runGit(repoDir, ['diff-tree', '--no-commit-id', '--root', '-r', '-M', '-z', '--name-status', sha]);
  return parseNameStatusEntries(out);
}

/**
 * Opens the commit's change: `vscode.diff` of one file (before ↔ after), or
 * the multi-file changes editor when no file is named.
 */
export async function openCommitDiff(repoDir: string, sha: string, file?: string): Promise<void> {
  assertSha(sha);
  const short = sha.slice(0, 7);
  const files = await filesOfCommit(repoDir, sha);
  if (file) {
    const p = assertRepoPath(file);
    const f = files.find((x) => x.path === p || x.oldPath === p) ?? { status: 'M', path: p };
    const left = gitUri(repoDir, `${sha}^`, f.oldPath ?? f.path);
    const right = gitUri(repoDir, sha, f.path);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${path.posix.basename(f.path)} (${short}^ ↔ ${short})`, { preview: true });
    return;
  }
  if (files.length === 0) {
    void vscode.window.showInformationMessage(`Commit ${short} changes no files.`);
    return;
  }
  const resources = files.map((f) => [vscode.Uri.file(path.join(repoDir, f.path)), gitUri(repoDir, `${sha}^`, f.oldPath ?? f.path), gitUri(repoDir, sha, f.path)]);
  await vscode.commands.executeCommand('vscode.changes', `Commit ${short}`, resources);
}
