import type { Edit } from './types';

/** Repository state as line arrays; never mutated in place (snapshots share arrays). */
export type Tree = Map<string, readonly string[]>;

export function toLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function toText(lines: readonly string[]): string {
  return lines.join('\n') + '\n';
}

/** 0-based index of the first line containing `needle`, or -1. */
export function findLine(lines: readonly string[], needle: string, from = 0): number {
  for (let i = from; i < lines.length; i++) if (lines[i].includes(needle)) return i;
  return -1;
}

export class EditError extends Error {}

function must(lines: readonly string[], needle: string | undefined, file: string, from = 0): number {
  if (needle === undefined) throw new EditError(`${file}: edit without an anchor`);
  const i = findLine(lines, needle, from);
  if (i < 0) throw new EditError(`${file}: anchor not found: ${needle}`);
  return i;
}

/** Applies one edit to a file's lines (repo-relative `path` only for messages). */
export function applyEdit(lines: readonly string[] | undefined, e: Edit, path: string): string[] {
  if (e.op === 'create') return e.lines.slice();
  if (!lines) throw new EditError(`${path}: no such file`);
  const out = lines.slice();
  const i = must(out, e.at, path);
  switch (e.op) {
    case 'after':
      out.splice(i + 1, 0, ...e.lines);
      break;
    case 'before':
      out.splice(i, 0, ...e.lines);
      break;
    case 'replace':
      out.splice(i, 1, ...e.lines);
      break;
    case 'replaceThrough': {
      const j = must(out, e.until, path, i);
      out.splice(i, j - i + 1 + (e.thenDrop ?? 0), ...e.lines);
      break;
    }
  }
  return out;
}

/** 1-based line of `find` in a file of the tree, or undefined. */
export function lineOf(tree: Tree, path: string, find: string): number | undefined {
  const lines = tree.get(path);
  if (!lines) return undefined;
  const i = findLine(lines, find);
  return i < 0 ? undefined : i + 1;
}

/** Leading whitespace of a line. */
export function indentOf(line: string): string {
  return /^\s*/.exec(line)![0];
}
