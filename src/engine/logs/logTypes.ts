import type { LogEvent, LogFrame, LogLevel } from '../model';

/**
 * A frame as parsers produce it. Java frames name only `C.java`; the package
 * is kept separately so the path mapper can try `a/b/C.java` as the suffix.
 */
export interface ParsedFrame extends LogFrame {
  javaPackage?: string;
}

/** What one line parser returns: a LogEvent without its source position. */
export interface ParsedLine {
  /** Epoch ms; NaN when the line had no usable time. */
  time: number;
  level: LogLevel;
  message: string;
  /** The line's own caller location first (if any), then stack frames from an embedded stack. */
  frames: ParsedFrame[];
  format: string;
}

/** Context a line parser needs. */
export interface LineContext {
  /** YYYY-MM-DD used for time-only lines (from the file name, else the alert's date). */
  date?: string;
}

/** One place in the repository that warn+ events pointed at. */
export interface LocationStat {
  /** Repository-relative path. */
  file: string;
  line?: number;
  func?: string;
  /**
   * Smallest depth it was seen at, counting only frames that map into the
   * repository: 0 = the topmost in-repo frame (or the line's own caller).
   */
  depth: number;
  /** Highest level seen here. */
  level: LogLevel;
  /** Events that pointed here (an event counts once per location). */
  count: number;
  /** Epoch ms; NaN when no event here had a time. */
  firstAt: number;
  lastAt: number;
  /**
   * Sorted event times, capped (evenly thinned when over the cap). When
   * `times.length < count`, scale counts by `count / times.length`
   * (see `estimateBetween`).
   */
  times: number[];
  /**
   * Sorted times of the same kinds of event (message templates seen here)
   * logged from this file at any line: a deploy that shifts lines moves a
   * chronic error to a new `file:line` without making it new.
   */
  kindTimes: number[];
  /** One message seen here (truncated). */
  sample: string;
}

export interface TemplateStat {
  template: string;
  level: LogLevel;
  count: number;
  firstAt: number;
  lastAt: number;
  /** Sorted, capped like LocationStat.times. */
  times: number[];
  sample: string;
  /** 'file:line' (repository paths) seen with this template, capped. */
  locations: string[];
}

export interface LogScan {
  files: string[];
  linesScanned: number;
  /** Non-blank lines no parser or stack-trace rule understood. */
  linesSkipped: number;
  /** Lines longer than the parse limit (truncated before parsing). */
  longLines: number;
  /** Human notes: unreadable/binary files, refused paths, globs matching nothing. */
  problems: string[];
  /** Events with level error or fatal. */
  errors: number;
  warnings: number;
  /** Earliest error/fatal event time, epoch ms. */
  firstErrorAt?: number;
  /** Lines per recognized format (line formats and stack-trace kinds). */
  formats: Record<string, number>;
  locations: LocationStat[];
  templates: TemplateStat[];
  /** Up to `sampleLimit` events at or above minLevel: the earliest and the latest by time. */
  samples: LogEvent[];
}
