import { z } from 'zod';
import { parseIsoTime } from './isoTime';

/** Shared zod pieces for the alert schemas, and a readable form of zod's first issue. */

/** An ISO-8601 date-time with an offset (Z or ±hh:mm / ±hhmm). */
export const isoDateTime = z.string().refine((s) => parseIsoTime(s) !== undefined, {
  message: 'expected ISO-8601 date',
});

/** Same, but a time without offset is read as UTC (hand-written seed alerts). */
export const isoDateTimeUtcDefault = z.string().refine((s) => parseIsoTime(s, { allowNoZone: true }) !== undefined, {
  message: 'expected ISO-8601 date',
});

/** A number, or a string holding one (exporters disagree on which). */
export const numeric = z.union([z.number().finite(), z.string().regex(/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/, 'expected a number').transform(Number)]);

export const stringMap = z.record(z.string());

/** `alerts[0].startsAt` from zod's path array. */
export function pathText(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(top level)';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Value at a path, to say what was found instead. */
function valueAt(root: unknown, path: (string | number)[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** One line: `alerts[0].startsAt: expected ISO-8601 date (got "yesterday")`. */
export function describeIssue(issue: z.ZodIssue, root: unknown): string {
  const where = pathText(issue.path);
  const got = valueAt(root, issue.path);
  if (issue.code === 'invalid_type') {
    if (issue.received === 'undefined') return `${where}: missing (expected ${issue.expected})`;
    return `${where}: expected ${issue.expected}, got ${typeName(got)}`;
  }
  if (issue.code === 'invalid_union') {
    // Report the branch that got furthest rather than "Invalid input".
    // Prefer a deeper issue, then one that says more than "wrong type".
    const inner = issue.unionErrors
      .flatMap((e) => e.issues)
      .sort((a, b) => b.path.length - a.path.length || Number(a.code === 'invalid_type') - Number(b.code === 'invalid_type'))[0];
    if (inner && (inner.path.length > issue.path.length || inner.code !== 'invalid_type')) return describeIssue(inner, root);
    return `${where}: expected ${got === undefined ? 'a value' : 'a different type'}, got ${typeName(got)}`;
  }
  const shown = typeof got === 'string' ? ` (got ${JSON.stringify(got.length > 60 ? got.slice(0, 60) + '…' : got)})` : '';
  return `${where}: ${issue.message}${shown}`;
}

/** Number of issues and the first one described, or undefined when valid. */
export function firstIssue<T>(schema: z.ZodType<T>, data: unknown): { ok: true; value: T } | { ok: false; count: number; message: string; depth: number } {
  const r = schema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, count: r.error.issues.length, message: describeIssue(issue, data), depth: issue.path.length };
}
