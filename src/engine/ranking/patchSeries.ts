import type { CommitInfo } from '../model';

const GAP_MS = 15 * 60_000;

/** Who a commit is by, for grouping: the author's email, else name, case-folded. */
export function authorKey(c: Pick<CommitInfo, 'author' | 'authorEmail'>): string {
  return (c.authorEmail || c.author).toLowerCase();
}

/**
 * Patch series: one author's commits landing at most 15 minutes apart
 * (committer time), as a mailed or pushed series does. Returns each series'
 * first commit, for series of two or more.
 */
export function seriesFirsts(commits: CommitInfo[]): Map<string, number> {
  const byAuthor = new Map<string, CommitInfo[]>();
  for (const c of commits) {
    const k = authorKey(c);
    let l = byAuthor.get(k);
    if (!l) byAuthor.set(k, (l = []));
    l.push(c);
  }
  const firsts = new Map<string, number>();
  for (const list of byAuthor.values()) {
    // git log lists newest first; a stable reverse keeps the applied order when times tie.
    const sorted = [...list].reverse().sort((a, b) => Date.parse(a.committedAt) - Date.parse(b.committedAt));
    let start = 0;
    for (let i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && Date.parse(sorted[i].committedAt) - Date.parse(sorted[i - 1].committedAt) <= GAP_MS) continue;
      if (i - start >= 2) firsts.set(sorted[start].sha, i - start);
      start = i;
    }
  }
  return firsts;
}
