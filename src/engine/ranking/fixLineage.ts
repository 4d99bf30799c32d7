import type { CommitInfo } from '../model';

/**
 * Fix lineage: which commits a later commit says it fixes, by kernel-style
 * `Fixes: <sha> ("subject")` trailers. A commit that has needed a fix already
 * is more likely to hold the next bug too, and when the commit that last
 * touched the failing function is such a fix, the code it patched is the
 * first place to look (measured on real history: bench/realworld).
 */
export interface FixesTrailer {
  /** Lower-case hex, 7–40 characters, as written. */
  sha: string;
  /** The quoted subject, when given. */
  subject?: string;
}

const TRAILER = /^[ \t]*Fixes:[ \t]*(?:commit[ \t]+)?([0-9a-fA-F]{7,40})\b(?:[ \t]*\((.*)\))?/gm;

/**
 * `Fixes: 1234abcd5678 ("subject")`; some projects write `Fixes: commit
 * 1234abcd` or drop the quotes, both accepted. Issue-tracker forms
 * (`Fixes: #123`, URLs) are not commits and are ignored.
 */
export function parseFixesTrailers(message: string): FixesTrailer[] {
  const out: FixesTrailer[] = [];
  const seen = new Set<string>();
  for (const m of message.matchAll(TRAILER)) {
    const sha = m[1].toLowerCase();
    if (seen.has(sha)) continue;
    seen.add(sha);
    const subject = m[2]?.trim().replace(/^"(.*)"$/, '$1');
    out.push(subject ? { sha, subject } : { sha });
  }
  return out;
}

/**
 * For each commit of `commits` that another commit of `commits` names in a
 * `Fixes:` trailer, the commits naming it (abbreviated shas match by prefix;
 * a commit never fixes itself, nor one committed after it — a short sha that
 * also prefixes a newer commit names an older one outside the window).
 */
export function laterFixes<C extends CommitInfo>(commits: C[]): Map<string, C[]> {
  const out = new Map<string, C[]>();
  for (const fixer of commits) {
    for (const t of parseFixesTrailers(fixer.body)) {
      for (const c of commits) {
        if (c === fixer || !c.sha.startsWith(t.sha) || Date.parse(c.committedAt) > Date.parse(fixer.committedAt)) continue;
        const l = out.get(c.sha);
        if (l) { if (!l.includes(fixer)) l.push(fixer); } else out.set(c.sha, [fixer]);
      }
    }
  }
  return out;
}
