import { existsSync, statSync } from 'node:fs';
import { EngineError } from '../errors';
import { git, gitTry, firstLine } from './gitRun';
import { Topology } from './topology';

/**
 * The commits a bisect chooses among: everything reachable from --bad and not
 * from any --good (or only the first-parent chain, to blame a merged pull
 * request as a whole), oldest first, with the parent links the posterior needs.
 */
export interface CandidateSet {
  /** The directory git commands run in (the user's repository). */
  repoDir: string;
  /** repoDir relative to the work-tree root ('' at the root); the test runs in the same place in the worktree. */
  prefix: string;
  goods: string[];
  bad: string;
  /** Full shas, oldest first (parents before children); the last one is `bad`. */
  commits: string[];
  subjects: string[];
  topo: Topology;
  firstParent: boolean;
}

/** Refuses what git could read as an option or what is not a plausible ref, before git sees it. */
export function assertRefSyntax(ref: string, where: string): void {
  if (typeof ref !== 'string' || ref.length === 0) throw new EngineError('badRef', 'a ref is required', where);
  if (ref.startsWith('-')) throw new EngineError('badRef', `"${clip(ref)}" starts with "-"; refs may not look like options`, where);
  if (ref.length > 256 || /[\x00-\x20\x7f]/.test(ref)) throw new EngineError('badRef', `"${clip(ref)}" is not a valid git ref`, where);
}

/** A ref to the full sha of the commit it names. */
export async function resolveCommit(repoDir: string, ref: string, where: string, signal?: AbortSignal): Promise<string> {
  assertRefSyntax(ref, where);
  const r = await gitTry(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], signal);
  const sha = r.stdout.trim();
  if (r.code !== 0 || !/^[0-9a-f]{40}$/.test(sha)) throw new EngineError('badRef', `"${clip(ref)}" does not name a commit in ${repoDir}`, where);
  return sha;
}

export async function openRepo(repoDir: string, signal?: AbortSignal): Promise<{ repoDir: string; prefix: string }> {
  if (!existsSync(repoDir) || !statSync(repoDir).isDirectory()) throw new EngineError('badInput', 'no such directory', repoDir);
  const r = await gitTry(repoDir, ['rev-parse', '--git-dir', '--show-prefix'], signal);
  if (r.code !== 0) throw new EngineError('notAGitRepo', `not a git repository (${firstLine(r.stderr)})`, repoDir);
  // The second line is the prefix ('' at the root and in a bare repository).
  return { repoDir, prefix: (r.stdout.split('\n')[1] ?? '').trim() };
}

export async function loadCandidates(
  repoDir: string,
  refs: { good: readonly string[]; bad: string; firstParent?: boolean },
  signal?: AbortSignal,
): Promise<CandidateSet> {
  const repo = await openRepo(repoDir, signal);
  if (refs.good.length === 0) throw new EngineError('badInput', 'at least one good ref is required', '--good');
  const bad = await resolveCommit(repoDir, refs.bad, '--bad', signal);
  const goods: string[] = [];
  for (const g of refs.good) {
    const sha = await resolveCommit(repoDir, g, '--good', signal);
    if (sha === bad) throw new EngineError('badInput', `--good ${clip(g)} and --bad ${clip(refs.bad)} are the same commit`, '--good');
    const anc = await gitTry(repoDir, ['merge-base', '--is-ancestor', sha, bad], signal);
    if (anc.code !== 0) throw new EngineError('badInput', `${clip(g)} (${sha.slice(0, 12)}) is not an ancestor of --bad ${clip(refs.bad)}`, '--good');
    if (!goods.includes(sha)) goods.push(sha);
  }
  const firstParent = refs.firstParent === true;
  const rows = await listRange(repoDir, bad, goods, firstParent, signal);
  if (rows.length === 0 || rows[rows.length - 1].sha !== bad) throw new EngineError('badInput', 'no commits between --good and --bad', '--bad');
  const index = new Map(rows.map((r, i) => [r.sha, i]));
  const parents = rows.map((r) => {
    const ps = firstParent ? r.parents.slice(0, 1) : r.parents;
    return ps.map((p) => index.get(p)).filter((i): i is number => i !== undefined);
  });
  return {
    ...repo,
    goods,
    bad,
    commits: rows.map((r) => r.sha),
    subjects: rows.map((r) => r.subject),
    topo: new Topology(parents),
    firstParent,
  };
}

interface Row {
  sha: string;
  parents: string[];
  subject: string;
}

async function listRange(repoDir: string, bad: string, goods: string[], firstParent: boolean, signal?: AbortSignal): Promise<Row[]> {
  const args = ['log', '--topo-order', '--reverse', '-z', '--format=%H%x1f%P%x1f%s', ...(firstParent ? ['--first-parent'] : []), '--end-of-options', bad, ...goods.map((g) => `^${g}`)];
  const out = await git(repoDir, args, signal);
  const rows: Row[] = [];
  for (const rec of out.split('\0')) {
    const t = rec.replace(/^\n/, '');
    if (!t) continue;
    const a = t.indexOf('\x1f');
    const b = t.indexOf('\x1f', a + 1);
    rows.push({ sha: t.slice(0, a), parents: t.slice(a + 1, b).split(' ').filter(Boolean), subject: t.slice(b + 1) });
  }
  return rows;
}

/**
 * Which candidate each commit stands for. Candidates stand for themselves; in
 * first-parent mode a commit on a merged branch stands for the first merge on
 * the chain that brought it in (so a report's suspect inside a pull request
 * puts its weight on that pull request's merge).
 */
export async function candidateIndexOf(set: CandidateSet, shas: readonly string[], signal?: AbortSignal): Promise<Map<string, number>> {
  const index = new Map(set.commits.map((c, i) => [c, i]));
  const out = new Map<string, number>();
  const rest = shas.filter((s) => {
    const i = index.get(s);
    if (i !== undefined) out.set(s, i);
    return i === undefined;
  });
  if (rest.length === 0 || !set.firstParent) return out;
  const full = await listRange(set.repoDir, set.bad, set.goods, false, signal);
  const parentsOf = new Map(full.map((r) => [r.sha, r.parents]));
  const owner = new Map<string, number>();
  set.commits.forEach((c, k) => {
    const stack = (parentsOf.get(c) ?? []).slice(1);
    while (stack.length) {
      const x = stack.pop() as string;
      if (index.has(x) || owner.has(x) || !parentsOf.has(x)) continue;
      owner.set(x, k);
      stack.push(...(parentsOf.get(x) ?? []));
    }
  });
  for (const s of rest) {
    const k = owner.get(s);
    if (k !== undefined) out.set(s, k);
  }
  return out;
}

function clip(s: string): string {
  return String(s).slice(0, 80);
}
