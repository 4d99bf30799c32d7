import { assertSafeRef, type GitSource } from './gitSource';

/**
 * Non-merge commits since `since` that changed lines `from`..`to` of `path`
 * as it is at `rev`, newest first (`git log -L`): unlike blame, it also sees
 * commits whose lines were later rewritten, and deletions next to the range.
 * A range or path git cannot follow yields no history rather than an error.
 */
export async function lineHistory(src: GitSource, rev: string, path: string, from: number, to: number, since: Date): Promise<string[]> {
  assertSafeRef(rev, 'line history revision');
  const a = Math.max(1, Math.floor(from));
  const b = Math.max(a, Math.floor(to));
  // Plain --since here: -L walks stop early with it, and a skewed date only shortens a line's history.
  const out = await src
    .raw(['log', '--no-merges', '--format=%H', '--no-patch', `--since=${since.toISOString()}`, `-L${a},${b}:${path}`, '--end-of-options', rev])
    .catch(() => '');
  return out.split('\n').map((l) => l.trim()).filter((l) => /^[0-9a-f]{40}$/.test(l));
}
