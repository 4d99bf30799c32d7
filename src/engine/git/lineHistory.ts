import { assertSafeRef, type GitSource } from './gitSource';

/**
 * Non-merge commits since `since` that changed lines `from`..`to` of `path`
 * as it is at `rev`, newest first (`git log -L`): unlike blame, it also sees
 * commits whose lines were later rewritten, and deletions next to the range.
 * A range running past the end of the file is read to its end; one starting
 * past it, or a path git cannot follow, yields no history rather than an error.
 */
export async function lineHistory(src: GitSource, rev: string, path: string, from: number, to: number, since: Date): Promise<string[]> {
  assertSafeRef(rev, 'line history revision');
  const a = Math.max(1, Math.floor(from));
  const b = Math.max(a, Math.floor(to));
  // Plain --since here: -L walks stop early with it, and a skewed date only shortens a line's history.
  const run = (end: number) => src.raw(['log', '--no-merges', '--format=%H', '--no-patch', `--since=${since.toISOString()}`, `-L${a},${end}:${path}`, '--end-of-options', rev]);
  const out = await run(b).catch((e: Error) => {
    // A range running past the end of the file is read to its end (older git refuses it, as blameRange's blame does).
    const n = /has only (\d+) lines?/.exec(e.message);
    return n && +n[1] >= a && +n[1] < b ? run(+n[1]).catch(() => '') : '';
  });
  return out.split('\n').map((l) => l.trim()).filter((l) => /^[0-9a-f]{40}$/.test(l));
}
