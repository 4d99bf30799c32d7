import { parseLogfmt } from './logfmt';
import type { ParsedLine } from './logTypes';
import { fromFields } from './structuredFields';

/** `time=… level=error msg="…" caller=pool.go:45` → ParsedLine; null unless it is logfmt with a level or message. */
export function parseLogfmtLine(line: string, format = 'logfmt'): ParsedLine | null {
  if (!line.includes('=')) return null;
  const fields = parseLogfmt(line);
  if (!fields) return null;
  return fromFields((k) => fields.get(k), format) ?? null;
}
