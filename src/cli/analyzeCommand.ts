import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../engine/analyze';
import { incidentFromFlags } from '../engine/incident/incidentFromFlags';
import { readAlertFile } from '../engine/incident/readAlertFile';
import type { Incident } from '../engine/model';
import { renderMarkdown } from '../engine/report/markdown';
import { writeReportFiles } from '../engine/report/writeReport';
import { EXIT, UsageError, type CliIo } from './io';

export const ANALYZE_USAGE = `incident-forensics analyze [--repo DIR] (--alert FILE | --service S --metric M --at T)
    [--logs P]... [--metrics P]... [--prometheus URL] [--deployments FILE]
    [--lookback 7d] [--config FILE] [--out DIR] [--format text|json|markdown] [--ref REF]`;

/** `--lookback 7d` / `36h` / `2w` / a plain number of days. */
export function parseLookback(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([hdw]?)$/i.exec(s.trim());
  if (!m || +m[1] <= 0) throw new UsageError(`--lookback "${s}": expected a duration like 7d, 36h or 2w`);
  const n = +m[1];
  return ({ h: n / 24, d: n, w: n * 7, '': n } as Record<string, number>)[m[2].toLowerCase()];
}

export async function runAnalyzeCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        repo: { type: 'string' }, alert: { type: 'string' }, service: { type: 'string' }, metric: { type: 'string' }, at: { type: 'string' },
        logs: { type: 'string', multiple: true }, metrics: { type: 'string', multiple: true }, prometheus: { type: 'string' },
        deployments: { type: 'string' }, lookback: { type: 'string' }, config: { type: 'string' }, out: { type: 'string' },
        format: { type: 'string' }, ref: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nusage: ${ANALYZE_USAGE}`);
  }
  if (values.help) { io.stdout(ANALYZE_USAGE + '\n'); return EXIT.ok; }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format must be text, json or markdown, not "${format}"`);
  let incident: Incident;
  if (values.alert) {
    if (values.service || values.metric || values.at) throw new UsageError('give either --alert or --service/--metric/--at, not both');
    incident = await readAlertFile(resolve(values.alert));
  } else if (values.service || values.metric || values.at) {
    if (!values.service || !values.metric || !values.at) throw new UsageError('--service, --metric and --at go together');
    incident = incidentFromFlags({ service: values.service, metric: values.metric, at: values.at });
  } else {
    throw new UsageError(`an alert is needed: --alert FILE or --service S --metric M --at T\nusage: ${ANALYZE_USAGE}`);
  }
  const repoDir = resolve(values.repo ?? '.');
  const report = await analyze(
    {
      repoDir, incident, ref: values.ref,
      logs: values.logs?.map((p) => resolve(p)),
      metrics: values.metrics?.map((p) => (/^https?:/i.test(p) ? p : resolve(p))),
      prometheusUrl: values.prometheus,
      deploymentsFile: values.deployments ? resolve(values.deployments) : undefined,
      lookbackDays: values.lookback ? parseLookback(values.lookback) : undefined,
      configFile: values.config ? resolve(values.config) : undefined,
    },
    { signal, onLine: format === 'text' ? (l) => io.stdout(l + '\n') : undefined },
  );
  if (format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
  else io.stdout((format === 'text' ? '\n' : '') + renderMarkdown(report));
  if (values.out) {
    const written = await writeReportFiles(report, resolve(values.out));
    if (format !== 'json') io.stdout(`\nReport written: ${written.md}\n                ${written.json}\n`);
  }
  return EXIT.ok;
}
