import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryAt, strength, type MemoryTrace } from './dynamics';
import { HOUR, MIN, type Plan } from './plan';
import { Rng } from '../rng';

export interface Series {
  name: string;
  points: [number, number][];
}

export interface MetricSet {
  alertMetric: string;
  series: Series[];
  threshold: number;
  actual: number;
  unit: string;
}

/** The alert's metric name per class. */
export function alertMetricName(plan: Plan): string {
  if (plan.cls === 'latency' || plan.kind === 'traffic-spike') return 'http_request_duration_p95';
  if (plan.cls === 'errors' || plan.kind === 'upstream-outage') return 'http_error_rate';
  if (plan.cls === 'data-integrity') return 'record_checksum_failures';
  return 'memory_usage_percent';
}

const diurnal = (t: number) => Math.sin(((t / HOUR) % 24) / 24 * 2 * Math.PI - Math.PI / 2);

/** Builds the service's metric series over [start, end]; they shift where the logs say they should. */
export function buildMetrics(plan: Plan, start: number, end: number, mem: MemoryTrace): MetricSet {
  const r = new Rng(plan.seed).fork('metrics');
  const span = end - start;
  const step = span <= 18 * HOUR ? MIN : span <= 40 * HOUR ? 2 * MIN : 5 * MIN;
  const times: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) times.push(t);
  if (times[times.length - 1] !== end) times.push(end);
  const blip = (t: number) => plan.deploys.some((d) => t >= d && t < d + 3 * MIN);
  const spike = plan.kind === 'traffic-spike';
  const s = (t: number) => (spike || plan.kind === 'upstream-outage' ? (t >= plan.onset ? 1 - Math.exp(-(t - plan.onset) / (3 * MIN)) : 0) : strength(plan, t));
  const noise = (sd: number) => r.normal() * sd;

  const rpsBase = r.float(150, 1500);
  const rpsGain = spike ? r.float(2.5, 4) : 1;
  const rps = times.map((t): [number, number] => [t, Math.max(1, rpsBase * (1 + 0.25 * diurnal(t)) * (1 + (rpsGain - 1) * s(t)) * (1 + noise(0.04)))]);

  const metric = alertMetricName(plan);
  let main: [number, number][];
  let threshold: number;
  let unit: string;
  if (metric === 'http_request_duration_p95') {
    const base = r.float(80, 220);
    const gain = spike ? r.float(1.8, 3) : r.float(2, 4);
    main = times.map((t) => [t, base * (1 + 0.1 * diurnal(t)) * (1 + (gain - 1) * s(t)) * (blip(t) ? 1.5 : 1) * (1 + noise(0.06))]);
    threshold = Math.round(base * r.float(1.5, 1.8) / 10) * 10;
    unit = 'ms';
  } else if (metric === 'http_error_rate') {
    const base = r.float(0.2, 0.8);
    const add = r.float(5, 20);
    main = times.map((t) => [t, Math.max(0, base + add * s(t) + (blip(t) ? 1 : 0) + noise(0.1))]);
    threshold = r.pick([2, 3, 5]);
    unit = 'percent';
  } else if (metric === 'record_checksum_failures') {
    const rate = r.float(1, 4);
    main = times.map((t) => [t, poisson(r, 0.02 + rate * s(t))]);
    threshold = 1;
    unit = 'count';
  } else {
    main = times.map((t) => [t, Math.min(100, 100 * memoryAt(mem, t) + noise(0.8))]);
    threshold = 90;
    unit = 'percent';
  }
  const series: Series[] = [{ name: metric, points: main }, { name: 'http_requests_per_second', points: rps }];
  if (metric === 'http_request_duration_p95') {
    const pool = r.float(8, 20);
    const poolish = spike || ['dup-call', 'config-value', 'n-plus-one', 'where-clause'].includes(plan.kind);
    series.push({ name: 'db_connection_pool_active', points: times.map((t) => [t, Math.max(0, pool * (1 + (poolish ? 3 : 0.2) * s(t)) + noise(1.5))]) });
  }
  if (r.chance(0.5)) {
    // A harmless shift at an earlier deploy, so not every change point is the cause.
    const earlier = plan.deploys.filter((d) => d > start && d < plan.deploys[plan.culpritDeploy]);
    const at = earlier.length ? r.pick(earlier) : start + span / 4;
    const cpu = r.float(20, 40);
    series.push({ name: 'cpu_usage_percent', points: times.map((t) => [t, cpu + (t >= at ? r.float(6, 6.5) : 0) + noise(1.5)]) });
  }
  for (const sr of series) for (const p of sr.points) p[1] = Math.round(p[1] * 1000) / 1000;
  const actual = Math.max(main[main.length - 1][1], threshold * 1.05);
  main[main.length - 1][1] = Math.round(actual * 1000) / 1000;
  return { alertMetric: metric, series, threshold, actual: main[main.length - 1][1], unit };
}

function poisson(r: Rng, lambda: number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = r.next();
  while (u > s && k < 50) { k++; p *= lambda / k; s += p; }
  return k;
}

/** Writes Prometheus query_range JSON files (and CSV twins for some); returns the paths. */
export function writeMetrics(dir: string, m: MetricSet, service: string, csv: boolean): string[] {
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  m.series.forEach((s, i) => {
    if (csv && i === 0) {
      const p = join(dir, `${s.name}.csv`);
      const iso = s.points.length % 2 === 0;
      writeFileSync(p, 'timestamp,value\n' + s.points.map(([t, v]) => `${iso ? new Date(t).toISOString() : Math.floor(t / 1000)},${v}`).join('\n') + '\n');
      out.push(p);
      return;
    }
    const p = join(dir, `${s.name}.json`);
    const body = { status: 'success', data: { resultType: 'matrix', result: [{ metric: { __name__: s.name, service, job: service, instance: `${service}:9090` }, values: s.points.map(([t, v]) => [t / 1000, String(v)]) }] } };
    writeFileSync(p, JSON.stringify(body));
    out.push(p);
  });
  return out;
}
