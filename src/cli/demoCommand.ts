import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../engine/analyze';
import { readAlertFile } from '../engine/incident/readAlertFile';
import { renderMarkdown } from '../engine/report/markdown';
import { writeReportFiles } from '../engine/report/writeReport';
import { buildDemo } from '../scenarios/demo/buildDemo';
import { EXIT, UsageError, type CliIo } from './io';
import { probabilityPercent } from '../engine/report/percent';

export const DEMO_USAGE = 'incident-forensics demo    [--dir DIR] [--quiet]';

/**
 * Builds the seed's three incidents as real repositories (with alerts, logs,
 * metrics, deploy tags), analyzes each with the same engine as `analyze`, and
 * prints the reports and a summary table. Exit 1 if a planted culprit is missed.
 */
export async function runDemoCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { dir: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nusage: ${DEMO_USAGE}`);
  }
  if (values.help) { io.stdout(DEMO_USAGE + '\n'); return EXIT.ok; }
  const dir = resolve(values.dir ?? mkdtempSync(join(tmpdir(), 'incident-forensics-demo-')));
  const t0 = Date.now();
  const incidents = await buildDemo(dir);
  const buildMs = Date.now() - t0;
  io.stdout(`Built ${incidents.length} demo incidents in ${dir} (${buildMs} ms)\n`);
  const rows: string[][] = [];
  let missed = 0;
  for (const inc of incidents) {
    const t = Date.now();
    const incident = await readAlertFile(inc.alertPath);
    const report = await analyze(
      { repoDir: inc.repoDir, incident, logs: inc.logPaths, metrics: inc.metricPaths, deploymentsFile: inc.deploymentsPath },
      { signal },
    );
    const ms = Date.now() - t;
    const written = await writeReportFiles(report, join(dir, 'reports'));
    const top = report.suspects[0];
    const named = report.rootCause?.commit ?? null;
    const hit = named === inc.expected.commit;
    if (!hit) missed++;
    if (!values.quiet) io.stdout(`\n${'='.repeat(79)}\n${report.transcript?.join('\n') ?? ''}\n\n${renderMarkdown(report)}\nReport written: ${written.md}\n`);
    rows.push([inc.name, named ? `${named.slice(0, 7)} ${top?.subject ?? ''}` : `none (top: ${top?.commit.slice(0, 7) ?? '-'})`,
      probabilityPercent(report.rootCause?.confidence ?? top?.confidence ?? 0), `${ms} ms`, hit ? 'yes' : `NO (planted ${inc.expected.commit.slice(0, 7)})`]);
  }
  io.stdout(`\n${table(['Incident', 'Named culprit', 'Confidence', 'Time', 'Planted culprit named'], rows)}\nTotal: ${Date.now() - t0} ms (build ${buildMs} ms)\n`);
  return missed ? EXIT.internal : EXIT.ok;
}

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join(' | ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('-|-'), ...rows.map(line)].join('\n') + '\n';
}
