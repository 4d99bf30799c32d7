import type { LogLevel } from '../model';

const RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

const WORDS: Record<string, LogLevel> = {
  trace: 'trace', trc: 'trace', finest: 'trace', finer: 'trace', verbose: 'trace',
  debug: 'debug', dbg: 'debug', fine: 'debug', config: 'debug',
  info: 'info', inf: 'info', information: 'info', informational: 'info', notice: 'info',
  warn: 'warn', warning: 'warn', wrn: 'warn',
  error: 'error', err: 'error', eror: 'error', severe: 'error',
  critical: 'fatal', crit: 'fatal', fatal: 'fatal', ftl: 'fatal', panic: 'fatal', dpanic: 'fatal',
  alert: 'fatal', emerg: 'fatal', emergency: 'fatal',
};

export function levelRank(level: LogLevel): number {
  return RANK[level];
}

export function atLeast(level: LogLevel, min: LogLevel): boolean {
  return RANK[level] >= RANK[min];
}

export function maxLevel(a: LogLevel, b: LogLevel): LogLevel {
  return RANK[a] >= RANK[b] ? a : b;
}

/** A level word (any case) → LogLevel; undefined when it is not one. */
export function levelFromWord(word: string): LogLevel | undefined {
  if (word.length > 13) return undefined;
  return Object.prototype.hasOwnProperty.call(WORDS, word.toLowerCase()) ? WORDS[word.toLowerCase()] : undefined;
}

/** pino/bunyan numeric levels: 10 trace … 60 fatal. */
export function levelFromNumber(n: number): LogLevel | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (n >= 60) return 'fatal';
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  if (n >= 20) return 'debug';
  if (n >= 10) return 'trace';
  return undefined;
}

/** Syslog severity 0..7 (from `<PRI>`: PRI % 8). */
export function levelFromSyslogSeverity(sev: number): LogLevel {
  if (sev <= 2) return 'fatal';
  if (sev === 3) return 'error';
  if (sev === 4) return 'warn';
  if (sev <= 6) return 'info';
  return 'debug';
}

/** A structured-log level value: a word, a numeric string, or a number. */
export function levelFromValue(v: unknown): LogLevel | undefined {
  if (typeof v === 'number') return levelFromNumber(v);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d{2}$/.test(s)) return levelFromNumber(Number(s));
  return levelFromWord(s);
}
