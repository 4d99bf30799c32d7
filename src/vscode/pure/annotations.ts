import type { Report, Suspect } from '../../engine/report/reportSchema';
import type { SuggestedEdit } from '../../engine/model';
import { CommitLineMapper, type FileLineMap } from './lineMap';
import { showFileAt } from './git';
import { probabilityPercent } from '../../engine/report/percent';

/**
 * What the editor annotates (diagnostics, hovers, CodeLens, quick fixes), as
 * plain data: one anchor per finding and per log-correlated line of the top
 * suspects, first in the commit's coordinates, then resolved to today's file.
 */
export type Severity = 'error' | 'warning' | 'information';

/** Pattern code used for log-correlated lines (findings use their detector's pattern). */
export const LOG_CODE = 'LOG_CORRELATION';

export interface AnchorRelated {
  /** Repository path and 1-based line in `commit`'s version. */
  file: string;
  line: number;
  commit: string;
  message: string;
}

export interface Anchor {
  kind: 'finding' | 'log';
  commit: string;
  rank: number;
  suspectConfidence: number;
  file: string;
  /** 1-based, in the commit's version of `file`. */
  line: number;
  code: string;
  message: string;
  severity: Severity;
  fix?: SuggestedEdit;
  related: AnchorRelated[];
}

/** A related location mapped to today, or left on the commit's version when it no longer exists. */
export interface ResolvedRelated extends AnchorRelated {
  current?: { file: string; line: number };
}

export interface ResolvedAnchor extends Anchor {
  currentFile: string;
  currentLine: number;
  related: ResolvedRelated[];
  /** The fix's lines today, with the text they must still have for the fix to apply. */
  fixRange?: { startLine: number; endLine: number; expected: string[] };
}

export function severityFor(confidence: number): Severity {
  if (confidence >= 0.8) return 'error';
  if (confidence >= 0.5) return 'warning';
  return 'information';
}

export const shortSha = (sha: string) => sha.slice(0, 7);
export const percent = probabilityPercent;

/** `Suspect 7b3f2a1 (94%): SetMaxIdleConns called twice (50, then 100)` */
/** A signal as the editor lists it: `kind +1.23`. */
export function signalLabel(g: Pick<Suspect['signals'][number], 'kind' | 'weight'>): string {
  return `${g.kind} ${g.weight >= 0 ? '+' : ''}${g.weight.toFixed(2)}`;
}

/** The report's log correlations that name this suspect's commit. */
export function logsOfSuspect(report: Report, s: Pick<Suspect, 'commit'>): Report['logs']['correlations'] {
  return report.logs.correlations.filter((c) => c.commit && sameCommit(c.commit, s.commit));
}

export function diagnosticMessage(s: Pick<Suspect, 'commit' | 'confidence'>, text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > 160 ? `${oneLine.slice(0, 157)}…` : oneLine;
  return `Suspect ${shortSha(s.commit)} (${percent(s.confidence)}): ${short}`;
}

/** Anchors for the `topN` best-ranked suspects, deduplicated by (file, line, code); better ranks win. */
export function anchorsFromReport(report: Report, topN: number): Anchor[] {
  const suspects = [...report.suspects].sort((a, b) => a.rank - b.rank).slice(0, Math.max(0, topN));
  const seen = new Set<string>();
  const out: Anchor[] = [];
  const push = (a: Anchor) => {
    const key = `${a.file}\0${a.line}\0${a.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(a);
  };
  for (const s of suspects) {
    const logs = logsOfSuspect(report, s);
    const logRelated: AnchorRelated[] = logs.map((c) => ({
      file: c.file,
      line: c.line,
      commit: s.commit,
      message: `${c.count}× ${(c.level ?? 'error').toUpperCase()} logged here${c.message ? `: ${c.message}` : ''} (first ${c.firstAt})`,
    }));
    const base = { commit: s.commit, rank: s.rank, suspectConfidence: s.confidence, severity: severityFor(s.confidence) };
    const findingRelated: AnchorRelated[] = [];
    for (const f of s.findings) {
      if (!validLine(f.line) || !f.file) continue;
      findingRelated.push({ file: f.file, line: f.line, commit: s.commit, message: `${f.pattern}: ${f.message}` });
      push({
        ...base,
        kind: 'finding',
        file: f.file,
        line: f.line,
        code: f.pattern,
        message: diagnosticMessage(s, f.message),
        fix: f.fix,
        related: logRelated,
      });
    }
    for (const c of logs) {
      if (!validLine(c.line) || !c.file) continue;
      const what = `${c.count} ${c.count === 1 ? 'error' : 'errors'} logged from this line${c.message ? ` (${c.message})` : ''}`;
      push({ ...base, kind: 'log', file: c.file, line: c.line, code: LOG_CODE, message: diagnosticMessage(s, what), related: findingRelated });
    }
  }
  return out;
}

const validLine = (l: number) => Number.isInteger(l) && l >= 1;

export function sameCommit(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return n >= 7 && a.slice(0, n).toLowerCase() === b.slice(0, n).toLowerCase();
}

/**
 * Maps every anchor to today's file and line; anchors whose line no longer
 * exists are dropped. One mapper per commit, one diff per (commit, file).
 * Files the mapper cannot read (unknown commit, path outside the repository)
 * are dropped and reported through `onProblem`.
 */
export async function resolveAnchors(
  repoDir: string,
  anchors: readonly Anchor[],
  opts: { signal?: AbortSignal; onProblem?: (message: string) => void } = {},
): Promise<ResolvedAnchor[]> {
  const mappers = new Map<string, CommitLineMapper>();
  const maps = new Map<string, Promise<FileLineMap | null>>();
  const mapFor = (commit: string, file: string) => {
    const key = `${commit}\0${file}`;
    let m = maps.get(key);
    if (!m) {
      m = (async () => {
        try {
          let mapper = mappers.get(commit);
          if (!mapper) mappers.set(commit, (mapper = new CommitLineMapper(repoDir, commit, opts.signal)));
          return await mapper.forFile(file);
        } catch (e) {
          if (opts.signal?.aborted) throw e;
          opts.onProblem?.(`cannot map ${file} from ${shortSha(commit)}: ${(e as Error).message}`);
          return null;
        }
      })();
      maps.set(key, m);
    }
    return m;
  };
  const mapLoc = async (commit: string, file: string, line: number) => {
    const m = await mapFor(commit, file);
    const l = m?.currentPath ? m.map(line) : null;
    return m?.currentPath && l ? { file: m.currentPath, line: l } : undefined;
  };

  const out: ResolvedAnchor[] = [];
  for (const a of anchors) {
    const here = await mapLoc(a.commit, a.file, a.line);
    if (!here) continue;
    const related: ResolvedRelated[] = [];
    for (const r of a.related) related.push({ ...r, current: await mapLoc(r.commit, r.file, r.line) });
    const fixRange = a.fix ? await resolveFix(repoDir, a.commit, a.fix, mapLoc, opts.signal) : undefined;
    out.push({ ...a, currentFile: here.file, currentLine: here.line, related, fixRange });
  }
  return out;
}

async function resolveFix(
  repoDir: string,
  commit: string,
  fix: SuggestedEdit,
  mapLoc: (c: string, f: string, l: number) => Promise<{ file: string; line: number } | undefined>,
  signal?: AbortSignal,
): Promise<ResolvedAnchor['fixRange']> {
  if (!validLine(fix.startLine) || fix.endLine < fix.startLine || fix.endLine - fix.startLine > 200) return undefined;
  const start = await mapLoc(commit, fix.file, fix.startLine);
  const end = await mapLoc(commit, fix.file, fix.endLine);
  // The lines in between must still be contiguous: same count today as in the commit.
  if (!start || !end || end.line - start.line !== fix.endLine - fix.startLine) return undefined;
  const text = await showFileAt(repoDir, commit, fix.file, signal).catch(() => undefined);
  if (text === undefined) return undefined;
  const expected = text.split('\n').slice(fix.startLine - 1, fix.endLine);
  if (expected.length !== fix.endLine - fix.startLine + 1) return undefined;
  return { startLine: start.line, endLine: end.line, expected };
}

/** The fix applies only while today's lines still read as they did in the commit. */
export function fixStillApplies(fixRange: NonNullable<ResolvedAnchor['fixRange']>, currentLines: readonly string[]): boolean {
  const norm = (s: string) => s.replace(/\r$/, '').trimEnd();
  return currentLines.length === fixRange.expected.length && currentLines.every((l, i) => norm(l) === norm(fixRange.expected[i]));
}
