import type { Rng } from '../rng';
import type { LangId, LogFormat } from './types';

/** A resolved stack frame: a repository file at a deployed line, or an outside frame. */
export interface Frame {
  /** Service-relative path ('' for outside frames). */
  rel: string;
  line: number;
  func: string;
  /** The source line (Python prints it). */
  code?: string;
  ext?: string;
}

export interface LogRecord {
  t: number;
  level: 'info' | 'warn' | 'error';
  msg: string;
  frames: Frame[];
  stack: boolean;
  exception?: string;
  fields?: Record<string, string | number>;
}

export interface RenderCtx {
  lang: LangId;
  service: string;
  /** Go module path, Java package root. */
  module: string;
  prefix: string;
}

function callerOf(f: Frame, c: RenderCtx): string {
  if (!f.rel) return f.ext ?? '';
  if (c.lang === 'java') return `${f.rel.split('/').pop()}:${f.line}`;
  if (c.lang === 'python') return `${c.prefix}/${f.rel}:${f.line}`;
  return `${f.rel}:${f.line}`;
}

function javaClass(rel: string): string {
  return rel.replace(/^.*?src\/main\/java\//, '').replace(/\.java$/, '').replace(/\//g, '.');
}

/** The stack trace lines of a record, in the service language's own format. */
export function stackLines(rec: LogRecord, c: RenderCtx): string[] {
  const fr = rec.frames;
  switch (c.lang) {
    case 'go': {
      const out: string[] = [];
      if (rec.msg.startsWith('fatal error')) out.push('', `goroutine ${1000 + (rec.t % 900)} [running]:`);
      for (const f of fr) {
        if (!f.rel) { out.push(`${f.func}(...)`, `\t${f.ext} +0x${(f.line * 37 % 4096).toString(16)}`); continue; }
        const dir = f.rel.includes('/') ? f.rel.slice(0, f.rel.lastIndexOf('/')) : '';
        out.push(`${dir ? `${c.module}/${dir}` : 'main'}.${f.func}(...)`, `\t${c.prefix}/${f.rel}:${f.line} +0x${(f.line * 53 % 4096).toString(16)}`);
      }
      return out;
    }
    case 'java': {
      const ex = rec.exception ?? `java.lang.RuntimeException: ${rec.msg}`;
      return [ex, ...fr.map((f) => (f.rel ? `\tat ${javaClass(f.rel)}.${f.func}(${f.rel.split('/').pop()}:${f.line})` : `\tat ${f.func}(${f.ext})`)), '\tat java.base/java.lang.Thread.run(Thread.java:1583)'];
    }
    case 'python': {
      const out = ['Traceback (most recent call last):'];
      for (const f of [...fr].reverse()) {
        if (!f.rel) { out.push(`  File "${f.ext}", in ${f.func}`); continue; }
        out.push(`  File "${c.prefix}/${f.rel}", line ${f.line}, in ${f.func}`);
        if (f.code) out.push(`    ${f.code.trim()}`);
      }
      out.push(rec.exception ?? `RuntimeError: ${rec.msg}`);
      return out;
    }
    default: {
      const ex = rec.exception ?? 'Error';
      const head = ex.includes(':') ? ex : `${ex}: ${rec.msg}`;
      return [head, ...fr.map((f, i) => (f.rel ? `    at ${i > 0 ? 'async ' : ''}${f.func} (${c.prefix}/${f.rel}:${f.line}:${5 + (f.line % 17)})` : `    at ${f.func} (${f.ext})`))];
    }
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function isoZ(t: number): string {
  return new Date(t).toISOString();
}
function spaced(t: number, sep: ',' | '.'): string {
  return isoZ(t).replace('T', ' ').replace('Z', '').replace('.', sep);
}
function hms(t: number): string {
  const d = new Date(t);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Per-file choices, so one file is consistent with itself. */
export interface FileStyle {
  format: LogFormat;
  isoStyle: 'tz' | 'logback';
  tsKey: string;
  levelKey: string;
  msgKey: string;
  loc: 'caller' | 'source' | 'fileLine';
  stackKey: 'stack' | 'stacktrace' | 'error.stack';
  upperLevel: boolean;
}

export function pickStyle(r: Rng, format: LogFormat): FileStyle {
  return {
    format,
    isoStyle: r.chance(0.5) ? 'tz' : 'logback',
    tsKey: r.pick(['ts', 'time', 'timestamp', '@timestamp']),
    levelKey: r.pick(['level', 'severity', 'lvl']),
    msgKey: r.pick(['msg', 'message']),
    loc: r.pick(['caller', 'source', 'fileLine'] as const),
    stackKey: r.pick(['stack', 'stacktrace', 'error.stack'] as const),
    upperLevel: r.chance(0.3),
  };
}

function fieldsText(f?: Record<string, string | number>): string {
  return f ? ' ' + Object.entries(f).map(([k, v]) => `${k}=${v}`).join(' ') : '';
}

/** One record as text lines (the first line, then any stack trace lines). */
export function renderRecord(rec: LogRecord, c: RenderCtx, st: FileStyle, r: Rng): string[] {
  const format = st.format === 'mixed' ? (r.chance(0.6) ? 'json' : 'iso') : st.format;
  const caller = rec.frames.length ? callerOf(rec.frames[0], c) : '';
  const stack = rec.stack ? stackLines(rec, c) : [];
  const LEVEL = rec.level.toUpperCase();
  switch (format) {
    case 'seed':
      return [`[${hms(rec.t)}] ${LEVEL.padEnd(5)} ${caller} - ${rec.msg}${fieldsText(rec.fields)}`, ...stack];
    case 'iso': {
      if (st.isoStyle === 'logback' || st.format === 'mixed') {
        const logger = c.lang === 'java' && rec.frames[0]?.rel ? javaClass(rec.frames[0].rel) : `${c.service}.${(rec.frames[0]?.rel ?? 'app').split('/').pop()!.replace(/\.\w+$/, '')}`;
        return [`${spaced(rec.t, ',')} ${LEVEL.padEnd(5)} [worker-${rec.t % 8}] ${logger} (${caller}) - ${rec.msg}${fieldsText(rec.fields)}`, ...stack];
      }
      return [`${isoZ(rec.t)} ${LEVEL} [${c.service}] ${caller} ${rec.msg}${fieldsText(rec.fields)}`, ...stack];
    }
    case 'logfmt': {
      const q = (s: string) => (/[\s"=]/.test(s) ? JSON.stringify(s) : s);
      const extra = rec.fields ? ' ' + Object.entries(rec.fields).map(([k, v]) => `${k}=${q(String(v))}`).join(' ') : '';
      return [`time=${isoZ(rec.t)} level=${rec.level} msg=${q(rec.msg)} caller=${caller}${extra}`, ...stack];
    }
    default: {
      const o: Record<string, unknown> = {};
      o[st.tsKey] = isoZ(rec.t);
      o[st.levelKey] = st.upperLevel ? LEVEL : rec.level;
      o[st.msgKey] = rec.msg;
      if (caller) {
        if (st.loc === 'fileLine') {
          const i = caller.lastIndexOf(':');
          o.file = caller.slice(0, i);
          o.line = Number(caller.slice(i + 1));
        } else o[st.loc] = caller;
      }
      o.service = c.service;
      Object.assign(o, rec.fields ?? {});
      if (stack.length) {
        const text = stack.join('\n');
        if (st.stackKey === 'error.stack') o.error = { message: rec.exception ?? rec.msg, stack: text };
        else o[st.stackKey] = text;
      }
      return [JSON.stringify(o)];
    }
  }
}
