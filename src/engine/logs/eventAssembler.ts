import type { LogEvent, LogLevel } from '../model';
import { atLeast } from './levels';
import type { LineContext, ParsedFrame, ParsedLine } from './logTypes';
import { parseLine } from './parseLine';
import { StackCollector, type StackLine } from './stackCollector';

/** A finished event; frames may carry a Java package for the path mapper. */
export type AssembledEvent = Omit<LogEvent, 'frames'> & { frames: ParsedFrame[] };

export interface AssemblerCounters {
  /** Lines per recognized format. */
  formats: Record<string, number>;
  linesSkipped: number;
}

interface Pending extends ParsedLine {
  sourceLine: number;
  /** Begun by a stack-trace line rather than a log line. */
  synthetic: boolean;
}

const DAY = 86_400_000;
const NON_BLANK = /\S/;

/**
 * Turns one file's lines into events: a log line begins an event, the stack
 * trace lines after it attach to it. A trace with no event worth attaching
 * to (start of file, or after an info line) begins an event of its own.
 */
export class EventAssembler {
  private pending: Pending | undefined;
  private readonly stack = new StackCollector();
  /** A Go function line held until we know whether a file line follows. */
  private held = false;
  private lastTime = NaN;
  private seedDayOffset = 0;
  private lastSeedTime = NaN;

  constructor(
    private readonly sourceFile: string,
    private readonly ctx: LineContext,
    private readonly counters: AssemblerCounters,
    private readonly emit: (e: AssembledEvent) => void,
  ) {}

  line(text: string, lineNo: number): void {
    if (!NON_BLANK.test(text)) return;
    const parsed = parseLine(text, this.ctx);
    if (parsed) {
      this.settleHeld(false);
      this.flush();
      if (parsed.format === 'seed') this.rollSeedDay(parsed);
      if (!Number.isNaN(parsed.time)) this.lastTime = parsed.time;
      this.count(parsed.format);
      const p = parsed as Pending;
      p.sourceLine = lineNo;
      p.synthetic = false;
      this.pending = p;
      return;
    }
    const attachable = this.pending !== undefined && (this.stack.started || atLeast(this.pending.level, 'warn'));
    const sl = this.stack.classify(text, attachable);
    if (!sl) {
      this.settleHeld(false);
      this.counters.linesSkipped++;
      return;
    }
    if (sl.type === 'goFunc' && sl.tentative) {
      this.settleHeld(false);
      this.held = true;
      this.stack.apply(sl, text);
      return;
    }
    this.settleHeld(sl.type === 'goFile');
    if (!attachable || standalone(sl, text)) this.begin(sl.level, text, lineNo, sl);
    this.stack.apply(sl, text);
    this.count(traceFormat(sl));
  }

  /** Call at end of file. */
  end(): void {
    this.settleHeld(false);
    this.flush();
  }

  private begin(level: LogLevel, text: string, lineNo: number, sl: StackLine): void {
    this.flush();
    this.pending = {
      time: this.lastTime,
      level,
      message: text.trim(),
      frames: [],
      format: traceFormat(sl),
      sourceLine: lineNo,
      synthetic: true,
    };
  }

  private settleHeld(wasFrame: boolean): void {
    if (!this.held) return;
    this.held = false;
    if (wasFrame) this.count('go-trace');
    else {
      this.stack.dropHeld();
      this.counters.linesSkipped++;
    }
  }

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    const exception = this.stack.exceptionText;
    const traceFrames = this.stack.finish();
    this.pending = undefined;
    this.emit({
      time: p.time,
      level: p.level,
      message: p.synthetic && exception ? exception : p.message,
      frames: traceFrames.length ? [...p.frames, ...traceFrames] : p.frames,
      sourceFile: this.sourceFile,
      sourceLine: p.sourceLine,
      format: p.format,
    });
  }

  /** Seed lines carry only a clock: a jump back of more than 12 h means the day rolled over. */
  private rollSeedDay(parsed: ParsedLine): void {
    if (Number.isNaN(parsed.time)) return;
    let t = parsed.time + this.seedDayOffset;
    if (!Number.isNaN(this.lastSeedTime) && t < this.lastSeedTime - DAY / 2) {
      this.seedDayOffset += DAY;
      t += DAY;
    }
    this.lastSeedTime = t;
    parsed.time = t;
  }

  private count(format: string): void {
    this.counters.formats[format] = (this.counters.formats[format] ?? 0) + 1;
  }
}

function traceFormat(sl: StackLine): string {
  return sl.lang === 'exception' ? 'exception' : `${sl.lang}-trace`;
}

/** Crash lines that are events in themselves, not part of the event before them. */
function standalone(sl: StackLine, text: string): boolean {
  return sl.type === 'start' && /^(panic: |fatal error: |Exception in thread |Program |Thread \d)/.test(text);
}
