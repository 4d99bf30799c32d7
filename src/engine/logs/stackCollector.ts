import type { LogLevel } from '../model';
import type { ParsedFrame } from './logTypes';
import { gdbFrame, goFileLine, goFuncLine, javaFrame, nodeFrame, pythonFrame } from './stackFrames';

export type TraceKind = 'go' | 'java' | 'python' | 'node' | 'gdb' | 'exception';

/** How one line takes part in a stack trace. */
export interface StackLine {
  lang: TraceKind;
  type: 'frame' | 'goFile' | 'goFunc' | 'start' | 'header' | 'source' | 'exception';
  frame?: ParsedFrame | null;
  func?: string;
  /** Level of the event this line would begin when there is no event to attach to. */
  level: LogLevel;
  /** A Go function line seen outside a Go trace: only a frame if a file line follows. */
  tentative?: boolean;
}

const MAX_FRAMES = 200;
/** Stack-trace lines are short; longer lines are not classified (keeps regex work linear). */
const MAX_TRACE_LINE = 4096;
const PY_CHAIN = /^(During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)\s*$/;

/**
 * Collects the stack frames that follow one log event, line by line.
 * `classify` only looks; `apply` changes state — so the caller can decide to
 * begin a new event between the two. Python tracebacks list the innermost
 * frame last, so each traceback block is reversed on close: frames[0] is
 * where the exception was raised.
 */
export class StackCollector {
  private mode: TraceKind | 'none' = 'none';
  private frames: ParsedFrame[] = [];
  private pyBlock: ParsedFrame[] = [];
  private heldFunc: string | undefined;
  /** Any trace line applied since the last reset. */
  started = false;
  /** The exception line (`ValueError: x`, `java.lang.X: y`) if one was seen. */
  exceptionText: string | undefined;

  classify(line: string, canHold: boolean): StackLine | undefined {
    if (line.length > MAX_TRACE_LINE) return undefined;
    if (this.mode === 'python') {
      const f = pythonFrame(line);
      if (f) return { lang: 'python', type: 'frame', frame: f, level: 'error' };
      if (/^\s/.test(line)) return { lang: 'python', type: 'source', level: 'error' };
    }
    if (/^Traceback \(most recent call last\):\s*$/.test(line)) return { lang: 'python', type: 'start', level: 'error' };
    if (PY_CHAIN.test(line)) return { lang: 'python', type: 'start', level: 'error' };
    if (this.mode === 'python') return { lang: 'python', type: 'exception', level: 'error' };

    const first = line.charCodeAt(0);
    if (first === 35 /* # */) {
      const g = gdbFrame(line);
      if (g !== undefined) return { lang: 'gdb', type: 'frame', frame: g, level: 'error' };
    }
    if (/^\s/.test(line)) {
      const gf = goFileLine(line);
      if (gf) return { lang: 'go', type: 'goFile', frame: gf, level: 'error' };
      const j = javaFrame(line);
      if (j !== undefined) return { lang: 'java', type: 'frame', frame: j, level: 'error' };
      const n = nodeFrame(line);
      if (n !== undefined) return { lang: 'node', type: 'frame', frame: n, level: 'error' };
      const p = pythonFrame(line);
      if (p) return { lang: 'python', type: 'frame', frame: p, level: 'error' };
      if (/^\s+\.\.\. \d+ (more|common frames omitted)\s*$/.test(line)) return { lang: 'java', type: 'header', level: 'error' };
      if (/^\s+Suppressed: /.test(line)) return { lang: 'java', type: 'header', level: 'error' };
      if (this.mode === 'go' && /^\s+\[.*\]\s*$/.test(line)) return { lang: 'go', type: 'header', level: 'fatal' };
      return undefined;
    }
    if (/^goroutine \d+ \[[^\]]*\]:\s*$/.test(line)) return { lang: 'go', type: 'start', level: 'fatal' };
    if (/^(panic|fatal error): /.test(line)) return { lang: 'go', type: 'start', level: 'fatal' };
    if (/^\[signal [A-Z]+/.test(line)) return { lang: 'go', type: 'header', level: 'fatal' };
    if (/^Exception in thread "[^"]*" /.test(line)) return { lang: 'java', type: 'start', level: 'error' };
    if (/^Caused by: /.test(line)) return { lang: 'java', type: 'header', level: 'error' };
    if (/^(Program|Thread \d+ .*) (received|terminated with) signal [A-Z]+/.test(line)) {
      return { lang: 'gdb', type: 'start', level: 'fatal' };
    }
    if (isExceptionLine(line)) return { lang: 'exception', type: 'exception', level: 'error' };
    if (this.mode === 'go' || canHold || this.heldFunc !== undefined) {
      const fn = goFuncLine(line);
      if (fn) return { lang: 'go', type: 'goFunc', func: fn, level: 'fatal', tentative: this.mode !== 'go' };
    }
    return undefined;
  }

  apply(sl: StackLine, line: string): void {
    this.started = true;
    switch (sl.type) {
      case 'frame':
        // Python lists the innermost frame last: its frames wait in a block that is reversed on close.
        if (sl.frame) this.push(sl.frame, sl.lang === 'python');
        this.mode = sl.lang;
        break;
      case 'goFunc':
        this.heldFunc = sl.func;
        break;
      case 'goFile':
        if (sl.frame) this.push(this.heldFunc ? { ...sl.frame, func: this.heldFunc } : sl.frame, false);
        this.heldFunc = undefined;
        this.mode = 'go';
        break;
      case 'start':
        this.closePython();
        this.mode = sl.lang;
        if (/^(panic|fatal error): /.test(line)) this.exceptionText ??= line.trim();
        break;
      case 'exception':
        if (this.mode === 'python') {
          this.closePython();
          this.exceptionText = line.trim();
          this.mode = 'none';
        } else {
          this.exceptionText ??= line.trim();
        }
        break;
      case 'header':
      case 'source':
        if (sl.lang !== 'python') this.mode = sl.lang;
        break;
    }
  }

  /** The frames in top-of-stack-first order; resets for the next event. */
  finish(): ParsedFrame[] {
    this.closePython();
    const out = this.frames;
    this.frames = [];
    this.mode = 'none';
    this.heldFunc = undefined;
    this.started = false;
    this.exceptionText = undefined;
    return out;
  }

  /** Drops a Go function line held on speculation (the next line was no Go file line). */
  dropHeld(): void {
    this.heldFunc = undefined;
  }

  private push(f: ParsedFrame, python: boolean): void {
    if (this.frames.length + this.pyBlock.length >= MAX_FRAMES) return;
    (python ? this.pyBlock : this.frames).push(f);
  }

  private closePython(): void {
    if (this.pyBlock.length === 0) return;
    for (let i = this.pyBlock.length - 1; i >= 0; i--) this.frames.push(this.pyBlock[i]);
    this.pyBlock = [];
  }
}

/** `java.lang.IllegalStateException: x`, `TypeError: y`, `ValueError`: a dotted name ending like an exception class. */
function isExceptionLine(line: string): boolean {
  const colon = line.indexOf(':');
  if (colon >= 0 && colon + 1 < line.length && line[colon + 1] !== ' ' && line[colon + 1] !== '\t') return false;
  const name = colon < 0 ? line.trimEnd() : line.slice(0, colon);
  return (
    name.length <= 300 &&
    /^[A-Za-z_$][\w$.]*$/.test(name) &&
    /(?:Error|Exception|Throwable|Fault|Interrupt|Exit|Panic)$/.test(name)
  );
}

/** Frames from a stack trace held in one string (a JSON `stack` field, a logfmt `stacktrace=`). */
export function parseStackText(text: string): { frames: ParsedFrame[]; exception?: string } {
  const c = new StackCollector();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && i < 2000; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const sl = c.classify(line, true);
    if (!sl) {
      c.dropHeld();
      continue;
    }
    c.apply(sl, line);
  }
  const exception = c.exceptionText;
  return { frames: c.finish(), ...(exception ? { exception } : {}) };
}
