import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { EngineError } from '../errors';

export interface ReadOptions {
  signal?: AbortSignal;
  /** Longer lines are cut to this many bytes before parsing (and counted). */
  maxLineBytes?: number;
}

export interface ReadResult {
  lines: number;
  longLines: number;
  /** Set when the file was skipped or reading stopped early; lines before it were delivered. */
  problem?: string;
}

const SNIFF_BYTES = 8192;
const DEFAULT_MAX_LINE = 64 * 1024;

/**
 * Streams a text file line by line without holding more than one (capped)
 * line in memory. Handles CRLF, a UTF-8 BOM and gzip; refuses binary and
 * UTF-16 content with a note. Only cancellation throws.
 */
export async function readLines(
  file: string,
  onLine: (line: string, lineNo: number) => void,
  opts: ReadOptions = {},
): Promise<ReadResult> {
  const maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE;
  const result: ReadResult = { lines: 0, longLines: 0 };
  let stream: Readable | undefined;
  try {
    const st = await stat(file);
    if (!st.isFile()) return { ...result, problem: `${file}: not a regular file, skipped` };
    const gz = file.endsWith('.gz') || (await startsWithGzipMagic(file));
    const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
    stream = gz ? raw.pipe(createGunzip()) : raw;
    if (gz) raw.on('error', (e) => stream?.destroy(e));

    let carry: Buffer[] = [];
    let carryLen = 0;
    let truncated = false;
    let first = true;
    const deliver = (buf: Buffer, start: number, end: number): void => {
      let line: string;
      if (carryLen === 0) {
        let e = end;
        if (e - start > maxLine) {
          e = start + maxLine;
          truncated = true;
        }
        if (!truncated && e > start && buf[e - 1] === 13) e--;
        line = buf.toString('utf8', start, e);
      } else {
        const room = maxLine - carryLen;
        if (room > 0) {
          const take = Math.min(room, end - start);
          if (take < end - start) truncated = true;
          carry.push(buf.subarray(start, start + take));
        }
        let whole = Buffer.concat(carry);
        if (!truncated && whole.length > 0 && whole[whole.length - 1] === 13) whole = whole.subarray(0, whole.length - 1);
        line = whole.toString('utf8');
        carry = [];
        carryLen = 0;
      }
      if (truncated) result.longLines++;
      truncated = false;
      result.lines++;
      onLine(line, result.lines);
    };

    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw new EngineError('cancelled', 'the analysis was cancelled');
      let buf = chunk;
      if (first) {
        first = false;
        const refusal = sniff(buf);
        if (refusal) return { ...result, problem: `${file}: ${refusal}, skipped` };
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      }
      let pos = 0;
      for (;;) {
        const nl = buf.indexOf(10, pos);
        if (nl < 0) {
          const room = maxLine - carryLen;
          if (room > 0 && pos < buf.length) {
            const part = buf.subarray(pos, pos + Math.min(room, buf.length - pos));
            carry.push(Buffer.from(part)); // copy: the stream may reuse its chunk
            carryLen += part.length;
          }
          if (buf.length - pos > room) truncated = true;
          break;
        }
        deliver(buf, pos, nl);
        pos = nl + 1;
      }
    }
    if (carryLen > 0 || truncated) deliver(Buffer.alloc(0), 0, 0);
    return result;
  } catch (e) {
    if (EngineError.is(e, 'cancelled')) throw e;
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR' ? `corrupt gzip data (${err.message})` : err.message;
    return { ...result, problem: `${file}: ${why}${result.lines ? ` (after line ${result.lines})` : ''}` };
  } finally {
    stream?.destroy();
  }
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Why the content is not line-oriented text, or undefined when it is. */
function sniff(buf: Buffer): string | undefined {
  const head = buf.subarray(0, SNIFF_BYTES);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return 'UTF-16 text (convert it to UTF-8)';
  }
  if (head.includes(0)) return 'binary content (NUL bytes)';
  // Cut at a line end so a multi-byte character split by the sniff window is not miscounted.
  const cut = head.lastIndexOf(10);
  const text = head.subarray(0, cut > 0 ? cut : head.length).toString('utf8');
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad > 16 && bad > text.length * 0.05 ? 'binary content (mostly invalid UTF-8)' : undefined;
}
