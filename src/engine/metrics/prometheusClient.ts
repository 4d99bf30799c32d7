import { EngineError } from '../errors';
import type { MetricSeries } from '../model';
import { checkHttpUrl, httpText, joinUrl, snippet } from '../incident/httpText';
import { parseJsonText } from '../incident/textInput';
import { prometheusError, seriesFromPrometheus } from './prometheusJson';

/** Prometheus refuses range queries of more than 11,000 points per series. */
export const MAX_POINTS = 11_000;
/** Without a step from the caller, aim for about this many points. */
export const DEFAULT_POINTS = 2_000;

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

export interface PrometheusRangeRequest {
  /** Base URL of the server, e.g. http://prometheus:9090 (a path prefix is kept). */
  url: string;
  /** Names series that have no `__name__` (e.g. the config's query name). */
  name: string;
  query: string;
  /** Epoch ms or Date. */
  start: number | Date;
  end: number | Date;
  /** Seconds; raised when it would give more than 11,000 points. */
  step?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Step in seconds: the caller's if it keeps ≤ 11,000 points, else a round value that does. */
export function chooseStep(rangeSeconds: number, requested?: number): number {
  const min = Math.max(rangeSeconds / (MAX_POINTS - 1), 0.001);
  if (requested !== undefined && Number.isFinite(requested) && requested > 0 && requested >= min) return requested;
  const want = requested !== undefined && requested > 0 ? min : Math.max(min, rangeSeconds / DEFAULT_POINTS, 1);
  const nice = NICE_STEPS.find((s) => s >= want);
  return nice ?? Math.ceil(want / 86400) * 86400;
}

const ms = (x: number | Date) => (x instanceof Date ? x.getTime() : x);

/** Runs a range query (`POST /api/v1/query_range`, form-encoded) and returns its series. */
export async function fetchPrometheusRange(req: PrometheusRangeRequest): Promise<MetricSeries[]> {
  const base = checkHttpUrl(req.url, 'Prometheus URL');
  const query = req.query.trim();
  if (!query) throw new EngineError('badInput', `the query for "${req.name}" is empty`, req.url);
  const start = ms(req.start);
  const end = ms(req.end);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    throw new EngineError('badInput', `the time range must have end after start (start=${start}, end=${end})`, req.url);
  }
  const step = chooseStep((end - start) / 1000, req.step);
  const url = joinUrl(base, '/api/v1/query_range');
  const form = new URLSearchParams({
    query,
    start: (start / 1000).toFixed(3),
    end: (end / 1000).toFixed(3),
    step: String(step),
  });
  const res = await httpText(url, {
    method: 'POST',
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    signal: req.signal,
    timeoutMs: req.timeoutMs ?? 30_000,
  });
  const where = `${url} (${req.name})`;
  let data: unknown;
  try {
    data = parseJsonText(res.text, where, 'Prometheus answer');
  } catch (e) {
    if (!res.ok) throw new EngineError('network', `Prometheus answered HTTP ${res.status}: ${snippet(res.text)}`, where);
    throw e;
  }
  const err = prometheusError(data);
  if (err) {
    // bad_data is our query or range; anything else (timeout, unavailable) is the server's state.
    const reason = err.errorType === 'bad_data' ? 'badInput' : 'network';
    throw new EngineError(reason, `Prometheus rejected the query ${JSON.stringify(query.slice(0, 200))}: ${err.error}`, where);
  }
  if (!res.ok) throw new EngineError('network', `Prometheus answered HTTP ${res.status}: ${snippet(res.text)}`, where);
  return seriesFromPrometheus(data, where, req.name).map((s) => ({ ...s, source: `${base.origin}${base.pathname.replace(/\/+$/, '')} ${query}` }));
}
