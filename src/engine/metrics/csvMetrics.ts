import { EngineError } from '../errors';
import type { MetricPoint, MetricSeries } from '../model';
import { parseIsoTime } from '../incident/isoTime';
import { baseName } from './seriesName';

/**
 * CSV metrics: a header `timestamp,value` (the first column may also be called
 * time/ts/date), then one sample a line. Times are ISO-8601 (no offset = UTC)
 * or unix seconds / milliseconds / microseconds / nanoseconds, told apart by
 * magnitude. With one value column the series is named after the file; with
 * several, each is named after its column. Empty, NaN or ±Inf values are gaps.
 */
const TIME_HEADERS = /^(timestamp|time|ts|date|datetime|time_stamp)$/i;
const GAP = /^(|nan|null|none|-|\+?inf|-inf|infinity|-infinity)$/i;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** Epoch ms from a CSV time cell, or undefined. */
export function parseCsvTime(cell: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(cell)) {
    const n = Number(cell);
    // 1e11 s is the year 5138 while 1e11 ms is 1973: magnitude tells the unit.
    if (n >= 1e17) return Math.round(n / 1e6);
    if (n >= 1e14) return Math.round(n / 1e3);
    if (n >= 1e11) return Math.round(n);
    return Math.round(n * 1000);
  }
  return parseIsoTime(cell, { allowNoZone: true });
}

export function parseMetricsCsv(text: string, fileName: string): MetricSeries[] {
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  let headerLine = 0;
  const cols: MetricPoint[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const where = `${fileName}:${i + 1}`;
    const c = cells(raw);
    if (!header) {
      if (c.length < 2 || !TIME_HEADERS.test(c[0]!)) {
        throw new EngineError('badInput', `expected a CSV header "timestamp,value", got "${raw.slice(0, 80)}"`, where);
      }
      header = c;
      headerLine = i + 1;
      for (let k = 1; k < c.length; k++) cols.push([]);
      continue;
    }
    if (c.length !== header.length) {
      throw new EngineError('badInput', `expected ${header.length} fields like the header on line ${headerLine}, got ${c.length}`, where);
    }
    const t = parseCsvTime(c[0]!);
    if (t === undefined) {
      throw new EngineError('badInput', `${header[0]} "${c[0]!.slice(0, 60)}" is neither ISO-8601 nor unix seconds/milliseconds`, where);
    }
    for (let k = 1; k < c.length; k++) {
      const cell = c[k]!;
      if (GAP.test(cell)) continue;
      if (!NUMBER.test(cell)) throw new EngineError('badInput', `${header[k]} "${cell.slice(0, 60)}" is not a number`, where);
      cols[k - 1]!.push({ t, v: Number(cell) });
    }
  }
  if (!header) throw new EngineError('badInput', 'the CSV is empty (expected a header "timestamp,value" and samples)', fileName);
  const file = baseName(fileName);
  return cols.map((pts, k) => ({
    name: cols.length === 1 ? file : header![k + 1]!,
    labels: {},
    points: pts.sort((a, b) => a.t - b.t),
    source: fileName,
  }));
}
