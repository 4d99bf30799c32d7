import type { CommitDiff } from '../model';
import type { GitSource } from './gitSource';
import { parseUnifiedDiff } from './parseDiff';

const REC = '\x1e';
const FLD = '\x1f';
const END = '\x1d';
const FORMAT = `${REC}%H${FLD}%P${FLD}%an${FLD}%ae${FLD}%aI${FLD}%cI${FLD}%s${FLD}%b${END}`;

/**
 * Every commit reachable from `head` that landed (committer date) in
 * [since, until], newest first, each with its diff against its first parent.
 * One `git log -p` for the whole window: far cheaper than a `git show` each.
 * Merge commits carry no diff here: their changes arrive with the merged commits.
 */
export async function commitsInWindow(src: GitSource, head: string, since: Date, until: Date, maxCommits = 5000): Promise<CommitDiff[]> {
  const out = await src.raw([
    'log', `--format=${FORMAT}`, '-p', '-M', '-U3', '--no-color', '--no-ext-diff', '--no-textconv',
    await src.sinceFilter(since), `--until=${until.toISOString()}`, `--max-count=${maxCommits}`,
    '--end-of-options', head, '--',
  ]);
  return parseLogWithPatches(out).filter((c) => {
    const t = Date.parse(c.committedAt);
    return t >= since.getTime() && t <= until.getTime();
  });
}

/** Parses the output of `git log --format=FORMAT -p` (pure; exported for tests). */
export function parseLogWithPatches(out: string): CommitDiff[] {
  const commits: CommitDiff[] = [];
  for (const rec of out.split(REC)) {
    if (!rec.trim()) continue;
    const end = rec.indexOf(END);
    if (end < 0) continue;
    const [sha, parents, author, authorEmail, date, committedAt, subject, ...body] = rec.slice(0, end).split(FLD);
    if (!/^[0-9a-f]{40}$/.test(sha)) continue;
    const parentList = parents.trim() ? parents.trim().split(' ') : [];
    commits.push({
      sha, parents: parentList, author, authorEmail, date, committedAt, subject, body: body.join(FLD).trim(),
      files: parentList.length > 1 ? [] : parseUnifiedDiff(rec.slice(end + 1)),
    });
  }
  return commits;
}
