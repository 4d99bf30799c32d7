import type { FileDiff, Hunk } from '../../engine/model';
import { parseUnifiedDiff } from '../../engine/git/parseDiff';
import { assertRepoPath, assertSha, runGit } from './git';

/**
 * Maps line numbers of a file as it was in a commit to the same file as it is
 * now in the working tree (later commits and uncommitted edits included). A
 * line that was changed or deleted since maps to null: no diagnostic is better
 * than one on the wrong line.
 */
export interface FileLineMap {
  /** The file's repository path today; null when it has been deleted. */
  readonly currentPath: string | null;
  /** 1-based commit line → 1-based line today, or null. */
  map(line: number): number | null;
}

/** Maps one old-side line through a diff's hunks (any context size). */
export function mapLineThroughHunks(hunks: readonly Hunk[], line: number): number | null {
  let delta = 0;
  for (const h of hunks) {
    for (const l of h.lines) {
      if (l.oldLine !== line) continue;
      if (l.kind === '-') return null;
      if (l.kind === ' ') return l.newLine ?? null;
    }
    // A pure insertion (`-N,0`) sits after old line N; otherwise the hunk spans oldStart..oldStart+oldLines-1.
    const lastOld = h.oldLines === 0 ? h.oldStart : h.oldStart + h.oldLines - 1;
    if (lastOld < line) delta += h.newLines - h.oldLines;
    else if (h.oldLines > 0 && h.oldStart <= line) return null; // inside the hunk but not listed: truncated diff
  }
  return line + delta;
}

/** Builds the map from an already parsed diff of one file (undefined: unchanged). */
export function lineMapFromDiff(path: string, diff: FileDiff | undefined): FileLineMap {
  if (!diff) return { currentPath: path, map: (l) => (l >= 1 ? l : null) };
  if (diff.status === 'D' || diff.newPath === null) return { currentPath: null, map: () => null };
  const hunks = diff.hunks;
  return { currentPath: diff.newPath, map: (l) => (l >= 1 ? mapLineThroughHunks(hunks, l) : null) };
}

/**
 * Line maps for many files of one commit, with one `--name-status` call to
 * follow renames and one `-U0` diff per changed file. Cached per (commit, file)
 * by the caller; the working tree is read as it is at call time.
 */
export class CommitLineMapper {
  private changes: Promise<Map<string, { status: string; newPath: string | null }>> | undefined;

  constructor(private readonly repoDir: string, readonly sha: string, private readonly signal?: AbortSignal) {
    assertSha(sha);
  }

  async forFile(path: string): Promise<FileLineMap> {
    const p = assertRepoPath(path);
    const change = (await this.changedFiles()).get(p);
    if (!change) return lineMapFromDiff(p, undefined);
    if (change.newPath === null) return { currentPath: null, map: () => null };
    const paths = change.newPath === p ? [p] : [p, change.newPath];
    const text = await runGit(this.repoDir, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-U0', '-M', this.sha, '--', ...paths], { signal: this.signal });
    const files = parseUnifiedDiff(text);
    const diff = files.find((f) => f.oldPath === p) ?? files.find((f) => f.newPath === change.newPath);
    if (!diff) return lineMapFromDiff(change.newPath, undefined);
    return diff.binary ? { currentPath: change.newPath, map: () => null } : lineMapFromDiff(p, diff);
  }

  private changedFiles(): Promise<Map<string, { status: string; newPath: string | null }>> {
    this.changes ??= runGit(this.repoDir, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', this.sha, '--'], { signal: this.signal }).then(parseNameStatusZ);
    return this.changes;
  }
}

/** One entry of `git diff --name-status -z` (or `diff-tree`): renames and copies carry the path they came from. */
export interface NameStatus {
  status: string;
  path: string;
  oldPath?: string;
}

/** Parses `--name-status -z` output; a truncated record at the end is dropped. */
export function parseNameStatusEntries(out: string): NameStatus[] {
  const parts = out.split('\0');
  const files: NameStatus[] = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++];
    if (!status) continue;
    if (status[0] === 'R' || status[0] === 'C') {
      const from = parts[i++];
      const to = parts[i++];
      if (from && to) files.push({ status: status[0], path: to, oldPath: from });
    } else {
      const path = parts[i++];
      if (path) files.push({ status: status[0], path });
    }
  }
  return files;
}

/** Parses `git diff --name-status -z`: old path → (status, new path or null if deleted). A copy leaves its source unchanged. */
export function parseNameStatusZ(out: string): Map<string, { status: string; newPath: string | null }> {
  const map = new Map<string, { status: string; newPath: string | null }>();
  for (const f of parseNameStatusEntries(out)) {
    if (f.status === 'C') continue;
    map.set(f.oldPath ?? f.path, { status: f.status, newPath: f.status === 'D' ? null : f.path });
  }
  return map;
}
