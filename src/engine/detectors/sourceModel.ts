import type { Language } from '../model';
import { maskSource } from './lexer';
import { analyzeBlocks, type Block } from './blocks';

/** Lines longer than this are minified or generated: only their brackets are kept. */
export const MAX_LINE_CHARS = 4000;
/** Files larger than this are not analysed line by line. */
export const MAX_FILE_CHARS = 2_000_000;

/**
 * One version of a file, prepared for pattern matching. Arrays are indexed by
 * 1-based line number (index 0 is an empty placeholder), so `code[n]` is line n.
 */
export interface SourceModel {
  language: Language;
  path: string;
  /** Raw text lines. */
  raw: string[];
  /** Comments and string contents blanked. */
  code: string[];
  /** Comments blanked, strings kept. */
  keep: string[];
  /** `code` lines joined by '\n' (offsets line up with `keepText`). */
  codeText: string;
  keepText: string;
  /** Offset in codeText where line n starts. */
  lineStart: number[];
  blocks: Block[];
  /** Innermost block that holds the statement on line n; -1 for top level. */
  lineBlock: Int32Array;
  /** Number of lines. */
  lineCount: number;
}

/** True for text that looks binary (NUL bytes near the start). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

/** Keeps only brackets of an over-long line so block structure survives. */
function compact(line: string): string {
  return line.replace(/[^(){}[\]]/g, '').slice(0, MAX_LINE_CHARS);
}

export function buildSourceModel(text: string, language: Language, path: string): SourceModel | undefined {
  if (text.length > MAX_FILE_CHARS || looksBinary(text)) return undefined;
  const masked = maskSource(text, language, path);
  const rawLines = text.split('\n');
  const codeLines = masked.code.split('\n');
  const keepLines = masked.keep.split('\n');
  const raw = [''];
  const code = [''];
  const keep = [''];
  for (let i = 0; i < rawLines.length; i++) {
    const r = rawLines[i].replace(/\r$/, '');
    if (r.length > MAX_LINE_CHARS) {
      const c = compact(codeLines[i] ?? '');
      raw.push(c); code.push(c); keep.push(c);
    } else {
      raw.push(r);
      code.push((codeLines[i] ?? '').replace(/\r$/, ''));
      keep.push((keepLines[i] ?? '').replace(/\r$/, ''));
    }
  }
  const lineStart = [0];
  let off = 0;
  for (let n = 1; n < code.length; n++) {
    lineStart.push(off);
    off += code[n].length + 1;
  }
  const codeText = code.slice(1).join('\n');
  const keepText = keep.slice(1).join('\n');
  const lineCount = code.length - 1;
  const { blocks, lineBlock } = analyzeBlocks(code, language, masked.continuation);
  return { language, path, raw, code, keep, codeText, keepText, lineStart, blocks, lineBlock, lineCount };
}

/** 1-based line of an offset in codeText. */
export function lineOfOffset(m: SourceModel, offset: number): number {
  let lo = 1;
  let hi = m.lineCount;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.lineStart[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Offset of the bracket closing the one at `open` in codeText, or -1 when it
 * is not closed within `limit` characters.
 */
export function matchClose(m: SourceModel, open: number, limit = 20000): number {
  const text = m.codeText;
  const stack: string[] = [];
  const end = Math.min(text.length, open + limit);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c in OPEN) stack.push(OPEN[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Offset of the bracket opening the one at `close`, scanning backwards, or -1. */
export function matchOpen(m: SourceModel, close: number, limit = 5000): number {
  const text = m.codeText;
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  const end = Math.max(0, close - limit);
  for (let i = close; i >= end; i--) {
    const c = text[i];
    if (c in pairs) stack.push(pairs[c]);
    else if (c === '(' || c === '[' || c === '{') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Chain of blocks from the innermost around line n outwards. */
export function blockChain(m: SourceModel, n: number): Block[] {
  const out: Block[] = [];
  let id = n >= 1 && n <= m.lineCount ? m.lineBlock[n] : -1;
  while (id >= 0) {
    out.push(m.blocks[id]);
    id = m.blocks[id].parent;
  }
  return out;
}

/** The innermost function-like block (function, method, lambda, callback) holding line n. */
export function enclosingFunction(m: SourceModel, n: number): Block | undefined {
  return blockChain(m, n).find((b) => b.fn);
}

/** The outermost named function (not a lambda or callback) holding line n. */
export function enclosingNamedFunction(m: SourceModel, n: number): Block | undefined {
  return blockChain(m, n).find((b) => b.kind === 'function');
}

/** Text of lines a..b (inclusive) from one of the views. */
export function linesText(lines: string[], a: number, b: number): string {
  return lines.slice(Math.max(1, a), Math.min(lines.length - 1, b) + 1).join('\n');
}
