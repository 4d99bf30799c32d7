import { DAY, iso, windowFilter, type RealCase } from './cases';
import { shaLines, type BenchGit } from './git';
import type { Variant } from './incident';

/**
 * The two baselines the tool must beat, each an ordered list of commits
 * (best first) restricted to the case's 30-day window before the fix:
 * - blame: what Sentry's suspect commits do. Line variant: `git blame` of the
 *   frame's line first (the commit that last touched it), then the rest of
 *   that line's history (`git log -L n,n`) newest first. Function variant (no
 *   line): the history of the enclosing function's lines (`git log -L a,b`)
 *   newest first; with no function range known, the file's history. Either
 *   list is then filled up with the file's history (newest first), so blame's
 *   top-3/5 are never worse than what a person reading `git log FILE` after
 *   blame would get: a strong baseline, not a strawman.
 * - recency: the newest commits touching the frame's file.
 */
export interface BaselineLists {
  blame: string[];
  recency: string[];
}

export async function baselines(git: BenchGit, c: RealCase, variant: Variant, windowDays = 30): Promise<BaselineLists> {
  const since = `--since=${iso(c.fixTime - windowDays * DAY)}`;
  const window = windowFilter(c.fixTime, windowDays);
  const s = c.symptom;
  // A revision or path git cannot read leaves the baseline empty-handed (a miss), like a failed tool run.
  const recency = await git.runAsync(['log', '--no-merges', '--format=%H', window, c.fixParent, '--', s.file]).then(shaLines, () => []);
  let blame: string[];
  if (variant === 'line') {
    const [top, history] = await Promise.all([
      blameLine(git, c.fixParent, s.file, s.line, since),
      git.runAsync(['log', '--no-merges', '--format=%H', '--no-patch', window, `-L${s.line},${s.line}:${s.file}`, c.fixParent]).then(shaLines, () => []),
    ]);
    blame = dedupe([...(top ? [top] : []), ...history]);
  } else if (s.funcStart !== undefined && s.funcEnd !== undefined) {
    const history = await git
      .runAsync(['log', '--no-merges', '--format=%H', '--no-patch', window, `-L${s.funcStart},${s.funcEnd}:${s.file}`, c.fixParent])
      .then(shaLines, () => undefined);
    blame = history ?? recency;
  } else {
    blame = recency;
  }
  // Every list is bounded by git's own date filter: boundary (older) commits never appear.
  return { blame: dedupe([...blame, ...recency]), recency };
}

/** The commit `git blame` names for one line, unless it is a boundary (older than the window). */
async function blameLine(git: BenchGit, rev: string, file: string, line: number, since: string): Promise<string | undefined> {
  try {
    const out = await git.runAsync(['blame', '--porcelain', since, `-L${line},${line}`, rev, '--', file]);
    const sha = /^([0-9a-f]{40}) /.exec(out)?.[1];
    return sha && !/\nboundary\n/.test(out) ? sha : undefined;
  } catch {
    return undefined;
  }
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** 1-based rank of the best-placed culprit in a list, or undefined when none is listed. */
export function rankOf(list: string[], culprits: string[]): number | undefined {
  let best: number | undefined;
  for (const c of culprits) {
    const i = list.indexOf(c);
    if (i >= 0 && (best === undefined || i + 1 < best)) best = i + 1;
  }
  return best;
}
