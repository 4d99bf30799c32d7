import { EngineError, throwIfAborted } from '../errors';
import type { LogLevel } from '../model';
import { EventAssembler, type AssemblerCounters } from './eventAssembler';
import { expandLogInputs } from './expandLogInputs';
import { readLines } from './lineReader';
import { LogAggregator } from './logAggregator';
import type { LogScan } from './logTypes';
import type { PathMapper } from './pathMapper';
import { dateFromFileName } from './timestamps';

export interface ScanOptions {
  /** YYYY-MM-DD for time-only lines when the file name has no date (the alert's date). */
  defaultDate?: string;
  /** Maps frame paths to repository files; without it, locations keep the paths as logged. */
  mapper?: PathMapper;
  signal?: AbortSignal;
  /** Lowest level aggregated into locations, templates and samples. Default 'warn'. */
  minLevel?: LogLevel;
  /** Resolves relative inputs, directories and globs. Default: the current directory. */
  baseDir?: string;
  /** Default 500. */
  sampleLimit?: number;
  /** Lines are cut to this many bytes before parsing. Default 64 KiB. */
  maxLineBytes?: number;
}

/**
 * Reads log files (or directories/globs, expanded first) as streams and
 * folds their events into counts per repository location and per message
 * template. Unreadable or binary files become problems, never failures;
 * only cancellation throws.
 */
export async function scanLogs(inputs: string[], opts: ScanOptions = {}): Promise<LogScan> {
  if (opts.defaultDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.defaultDate)) {
    throw new EngineError('badInput', `expected YYYY-MM-DD, got "${opts.defaultDate}"`, 'defaultDate');
  }
  const { files, problems } = await expandLogInputs(inputs, opts.baseDir ?? process.cwd());
  const agg = new LogAggregator({ mapper: opts.mapper, minLevel: opts.minLevel, sampleLimit: opts.sampleLimit });
  const counters: AssemblerCounters = { formats: {}, linesSkipped: 0 };
  let linesScanned = 0;
  let longLines = 0;
  const scanned: string[] = [];

  for (const file of files) {
    throwIfAborted(opts.signal);
    const date = dateFromFileName(file) ?? opts.defaultDate;
    const assembler = new EventAssembler(file, { date }, counters, (e) => agg.add(e));
    const r = await readLines(file, (line, no) => assembler.line(line, no), { signal: opts.signal, maxLineBytes: opts.maxLineBytes });
    assembler.end();
    linesScanned += r.lines;
    longLines += r.longLines;
    if (r.problem) problems.push(r.problem);
    if (r.lines > 0 || !r.problem) scanned.push(file);
  }

  const scan: LogScan = {
    files: scanned,
    linesScanned,
    linesSkipped: counters.linesSkipped,
    longLines,
    problems,
    errors: agg.errors,
    warnings: agg.warnings,
    formats: counters.formats,
    locations: agg.locations(),
    templates: agg.templates(),
    samples: agg.sampleEvents(),
  };
  if (agg.firstErrorAt !== undefined) scan.firstErrorAt = agg.firstErrorAt;
  return scan;
}
