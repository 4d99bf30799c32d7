import type { LogLevel } from '../model';
import { frameFromFields, parseLocationToken } from './callerLocation';
import { levelFromValue } from './levels';
import type { ParsedFrame, ParsedLine } from './logTypes';
import { parseStackText } from './stackCollector';
import { timeFromValue } from './timestamps';

/** Reads one field by name; dotted names may be literal keys or nested paths. */
export type FieldGetter = (key: string) => unknown;

const TIME_KEYS = ['ts', 'time', 'timestamp', '@timestamp', 't', 'datetime', '@t', 'eventTime', 'asctime'];
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'log.level', 'levelname', 'loglevel', '@l', 'level_name'];
const MESSAGE_KEYS = ['msg', 'message', '@message', '@m', '@mt', 'event', 'text'];
const ERROR_KEYS = ['error', 'err', 'error.message', 'err.message', 'exception'];
const STACK_KEYS = [
  'stack', 'stacktrace', 'stack_trace', 'error.stack', 'err.stack', 'error.stack_trace',
  'exception.stacktrace', 'exc_info', 'exception', 'errorVerbose', 'error.stacktrace',
];

function firstDefined(get: FieldGetter, keys: string[]): unknown {
  for (const k of keys) {
    const v = get(k);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function callerFrame(get: FieldGetter): ParsedFrame | undefined {
  for (const key of ['caller', 'source', 'src', 'logger.caller']) {
    const v = get(key);
    if (typeof v === 'string') {
      const f = parseLocationToken(v.trim());
      if (f) return f;
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const f = frameFromFields(o.file ?? o.filename ?? o.path, o.line ?? o.lineno, o.function ?? o.func ?? o.method);
      if (f) return f;
    }
  }
  return (
    frameFromFields(get('log.origin.file.name'), get('log.origin.file.line'), get('log.origin.function')) ??
    frameFromFields(get('file'), get('line'), get('func') ?? get('function')) ??
    frameFromFields(get('pathname') ?? get('filename'), get('lineno'), get('funcName'))
  );
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Builds a ParsedLine from structured fields; undefined when it has neither a level nor a message. */
export function fromFields(get: FieldGetter, format: string): ParsedLine | undefined {
  const levelRaw = firstDefined(get, LEVEL_KEYS);
  let level: LogLevel | undefined = levelFromValue(levelRaw);
  const msgRaw = text(firstDefined(get, MESSAGE_KEYS));
  const errRaw = text(firstDefined(get, ERROR_KEYS));
  if (level === undefined && msgRaw === undefined) return undefined;

  const frames: ParsedFrame[] = [];
  const caller = callerFrame(get);
  if (caller) frames.push(caller);
  for (const k of STACK_KEYS) {
    const s = get(k);
    if (typeof s === 'string' && s.includes('\n')) {
      frames.push(...parseStackText(s).frames);
      break;
    }
  }
  if (level === undefined) level = frames.length > (caller ? 1 : 0) || errRaw !== undefined ? 'error' : 'info';
  const firstErrLine = errRaw?.split('\n', 1)[0];
  return {
    time: timeFromValue(firstDefined(get, TIME_KEYS)),
    level,
    message: msgRaw ?? firstErrLine ?? '',
    frames,
    format,
  };
}
