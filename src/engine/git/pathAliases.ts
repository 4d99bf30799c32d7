import type { CommitDiff } from '../model';
import { diffPath } from './parseDiff';

/**
 * The names a file had over the candidates' window. A frame names the file as
 * it is now, but a commit made before a rename changed it under its former
 * name (blame follows the rename; a path comparison does not). Renames are
 * followed newest first, so a chain a → b → c gives c the names {c, b, a}.
 */
export function pathAliases(file: string, commits: readonly CommitDiff[]): Set<string> {
  const names = new Set([file]);
  const newestFirst = [...commits].sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt));
  for (const c of newestFirst) {
    for (const f of c.files) if (f.status === 'R' && f.oldPath && f.newPath && names.has(f.newPath)) names.add(f.oldPath);
  }
  return names;
}

/** Whether `c` changed a path that `wanted` accepts, on either side of its own renames. */
export function touchesPath(c: CommitDiff, wanted: (path: string) => boolean): boolean {
  return c.files.some((f) => wanted(diffPath(f)) || (f.oldPath !== null && wanted(f.oldPath)));
}

/** Whether `c` changed the file under one of `names`. */
export function touchesAny(c: CommitDiff, names: ReadonlySet<string>): boolean {
  return touchesPath(c, (p) => names.has(p));
}
