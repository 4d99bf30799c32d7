import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';

/**
 * Real repositories for the bisect tests: commit i writes VERSION = i, so a
 * test "broken from commit k on" is `[ "$(cat VERSION)" -lt k ]`.
 */
export function versionRepo(n: number): { dir: string; shas: string[]; g: GitWriter } {
  // Built once per size, then copied: the tests may dirty their copy, and a copy costs
  // milliseconds where n commits cost n× several git processes.
  let t = templates.get(n);
  if (!t) {
    const dir = join(tempDir('ifx-btemplate-'), 'repo');
    const g = new GitWriter(dir).init();
    const shas: string[] = [];
    const t0 = Date.UTC(2024, 0, 10);
    for (let i = 0; i <= n; i++) {
      g.write('VERSION', `${i}\n`);
      if (i === 0) g.write('src/app.txt', 'app\n');
      shas.push(g.commit(`change ${i}`, { date: new Date(t0 + i * 60_000) }));
    }
    templates.set(n, (t = { dir, shas }));
  }
  const dir = join(tempDir('ifx-btest-'), 'repo');
  cpSync(t.dir, dir, { recursive: true });
  return { dir, shas: [...t.shas], g: new GitWriter(dir) };
}

const templates = new Map<number, { dir: string; shas: string[] }>();

/** A POSIX sh test that passes before VERSION k and fails from k on. */
export function brokenFrom(k: number): string {
  return `v=$(cat VERSION); [ "$v" -lt ${k} ]`;
}

export function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}

/** Everything a bisect must leave alone in the user's checkout. */
export function checkoutState(dir: string): Record<string, string> {
  return {
    head: git(dir, ['rev-parse', 'HEAD']),
    symref: git(dir, ['symbolic-ref', '-q', 'HEAD']),
    indexFile: createHash('sha256').update(readFileSync(join(dir, '.git', 'index'))).digest('hex'),
    status: git(dir, ['--no-optional-locks', 'status', '--porcelain=v1', '--untracked-files=all']),
    stash: git(dir, ['--no-optional-locks', 'stash', 'list', '--format=%H %gs']),
    staged: git(dir, ['--no-optional-locks', 'ls-files', '--stage']),
    refs: git(dir, ['for-each-ref', '--format=%(refname) %(objectname)']),
    worktrees: git(dir, ['worktree', 'list', '--porcelain']),
    files: treeHash(dir),
  };
}

function treeHash(root: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (d === root && name === '.git') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk(root);
  return h.digest('hex');
}

/** The worktrees git knows for the repository, besides the main one. */
export function extraWorktrees(dir: string): string[] {
  return git(dir, ['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .slice(1);
}

/** Whether a process still runs (a zombie waiting for its reaper counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return existsSync(`/proc/${pid}`) || !existsSync('/proc/self');
  }
}

export function pidsIn(file: string): number[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number) : [];
}

/** Polls until `cond` holds (or throws after `ms`); for waiting on a child process, not for timing. */
export async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A report@1 document with the given suspects (the rest minimal but valid). */
export function reportWith(suspects: { commit: string; confidence: number }[]): Record<string, unknown> {
  return {
    schema: 'incident-forensics/report@1',
    incident: { id: 'INC-1', service: 'app', metric: 'errors', alertTime: '2024-01-11T00:00:00Z', source: 'flags' },
    scope: { paths: ['src'], since: '2024-01-01T00:00:00Z', until: '2024-01-11T00:00:00Z', commitsScanned: 10, commitsInScope: 10 },
    deployments: [],
    suspects: suspects.map((s, i) => ({ rank: i + 1, commit: s.commit, subject: 's', author: 'a', date: '2024-01-10T00:00:00Z', score: 1, confidence: s.confidence, signals: [], findings: [] })),
    rootCause: null,
    logs: { files: [], linesScanned: 0, linesSkipped: 0, errors: 0, correlations: [] },
    metrics: [],
    blastRadius: {},
    recommendation: {},
    timings: {},
    durationMs: 1,
  };
}
