import { prepare } from '../detectors/diffView';
import { maskSource } from '../detectors/lexer';
import type { DetectorInput } from '../model';
import { isDocsPath, isTestPath } from './pathKinds';

/** One changed line with its comment-free views. */
export interface ChangedLine {
  side: '+' | '-';
  /** Line number in the side's version of the file. */
  line: number;
  raw: string;
  /** Comments and string contents blanked. */
  code: string;
  /** Comments blanked, strings kept. */
  keep: string;
}

/** What kind of change a file diff is, before looking at what it changes. */
export interface FileNature {
  path: string;
  lines: ChangedLine[];
  /** Non-blank changed lines. */
  changed: number;
  tests: boolean;
  docs: boolean;
  /** Every changed line is a comment (code files). */
  commentsOnly: boolean;
  /** Whitespace-only, pure reordering, or re-wrapping of the same tokens. */
  formatting: boolean;
  /** No content change at all (pure rename or mode change). */
  empty: boolean;
}

const natures = new WeakMap<DetectorInput, FileNature>();

export function changedLines(input: DetectorInput): ChangedLine[] {
  const p = prepare(input);
  const out: ChangedLine[] = [];
  const view = (side: '+' | '-', line: number, raw: string): ChangedLine => {
    const model = side === '+' ? p.after : p.before;
    if (model && model.code[line] !== undefined && model.raw[line] !== undefined && model.raw[line].length === raw.replace(/\r$/, '').length) {
      return { side, line, raw, code: model.code[line], keep: model.keep[line] };
    }
    const masked = maskSource(raw.length > 4000 ? '' : raw, input.language, p.path);
    return { side, line, raw, code: masked.code, keep: masked.keep };
  };
  for (const [n, t] of p.changes.removed) out.push(view('-', n, t));
  for (const [n, t] of p.changes.added) out.push(view('+', n, t));
  return out;
}

function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

function multiset(lines: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

function sameMultiset(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const ma = multiset(a);
  const mb = multiset(b);
  for (const [k, v] of ma) if (mb.get(k) !== v) return false;
  return true;
}

/**
 * Formatting-only: the non-blank lines removed equal those added once
 * whitespace is ignored (as a multiset, so reordering counts), or the same
 * tokens were re-wrapped over a different number of lines.
 */
export function isFormattingOnly(lines: ChangedLine[]): boolean {
  if (!lines.length) return false;
  const removed = lines.filter((l) => l.side === '-').map((l) => squash(l.raw)).filter((s) => s !== '');
  const added = lines.filter((l) => l.side === '+').map((l) => squash(l.raw)).filter((s) => s !== '');
  if (sameMultiset(removed, added)) return true;
  return removed.join('') === added.join('') && removed.length > 0;
}

export function fileNature(input: DetectorInput): FileNature {
  const hit = natures.get(input);
  if (hit) return hit;
  const p = prepare(input);
  const lines = changedLines(input);
  const nonBlank = lines.filter((l) => l.raw.trim() !== '');
  const code = input.language !== 'other';
  const n: FileNature = {
    path: p.path,
    lines,
    changed: nonBlank.length,
    tests: isTestPath(p.path),
    docs: isDocsPath(p.path),
    commentsOnly: code && nonBlank.length > 0 && nonBlank.every((l) => l.keep.trim() === ''),
    formatting: isFormattingOnly(lines),
    empty: lines.length === 0,
  };
  natures.set(input, n);
  return n;
}
