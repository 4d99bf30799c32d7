import type { ForensicsConfig } from '../config/configSchema';
import { confinedPath } from '../config/confinedPath';
import { aggregateByName } from '../metrics/aggregateSeries';
import { fetchPrometheusRange } from '../metrics/prometheusClient';
import { readMetricsFile } from '../metrics/readMetricsFile';
import { loadSurge, type LoadSurge } from '../metrics/loadSurge';
import { changePointNearDeploy, validateMetrics } from '../metrics/validateMetrics';
import type { Deployment, Incident, MetricSeries } from '../model';
import type { MetricReport } from '../report/reportSchema';

export interface MetricEvidence {
  reports: MetricReport[];
  problems: string[];
  /** 0..1: how strongly the metrics put a shift at time `deployMs`. */
  supportAt(deployMs: number): number;
  /** A request-rate series that rose before the alert: load, not a change, may explain it. */
  surge?: LoadSurge;
}

export interface MetricStepInput {
  repoDir: string;
  /** Files or query_range URLs given by the user. */
  metrics: string[];
  fromConfig: boolean;
  prometheusUrl?: string;
  config: ForensicsConfig;
  incident: Incident;
  lookbackMs: number;
  signal?: AbortSignal;
}

export async function metricStep(input: MetricStepInput, deployments: Deployment[]): Promise<MetricEvidence | undefined> {
  const series: MetricSeries[] = [];
  const problems: string[] = [];
  const alertMs = Date.parse(input.incident.alertTime);
  for (const m of input.metrics) {
    try {
      if (/^https?:\/\//i.test(m)) {
        const u = new URL(m);
        const query = u.searchParams.get('query');
        if (!query) throw new Error('a metrics URL needs a query= parameter');
        // The URL's own start/end win; otherwise the look-back window up to the alert.
        const when = (k: string, dflt: number) => { const v = u.searchParams.get(k); return v === null ? dflt : /^\d+(\.\d+)?$/.test(v) ? +v * 1000 : Date.parse(v); };
        const start = when('start', alertMs - input.lookbackMs);
        const end = when('end', alertMs);
        if (!Number.isFinite(start) || !Number.isFinite(end)) throw new Error('start/end in the URL are not times');
        series.push(...(await fetchPrometheusRange({ url: u.origin + u.pathname.replace(/\/api\/v1\/query_range\/?$/, ''), name: query, query, start, end, signal: input.signal })));
      } else {
        const path = input.fromConfig ? confinedPath(input.repoDir, m, '.forensics.json metrics') : m;
        series.push(...(await readMetricsFile(path)));
      }
    } catch (e) {
      problems.push(`${m}: ${(e as Error).message}`);
    }
  }
  const url = input.prometheusUrl ?? input.config.prometheus?.url;
  if (url) {
    // Around the incident: from two deploys back (or a day) to the alert.
    const start = Math.min(alertMs - 86_400_000, ...deployments.slice(-2).map((d) => Date.parse(d.time) - 6 * 3_600_000));
    for (const [name, query] of Object.entries(input.config.prometheus?.queries ?? {})) {
      try {
        series.push(...(await fetchPrometheusRange({ url, name, query, start, end: alertMs, signal: input.signal })));
      } catch (e) {
        problems.push(`prometheus ${name}: ${(e as Error).message}`);
      }
    }
  }
  if (!series.length) return problems.length ? { reports: [], problems, supportAt: () => 0 } : undefined;
  const deployMs = deployments.map((d) => Date.parse(d.time));
  const folded = aggregateByName(series);
  const reports = validateMetrics(folded, deployMs, alertMs);
  return {
    reports,
    problems,
    surge: loadSurge(folded, alertMs),
    supportAt: (t) => Math.max(0, ...reports.map((r) => changePointNearDeploy(r, t, 30))),
  };
}
