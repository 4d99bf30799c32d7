/**
 * Timestamp recognition shared by the line parsers. Times without a zone are
 * taken as UTC: production log shippers (CloudWatch, Loki, syslog collectors)
 * almost always run in UTC, and the alert times are UTC too.
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** `2024-01-18T09:05:47.123Z`, `2024-01-18 09:05:47,123`, `2024/01/18 09:05:47.123456 +0100` … */
const ISO_PREFIX =
  /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?: ?(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)(?![\w]))?/;
const SYSLOG_PREFIX = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/;
const TIME_ONLY = /^(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;

export interface TimePrefix {
  time: number;
  /** Characters the timestamp took. */
  length: number;
}

function fractionMs(frac: string | undefined): number {
  return frac ? Math.floor(Number((frac + '00').slice(0, 3))) : 0;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return 0;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * mins * 60_000;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  return Date.UTC(y, mo, d, h, mi, s, ms);
}

/** An ISO-like timestamp at the start of `text`, or undefined. */
export function isoPrefix(text: string): TimePrefix | undefined {
  const m = ISO_PREFIX.exec(text);
  if (!m) return undefined;
  const t = utc(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], fractionMs(m[7])) - zoneOffsetMs(m[8]);
  return Number.isNaN(t) ? undefined : { time: t, length: m[0].length };
}

/** A BSD-syslog `Jan 18 09:05:47` prefix; the year comes from `date` (else the current year). */
export function syslogPrefix(text: string, date?: string): TimePrefix | undefined {
  const m = SYSLOG_PREFIX.exec(text);
  if (!m) return undefined;
  const mo = MONTHS[m[1].toLowerCase()];
  if (mo === undefined) return undefined;
  const year = date ? Number(date.slice(0, 4)) : new Date().getUTCFullYear();
  const t = utc(year, mo, +m[2], +m[3], +m[4], +m[5], fractionMs(m[6]));
  return Number.isNaN(t) ? undefined : { time: t, length: m[0].length };
}

/** `HH:MM:SS[.mmm]` on a `YYYY-MM-DD` date; NaN without a date. */
export function timeOnDate(clock: string, date?: string): number {
  const m = TIME_ONLY.exec(clock);
  if (!m || !date) return NaN;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return NaN;
  return utc(+d[1], +d[2] - 1, +d[3], +m[1], +m[2], +m[3], fractionMs(m[4]));
}

/** Epoch seconds, ms, µs or ns → ms, by magnitude (all of them land in 1973–5138). */
export function epochToMs(n: number): number {
  if (!Number.isFinite(n) || n <= 0) return NaN;
  if (n >= 1e17) return Math.floor(n / 1e6);
  if (n >= 1e14) return Math.floor(n / 1e3);
  if (n >= 1e11) return Math.floor(n);
  return Math.round(n * 1000);
}

/** A structured log's time field: ISO string, epoch number or numeric string. */
export function timeFromValue(v: unknown): number {
  if (typeof v === 'number') return epochToMs(v);
  if (typeof v !== 'string') return NaN;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return epochToMs(Number(s));
  const p = isoPrefix(s);
  if (p) return p.time;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return d ? utc(+d[1], +d[2] - 1, +d[3], 0, 0, 0, 0) : NaN;
}

/** The `YYYY-MM-DD` in a file name (basename only), validated. */
export function dateFromFileName(path: string): string | undefined {
  const base = path.split(/[\\/]/).pop() ?? '';
  const m = /(?:^|\D)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(base);
  if (!m) return undefined;
  const t = utc(+m[1], +m[2] - 1, +m[3], 0, 0, 0, 0);
  if (Number.isNaN(t) || new Date(t).getUTCDate() !== +m[3]) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** YYYY-MM-DD of an epoch-ms time (UTC). */
export function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
