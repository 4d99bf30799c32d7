import { bareFunctionName, blameRange, enclosingFunction, functionRange, type BlameLine } from '../git/blame';
import { expandLogInputs } from '../logs/expandLogInputs';
import type { LocationStat, LogScan, TemplateStat } from '../logs/logTypes';
import { PathMapper } from '../logs/pathMapper';
import { scanLogs } from '../logs/scanLogs';
import { pathAliases } from '../git/pathAliases';
import { rateOnset } from '../logs/timeSeries';
import type { Incident } from '../model';
import { callsBefore, type Callee } from '../ranking/callees';
import type { GitContext } from './gitStep';

/** A log location tied to the commits that wrote the lines around it. */
export interface LinkedLocation {
  loc: LocationStat;
  /** The revision blamed (the version running when the errors began). */
  rev: string;
  /** Commit that wrote the frame's own line. */
  exact?: BlameLine;
  /** Commits that wrote lines within NEAR lines of it, with their distance. */
  near: { commit: string; distance: number }[];
  /** The function around the frame (1-based lines at `rev`) and the commit that wrote each of its lines. */
  funcRange?: { from: number; to: number };
  funcBlame: string[];
  /** The frame line's text at `rev` (its identifiers tie commits elsewhere to it). */
  lineText?: string;
  /** The name of the function around the frame, when known. */
  funcName?: string;
  /** Functions called just before the frame's line, in its function (ranking/callees.ts). */
  callees: Callee[];
  /** The frame file's names over the window, its own first (git/pathAliases.ts): a commit before a rename changed it under an older one. */
  fileNames: Set<string>;
}

export interface LogEvidence {
  scan: LogScan;
  linked: LinkedLocation[];
  /** Time span the logs cover (epoch ms), NaN when unknown. */
  start: number;
  end: number;
  /** All error times (sorted), from the templates. */
  errorTimes: number[];
  /** When the error rate rose within the logs (timeSeries.rateOnset), if it did. */
  errorOnset?: number;
}

// Blamed either side of a frame's line: log_near reads up to 5 lines off, the frame features 10.
const NEAR = 10;
const MAX_LOCATIONS = 40;

export interface LogStepInput {
  repoDir: string;
  logs: string[];
  /** Config-provided globs must stay inside the repository; user-given ones need not. */
  fromConfig: boolean;
  incident: Incident;
  signal?: AbortSignal;
}

export async function logStep(input: LogStepInput, git: GitContext): Promise<LogEvidence | undefined> {
  if (!input.logs.length) return undefined;
  const { files, problems } = await expandLogInputs(input.logs, input.repoDir, input.fromConfig ? { confineTo: input.repoDir } : undefined);
  const mapper = new PathMapper(git.repoFiles, { preferPrefixes: git.scope.paths.map((p) => p.replace(/\/?\*\*.*$/, '')).filter(Boolean) });
  const scan = await scanLogs(files, { defaultDate: input.incident.alertTime.slice(0, 10), mapper, signal: input.signal });
  scan.problems.unshift(...problems);
  const times = [...scan.templates.flatMap((t) => [t.firstAt, t.lastAt]), ...scan.samples.map((s) => s.time)].filter(Number.isFinite);
  const start = times.length ? Math.min(...times) : NaN;
  const end = times.length ? Math.max(...times) : NaN;
  const errorTimes = scan.templates.filter((t) => t.level === 'error' || t.level === 'fatal').flatMap((t: TemplateStat) => t.times).sort((a, b) => a - b);
  const linked = await linkLocations(scan.locations, git);
  return { scan, linked, start, end, errorTimes, errorOnset: rateOnset(errorTimes, start, end) };
}

/** Blames the lines around each of the busiest error locations at the version that was running then. */
async function linkLocations(locations: LocationStat[], git: GitContext): Promise<LinkedLocation[]> {
  const chosen = [...locations]
    .filter((l) => l.level !== 'debug' && l.level !== 'trace' && l.level !== 'info')
    .sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.depth - b.depth || b.count - a.count)
    .slice(0, MAX_LOCATIONS);
  const revs = chosen.map((l) => runningRevision(git, l.firstAt));
  const texts = await git.src.readBlobs([...new Set(chosen.map((l, i) => `${revs[i]}:${l.file}`))]);
  const names = new Map<string, Set<string>>();
  const namesOf = (file: string) => {
    let n = names.get(file);
    if (!n) names.set(file, (n = pathAliases(file, git.candidates)));
    return n;
  };
  return Promise.all(
    chosen.map(async (loc, i): Promise<LinkedLocation> => {
      const rev = revs[i];
      const text = texts.get(`${rev}:${loc.file}`);
      // The function around the frame: named by the frame, else the one enclosing its line.
      const range: { from: number; to: number; name?: string } | undefined = text ? (loc.func ? functionRange(text, loc.func) : undefined) ?? (loc.line !== undefined ? enclosingFunction(text, loc.line) : undefined) : undefined;
      const funcBlame = range ? (await blameRange(git.src, rev, loc.file, range.from, Math.min(range.to, range.from + 400), git.ignoreRevsFile)).map((b) => b.commit) : [];
      const funcRange = range ? { from: range.from, to: range.to } : undefined;
      const funcName = loc.func ? bareFunctionName(loc.func) || undefined : range?.name;
      const fileNames = namesOf(loc.file);
      if (loc.line === undefined) return { loc, rev, near: [], funcRange, funcBlame, funcName, callees: [], fileNames };
      const lines = text?.split('\n');
      const lineText = lines?.[loc.line - 1];
      const callees = lines ? callsBefore(lines, range?.from ?? 1, loc.line, funcName) : [];
      const blamed = await blameRange(git.src, rev, loc.file, loc.line - NEAR, loc.line + NEAR, git.ignoreRevsFile);
      const exact = blamed.find((b) => b.line === loc.line);
      const near = blamed.filter((b) => b.line !== loc.line).map((b) => ({ commit: b.commit, distance: Math.abs(b.line - loc.line!) }));
      return { loc, rev, exact, near, funcRange, funcBlame, lineText, funcName, callees, fileNames };
    }),
  );
}

/**
 * The revision that was serving when `atMs` happened: the last deployment
 * at or before it, else (no deployment data) the newest commit that had
 * landed by then, else the analyzed head.
 */
export function runningRevision(git: GitContext, atMs: number): string {
  if (!Number.isFinite(atMs)) return git.head;
  const deployed = git.deployments.filter((d) => Date.parse(d.time) <= atMs);
  if (deployed.length) return deployed[deployed.length - 1].commit;
  if (git.deployments.length) return git.head;
  const landed = git.scanned.find((c) => Date.parse(c.committedAt) <= atMs);
  return landed?.sha ?? git.head;
}

function levelRank(l: string): number {
  return ({ fatal: 5, error: 4, warn: 3 } as Record<string, number>)[l] ?? 0;
}

/**
 * How "new after time t" a set of event times is, in [0, 1]: 1 when all came
 * after t and none before, 0.5 when the rate did not change, 0 when all came
 * before. Rates, not counts, so uneven windows do not mislead.
 */
export function newness(times: number[], t: number, start: number, end: number): number {
  if (!times.length || !Number.isFinite(start) || !Number.isFinite(end)) return 0.5;
  if (t <= start) return 0.6; // the logs begin after the change: everything is "after", nothing to compare with
  if (t >= end) return 0;
  let pre = 0;
  for (const x of times) if (x < t) pre++;
  const post = times.length - pre;
  if (pre === 0) return post > 0 ? 1 : 0.5;
  const preRate = pre / Math.max(1, t - start);
  const postRate = post / Math.max(1, end - t);
  return postRate / (preRate + postRate);
}
