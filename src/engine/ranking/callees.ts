import { definitionName, isDefinition } from '../git/blame';
import type { CommitDiff } from '../model';
import { codeOf } from './codeNames';

/**
 * Callees: a failing line often fails on what the code before it computed —
 * `amount = to_cents(x)` two lines above `validate(amount)` — so a change to
 * a function the failing code calls just before the failure is evidence,
 * though blame of the failing line and its function never reaches it.
 */

/** Names too common to tie a call to a definition. */
const COMMON = new Set(['if', 'for', 'while', 'switch', 'return', 'catch', 'sizeof', 'typeof', 'print', 'printf', 'println', 'fprintf', 'sprintf', 'snprintf',
  'len', 'str', 'int', 'float', 'list', 'dict', 'range', 'round', 'append', 'make', 'panic', 'assert', 'super', 'require', 'format', 'Errorf', 'Sprintf',
  'Error', 'error', 'warn', 'warning', 'info', 'debug', 'exception', 'log', 'then', 'push', 'get', 'set', 'has', 'map', 'filter', 'String', 'Number',
  'function', 'func', 'def', 'new', 'main', 'init', 'close', 'free', 'malloc', 'memset', 'memcpy', 'strcmp', 'strlen', 'isinstance', 'ValueError']);

/** How far above the failing line a call still counts (lines). */
export const CALL_WINDOW = 25;

export interface Callee {
  name: string;
  /** Lines from the call to the failing line (0: the failing line makes the call). */
  distance: number;
}

/**
 * The functions called in `lines[from..line]` (1-based, inclusive): from the
 * function's start, or CALL_WINDOW lines up, to the failing line. The nearest
 * call of each name wins, and they come nearest first. Strings and comments
 * are skipped.
 */
export function callsBefore(lines: string[], from: number, line: number, own?: string): Callee[] {
  const out = new Map<string, number>();
  for (let i = Math.min(line, lines.length); i >= Math.max(from, line - CALL_WINDOW, 1); i--) {
    for (const m of codeOf(lines[i - 1] ?? '').matchAll(/([A-Za-z_][\w]*)\s*\(/g)) {
      const name = m[1];
      if (name.length < 4 || COMMON.has(name) || name === own || out.has(name)) continue;
      out.set(name, line - i);
    }
  }
  return [...out].map(([name, distance]) => ({ name, distance }));
}

/**
 * The functions whose bodies a commit changed, by name: for each changed line
 * the nearest definition above it in the hunk, else the hunk's header (git
 * prints the enclosing definition there).
 */
export function changedFunctions(c: CommitDiff): Set<string> {
  const names = new Set<string>();
  for (const f of c.files) {
    for (const h of f.hunks) {
      let current = h.context ? definitionName(h.context) : undefined;
      for (const l of h.lines) {
        if (l.kind !== '-' && isDefinition(l.text)) current = definitionName(l.text) ?? current;
        if (l.kind !== ' ' && current) names.add(current);
      }
    }
  }
  return names;
}
