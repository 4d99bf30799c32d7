import type { DetectorInput } from '../model';
import { fileNature } from './fileNature';

export interface CommitTraits {
  /** Every file is documentation or a comment-only change. */
  docsOnly: boolean;
  /** Every file is test code (docs and formatting may ride along). */
  testsOnly: boolean;
  /** Listed in .git-blame-ignore-revs, or every file is whitespace/reordering only. */
  formattingOnly: boolean;
}

const HEX = /^[0-9a-f]{7,64}$/;

/**
 * The object names of a `.git-blame-ignore-revs` file: one per line, `#`
 * starts a comment, blank lines skipped. Anything that is not a hex object
 * name is ignored (the file is advisory; a bad line must not stop analysis).
 */
export function parseBlameIgnoreRevs(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const t = raw.replace(/#.*$/, '').trim().toLowerCase();
    if (HEX.test(t)) out.add(t);
  }
  return out;
}

function ignored(sha: string, ignoreRevs: Set<string>): boolean {
  const s = sha.toLowerCase();
  if (ignoreRevs.has(s)) return true;
  // Abbreviated entries (at least 7 hex digits) match by prefix.
  for (const r of ignoreRevs) if (r.length < s.length && s.startsWith(r)) return true;
  return false;
}

/** Whole-commit traits that make a commit an unlikely culprit. */
export function commitTraits(files: DetectorInput[], commitSha: string, ignoreRevs: Set<string>): CommitTraits {
  const natures = files.map(fileNature);
  const any = natures.length > 0;
  const docsLike = (n: ReturnType<typeof fileNature>): boolean => n.docs || (n.commentsOnly && !n.tests);
  const docsOnly = any && natures.every(docsLike);
  const testsOnly = any && natures.some((n) => n.tests) && natures.every((n) => n.tests || docsLike(n) || n.formatting || n.empty);
  const formattingOnly = ignored(commitSha, ignoreRevs) || (any && natures.some((n) => n.formatting) && natures.every((n) => n.formatting || n.empty));
  return { docsOnly, testsOnly, formattingOnly };
}
