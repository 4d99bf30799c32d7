import { EngineError } from '../errors';
import { formatBytes } from './textInput';

/**
 * A small HTTP client over global fetch for the read-only calls the engine
 * makes (Alertmanager, Prometheus): http(s) only, a timeout, a body cap, and
 * errors that say which URL failed and why.
 */
export interface HttpRequest {
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  ok: boolean;
  text: string;
  contentType: string;
}

/** Parses and checks a base URL given by the user; only http and https are allowed. */
export function checkHttpUrl(raw: string, what: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new EngineError('badInput', `${what} "${raw.slice(0, 200)}" is not a valid URL`, raw);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new EngineError('badInput', `${what} must be an http:// or https:// URL, got ${u.protocol}`, raw);
  }
  return u;
}

/** Joins a base URL (which may carry a path prefix, e.g. /prometheus) and an API path. */
export function joinUrl(base: URL, apiPath: string): URL {
  const u = new URL(base.toString());
  u.pathname = u.pathname.replace(/\/+$/, '') + apiPath;
  u.search = '';
  u.hash = '';
  return u;
}

/** Snippet of a body for error messages; never a whole HTML page. */
export function snippet(text: string, max = 200): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max) + '…' : one;
}

export async function httpText(url: URL, req: HttpRequest = {}): Promise<HttpResponse> {
  const timeoutMs = req.timeoutMs ?? 15_000;
  const maxBytes = req.maxBytes ?? 50 * 1024 * 1024;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const where = url.toString();
  let res: Response;
  try {
    res = await fetch(url, { method: req.method ?? 'GET', body: req.body, headers: req.headers, signal, redirect: 'follow' });
  } catch (e) {
    throw fetchFailure(e, req.signal, timeout, timeoutMs, where);
  }
  try {
    const len = Number(res.headers.get('content-length') ?? NaN);
    if (len > maxBytes) throw new EngineError('network', `response is ${formatBytes(len)}, over the ${formatBytes(maxBytes)} limit`, where);
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (res.body) {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        total += chunk.length;
        if (total > maxBytes) throw new EngineError('network', `response is over the ${formatBytes(maxBytes)} limit`, where);
        chunks.push(chunk);
      }
    }
    const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks));
    return { status: res.status, ok: res.ok, text, contentType: res.headers.get('content-type') ?? '' };
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw fetchFailure(e, req.signal, timeout, timeoutMs, where);
  }
}

function fetchFailure(e: unknown, user: AbortSignal | undefined, timeout: AbortSignal, timeoutMs: number, where: string): EngineError {
  if (user?.aborted) return new EngineError('cancelled', 'the request was cancelled', where);
  if (timeout.aborted) return new EngineError('network', `no answer within ${Math.round(timeoutMs / 1000)} s (timed out)`, where);
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (e as Error).message;
  return new EngineError('network', `request failed: ${why}`, where);
}
