import type { Block } from './blocks';
import { lineOfOffset, matchClose, type SourceModel } from './sourceModel';

/** A range of lines (inclusive) with the line that anchors it. */
export interface Region {
  anchor: number;
  from: number;
  to: number;
  /** For a referenced function body: the line of the region that refers to it. */
  via?: number;
}

/** Lines from the `(` at (line, col) to its matching `)`; just the line when unmatched. */
export function parenSpan(m: SourceModel, line: number, col: number): Region {
  const off = m.lineStart[line] + col;
  const close = matchClose(m, off, 20000);
  return { anchor: line, from: line, to: close < 0 ? line : lineOfOffset(m, close) };
}

/** Lines from `line` to the end of its statement (`;` at bracket depth 0, or the line end when brackets are balanced). */
export function statementSpan(m: SourceModel, line: number): Region {
  let depth = 0;
  for (let n = line; n <= Math.min(m.lineCount, line + 60); n++) {
    for (const c of m.code[n]) {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      else if (c === ';' && depth <= 0) return { anchor: line, from: line, to: n };
    }
    if (depth <= 0 && m.language !== 'java') return { anchor: line, from: line, to: n };
  }
  return { anchor: line, from: line, to: line };
}

/** Names declared by function-like headers; lambdas only count when bound to a name. */
const NAME_IN_HEADER: ((h: string) => string | undefined)[] = [
  (h) => /^func\s*(?:\([^)]*\)\s*)?([\w$]+)\s*[(<[]/.exec(h)?.[1],
  (h) => /^(?:async\s+)?def\s+([\w$]+)\s*\(/.exec(h)?.[1],
  (h) => /\bfunction\s*\*?\s*([\w$]+)\s*\(/.exec(h)?.[1],
  (h) => /\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>/.exec(h)?.[1],
  (h) => /^([\w$]+)\s*:?=\s*func\s*\(/.exec(h)?.[1],
];
/** Method declarations (`async save(x): Promise<void>`, `public void save(R r) throws E`). */
const METHOD_NAME = (h: string): string | undefined => /([\w$]+)\s*(?:<[^(]*>)?\s*\([^)]*\)\s*(?::[^{]*|throws\s+[\w$.,\s]+)?$/.exec(h)?.[1];

/** The name a function header declares, if it declares one (`kind` of its block: lambdas need a binding). */
export function functionName(header: string, kind: Block['kind'] = 'function'): string | undefined {
  for (const get of kind === 'function' ? [...NAME_IN_HEADER, METHOD_NAME] : NAME_IN_HEADER) {
    const name = get(header);
    if (name && !/^(if|for|while|switch|catch|function|return|func)$/.test(name)) return name;
  }
  return undefined;
}

/** Named functions and methods of a file, by name. */
export function functionIndex(m: SourceModel): Map<string, Block[]> {
  const out = new Map<string, Block[]>();
  for (const b of m.blocks) {
    if (!b.fn) continue;
    const name = functionName(b.header, b.kind);
    if (name) out.set(name, [...(out.get(name) ?? []), b]);
  }
  return out;
}

/**
 * Bodies of the file's own functions that a region calls or passes along
 * (`go saveRecord(r)`, `rows.map(saveRecord)`, `executor.submit(write, r)`,
 * `this::persist`), one level deep.
 */
export function referencedBodies(m: SourceModel, r: Region, index: Map<string, Block[]>): Region[] {
  const out: Region[] = [];
  const seen = new Set<number>();
  for (let n = r.from; n <= r.to; n++) {
    for (const w of m.code[n].match(/[A-Za-z_$][\w$]*/g) ?? []) {
      for (const b of index.get(w) ?? []) {
        if (seen.has(b.id) || (b.openLine >= r.from && b.endLine <= r.to) || (b.openLine <= r.from && b.endLine >= r.to)) continue;
        seen.add(b.id);
        out.push({ anchor: b.headerLine, from: b.openLine, to: b.endLine, via: n });
      }
    }
  }
  return out;
}
