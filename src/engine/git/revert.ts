import { EngineError } from '../errors';
import { GitSource } from './gitSource';

export interface RevertResult { branch: string; revertCommit: string; reverted: string; baseBranch: string | null }

/**
 * Prepares a revert of `commit` on a new branch `forensics/revert-<short>`
 * (or `branch`): refuses a dirty tree, never pushes, and leaves the user on
 * the branch they were on — the revert is made in a temporary worktree.
 */
export async function prepareRevertBranch(repoDir: string, commit: string, opts: { branch?: string; incidentId?: string } = {}): Promise<RevertResult> {
  const src = await GitSource.open(repoDir);
  const sha = await src.resolve(commit);
  const branch = opts.branch ?? `forensics/revert-${sha.slice(0, 7)}`;
  if (branch.startsWith('-') || !/^[\w./-]+$/.test(branch)) throw new EngineError('badInput', `"${branch}" is not a valid branch name`, 'branch');
  const status = await src.raw(['status', '--porcelain', '--untracked-files=no']);
  if (status.trim()) throw new EngineError('dirtyTree', 'the working tree has uncommitted changes; commit or stash them first');
  try {
    await src.raw(['check-ref-format', '--branch', branch]);
  } catch {
    throw new EngineError('badInput', `"${branch}" is not a valid branch name`, 'branch');
  }
  const exists = await src.raw(['branch', '--list', branch]);
  if (exists.trim()) throw new EngineError('badInput', `branch ${branch} already exists`, 'branch');
  const parents = (await src.raw(['rev-list', '--parents', '-n', '1', sha])).trim().split(' ').slice(1);
  const head = (await src.raw(['rev-parse', 'HEAD'])).trim();
  const baseBranch = (await src.raw(['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const wt = await mkdtemp(join(tmpdir(), 'ifx-revert-'));
  try {
    await src.raw(['worktree', 'add', '-q', '-b', branch, wt, head]);
    const inWt = await GitSource.open(wt);
    const msg = `revert: ${sha.slice(0, 7)}${opts.incidentId ? ` (incident ${opts.incidentId})` : ''}`;
    try {
      await inWt.raw(['revert', '--no-edit', ...(parents.length > 1 ? ['-m', '1'] : []), sha]);
      await inWt.raw(['commit', '--amend', '-q', '-m', `${msg}\n\nThis reverts commit ${sha}.\nPrepared by Incident Forensics; not pushed.`]);
    } catch (e) {
      await inWt.raw(['revert', '--abort']).catch(() => undefined);
      await src.raw(['worktree', 'remove', '--force', wt]).catch(() => undefined);
      await src.raw(['branch', '-D', branch]).catch(() => undefined);
      throw new EngineError('gitFailed', `the revert does not apply cleanly on ${baseBranch}: ${(e as Error).message.split('\n')[0]}`);
    }
    const revertCommit = (await inWt.raw(['rev-parse', 'HEAD'])).trim();
    return { branch, revertCommit, reverted: sha, baseBranch: baseBranch === 'HEAD' ? null : baseBranch };
  } finally {
    await src.raw(['worktree', 'remove', '--force', wt]).catch(() => undefined);
    await rm(wt, { recursive: true, force: true });
    await src.raw(['worktree', 'prune']).catch(() => undefined);
  }
}
