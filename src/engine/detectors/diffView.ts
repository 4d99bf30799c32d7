import type { DetectorInput, FileDiff, Finding, SuggestedEdit } from '../model';
import { buildSourceModel, type SourceModel } from './sourceModel';

/** The changed lines of one file diff, keyed by line number. */
export interface Changes {
  /** new line number → text */
  added: Map<number, string>;
  /** old line number → text */
  removed: Map<number, string>;
}

export interface Prepared {
  path: string;
  changes: Changes;
  after?: SourceModel;
  before?: SourceModel;
}

const cache = new WeakMap<DetectorInput, Prepared>();

/** Parses both versions once per input; every detector shares the result. */
export function prepare(input: DetectorInput): Prepared {
  const hit = cache.get(input);
  if (hit) return hit;
  const path = (input.file.newPath ?? input.file.oldPath) || '';
  const added = new Map<number, string>();
  const removed = new Map<number, string>();
  for (const h of input.file.hunks) {
    for (const l of h.lines) {
      if (l.kind === '+' && l.newLine !== undefined) added.set(l.newLine, l.text);
      else if (l.kind === '-' && l.oldLine !== undefined) removed.set(l.oldLine, l.text);
    }
  }
  const binary = input.file.binary;
  const p: Prepared = {
    path,
    changes: { added, removed },
    after: !binary && typeof input.after === 'string' ? buildSourceModel(input.after, input.language, path) : undefined,
    before: !binary && typeof input.before === 'string' ? buildSourceModel(input.before, input.language, input.file.oldPath ?? path) : undefined,
  };
  cache.set(input, p);
  return p;
}

/**
 * The new-file line that stands where an old line was removed: the first
 * added line of the same change, else the next unchanged line, else the last
 * line before it.
 */
export function newLineForOld(file: FileDiff, oldLine: number): number {
  for (const h of file.hunks) {
    const idx = h.lines.findIndex((l) => l.kind === '-' && l.oldLine === oldLine);
    if (idx < 0) continue;
    for (let k = idx + 1; k < h.lines.length; k++) {
      const l = h.lines[k];
      if (l.newLine !== undefined) return l.newLine;
    }
    for (let k = idx - 1; k >= 0; k--) {
      const l = h.lines[k];
      if (l.newLine !== undefined) return l.newLine;
    }
    return Math.max(1, h.newStart);
  }
  return 1;
}

/** Up to 7 lines around `line` of the commit's version, each cut to 200 characters. */
export function excerpt(model: SourceModel | undefined, line: number): string | undefined {
  if (!model) return undefined;
  const a = Math.max(1, line - 3);
  const b = Math.min(model.lineCount, line + 3);
  const out: string[] = [];
  for (let n = a; n <= b; n++) {
    const t = model.raw[n];
    out.push(t.length > 200 ? t.slice(0, 200) + '…' : t);
  }
  return out.join('\n');
}

const clamp01 = (x: number): number => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;

export function finding(
  p: Prepared,
  pattern: string,
  line: number,
  message: string,
  confidence: number,
  fix?: SuggestedEdit,
): Finding {
  const f: Finding = { pattern, file: p.path, line: Math.max(1, line), message, confidence: clamp01(confidence) };
  const ex = excerpt(p.after, line);
  if (ex !== undefined) f.excerpt = ex;
  if (fix) f.fix = fix;
  return f;
}

/** True when any line in [a, b] was added by the commit. */
export function anyAdded(p: Prepared, a: number, b: number): boolean {
  for (let n = a; n <= b; n++) if (p.changes.added.has(n)) return true;
  return false;
}

/** Counts matches of `re` (global) in a text. */
export function countMatches(text: string, re: RegExp): number {
  const g = re.global ? re : new RegExp(re.source, re.flags + 'g');
  g.lastIndex = 0;
  let n = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    n++;
    if (m[0] === '') g.lastIndex++;
  }
  return n;
}

/** Short, single-line form of a code fragment for messages. */
export function shorten(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
