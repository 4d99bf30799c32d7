/**
 * Strict ISO-8601 date-time parsing. `Date.parse` alone accepts too much
 * ("1", "March 3") and too little (Alertmanager's nanosecond fractions), so the
 * shape is checked first and the fraction trimmed to milliseconds.
 */
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export interface IsoOptions {
  /** Accept a date or date-time without an offset, read as UTC (for hand-typed flags). Default false. */
  allowNoZone?: boolean;
}

/** Epoch ms of an ISO-8601 date-time, or undefined when it is not one. */
export function parseIsoTime(text: string, opts: IsoOptions = {}): number | undefined {
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, hh, mi, ss, frac, zone] = m;
  if (!zone && !opts.allowNoZone) return undefined;
  const month = Number(mo);
  const day = Number(d);
  const hour = hh === undefined ? 0 : Number(hh);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = ss === undefined ? 0 : Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let t = Date.UTC(Number(y), month - 1, day, hour, minute, Math.min(second, 59), ms);
  // Date.UTC rolls 31 February over into March; reject instead.
  if (new Date(t).getUTCDate() !== day) return undefined;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    t -= sign * offMin * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

/** `yyyymmddThhmm` in UTC, for ids and file names. */
export function compactUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

/** Keeps ids usable as file names: `<id>-report.json` is written to disk. */
export function safeId(raw: string): string {
  const cleaned = raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 120);
  return cleaned || 'incident';
}
