import { execFile } from 'node:child_process';
import { EngineError } from '../../engine/errors';

/**
 * The extension's own read-only git calls (line mapping, the diff content
 * provider). Repository-local config can name programs git would run
 * (fsmonitor, external diff, textconv), and analysis is allowed in untrusted
 * workspaces, so each call switches those off.
 */
const HARDENING = ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off', '-c', 'diff.external=', '--no-pager'];

export interface GitRunOptions {
  signal?: AbortSignal;
  /** Bytes; output beyond it fails the call rather than filling memory. */
  maxBuffer?: number;
}

export function runGit(repoDir: string, args: string[], opts: GitRunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...HARDENING, ...args],
      {
        cwd: repoDir,
        encoding: 'utf8',
        maxBuffer: opts.maxBuffer ?? 32 * 1024 * 1024,
        signal: opts.signal,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
        windowsHide: true,
      },
      (err, stdout, stderr) => {
        if (err) {
          if ((err as { name?: string }).name === 'AbortError') return reject(new EngineError('cancelled', 'git was cancelled'));
          const msg = (stderr || err.message).trim().split('\n')[0];
          return reject(new EngineError('gitFailed', msg, `git ${args[0]}`));
        }
        resolve(stdout);
      },
    );
  });
}

const SHA = /^[0-9a-f]{7,40}$/;

/** Throws `badRef` unless `sha` is a plain (abbreviated) hex object name; nothing starting with '-' reaches git. */
export function assertSha(sha: string): string {
  if (!SHA.test(sha)) throw new EngineError('badRef', `not a commit id: ${JSON.stringify(sha.slice(0, 60))}`, 'commit');
  return sha;
}

/**
 * Throws `outsideWorkspace` unless `path` is a repository-relative POSIX path
 * that stays inside the repository.
 */
export function assertRepoPath(path: string): string {
  const p = path.replace(/\\/g, '/');
  if (leavesRepo(p)) throw new EngineError('outsideWorkspace', `path leaves the repository: ${JSON.stringify(path.slice(0, 200))}`, 'path');
  return p.replace(/^\.\//, '');
}

/** True for a path that is not repository-relative: empty, absolute, a drive letter, a `..` step, or a NUL. */
export function leavesRepo(path: string): boolean {
  return path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split(/[\\/]/).some((s) => s === '..') || path.includes('\0');
}

/** `git show <sha>:<path>`; undefined when the file does not exist at that commit. */
export async function showFileAt(repoDir: string, sha: string, path: string, signal?: AbortSignal): Promise<string | undefined> {
  assertSha(sha.replace(/\^$/, ''));
  assertRepoPath(path);
  try {
    return await runGit(repoDir, ['show', '--no-textconv', `${sha}:${path}`], { signal });
  } catch (e) {
    if (EngineError.is(e, 'gitFailed')) return undefined;
    throw e;
  }
}
