import { spawn } from 'node:child_process';
import { simpleGit, type SimpleGit } from 'simple-git';
import { EngineError } from '../errors';

/**
 * The engine's only door to git. Everything goes through simple-git except the
 * `cat-file --batch` reader, which needs a long-lived stdin/stdout pipe.
 * Repo-local configuration can run programs (fsmonitor, external diff,
 * textconv), so those are switched off for every call: analysis only reads.
 */
const SAFE_CONFIG = ['core.fsmonitor=false', 'core.hooksPath=/dev/null', 'diff.external='];

/** A ref may not look like an option, nor contain what git itself forbids. */
export function assertSafeRef(ref: string, where = 'ref'): void {
  if (!ref || ref.length > 256 || /^-|[\x00-\x20\x7f:?*[\\]|\.\./.test(ref)) {
    throw new EngineError('badRef', `"${ref.slice(0, 80)}" is not a valid git ref`, where);
  }
}

export class GitSource {
  readonly git: SimpleGit;

  private constructor(readonly dir: string, signal?: AbortSignal) {
    this.git = simpleGit({
      baseDir: dir, maxConcurrentProcesses: 4, trimmed: false, config: SAFE_CONFIG, abort: signal,
      // simple-git guards these keys against being pointed at programs; we only ever switch them off.
      unsafe: { allowUnsafeFsMonitor: true, allowUnsafeHooksPath: true, allowUnsafeDiffExternal: true },
    });
  }

  /** Opens a working tree or bare repository; fails with `notAGitRepo`. */
  static async open(dir: string, signal?: AbortSignal): Promise<GitSource> {
    let src: GitSource;
    try {
      src = new GitSource(dir, signal);
      await src.git.raw(['rev-parse', '--git-dir']);
    } catch (e) {
      throw new EngineError('notAGitRepo', `not a git repository (${firstLine(e)})`, dir);
    }
    return src;
  }

  private sinceFlag?: Promise<string>;

  /**
   * The window's lower bound as a `git log` filter. `--since` stops walking at
   * the first older commit, so in merge-heavy histories with skewed committer
   * dates it loses in-window commits behind an older one; `--since-as-filter`
   * (git ≥ 2.37) only filters. Older git gets `--since`.
   */
  async sinceFilter(since: Date): Promise<string> {
    this.sinceFlag ??= this.git.raw(['version']).then(
      (v) => {
        const m = /(\d+)\.(\d+)/.exec(v);
        return m && (+m[1] > 2 || (+m[1] === 2 && +m[2] >= 37)) ? '--since-as-filter' : '--since';
      },
      () => '--since',
    );
    return `${await this.sinceFlag}=${since.toISOString()}`;
  }

  async raw(args: string[]): Promise<string> {
    try {
      return await this.git.raw(args);
    } catch (e) {
      if ((e as Error)?.name === 'AbortError' || /abort/i.test(String((e as Error)?.message))) {
        throw new EngineError('cancelled', 'the analysis was cancelled');
      }
      throw new EngineError('gitFailed', `git ${args[0]} failed: ${firstLine(e)}`);
    }
  }

  /** Resolves a ref to a full commit sha; refuses option-like refs. */
  async resolve(ref: string): Promise<string> {
    assertSafeRef(ref);
    // `--quiet` failures print nothing, and simple-git does not throw on a silent non-zero exit.
    const sha = (await this.git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => '')).trim();
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new EngineError('badRef', `"${ref}" does not name a commit in this repository`, 'ref');
    return sha;
  }

  async isAncestor(a: string, b: string): Promise<boolean> {
    // `merge-base --is-ancestor` answers by exit status alone, which simple-git does not surface.
    return (await this.git.raw(['merge-base', '--end-of-options', a, b]).catch(() => '')).trim() === a;
  }

  /** Reads many blobs (`<rev>:<path>`) through one `git cat-file --batch`; missing ones are undefined. */
  async readBlobs(specs: string[], maxBytes = 2_000_000): Promise<Map<string, string | undefined>> {
    const out = new Map<string, string | undefined>();
    if (specs.length === 0) return out;
    const child = spawn('git', [...SAFE_CONFIG.flatMap((c) => ['-c', c]), 'cat-file', '--batch'], { cwd: this.dir, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', reject);
      child.on('close', () => resolve());
    });
    // Paths containing a newline cannot be asked for in batch mode.
    const asked = specs.filter((s) => !s.includes('\n'));
    child.stdin.end(asked.join('\n') + '\n');
    await done;
    const buf = Buffer.concat(chunks);
    let pos = 0;
    for (const spec of asked) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      const header = buf.toString('utf8', pos, nl);
      pos = nl + 1;
      const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!m) { out.set(spec, undefined); continue; }
      const size = +m[2];
      const body = buf.subarray(pos, pos + size);
      pos += size + 1;
      out.set(spec, m[1] === 'blob' && size <= maxBytes && !body.includes(0) ? body.toString('utf8') : undefined);
    }
    return out;
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n').find((l) => l.trim()) ?? 'unknown error';
}
