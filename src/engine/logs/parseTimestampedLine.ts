import type { LogLevel } from '../model';
import { parseLocationToken } from './callerLocation';
import { levelFromSyslogSeverity, levelFromWord } from './levels';
import type { LineContext, ParsedFrame, ParsedLine } from './logTypes';
import { parseJsonText } from './parseJsonLine';
import { parseLogfmtLine } from './parseLogfmtLine';
import { isoPrefix, syslogPrefix } from './timestamps';

const RFC5424_HEADER = /^(\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: |$)/;
const BSD_TAG = /^(\S+)\s+([^\s:[\]]+)(?:\[\d+\])?:(?:\s+|$)/;
const PID_TAG = /^(\S+)\s+([^\s:[\]]+)\[\d+\]:(?:\s+|$)/;
const SPRING = /^\d+ --- \[[^\]]*\]\s+\S+\s+:\s/;
/**
 * logback/log4j with caller data: `[thread] a.b.Logger (File.java:39) - message`.
 * The logger's package is the file's, so the path mapper can use `a/b/File.java`.
 */
const LOGBACK_CALLER = /^(?:\[[^\]]{0,80}\]\s+)?([\w$][\w$.-]{0,200})\s+\(([\w$./\\-]{1,512}\.[A-Za-z][A-Za-z0-9]{0,9}):(\d{1,7})\)\s+-\s+/;
/** logback/log4j `LEVEL a.b.Logger - message`: the logger name is constant noise. */
const LOGGER_PREFIX = /^[a-zA-Z_$][\w$]*(?:\.[\w$]+)+\s+-\s+/;
const DECORATION = /^[[(<{|:]+|[\])>}|:,]+$/g;

/**
 * Lines that begin with a timestamp: ISO-8601, `YYYY-MM-DD HH:MM:SS,mmm`,
 * `YYYY/MM/DD …` (Go's log), syslog (RFC 3164 `Jan 18 09:05:47 host app[1]:`
 * and RFC 5424 `<PRI>1 …`), CloudWatch exports (`<iso> <message>`, where the
 * message may itself be JSON or logfmt).
 */
export function parseTimestampedLine(line: string, ctx: LineContext): ParsedLine | null {
  let i = 0;
  let format = 'iso';
  let priLevel: LogLevel | undefined;
  let rfc5424 = false;
  if (line.charCodeAt(0) === 60 /* < */) {
    const pri = /^<(\d{1,3})>(1 )?/.exec(line);
    if (!pri) return null;
    priLevel = levelFromSyslogSeverity(Number(pri[1]) % 8);
    i = pri[0].length;
    rfc5424 = pri[2] !== undefined;
    format = 'syslog';
  }
  const bracketed = line.charCodeAt(i) === 91; /* [ */
  if (bracketed) i++;
  const head = line.slice(i, i + 40);
  let tp = isoPrefix(head);
  if (!tp) {
    tp = syslogPrefix(head, ctx.date);
    if (!tp) return null;
    format = 'syslog';
  }
  let rest = line.slice(i + tp.length);
  if (bracketed) {
    if (rest.charCodeAt(0) !== 93 /* ] */) return null;
    rest = rest.slice(1);
  }
  rest = rest.replace(/^\s+/, '');
  if (rfc5424) {
    const h = RFC5424_HEADER.exec(rest);
    if (h) rest = rest.slice(h[0].length).replace(/^\uFEFF/, '');
  } else {
    const h = (format === 'syslog' ? BSD_TAG : PID_TAG).exec(rest);
    if (h) rest = rest.slice(h[0].length);
  }

  const embedded = embeddedStructured(rest);
  if (embedded) {
    return { ...embedded, time: Number.isNaN(embedded.time) ? tp.time : embedded.time, format: `${format}+${embedded.format}` };
  }
  const h = scanHeader(rest);
  return { time: tp.time, level: h.level ?? priLevel ?? 'info', message: h.message, frames: h.frames, format };
}

function embeddedStructured(rest: string): ParsedLine | null {
  const c = rest.charCodeAt(0);
  if (c === 123 /* { */) return parseJsonText(rest, 'json');
  const sp = rest.indexOf(' ');
  const firstToken = sp < 0 ? rest : rest.slice(0, sp);
  if (/^[A-Za-z_@][\w.@-]*=/.test(firstToken)) return parseLogfmtLine(rest, 'logfmt');
  return null;
}

/** Finds a level word and a caller among the first tokens; the message is what follows them. */
function scanHeader(rest: string): { level?: LogLevel; message: string; frames: ParsedFrame[] } {
  const tokenRe = /\S+/g;
  let level: LogLevel | undefined;
  let levelIdx = -1;
  let caller: ParsedFrame | undefined;
  let msgStart = 0;
  for (let k = 0; k < 5; k++) {
    const m = tokenRe.exec(rest);
    if (!m) break;
    if (levelIdx >= 0 && k > levelIdx + 1) break;
    const tok = m[0];
    if (level === undefined) {
      const bare = tok.replace(DECORATION, '');
      const lw = levelFromWord(bare);
      // Lowercase words deep in the line are prose ("connection error"), not levels.
      if (lw && (bare === bare.toUpperCase() || bare !== tok || k === 0)) {
        level = lw;
        levelIdx = k;
        msgStart = m.index + tok.length;
        continue;
      }
    }
    if (!caller && (levelIdx < 0 ? k <= 1 : true)) {
      const loc = parseLocationToken(tok);
      if (loc) {
        caller = loc;
        msgStart = m.index + tok.length;
        continue;
      }
    }
  }
  let message = rest.slice(msgStart).replace(/^\s*(?:[-:|>]+\s+|[-:|>]+$)?/, '');
  const lb = caller ? null : LOGBACK_CALLER.exec(message);
  if (lb) {
    // Only a JVM logger name is a package path (`a.b.C` for `C.java`).
    const pkg = /\.(java|kt|scala|groovy)$/.test(lb[2]) && /^[a-zA-Z_$][\w$]*(\.[\w$]+)+$/.test(lb[1]) ? lb[1].split('.').slice(0, -1).join('.') : '';
    caller = { rawPath: lb[2], line: Number(lb[3]), ...(pkg ? { javaPackage: pkg } : {}) };
    message = message.slice(lb[0].length);
  }
  message = message.replace(SPRING, '').replace(LOGGER_PREFIX, '');
  return { level, message, frames: caller ? [caller] : [] };
}
