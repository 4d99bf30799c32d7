import { lineHistory } from '../git/lineHistory';
import { diffPath } from '../git/parseDiff';
import { touchesAny, touchesPath } from '../git/pathAliases';
import type { CommitDiff } from '../model';
import { componentsOf, identifiersOf, mentions, subjectNames } from '../ranking/codeNames';
import { authorKey as who } from '../ranking/patchSeries';
import type { GitContext } from './gitStep';
import type { LinkedLocation, LogEvidence } from './logStep';

/**
 * What the error frames say about each candidate beyond blame of the frame's
 * own line: the line's and function's history (`git log -L`), who wrote the
 * lines around it, the file's recent history, commits that changed the
 * identifiers on the frame's line elsewhere, subjects that name the frame's
 * component, and the patch series of the blamed commit. The evidence a sparse
 * incident (one crash line, no deploys, no metrics) holds.
 */
export const FRAME_FEATURES = [
  'frame_line_hist', // 1/rank in the frame line's history
  'frame_range_hist', // 1/rank in the history of lines n-1..n+1 (sees deletions next to it)
  'frame_near_share', // share of the ±10 lines around the frame it wrote, weighted 1/(1+distance)
  'frame_func_share', // share of the frame function's lines it wrote
  'frame_func_hist', // 1/rank in the frame function's history
  'frame_func_first', // the oldest commit in the window to change the frame's function: where its present code began, which later commits there build on
  'frame_wide_hist', // 1/rank in the history of the ±25 lines around the frame: git tracks them through later edits, which hunk_near's own-version numbering cannot
  'frame_hunk_near', // its own hunks in the frame's file came within a few lines of the frame (1/(1 + distance/10)): lines later rewritten escape blame, not this
  'frame_file_rank', // 1/rank among the candidates that changed the frame's file, newest first
  'frame_dir', // changed the frame file's directory
  'frame_file_share', // share of its changed lines in the frame's file
  'frame_idents', // share of the frame line's identifiers whose lines it changed, anywhere
  'frame_subject', // its subject's "component:" prefix names the frame's file or directory
  'frame_series', // the blamed commit's author, within an hour of it (one patch series)
  'frame_author', // share of the frame file's recent commits by its author
] as const;

export type FrameFeature = (typeof FRAME_FEATURES)[number];

export interface FrameEvidence {
  /** Per candidate sha: feature values (max over the frames) and a human detail each. */
  values: Map<string, Partial<Record<FrameFeature, number>>>;
  details: Map<string, Partial<Record<FrameFeature, string>>>;
  /** The frames read, `file:line` or `file (func)`. */
  frames: string[];
}

const MAX_FRAMES = 3;
const NEAR = 10;
/** Lines either side of the frame whose history frame_wide_hist reads. */
const WIDE = 25;
const HOUR = 3_600_000;

export async function frameStep(git: GitContext, logs: LogEvidence | undefined): Promise<FrameEvidence | undefined> {
  const frames = pickFrames(logs?.linked ?? []);
  if (!frames.length) return undefined;
  const ev: FrameEvidence = { values: new Map(), details: new Map(), frames: frames.map(frameName) };
  const set = (sha: string, f: FrameFeature, v: number, detail: string) => {
    if (!(v > 0)) return;
    let vals = ev.values.get(sha);
    if (!vals) ev.values.set(sha, (vals = {}));
    if (v <= (vals[f] ?? 0)) return;
    vals[f] = v;
    let d = ev.details.get(sha);
    if (!d) ev.details.set(sha, (d = {}));
    d[f] = detail;
  };
  const byTime = [...git.candidates].sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt));
  const histories = await Promise.all(frames.map((fr) => frameHistories(git, fr)));
  frames.forEach((fr, i) => {
    const where = frameName(fr);
    const { line, range, wide, func } = histories[i];
    const fn = `${fr.loc.func ?? 'the function around'} ${where}`;
    line.forEach((sha, k) => set(sha, 'frame_line_hist', 1 / (k + 1), `#${k + 1} in the history of ${where}`));
    range.forEach((sha, k) => set(sha, 'frame_range_hist', 1 / (k + 1), `#${k + 1} in the history of the lines around ${where}`));
    wide.forEach((sha, k) => set(sha, 'frame_wide_hist', 1 / (k + 1), `#${k + 1} in the history of the ${WIDE} lines either side of ${where}`));
    func.forEach((sha, k) => set(sha, 'frame_func_hist', 1 / (k + 1), `#${k + 1} in the history of ${fn}`));
    if (func.length) set(func[func.length - 1], 'frame_func_first', 1, `the first commit in the window to change ${fn}`);
    for (const [sha, share] of nearShares(fr)) set(sha, 'frame_near_share', share, `wrote ${Math.round(share * 100)}% of the code around ${where}`);
    for (const [sha, share] of counts(fr.funcBlame)) set(sha, 'frame_func_share', share, `wrote ${Math.round(share * 100)}% of the function around ${where}`);
    fileEvidence(fr, byTime, set);
  });
  return ev;
}

type Setter = (sha: string, f: FrameFeature, v: number, detail: string) => void;

/** Evidence from the candidates' own diffs and metadata, no git call. */
function fileEvidence(fr: LinkedLocation, byTime: CommitDiff[], set: Setter): void {
  const file = fr.loc.file;
  const where = frameName(fr);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  // The file's former names too: a commit before a rename changed it under one of them.
  const names = fr.fileNames;
  const touchers = byTime.filter((c) => touchesAny(c, names));
  const components = componentsOf(file);
  // Without a line, the function's own name ties its callers and its definition to the frame.
  const bare = fr.funcName ?? '';
  const ids = fr.loc.line !== undefined ? identifiersOf(fr.lineText) : bare.length >= 4 ? [bare] : [];
  const blamed = fr.exact ? byTime.find((c) => c.sha === fr.exact!.commit) : undefined;
  touchers.forEach((c, k) => set(c.sha, 'frame_file_rank', 1 / (k + 1), `#${k + 1} of ${touchers.length} recent commit(s) to ${file}`));
  for (const c of byTime) {
    if (touchesPath(c, (p) => (dir ? p.startsWith(dir) : !p.includes('/')))) set(c.sha, 'frame_dir', 1, `changed ${dir || 'the top directory'}`);
    let all = 0;
    let inFile = 0;
    const hit = new Set<string>();
    for (const f of c.files) {
      for (const h of f.hunks) for (const l of h.lines) {
        if (l.kind === ' ') continue;
        all++;
        if (names.has(diffPath(f))) inFile++;
        for (const id of ids) if (!hit.has(id) && mentions(l.text, id)) hit.add(id);
      }
    }
    if (all) set(c.sha, 'frame_file_share', inFile / all, `${Math.round((100 * inFile) / all)}% of its changed lines are in ${file}`);
    if (fr.loc.line !== undefined) {
      const d = hunkDistance(c, names, fr.loc.line);
      if (d !== undefined) set(c.sha, 'frame_hunk_near', 1 / (1 + d / 10), d === 0 ? `changed lines spanning ${where} in its own version` : `changed lines ${d} line(s) from ${where} in its own version`);
    }
    if (ids.length) set(c.sha, 'frame_idents', hit.size / ids.length, `changed lines that use ${[...hit].join(', ')} (on ${where})`);
    if (subjectNames(c.subject, components)) set(c.sha, 'frame_subject', 1, `its subject names ${file}'s component`);
    if (blamed && c.sha !== blamed.sha && who(c) === who(blamed) && Math.abs(Date.parse(c.committedAt) - Date.parse(blamed.committedAt)) <= HOUR) {
      set(c.sha, 'frame_series', 1, `same author and hour as ${blamed.sha.slice(0, 7)}, which wrote ${where}`);
    }
    if (touchers.length) {
      const mine = touchers.filter((t) => who(t) === who(c)).length;
      set(c.sha, 'frame_author', mine / touchers.length, `its author wrote ${mine} of ${touchers.length} recent commit(s) to ${file}`);
    }
  }
}

/** Lines between `line` and the nearest hunk of `c` in the file, under any of its `names` (its own version's numbering; 0 inside one). */
function hunkDistance(c: CommitDiff, names: ReadonlySet<string>, line: number): number | undefined {
  let best: number | undefined;
  for (const f of c.files) {
    if (!names.has(diffPath(f))) continue;
    for (const h of f.hunks) {
      const lo = h.newStart;
      const hi = h.newStart + Math.max(0, h.newLines - 1);
      const d = line < lo ? lo - line : line > hi ? line - hi : 0;
      if (best === undefined || d < best) best = d;
    }
  }
  return best;
}

/** Error frames first (the linked list is already sorted by level, depth and count), with a line or a function. */
function pickFrames(linked: LinkedLocation[]): LinkedLocation[] {
  const usable = linked.filter((l) => l.loc.line !== undefined || l.funcRange);
  const errors = usable.filter((l) => l.loc.level === 'error' || l.loc.level === 'fatal');
  return (errors.length ? errors : usable).slice(0, MAX_FRAMES);
}

/** Newest first, each: the frame line's history, its ±1 and ±WIDE lines', and its function's. */
async function frameHistories(git: GitContext, fr: LinkedLocation): Promise<{ line: string[]; range: string[]; wide: string[]; func: string[] }> {
  const n = fr.loc.line;
  const f = fr.loc.file;
  const fn = fr.funcRange;
  const [line, range, wide, func] = await Promise.all([
    n !== undefined ? lineHistory(git.src, fr.rev, f, n, n, git.since) : [],
    n !== undefined ? lineHistory(git.src, fr.rev, f, n - 1, n + 1, git.since) : [],
    n !== undefined ? lineHistory(git.src, fr.rev, f, n - WIDE, n + WIDE, git.since) : [],
    fn ? lineHistory(git.src, fr.rev, f, fn.from, Math.min(fn.to, fn.from + 400), git.since) : [],
  ]);
  return { line, range, wide, func };
}

/** Who wrote the ±NEAR lines around the frame, each line weighted 1/(1+distance). */
function nearShares(fr: LinkedLocation): Map<string, number> {
  const lines = [...(fr.exact ? [{ commit: fr.exact.commit, distance: 0 }] : []), ...fr.near.filter((m) => m.distance <= NEAR)];
  const w = new Map<string, number>();
  let total = 0;
  for (const m of lines) {
    const x = 1 / (1 + m.distance);
    total += x;
    w.set(m.commit, (w.get(m.commit) ?? 0) + x);
  }
  for (const [k, v] of w) w.set(k, v / (total || 1));
  return w;
}

function counts(list: string[]): Map<string, number> {
  const w = new Map<string, number>();
  for (const sha of list) w.set(sha, (w.get(sha) ?? 0) + 1 / list.length);
  return w;
}

function frameName(fr: LinkedLocation): string {
  return fr.loc.line !== undefined ? `${fr.loc.file}:${fr.loc.line}` : `${fr.loc.file} (${fr.loc.func ?? 'function'})`;
}
