import { execFile } from 'node:child_process';
import { EngineError } from '../errors';

/**
 * git for the bisect, through execFile (no shell). Repo-local configuration
 * that runs programs (hooks, fsmonitor) is switched off: creating and moving
 * the temporary worktree must not fire the user's post-checkout hooks.
 */
export const SAFE_GIT_CONFIG = ['core.fsmonitor=false', 'core.hooksPath=/dev/null', 'core.pager=cat', 'advice.detachedHead=false'];

/** The environment without variables that would point git at another repository or index. */
export function cleanGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR', 'GIT_PREFIX', 'GIT_NAMESPACE']) delete env[k];
  return { ...env, GIT_TERMINAL_PROMPT: '0', ...extra };
}

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs git; never throws for a non-zero exit (the caller decides), only when git cannot start. */
export function gitTry(cwd: string, args: string[], signal?: AbortSignal): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...SAFE_GIT_CONFIG.flatMap((c) => ['-c', c]), ...args],
      { cwd, env: cleanGitEnv(), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', signal },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).name === 'AbortError') return reject(new EngineError('cancelled', 'the bisect was cancelled'));
        if (err && typeof (err as { code?: unknown }).code !== 'number') return reject(new EngineError('gitFailed', `git could not run: ${err.message}`));
        resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code as number) : 0 });
      },
    );
  });
}

/** Runs git and returns stdout; a non-zero exit is a `gitFailed` error. */
export async function git(cwd: string, args: string[], signal?: AbortSignal): Promise<string> {
  const r = await gitTry(cwd, args, signal);
  if (r.code !== 0) throw new EngineError('gitFailed', `git ${args[0]} failed: ${firstLine(r.stderr) || `exit ${r.code}`}`);
  return r.stdout;
}

export function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';
}
