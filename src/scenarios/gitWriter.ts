import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes real git repositories with dated commits (the demo, the benchmark
 * generator and the tests all build their repositories through this).
 * Synchronous on purpose: building is a setup step, and order matters.
 */
export class GitWriter {
  constructor(readonly dir: string, private readonly branch = 'main') {}

  /** `git init` a fresh repository (removing what was there). */
  init(): this {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    this.git(['init', '-q', '-b', this.branch]);
    this.git(['config', 'user.name', 'Forensics Builder']);
    this.git(['config', 'user.email', 'builder@example.invalid']);
    this.git(['config', 'commit.gpgsign', 'false']);
    this.git(['config', 'tag.gpgsign', 'false']);
    return this;
  }

  write(path: string, content: string): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  remove(path: string): this {
    const full = join(this.dir, path);
    if (existsSync(full)) this.git(['rm', '-q', '--', path]);
    return this;
  }

  /** Stage everything and commit with the given author and date; returns the full sha. */
  commit(message: string, opts: { date: Date | string; author?: string; email?: string }): string {
    const date = typeof opts.date === 'string' ? opts.date : opts.date.toISOString();
    const author = opts.author ?? 'Dev One';
    const email = opts.email ?? `${author.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--allow-empty', '-m', message], {
      GIT_AUTHOR_NAME: author,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: author,
      GIT_COMMITTER_EMAIL: email,
      GIT_COMMITTER_DATE: date,
    });
    return this.head();
  }

  /** An annotated tag dated `date` (deploy tags carry the deploy time). */
  tag(name: string, date: Date | string, ref = 'HEAD'): this {
    const d = typeof date === 'string' ? date : date.toISOString();
    this.git(['tag', '-a', name, '-m', name, ref], { GIT_COMMITTER_DATE: d, GIT_COMMITTER_NAME: 'deploy-bot', GIT_COMMITTER_EMAIL: 'deploy@example.com' });
    return this;
  }

  checkout(ref: string, create = false): this {
    this.git(create ? ['checkout', '-q', '-b', ref] : ['checkout', '-q', ref]);
    return this;
  }

  /** A --no-ff merge of `branch` into the current branch; returns the merge sha. */
  merge(branch: string, message: string, opts: { date: Date | string; author?: string }): string {
    const date = typeof opts.date === 'string' ? opts.date : opts.date.toISOString();
    const author = opts.author ?? 'Dev One';
    const email = `${author.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
    this.git(['merge', '-q', '--no-ff', '-m', message, branch], {
      GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: date,
    });
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  git(args: string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...env },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  }
}
