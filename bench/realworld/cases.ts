import { BenchGit, isSha } from './git';
import { symptomOf, type FrameRule, type Symptom } from './symptom';
import { parseFixesTrailers } from '../../src/engine/ranking/fixLineage';

/**
 * Real regressions from `Fixes:` trailers. A case is a fix on the default
 * branch whose one named culprit is a non-merge ancestor of the fix's parent,
 * committed 1 hour to 30 days before the fix (committer dates), and whose diff
 * touches a source file a stack frame could name.
 */
export interface RealCase {
  /** `<repo>-<fix sha 12>`. */
  id: string;
  repo: string;
  fix: string;
  fixParent: string;
  /** Committer time of the fix, epoch seconds: the alert time. */
  fixTime: number;
  fixSubject: string;
  culprit: string;
  /** Every named culprit that passed the filters (usually just `culprit`); a rank counts the best of them. */
  culprits: string[];
  culpritTime: number;
  culpritSubject: string;
  symptom: Symptom;
}

export interface CaseOptions {
  repo: string;
  /** The history to scan (default HEAD: the default branch of a mirror). */
  ref?: string;
  /** Newest cases kept (deterministic: newest fixes first). */
  maxCases?: number;
  minAgeSeconds?: number;
  maxAgeSeconds?: number;
  frameRule?: FrameRule;
}

export interface CaseStats {
  fixesWithTrailer: number;
  /** Kept cases naming more than one eligible culprit (not a skip reason). */
  multipleCulprits: number;
  unresolved: number;
  ambiguous: number;
  mergeFix: number;
  tooNew: number;
  tooOld: number;
  notAncestor: number;
  mergeCulprit: number;
  noSourceFrame: number;
  kept: number;
}

export const HOUR = 3600;
export const DAY = 86400;

const REC = '\x1e';
const FLD = '\x1f';

export function extractCases(git: BenchGit, opts: CaseOptions): { cases: RealCase[]; stats: CaseStats } {
  const ref = opts.ref ?? 'HEAD';
  const maxCases = opts.maxCases ?? 150;
  const minAge = opts.minAgeSeconds ?? HOUR;
  const maxAge = opts.maxAgeSeconds ?? 30 * DAY;
  const stats: CaseStats = {
    fixesWithTrailer: 0, multipleCulprits: 0, unresolved: 0, ambiguous: 0, mergeFix: 0, tooNew: 0, tooOld: 0,
    notAncestor: 0, mergeCulprit: 0, noSourceFrame: 0, kept: 0,
  };
  const head = git.run(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]).trim();
  const history = new CommitIndex(git.run(['log', `--format=${REC}%H${FLD}%P${FLD}%ct${FLD}%s${FLD}%B`, head, '--']));
  const fixes = history.all.filter((c) => /^[ \t]*Fixes:/im.test(c.body));
  // Newest first, ties by sha, so a cap keeps the same cases on every run.
  fixes.sort((a, b) => b.time - a.time || a.sha.localeCompare(b.sha));

  const cases: RealCase[] = [];
  for (const f of fixes) {
    if (cases.length >= maxCases) break;
    const trailers = parseFixesTrailers(f.body);
    if (trailers.length === 0) continue;
    stats.fixesWithTrailer++;
    if (f.parents.length !== 1) { stats.mergeFix++; continue; }
    const parent = f.parents[0];
    // Every named culprit that passes the filters counts; the first is "the" culprit.
    const eligible: HistoryCommit[] = [];
    const why: (keyof CaseStats)[] = [];
    for (const t of trailers) {
      const r = history.resolve(t.sha);
      if (r === 'ambiguous') { why.push('ambiguous'); continue; }
      if (!r) { why.push('unresolved'); continue; }
      const age = f.time - r.time;
      if (age < minAge) why.push('tooNew');
      else if (age > maxAge) why.push('tooOld');
      else if (r.parents.length !== 1) why.push('mergeCulprit');
      else if (!git.isAncestor(r.sha, parent)) why.push('notAncestor');
      else eligible.push(r);
    }
    if (eligible.length === 0) { stats[why[0]]++; continue; }
    if (eligible.length > 1) stats.multipleCulprits++;
    const symptom = symptomOf(git, parent, f.sha, opts.frameRule);
    if (!symptom) { stats.noSourceFrame++; continue; }
    const c = eligible[0];
    cases.push({
      id: `${opts.repo}-${f.sha.slice(0, 12)}`, repo: opts.repo, fix: f.sha, fixParent: parent, fixTime: f.time,
      fixSubject: f.subject, culprit: c.sha, culprits: eligible.map((e) => e.sha), culpritTime: c.time, culpritSubject: c.subject, symptom,
    });
  }
  stats.kept = cases.length;
  return { cases, stats };
}

interface HistoryCommit {
  sha: string;
  parents: string[];
  time: number;
  subject: string;
  body: string;
}

/** Every commit reachable from the scanned ref, with prefix lookup (abbreviated `Fixes:` shas). */
class CommitIndex {
  readonly all: HistoryCommit[];
  private readonly sorted: HistoryCommit[];

  constructor(logOutput: string) {
    this.all = logOutput.split(REC).filter((r) => r.trim()).map((r) => {
      const [sha, parents, ct, subject, ...body] = r.split(FLD);
      return { sha, parents: parents.trim() ? parents.trim().split(' ') : [], time: Number(ct), subject, body: body.join(FLD) };
    }).filter((c) => isSha(c.sha));
    this.sorted = [...this.all].sort((a, b) => (a.sha < b.sha ? -1 : a.sha > b.sha ? 1 : 0));
  }

  /**
   * The one reachable commit whose sha starts with `prefix`. A culprit must be
   * an ancestor of the fix, hence reachable: unreachable objects cannot make a
   * prefix ambiguous here, two reachable commits can.
   */
  resolve(prefix: string): HistoryCommit | 'ambiguous' | undefined {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].sha < prefix) lo = mid + 1;
      else hi = mid;
    }
    const a = this.sorted[lo];
    if (!a || !a.sha.startsWith(prefix)) return undefined;
    const b = this.sorted[lo + 1];
    return b && b.sha.startsWith(prefix) ? 'ambiguous' : a;
  }
}

/**
 * The window as a revision filter for `git log`/`rev-list`. Plain `--since`
 * stops the walk at the first older commit, so in merge-heavy histories
 * (DPDK's next-* trees) in-window commits behind an older merge base vanish:
 * a quarter of DPDK's culprits did. `--since-as-filter` (git ≥ 2.37) keeps
 * walking and only filters. Blame keeps `--since`: there, older lines must
 * become boundary lines.
 */
export function windowFilter(fixTime: number, days = 30): string {
  return `--since-as-filter=${iso(fixTime - days * DAY)}`;
}

/** Non-merge commits reachable from `ref` committed in [until - days, until] (the ranking's candidates). */
export function candidatesOf(git: BenchGit, ref: string, until: number, days = 30): string[] {
  const out = git.run(['rev-list', '--no-merges', windowFilter(until, days), `--until=${iso(until)}`, ref, '--']);
  return out.split('\n').filter(isSha);
}

export function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}
