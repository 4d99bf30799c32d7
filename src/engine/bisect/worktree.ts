import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { EngineError } from '../errors';
import { cleanGitEnv, git, gitTry, firstLine, SAFE_GIT_CONFIG } from './gitRun';

/**
 * The temporary `git worktree` the tests run in, outside the user's checkout:
 * the user's HEAD, index, working tree and stashes are never touched (a
 * worktree has its own HEAD and index; only .git/worktrees/<name> is added,
 * and removed again). Every live worktree is also removed on process exit, as
 * a last resort when an interrupt handler did not get to run the normal path.
 */
export interface Worktree {
  /** The checkout the tests run in. */
  dir: string;
  /** The temp folder holding it (removed with it). */
  tmpRoot: string;
  /** The user's repository. */
  repoDir: string;
}

const live = new Set<Worktree>();
let exitHookInstalled = false;

export async function createWorktree(repoDir: string, sha: string, signal?: AbortSignal): Promise<Worktree> {
  const tmpRoot = mkdtempSync(join(tmpdir(), 'ifx-bisect-'));
  // A unique leaf name: git names .git/worktrees/<leaf> after it, and concurrent bisects must not race for one.
  const wt: Worktree = { dir: join(tmpRoot, basename(tmpRoot)), tmpRoot, repoDir };
  live.add(wt);
  installExitHook();
  try {
    await git(repoDir, ['worktree', 'add', '--detach', '--quiet', wt.dir, sha], signal);
  } catch (e) {
    await removeWorktree(wt);
    if (EngineError.is(e, 'gitFailed')) throw new EngineError('gitFailed', `could not create a temporary worktree: ${e.message}`, repoDir);
    throw e;
  }
  return wt;
}

/** Moves the worktree to `sha`, discarding whatever the previous test changed in tracked files. */
export async function checkoutIn(wt: Worktree, sha: string, signal?: AbortSignal): Promise<void> {
  await git(wt.dir, ['checkout', '--quiet', '--force', '--detach', sha], signal);
}

/** Removes the worktree and its git bookkeeping; never throws (it runs in `finally`). */
export async function removeWorktree(wt: Worktree): Promise<void> {
  live.delete(wt);
  const r = await gitTry(wt.repoDir, ['worktree', 'remove', '--force', '--force', wt.dir]).catch(() => null);
  rmSync(wt.tmpRoot, { recursive: true, force: true });
  // When `remove` could not do it (the folder was already gone, a file was busy), prune drops the stale entry.
  if (!r || r.code !== 0) await gitTry(wt.repoDir, ['worktree', 'prune']).catch(() => null);
}

/** The worktrees this process has not removed yet (for tests and diagnostics). */
export function liveWorktrees(): readonly Worktree[] {
  return [...live];
}

function removeSync(wt: Worktree): void {
  live.delete(wt);
  try {
    rmSync(wt.tmpRoot, { recursive: true, force: true });
    execFileSync('git', [...SAFE_GIT_CONFIG.flatMap((c) => ['-c', c]), 'worktree', 'prune'], { cwd: wt.repoDir, env: cleanGitEnv(), stdio: 'ignore' });
  } catch (e) {
    process.stderr.write(`incident-forensics: could not remove the bisect worktree ${wt.dir}: ${firstLine(String(e))}\n`);
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const wt of [...live]) removeSync(wt);
  });
}
