import type { ParsedLine } from './logTypes';
import { fromFields, type FieldGetter } from './structuredFields';

/** Literal key first (`"error.stack": …`), then the nested path (`error: {stack: …}`). */
export function objectGetter(obj: Record<string, unknown>): FieldGetter {
  return (key) => {
    if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
    if (!key.includes('.')) return undefined;
    let cur: unknown = obj;
    for (const part of key.split('.')) {
      if (!cur || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur;
  };
}

/** A JSON object as text → ParsedLine; null for anything else, including truncated JSON. */
export function parseJsonText(text: string, format = 'json'): ParsedLine | null {
  const s = text.trim();
  if (s.charCodeAt(0) !== 123 /* { */ || s.charCodeAt(s.length - 1) !== 125 /* } */) return null;
  let obj: unknown;
  try {
    obj = JSON.parse(s);
  } catch {
    return null;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return null;
  return fromFields(objectGetter(obj as Record<string, unknown>), format) ?? null;
}

/** JSON-lines log line (pino, bunyan, zap, slog, logstash, ECS …). */
export function parseJsonLine(line: string): ParsedLine | null {
  return parseJsonText(line, 'json');
}
