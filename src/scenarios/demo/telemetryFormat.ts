import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One Prometheus range-query series: labels and [unix seconds, value] samples. */
export interface PromSeries {
  metric: Record<string, string>;
  values: Array<[number, number]>;
}

/** A `query_range` response body exactly as Prometheus serializes it (values are strings). */
export function promMatrix(series: PromSeries[]): string {
  const body = {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: series.map((s) => ({ metric: s.metric, values: s.values.map(([t, v]) => [t, promValue(v)]) })),
    },
  };
  return JSON.stringify(body);
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64) for the magnitudes we emit. */
function promValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  return String(Math.round(v * 1e6) / 1e6);
}

/** `timestamp,value` CSV with ISO-8601 times. */
export function metricCsv(points: Array<[number, number]>, digits = 3): string {
  const rows = points.map(([t, v]) => `${new Date(t * 1000).toISOString().replace('.000Z', 'Z')},${round(v, digits)}`);
  return `timestamp,value\n${rows.join('\n')}\n`;
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Epoch milliseconds of an ISO-8601 time (throws on a typo in the scenario). */
export function ms(iso: string): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new Error(`demo: bad time ${iso}`);
  return t;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

// Logs format hundreds of thousands of times; Date#toISOString once per minute is enough.
let cachedMinute = NaN;
let cachedPrefix = '';
function minutePrefix(t: number): string {
  const m = Math.floor(t / 60_000);
  if (m !== cachedMinute) {
    cachedMinute = m;
    cachedPrefix = new Date(m * 60_000).toISOString().slice(0, 17);
  }
  return cachedPrefix;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad3 = (n: number): string => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/** 2024-01-18T09:05:47.123Z */
export function isoMs(t: number): string {
  const within = t - Math.floor(t / 60_000) * 60_000;
  return `${minutePrefix(t)}${pad2(Math.floor(within / 1000))}.${pad3(Math.floor(within % 1000))}Z`;
}

/** 09:05:47 */
export function hms(t: number): string {
  return isoMs(t).slice(11, 19);
}

/** 2024-01-25 10:12:03,456 (Python logging's default asctime, UTC). */
export function pyTime(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
}

/** 2024-01-25 10:12:03.456 UTC (PostgreSQL's log_line_prefix %m). */
export function pgTime(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

/** `deploy/20240118-0845` for a deploy at 2024-01-18T08:45Z. */
export function deployTagName(iso: string): string {
  const s = new Date(ms(iso)).toISOString();
  return `deploy/${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}-${s.slice(11, 13)}${s.slice(14, 16)}`;
}

/** Samples every `stepSec` from `from` to `to` (epoch ms, inclusive), Prometheus-aligned. */
export function steps(from: number, to: number, stepSec: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(from / 1000 / stepSec) * stepSec;
  for (let t = first; t * 1000 <= to; t += stepSec) out.push(t);
  return out;
}

/** 1-based number of the first line of `text` containing `needle` (throws when absent). */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`demo: ${JSON.stringify(needle)} not found (occurrence ${occurrence})`);
}

/** Time-stamped log lines from several sources, merged in time order. */
export class LogSink {
  private readonly entries: Array<{ t: number; seq: number; text: string }> = [];
  private seq = 0;

  add(t: number, text: string): void {
    this.entries.push({ t, seq: this.seq++, text });
  }

  get size(): number {
    return this.entries.length;
  }

  text(): string {
    return this.entries.sort((a, b) => a.t - b.t || a.seq - b.seq).map((e) => e.text).join('\n') + '\n';
  }
}

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
