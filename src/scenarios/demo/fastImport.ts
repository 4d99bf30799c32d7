import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GitWriter } from '../gitWriter';
import type { CommitRef, History } from './history';

/** Resolves a History's commit refs to the full shas git gave them. */
export type ShaOf = (ref: CommitRef) => string;

/**
 * Materializes `history` as a real repository in `dir` (removing what was
 * there): one `git init`, one `git fast-import`, one `git reset --hard` to
 * check out the main branch. Returns the mark → sha resolver.
 */
export function importHistory(dir: string, history: History): ShaOf {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = new GitWriter(dir, history.mainBranch);
  git.git(['init', '-q', '-b', history.mainBranch]);
  // Local identity so a later `revert` in the demo repository can commit; written directly to avoid three processes.
  appendFileSync(
    join(dir, '.git', 'config'),
    '[user]\n\tname = Demo Operator\n\temail = oncall@healthcare-platform.com\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n',
  );
  const marksFile = join(dir, '.git', 'demo-import-marks');
  execFileSync('git', ['fast-import', '--quiet', '--done', `--export-marks=${marksFile}`], {
    cwd: dir,
    input: history.stream(),
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const shas = new Map<number, string>();
  for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
    const m = /^:(\d+) ([0-9a-f]{40})$/.exec(line);
    if (m) shas.set(Number(m[1]), m[2]);
  }
  rmSync(marksFile, { force: true });
  git.git(['reset', '-q', '--hard', history.mainBranch]);
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
