import type { Rng } from '../rng';
import { indentOf } from './textEdit';
import type { Dialect, ServiceCtx } from './types';
import { FLAGS, HELPER_NAMES, NOISE_MESSAGES, fillNoise } from './vocab';

export type NoiseKind = 'log' | 'metric' | 'guard' | 'comment' | 'helper' | 'message' | 'appendArg';

export const NOISE_WEIGHTS: Record<NoiseKind, number> = { log: 3, metric: 2, guard: 2, comment: 1, helper: 1.5, message: 2, appendArg: 1.5 };

const LOG_MSG = /((?:slog|logger|log)\.\w+\(f?["'])([^"']+)(["'])/;

const COMMENTS = ['NOTE: keep in sync with the billing export', 'TODO(perf): measure before optimizing further', 'callers rely on this being idempotent', 'see the runbook for the retry policy'];

/** Indices of lines that open a function body. */
export function functionStarts(lines: readonly string[], d: Dialect): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => { if (d.funcStart.test(l)) out.push(i); });
  return out;
}

function bodyIndent(lines: readonly string[], i: number, d: Dialect): string {
  const own = indentOf(lines[i]);
  const next = lines[i + 1];
  if (next !== undefined && next.trim() !== '' && indentOf(next).length > own.length) return indentOf(next);
  return own + d.indentUnit;
}

/**
 * One innocuous edit of existing code (an inserted log line, a metric, a
 * feature-flag guard, a helper, a reworded message, an extra log field).
 * Never removes or rewrites a line that `isProtected` marks, except to append
 * a log field (anchors are prefixes, so they survive). Null when not applicable.
 */
export function applyNoise(lines: readonly string[], kind: NoiseKind, d: Dialect, r: Rng, c: ServiceCtx, isProtected: (line: string) => boolean): string[] | null {
  const out = lines.slice();
  const starts = functionStarts(lines, d);
  switch (kind) {
    case 'log':
    case 'metric':
    case 'guard':
    case 'comment': {
      if (!starts.length) return null;
      const i = r.pick(starts);
      const ind = bodyIndent(lines, i, d);
      const msg = fillNoise(r.pick(NOISE_MESSAGES), c);
      const add =
        kind === 'log' ? [d.logLine(r.chance(0.7) ? 'debug' : 'info', msg)]
        : kind === 'metric' ? [d.metricLine(`${c.pkg}_${msg.replace(/[^a-z]+/g, '_')}_total`)]
        : kind === 'guard' ? d.guard(r.pick(FLAGS))
        : [`${d.comment} ${r.pick(COMMENTS)}`];
      out.splice(i + 1, 0, ...add.map((l) => ind + l));
      return out;
    }
    case 'helper': {
      const name = r.pick(HELPER_NAMES) + r.int(2, 99);
      const body = d.helper(name, r);
      if (d.helperInClass) {
        let end = out.length - 1;
        while (end > 0 && out[end].trim() !== '}') end--;
        if (end <= 0) return null;
        out.splice(end, 0, '', ...body.map((l) => d.indentUnit + l));
      } else {
        out.push('', ...(d.comment === '#' ? [''] : []), ...body);
      }
      return out;
    }
    case 'message': {
      const cands = out.map((l, i) => (LOG_MSG.test(l) && !isProtected(l) ? i : -1)).filter((i) => i >= 0);
      if (!cands.length) return null;
      const i = r.pick(cands);
      const suffix = r.pick([' unexpectedly', ' (will retry)', ' for tenant', ' during processing']);
      out[i] = out[i].replace(LOG_MSG, (_m, a: string, msg: string, q: string) => `${a}${msg.replace(/ \(will retry\)| unexpectedly| for tenant| during processing/g, '')}${suffix}${q}`);
      return out[i] === lines[i] ? null : out;
    }
    case 'appendArg': {
      const cands = out.map((l, i) => (d.appendArg(l, c.name) !== null ? i : -1)).filter((i) => i >= 0);
      if (!cands.length) return null;
      const i = r.pick(cands);
      out[i] = d.appendArg(out[i], c.name)!;
      return out;
    }
  }
}
