import type { LineContext, ParsedLine } from './logTypes';
import { parseJsonLine } from './parseJsonLine';
import { parseLogfmtLine } from './parseLogfmtLine';
import { parseSeedLine } from './parseSeedLine';
import { parseTimestampedLine } from './parseTimestampedLine';

/**
 * Tries the line formats that could start with the line's first character,
 * so a file may mix formats line by line. null: not a log line we understand
 * (it may still be part of a stack trace).
 */
export function parseLine(line: string, ctx: LineContext): ParsedLine | null {
  const c = line.charCodeAt(0);
  if (c === 123 /* { */) return parseJsonLine(line);
  if (c === 91 /* [ */) return parseSeedLine(line, ctx) ?? parseTimestampedLine(line, ctx);
  if ((c >= 48 && c <= 57) || c === 60 /* < */) return parseTimestampedLine(line, ctx);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 64 /* @ */ || c === 95 /* _ */) {
    if (c >= 65 && c <= 90) {
      const s = parseTimestampedLine(line, ctx);
      if (s) return s;
    }
    return parseLogfmtLine(line);
  }
  return null;
}
