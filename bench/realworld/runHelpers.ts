import { basename, dirname } from 'node:path';

/** `/work/.mirror/owner+name/repo` → `name`; `/x/name/.git` and `/x/name.git` → `name`. */
export function repoNameOf(gitDir: string): string {
  const trimmed = gitDir.replace(/\/+$/, '');
  const b = basename(trimmed);
  const parent = basename(dirname(trimmed));
  if ((b === 'repo' || b === '.git') && parent) return parent.includes('+') ? parent.slice(parent.indexOf('+') + 1) : parent;
  return b.replace(/\.git$/, '');
}
