import { parseLocationToken } from './callerLocation';
import { levelFromWord } from './levels';
import type { LineContext, ParsedLine } from './logTypes';
import { timeOnDate } from './timestamps';

const SEED = /^\[(\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)\]\s+\[?([A-Za-z]{3,9})\]?:?(?:\s+(.*))?$/;

/**
 * The seed scenario's format: `[09:05:47] ERROR database/pool.go:45 - message`.
 * The line carries only a clock time; the date comes from the context.
 */
export function parseSeedLine(line: string, ctx: LineContext): ParsedLine | null {
  const m = SEED.exec(line);
  if (!m) return null;
  const level = levelFromWord(m[2]);
  if (!level) return null;
  let message = (m[3] ?? '').trim();
  const frames = [];
  const sp = message.search(/\s/);
  const first = sp < 0 ? message : message.slice(0, sp);
  const loc = parseLocationToken(first);
  if (loc) {
    frames.push(loc);
    message = message.slice(first.length).replace(/^\s*(?:-|:|\|)?\s*/, '');
  } else {
    message = message.replace(/^(?:-|:)\s+/, '');
  }
  return { time: timeOnDate(m[1], ctx.date), level, message, frames, format: 'seed' };
}
