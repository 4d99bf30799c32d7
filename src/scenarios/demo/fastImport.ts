import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { importStream } from '../fastImport';
import type { CommitRef, History } from './history';

/** Resolves a History's commit refs to the full shas git gave them. */
export type ShaOf = (ref: CommitRef) => string;

/**
 * Materializes `history` as a real repository in `dir` (removing what was
 * there): one `git init`, one `git fast-import`, one `git reset --hard` to
 * check out the main branch. Returns the mark → sha resolver.
 */
export function importHistory(dir: string, history: History): ShaOf {
  // Local identity so a later `revert` in the demo repository can commit.
  const shas = importStream(dir, history.stream(), {
    branch: history.mainBranch,
    localConfig: '[user]\n\tname = Demo Operator\n\temail = oncall@healthcare-platform.com\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n',
  });
  return (ref) => {
    const sha = shas.get(ref);
    if (!sha) throw new Error(`demo: commit :${ref} was not imported`);
    return sha;
  };
}

/** Keeps the incident data out of `git status` (it is generated, not history). */
export function excludeFromGit(dir: string, pattern: string): void {
  mkdirSync(join(dir, '.git', 'info'), { recursive: true });
  appendFileSync(join(dir, '.git', 'info', 'exclude'), `${pattern}\n`);
}
