import { execFile } from 'node:child_process';
import { reportSchema, type Report } from '../../src/engine/report/reportSchema';
import type { GeneratedIncident } from '../../src/scenarios/synthetic/types';

export interface ToolRun {
  report?: Report;
  ms: number;
  exitCode: number;
  error?: string;
}

/** The CLI's arguments for one incident (interface.md §2). */
export function cliArgs(inc: GeneratedIncident): string[] {
  const args = ['analyze', '--repo', inc.repoDir, '--alert', inc.alertPath];
  for (const l of inc.logPaths) args.push('--logs', l);
  for (const m of inc.metricPaths) args.push('--metrics', m);
  if (inc.deploymentsPath) args.push('--deployments', inc.deploymentsPath);
  args.push('--format', 'json');
  return args;
}

/** Runs `node dist/cli.js analyze … --format json` as a subprocess and validates its one JSON document. */
export function runTool(cli: string, inc: GeneratedIncident, timeoutMs = 180_000): Promise<ToolRun> {
  const t0 = process.hrtime.bigint();
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...cliArgs(inc)], { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const exitCode = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      if (exitCode !== 0) return done({ ms, exitCode, error: `exit ${exitCode}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch (e) {
        return done({ ms, exitCode, error: `stdout is not one JSON document: ${(e as Error).message}` });
      }
      const parsed = reportSchema.safeParse(json);
      if (!parsed.success) return done({ ms, exitCode, error: `report does not match the schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
      done({ ms, exitCode, report: parsed.data });
    });
  });
}

/** Runs many incidents with a bounded number at once. */
export async function runAll<T, R>(items: T[], jobs: number, fn: (item: T, i: number) => Promise<R>, onDone?: (n: number) => void): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
      onDone?.(++finished);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return out;
}
