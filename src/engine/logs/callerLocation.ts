import type { ParsedFrame } from './logTypes';

/**
 * `path/file.ext:line[:col]` as loggers write callers (zap, Go's Lshortfile,
 * the seed format). The extension is required so `09:05:47` or `host:8080`
 * are never taken for locations.
 */
const LOCATION =
  /^(?:file:\/\/)?((?:[A-Za-z]:)?[\w./\\@~+$-]*[\w$-]\.[A-Za-z][A-Za-z0-9]{0,9}):(\d{1,7})(?::\d{1,6})?:?$/;

/** One token (brackets/parens allowed around it) → a frame, or undefined. */
export function parseLocationToken(token: string): ParsedFrame | undefined {
  if (token.length > 1024) return undefined;
  let t = token;
  if (/^[[(<]/.test(t) && /[\])>]:?$/.test(t)) t = t.replace(/^[[(<]/, '').replace(/[\])>]:?$/, '');
  const m = LOCATION.exec(t);
  if (!m) return undefined;
  const line = Number(m[2]);
  return line > 0 ? { rawPath: m[1], line } : undefined;
}

/** Structured fields (`file`, `line`, `function`) → a frame; `file` may itself carry `:line`. */
export function frameFromFields(file: unknown, line: unknown, func: unknown): ParsedFrame | undefined {
  if (typeof file !== 'string' || file.length === 0 || file.length > 1024) return undefined;
  const fn = typeof func === 'string' && func ? func : undefined;
  const n = typeof line === 'number' ? line : typeof line === 'string' && /^\d+$/.test(line) ? Number(line) : undefined;
  if (n !== undefined && n > 0) return { rawPath: file.replace(/^file:\/\//, ''), line: n, ...(fn ? { func: fn } : {}) };
  const loc = parseLocationToken(file);
  if (loc) return fn ? { ...loc, func: fn } : loc;
  return /\.[A-Za-z]\w{0,9}$/.test(file) ? { rawPath: file, ...(fn ? { func: fn } : {}) } : undefined;
}
