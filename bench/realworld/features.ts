import { DAY, iso, windowFilter, type RealCase } from './cases';
import { shaLines, type BenchGit } from './git';
import type { Variant } from './incident';
import { componentsOf, subjectNames } from '../../src/engine/ranking/codeNames';

export { componentsOf, subjectNames };

/**
 * Evidence an incident holds about each candidate commit, computed only from
 * what the incident gives (alert time, the frame's file and line or function)
 * and the repository as of the fix's parent: never from the fix itself. A
 * study aid for the ranking (bench/realworld/study.ts fits weights on it out
 * of fold); the production ranking lives in src/engine/ranking/.
 */
export const EVIDENCE = [
  'blame_line', // wrote the frame's line (line variant)
  'line_hist', // 1/rank in the frame line's history (line variant)
  'range_hist', // 1/rank in the history of lines n-1..n+1: sees deletions next to the frame, which blame cannot (line variant)
  'near_share', // share of the ±10 lines around the frame it wrote, weighted 1/(1+distance) (line variant)
  'func_share', // share of the frame function's lines it wrote (within the window)
  'func_hist', // 1/rank in the frame function's history
  'func_added', // wrote the function's header line (the function is new)
  'file_rank', // 1/rank among the commits that touched the frame's file, newest first
  'dir_touch', // touched the frame file's directory
  'pickaxe', // changed the number of occurrences of the frame function's name (callers, definition)
  'subject_component', // its subject's "component:" prefix names the frame file or its directory
  'series_blame', // same author as the line's blame commit, within an hour of it (one patch series)
  'time_rank', // 1/rank by commit time among all candidates, newest first
  'age', // log-scaled age at the alert, 0 = at the alert, 1 = 30 days
  'size', // log-scaled changed lines
  'file_share', // share of its changed lines in the frame's file
  'subject_fix', // its subject says it fixes something
  'chore', // docs, tests, CI, dependency bumps
  'series_first', // the first commit of a patch series (same author, commits ≤ 15 min apart)
  'series_size', // log-scaled size of its patch series
  'insert_ratio', // insertions / changed lines (new code rather than removal or rewrite)
  'look_through', // second in the line's history, behind a wide or mechanical commit (refactor, rename, many files)
  'ident_touch', // share of the frame line's identifiers whose lines it changed (anywhere: catches culprits outside the file)
  'mechanical', // wide (10+ files) or a refactor/rename/cleanup by its subject
  'author_blame', // same author as the line's blame commit (any time)
  'author_file', // share of the frame file's window commits by its author (area ownership)
  'within_day', // committed less than a day before the alert (the cases' 1-hour floor is not modelled: no < 1 h feature)
  'within_week', // committed less than a week before the alert
] as const;

export type EvidenceName = (typeof EVIDENCE)[number];

export interface CandidateEvidence {
  sha: string;
  time: number;
  x: number[];
}

interface Candidate {
  sha: string;
  author: string;
  time: number;
  subject: string;
  files: { path: string; lines: number; added: number }[];
}

const REC = '\x1e';
const FLD = '\x1f';
const NEAR = 10;

export async function caseEvidence(git: BenchGit, c: RealCase, variant: Variant, windowDays = 30): Promise<CandidateEvidence[]> {
  const since = `--since=${iso(c.fixTime - windowDays * DAY)}`;
  const window = windowFilter(c.fixTime, windowDays);
  const s = c.symptom;
  const cands = parseNumstatLog(await git.runAsync(['log', '--no-merges', window, `--format=${REC}%H${FLD}%ae${FLD}%ct${FLD}%s`, '--numstat', c.fixParent, '--']));
  const hasLine = variant === 'line';
  const hasFunc = s.funcStart !== undefined && s.funcEnd !== undefined;
  const idents = hasLine ? identifiersOf(s.lineText) : [];
  const [nearBlame, funcBlame, lineHist, funcHist, pick, identHits, rangeHist] = await Promise.all([
    hasLine ? blameLines(git, c.fixParent, s.file, Math.max(1, s.line - NEAR), s.line + NEAR, since) : Promise.resolve(new Map<number, string>()),
    hasFunc ? blameLines(git, c.fixParent, s.file, s.funcStart!, Math.min(s.funcEnd!, s.funcStart! + 400), since) : Promise.resolve(new Map<number, string>()),
    hasLine ? lineLog(git, c.fixParent, `${s.line},${s.line}`, s.file, window) : Promise.resolve([]),
    hasFunc ? lineLog(git, c.fixParent, `${s.funcStart},${s.funcEnd}`, s.file, window) : Promise.resolve([]),
    s.func && s.func.length >= 4 && /^[\w$]+$/.test(s.func)
      ? git.runAsync(['log', '--no-merges', window, '--format=%H', `-S${s.func}`, c.fixParent, '--']).then(shaLines, () => [])
      : Promise.resolve([]),
    Promise.all(idents.map((id) => git.runAsync(['log', '--no-merges', window, '--format=%H', `-G\\b${id}\\b`, c.fixParent, '--']).then(shaLines, () => []))),
    hasLine ? lineLog(git, c.fixParent, `${Math.max(1, s.line - 1)},${s.line + 1}`, s.file, window).then((h) => (h.length ? h : lineLog(git, c.fixParent, `${Math.max(1, s.line - 1)},${s.line}`, s.file, window))) : Promise.resolve([]),
  ]);
  const identCount = new Map<string, number>();
  for (const hits of identHits) for (const h of hits) identCount.set(h, (identCount.get(h) ?? 0) + 1);
  const series = seriesOf(cands);
  const bySha = new Map(cands.map((k) => [k.sha, k]));
  const wide = (sha: string | undefined) => {
    const x = sha === undefined ? undefined : bySha.get(sha);
    return !!x && (x.files.length >= 10 || MECHANICAL.test(x.subject));
  };
  const throughTo = lineHist.length >= 2 && wide(lineHist[0]) ? lineHist[1] : undefined;
  const blameTop = nearBlame.get(s.line);
  const topCand = cands.find((x) => x.sha === blameTop);
  const dir = s.file.includes('/') ? s.file.slice(0, s.file.lastIndexOf('/') + 1) : '';
  const fileTouchers = cands.filter((x) => x.files.some((f) => f.path === s.file)).map((x) => x.sha);
  const components = componentsOf(s.file);
  const nearWeights = weightShare(nearBlame, s.line);
  const funcCounts = countShare(funcBlame);
  const pickSet = new Set(pick);
  const headerBy = funcBlame.get(s.funcStart ?? -1);
  const timeRank = new Map([...cands].sort((a, b) => b.time - a.time).map((x, i) => [x, i + 1]));
  // Lookups hoisted out of the per-candidate map: these were linear scans per candidate.
  const fileCommitsBy = new Map<string, number>();
  for (const sha of fileTouchers) {
    const a = bySha.get(sha)!.author;
    fileCommitsBy.set(a, (fileCommitsBy.get(a) ?? 0) + 1);
  }
  return cands.map((x): CandidateEvidence => {
    const lines = x.files.reduce((n, f) => n + f.lines, 0);
    const inFile = x.files.filter((f) => f.path === s.file).reduce((n, f) => n + f.lines, 0);
    const v: Record<EvidenceName, number> = {
      blame_line: blameTop === x.sha ? 1 : 0,
      line_hist: invRank(lineHist, x.sha),
      range_hist: invRank(rangeHist, x.sha),
      near_share: nearWeights.get(x.sha) ?? 0,
      func_share: funcCounts.get(x.sha) ?? 0,
      func_hist: invRank(funcHist, x.sha),
      func_added: headerBy === x.sha ? 1 : 0,
      file_rank: invRank(fileTouchers, x.sha),
      dir_touch: x.files.some((f) => f.path.startsWith(dir) && (dir !== '' || !f.path.includes('/'))) ? 1 : 0,
      pickaxe: pickSet.has(x.sha) ? 1 : 0,
      subject_component: subjectNames(x.subject, components) ? 1 : 0,
      series_blame: topCand && x.sha !== topCand.sha && x.author === topCand.author && Math.abs(x.time - topCand.time) <= 3600 ? 1 : 0,
      time_rank: 1 / timeRank.get(x)!,
      age: Math.min(1, Math.log1p(Math.max(0, c.fixTime - x.time) / 3600) / Math.log1p(30 * 24)),
      size: Math.min(1, Math.log1p(lines) / Math.log(1000)),
      file_share: lines ? inFile / lines : 0,
      subject_fix: /\bfix(es|ed)?\b|\bcorrect\b|\bcrash\b|\bleak\b/i.test(x.subject) ? 1 : 0,
      chore: /^(docs?|doc|tests?|ci|build|deps|chore|man|gitlab-ci|github)\b|^(Bump|Update) .* from |dependabot|\bREADME\b|\bNEWS\b/i.test(x.subject) ? 1 : 0,
      series_first: series.get(x.sha)?.first ? 1 : 0,
      series_size: Math.min(1, Math.log2(series.get(x.sha)?.size ?? 1) / 5),
      insert_ratio: lines ? x.files.reduce((n, f) => n + f.added, 0) / lines : 0,
      look_through: throughTo === x.sha ? 1 : 0,
      ident_touch: idents.length ? (identCount.get(x.sha) ?? 0) / idents.length : 0,
      mechanical: wide(x.sha) ? 1 : 0,
      author_blame: topCand && x.sha !== topCand.sha && x.author === topCand.author ? 1 : 0,
      within_day: c.fixTime - x.time < DAY ? 1 : 0,
      within_week: c.fixTime - x.time < 7 * DAY ? 1 : 0,
      author_file: fileTouchers.length ? (fileCommitsBy.get(x.author) ?? 0) / fileTouchers.length : 0,
    };
    return { sha: x.sha, time: x.time, x: EVIDENCE.map((k) => v[k]) };
  });
}

const MECHANICAL = /\b(refactor|rename|move|moved|cleanup|clean up|style|whitespace|indent|reformat|convert|replace|switch to|use .* instead|unify|simplify|split|constify|typo)\b/i;

const KEYWORDS = new Set(['return', 'static', 'const', 'struct', 'union', 'enum', 'unsigned', 'signed', 'void', 'char', 'long', 'short',
  'int', 'bool', 'true', 'false', 'NULL', 'null', 'nil', 'sizeof', 'else', 'while', 'break', 'continue', 'goto', 'case', 'default',
  'switch', 'func', 'this', 'self', 'const', 'let', 'var', 'function', 'typeof', 'undefined', 'err', 'error', 'string', 'uint32_t',
  'uint64_t', 'uint16_t', 'uint8_t', 'size_t', 'int32_t', 'int64_t', 'printf', 'fprintf', 'stderr', 'stdout', 'argv', 'argc',
  'strcmp', 'matches', 'memset', 'memcpy', 'malloc', 'free', 'data', 'value', 'ctx']);

/** Up to four identifiers of the frame's line, longest first (they are the most specific). */
export function identifiersOf(text: string): string[] {
  const code = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\/.*$|\/\*.*?\*\//g, ' ');
  const ids = [...new Set(code.match(/[A-Za-z_]\w{3,}/g) ?? [])].filter((w) => !KEYWORDS.has(w));
  return ids.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, 4);
}

/** Patch series: one author's commits landing at most 15 minutes apart; `first` marks the earliest. */
function seriesOf(cands: Candidate[]): Map<string, { first: boolean; size: number }> {
  const out = new Map<string, { first: boolean; size: number }>();
  const byAuthor = new Map<string, Candidate[]>();
  for (const c of cands) {
    let l = byAuthor.get(c.author);
    if (!l) byAuthor.set(c.author, (l = []));
    l.push(c);
  }
  for (const list of byAuthor.values()) {
    // Oldest first; git log lists newest first, so a stable reverse keeps the applied order on time ties.
    const sorted = [...list].reverse().sort((a, b) => a.time - b.time);
    let group: Candidate[] = [];
    const flush = () => {
      group.forEach((c, i) => out.set(c.sha, { first: i === 0 && group.length > 1, size: group.length }));
      group = [];
    };
    for (const c of sorted) {
      if (group.length && c.time - group[group.length - 1].time > 900) flush();
      group.push(c);
    }
    flush();
  }
  return out;
}

/** `git log --numstat` with `REC sha FLD email FLD time FLD subject` headers. */
export function parseNumstatLog(out: string): Candidate[] {
  const cands: Candidate[] = [];
  for (const rec of out.split(REC)) {
    if (!rec.trim()) continue;
    const nl = rec.indexOf('\n');
    const [sha, author, ct, subject] = (nl < 0 ? rec : rec.slice(0, nl)).split(FLD);
    if (!/^[0-9a-f]{40}$/.test(sha)) continue;
    const files: Candidate['files'] = [];
    for (const l of (nl < 0 ? '' : rec.slice(nl + 1)).split('\n')) {
      const m = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(l);
      if (!m) continue;
      const added = m[1] === '-' ? 0 : +m[1];
      files.push({ path: renamedTo(m[3]), lines: added + (m[2] === '-' ? 0 : +m[2]), added });
    }
    cands.push({ sha, author: author ?? '', time: Number(ct), subject: subject ?? '', files });
  }
  return cands;
}

/** numstat writes renames as `a/{x => y}/b` or `x => y`. */
function renamedTo(p: string): string {
  const brace = /^(.*)\{(.*) => (.*)\}(.*)$/.exec(p);
  if (brace) return (brace[1] + brace[3] + brace[4]).replace(/\/\//g, '/');
  const arrow = / => (.*)$/.exec(p);
  return arrow ? arrow[1] : p;
}

/** Line → commit for lines whose last change is inside the window (older lines are left out). */
async function blameLines(git: BenchGit, rev: string, file: string, from: number, to: number, since: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let text: string;
  try {
    text = await git.runAsync(['blame', '--porcelain', since, `-L${from},${to}`, rev, '--', file]);
  } catch {
    // -L beyond the end of the file: retry with the start line only.
    try {
      text = await git.runAsync(['blame', '--porcelain', since, `-L${from},+1`, rev, '--', file]);
    } catch {
      return out;
    }
  }
  const boundary = new Set<string>();
  let cur = '';
  let line = 0;
  for (const l of text.split('\n')) {
    const h = /^([0-9a-f]{40}) \d+ (\d+)/.exec(l);
    if (h) {
      cur = h[1];
      line = +h[2];
      out.set(line, cur);
    } else if (l === 'boundary') boundary.add(cur);
  }
  for (const [k, v] of out) if (boundary.has(v)) out.delete(k);
  return out;
}

async function lineLog(git: BenchGit, rev: string, range: string, file: string, window: string): Promise<string[]> {
  return git.runAsync(['log', '--no-merges', '--format=%H', '--no-patch', window, `-L${range}:${file}`, rev]).then(shaLines, () => []);
}

function invRank(list: string[], sha: string): number {
  const i = list.indexOf(sha);
  return i < 0 ? 0 : 1 / (i + 1);
}

function weightShare(blame: Map<number, string>, at: number): Map<string, number> {
  const w = new Map<string, number>();
  let total = 0;
  for (const [line, sha] of blame) {
    const x = 1 / (1 + Math.abs(line - at));
    total += x;
    w.set(sha, (w.get(sha) ?? 0) + x);
  }
  for (const [k, v] of w) w.set(k, v / (total || 1));
  return w;
}

function countShare(blame: Map<number, string>): Map<string, number> {
  const w = new Map<string, number>();
  for (const sha of blame.values()) w.set(sha, (w.get(sha) ?? 0) + 1);
  for (const [k, v] of w) w.set(k, v / Math.max(1, blame.size));
  return w;
}
