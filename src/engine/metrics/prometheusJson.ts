import { z } from 'zod';
import { EngineError } from '../errors';
import type { MetricPoint, MetricSeries } from '../model';
import { describeIssue } from '../incident/zodIssue';
import { nameSeries } from './seriesName';

/** Prometheus HTTP API answers (`/api/v1/query_range`, also `/api/v1/query`). */
const sampleSchema = z.tuple([z.number().finite(), z.string()]);
const labelsSchema = z.record(z.string());

const dataSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('matrix'),
    // `values` is absent for series holding only native histograms; those are not read.
    result: z.array(z.object({ metric: labelsSchema, values: z.array(sampleSchema).optional() }).passthrough()),
  }),
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: labelsSchema, value: sampleSchema.optional() }).passthrough()),
  }),
  z.object({ resultType: z.literal('scalar'), result: sampleSchema }),
]);

const successSchema = z.object({ status: z.literal('success'), data: dataSchema, warnings: z.array(z.string()).optional() }).passthrough();

const errorSchema = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string().optional() }).passthrough();

export type PrometheusData = z.infer<typeof dataSchema>;

/** The `status:"error"` answer, if that is what `data` is. */
export function prometheusError(data: unknown): { errorType?: string; error: string } | undefined {
  const r = errorSchema.safeParse(data);
  return r.success ? { errorType: r.data.errorType, error: r.data.error ?? 'unknown error' } : undefined;
}

/** Prometheus writes NaN and ±Inf as strings; those points carry no level and are dropped. */
function toPoint([ts, v]: [number, string]): MetricPoint | undefined {
  const n = Number(v);
  return Number.isFinite(n) ? { t: Math.round(ts * 1000), v: n } : undefined;
}

function points(samples: [number, string][] | undefined): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (const s of samples ?? []) {
    const p = toPoint(s);
    if (p) out.push(p);
  }
  return out.sort((a, b) => a.t - b.t);
}

/**
 * Series from a parsed Prometheus answer. Also accepts the bare `data` object
 * (`{resultType, result}`), which people save from the API by hand.
 * `fallbackName` names series without `__name__` (file base name, or the query's name).
 */
export function seriesFromPrometheus(data: unknown, source: string, fallbackName: string): MetricSeries[] {
  const err = prometheusError(data);
  if (err) {
    throw new EngineError('badInput', `Prometheus answered with an error${err.errorType ? ` (${err.errorType})` : ''}: ${err.error}`, source);
  }
  const bare = typeof data === 'object' && data !== null && 'resultType' in data;
  const r = bare ? dataSchema.safeParse(data) : successSchema.safeParse(data);
  if (!r.success) {
    throw new EngineError(
      'badInput',
      `not a Prometheus query_range answer: ${describeIssue(r.error.issues[0]!, data)}`,
      source,
    );
  }
  const d: PrometheusData = 'data' in r.data ? r.data.data : (r.data as PrometheusData);
  const rows: { labels: Record<string, string>; pts: MetricPoint[] }[] =
    d.resultType === 'matrix'
      ? d.result.map((s) => ({ labels: s.metric, pts: points(s.values) }))
      : d.resultType === 'vector'
        ? d.result.map((s) => ({ labels: s.metric, pts: points(s.value ? [s.value] : []) }))
        : [{ labels: {}, pts: points([d.result]) }];
  const names = nameSeries(rows.map((x) => x.labels), fallbackName);
  return rows.map((x, i) => ({ name: names[i]!, labels: { ...x.labels }, points: x.pts, source }));
}
