import * as vscode from 'vscode';
import { EngineError } from '../engine/errors';
import { prepareRevertBranch } from '../engine/git/revert';
import type { Log } from './log';
import { assertSha } from './pure/git';

/** Revert and bisect run git that writes (and, for bisect, the user's tests): only in a trusted workspace. */
export async function requireTrust(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const pick = await vscode.window.showWarningMessage(`${what} needs a trusted workspace.`, 'Manage Workspace Trust');
  if (pick) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/**
 * Prepare Revert Branch: after confirmation, creates `forensics/revert-<short>`
 * holding the revert commit. The engine refuses a dirty tree, works in a
 * temporary worktree (the user's checkout is untouched) and never pushes.
 */
export async function prepareRevert(log: Log, repoDir: string, commit: string, subject: string | undefined, incidentId?: string): Promise<void> {
  if (!(await requireTrust('Preparing a revert branch'))) return;
  assertSha(commit);
  const short = commit.slice(0, 7);
  const ok = await vscode.window.showWarningMessage(
    `Create branch forensics/revert-${short} with a commit that reverts ${short}${subject ? ` "${subject}"` : ''}?`,
    { modal: true, detail: 'Your current branch and working tree stay as they are. Nothing is pushed.' },
    'Create Branch',
  );
  if (ok !== 'Create Branch') return;
  try {
    const r = await prepareRevertBranch(repoDir, commit, { incidentId });
    log.info(`revert: branch ${r.branch} with ${r.revertCommit} reverting ${r.reverted} (from ${r.baseBranch ?? 'detached HEAD'}); not pushed`);
    void vscode.window.showInformationMessage(`Created ${r.branch} (revert commit ${r.revertCommit.slice(0, 7)}) from ${r.baseBranch ?? 'HEAD'}. Not pushed.`);
  } catch (e) {
    if (EngineError.is(e, 'dirtyTree')) {
      void vscode.window.showWarningMessage('The working tree has uncommitted changes; commit or stash them, then prepare the revert again.');
      return;
    }
    throw e;
  }
}
