import { open } from 'node:fs/promises';
import { EngineError } from '../errors';

/**
 * Reading untrusted input files (alerts, metrics): a size cap, a binary check
 * and JSON parsing whose errors say where the text broke. Shared by the
 * incident and metrics readers.
 */

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Reads a whole file as UTF-8 after checking its size and that it is text. */
export async function readTextFile(path: string, maxBytes: number, what: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message);
    throw new EngineError('badInput', `cannot read ${what}: ${why}`, path);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new EngineError('badInput', `cannot read ${what}: is a directory`, path);
    // /dev/zero, FIFOs and sockets report size 0 and never end.
    if (!st.isFile()) throw new EngineError('badInput', `cannot read ${what}: not a regular file`, path);
    if (st.size > maxBytes) {
      throw new EngineError(
        'badInput',
        `${what} is ${formatBytes(st.size)}, larger than the ${formatBytes(maxBytes)} limit`,
        path,
      );
    }
    const buf = await handle.readFile();
    if (buf.length > maxBytes) {
      throw new EngineError('badInput', `${what} is larger than the ${formatBytes(maxBytes)} limit`, path);
    }
    return decodeText(buf, path, what);
  } finally {
    await handle.close();
  }
}

/** Strict UTF-8 decoding; NUL bytes or invalid UTF-8 mean the file is not text. */
export function decodeText(buf: Uint8Array, where: string, what: string): string {
  const probe = buf.subarray(0, 64 * 1024);
  if (probe.includes(0)) throw new EngineError('badInput', `${what} looks binary (contains NUL bytes), expected text`, where);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new EngineError('badInput', `${what} is not valid UTF-8 text (binary data?)`, where);
  }
  return stripBom(text);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** For text handed over already decoded: reject obvious binary junk. */
export function assertLooksLikeText(text: string, where: string, what: string): void {
  const probe = text.slice(0, 64 * 1024);
  if (probe.includes('\u0000')) throw new EngineError('badInput', `${what} looks binary (contains NUL characters), expected text`, where);
  let bad = 0;
  for (let i = 0; i < probe.length; i++) {
    const c = probe.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  if (probe.length > 0 && bad / probe.length > 0.05) {
    throw new EngineError('badInput', `${what} looks binary (${bad} control or replacement characters), expected text`, where);
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** JSON.parse with an error naming the file, line, column and whether the text was cut short. */
export function parseJsonText(text: string, where: string, what: string): unknown {
  const body = stripBom(text);
  if (body.trim() === '') throw new EngineError('badInput', `${what} is empty`, where);
  try {
    return JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /at position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : body.length;
    const truncated = /end of JSON input/i.test(msg) || pos >= body.trimEnd().length;
    const { line, column } = lineColumn(body, pos);
    const reason = msg.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '');
    throw new EngineError(
      'badInput',
      `${what} is not valid JSON at line ${line}, column ${column} (offset ${pos}): ${reason}` +
        (truncated ? ' — the JSON ends early, the file looks truncated' : ''),
      where,
    );
  }
}
