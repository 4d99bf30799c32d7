import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Read-only git for the benchmark, against a bare directory or a working tree.
 * Repo-local config can run programs (textconv, external diff, fsmonitor);
 * the mirrors are foreign input, so those are switched off on every call.
 */
const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '-c', 'core.pager=cat'];
const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };
const MAX_BUFFER = 512 * 1024 * 1024;

export class BenchGit {
  /** The git directory itself (`<tree>/.git` for a working tree). */
  private readonly dotGit: string;

  /** `gitDir`: a bare git directory or a working tree (as given to the tool). */
  constructor(readonly gitDir: string) {
    this.dotGit = existsSync(join(gitDir, '.git')) ? join(gitDir, '.git') : gitDir;
  }

  /** Runs git and returns stdout; throws with git's first stderr line on failure. */
  run(args: string[]): string {
    try {
      return execFileSync('git', [`--git-dir=${this.dotGit}`, ...SAFE, ...args], {
        env: ENV, encoding: 'utf8', maxBuffer: MAX_BUFFER, stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { stderr?: string; message?: string };
      const line = String(err.stderr || err.message || e).split('\n').find((l) => l.trim()) ?? 'failed';
      throw new Error(`git ${args[0]}: ${line}`);
    }
  }

  /** Like run, but undefined instead of throwing (for probes such as rev-parse). */
  tryRun(args: string[]): string | undefined {
    try {
      return this.run(args);
    } catch {
      return undefined;
    }
  }

  /** Async form so baselines of different cases can overlap on two cores. */
  runAsync(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('git', [`--git-dir=${this.dotGit}`, ...SAFE, ...args], { env: ENV, encoding: 'utf8', maxBuffer: MAX_BUFFER }, (err, stdout, stderr) => {
        if (err) reject(new Error(`git ${args[0]}: ${String(stderr || err.message).split('\n').find((l) => l.trim()) ?? 'failed'}`));
        else resolve(stdout);
      });
    });
  }

  /** `git merge-base --is-ancestor a b` (a commit is its own ancestor). */
  isAncestor(a: string, b: string): boolean {
    return this.tryRun(['merge-base', '--is-ancestor', a, b]) !== undefined;
  }
}

/** Full 40-hex sha test (refs from mirrors are validated before reaching git argv). */
export function isSha(s: string): boolean {
  return /^[0-9a-f]{40}$/.test(s);
}

/** The full shas of `git log --format=%H`-style output, one per line. */
export function shaLines(out: string): string[] {
  return out.split('\n').map((l) => l.trim()).filter(isSha);
}
