import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealCase } from './cases';
import { familyOf } from './funcFinder';

/**
 * Turns a case into the files an on-call engineer would hand the tool: a
 * seed-format alert at the fix's time and one error log line whose stack
 * frame points at the symptom. Two symptom variants:
 * - `line`: the frame names file and line (blame's best case);
 * - `func`: the frame names file and function only, as many traces and
 *   alerts do (a JSON log line with `file` and `function`, no `line`).
 */
export type Variant = 'line' | 'func';
export const VARIANTS: Variant[] = ['line', 'func'];

export interface SeedAlert {
  alert_id: string;
  timestamp: string;
  severity: string;
  service: string;
  metric: string;
  threshold: number;
  actual_value: number;
  summary: string;
}

export function alertOf(c: RealCase): SeedAlert {
  return {
    alert_id: `RW-${c.id}`,
    timestamp: new Date(c.fixTime * 1000).toISOString(),
    severity: 'HIGH',
    service: c.repo,
    metric: 'error_rate',
    threshold: 1,
    actual_value: 12,
    summary: `${c.repo} errors above threshold`,
  };
}

/**
 * The log text. The error is stamped at the alert time itself: the revision
 * running then is the fix's parent (a patch series is often committed within
 * the same minute, so an earlier stamp could name an older revision).
 */
export function logTextOf(c: RealCase, variant: Variant): string {
  const at = new Date(c.fixTime * 1000).toISOString();
  const s = c.symptom;
  const func = s.func;
  const fam = familyOf(s.file);
  if (variant === 'func') {
    const rec: Record<string, string> = { time: at, level: 'error', msg: `${c.repo}: crash${func ? ` in ${func}` : ''}`, file: buildPath(c, s.file) };
    if (func) rec.function = func;
    return JSON.stringify(rec) + '\n';
  }
  const where = buildPath(c, s.file);
  const fn = func ?? '??';
  switch (fam) {
    case 'go': {
      const pkg = s.file.includes('/') ? s.file.slice(0, s.file.lastIndexOf('/')).replace(/^.*\//, '') : 'main';
      return `${at} ERROR panic: runtime error: invalid memory address or nil pointer dereference\n` +
        `goroutine 1 [running]:\n${pkg}.${fn}(...)\n\t${where}:${s.line} +0x1d\n`;
    }
    case 'js':
      return `${at} ERROR TypeError: Cannot read properties of undefined\n    at ${fn} (${where}:${s.line}:5)\n`;
    case 'python':
      return `${at} ERROR unhandled exception\nTraceback (most recent call last):\n  File "${where}", line ${s.line}, in ${fn}\n    x()\nRuntimeError: crash\n`;
    default:
      return `${at} ERROR ${c.repo}: Program received signal SIGSEGV, Segmentation fault.\n` +
        `#0  0x00005555555551a9 in ${fn} () at ${where}:${s.line}\n`;
  }
}

/** Where the file lived on the crashing machine; the tool maps it back by path suffix. */
function buildPath(c: RealCase, file: string): string {
  return `/build/${c.repo}/${file}`;
}

/** Writes alert.json and logs/<variant>.log under `dir`; returns their paths. */
export function writeIncident(dir: string, c: RealCase, variant: Variant): { alert: string; log: string } {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const alert = join(dir, 'alert.json');
  writeFileSync(alert, JSON.stringify(alertOf(c), null, 2) + '\n');
  const log = join(dir, 'logs', `${variant}.log`);
  writeFileSync(log, logTextOf(c, variant));
  return { alert, log };
}
