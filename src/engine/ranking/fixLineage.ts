/**
 * Kernel-style `Fixes:` trailers: `Fixes: 1234abcd5678 ("subject")`.
 * Some projects write `Fixes: commit 1234abcd` or drop the quotes; both are
 * accepted. Issue-tracker forms (`Fixes: #123`, URLs) are not commits and are ignored.
 */
export interface FixesTrailer {
  /** Lower-case hex, 7–40 characters, as written. */
  sha: string;
  /** The quoted subject, when given. */
  subject?: string;
}

const TRAILER = /^[ \t]*Fixes:[ \t]*(?:commit[ \t]+)?([0-9a-fA-F]{7,40})\b(?:[ \t]*\((.*)\))?/gm;

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
