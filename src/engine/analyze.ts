import type { AnalyzeOptions, AnalyzeRequest, StepName } from './analyzeApi';
import { loadConfig } from './config/loadConfig';
import { throwIfAborted } from './errors';
import { gitStep } from './pipeline/gitStep';
import { frameStep } from './pipeline/frameStep';
import { logStep } from './pipeline/logStep';
import { metricStep } from './pipeline/metricStep';
import { semanticStep } from './pipeline/semanticStep';
import { rankCommits } from './ranking/rank';
import { buildReport } from './report/buildReport';
import type { Report } from './report/reportSchema';
import { Transcript } from './report/transcript';

const DEFAULT_LOOKBACK_DAYS = 7;

/**
 * The whole pipeline on one repository: git history → semantic analysis →
 * log correlation → metric validation → ranking → report. Reads only: no ref,
 * index or working-tree change. Cancellable between (and inside) steps.
 */
export async function analyze(req: AnalyzeRequest, opts: AnalyzeOptions = {}): Promise<Report> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const tx = new Transcript(opts.onLine);
  const { signal } = opts;
  const step = async <T>(name: StepName, message: string, fn: () => Promise<T>): Promise<T> => {
    throwIfAborted(signal);
    opts.onStep?.(name, message);
    const s = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = Date.now() - s;
    }
  };

  const incident = req.incident;
  const config = req.config ?? (await loadConfig(req.repoDir, req.configFile));
  const lookbackDays = req.lookbackDays ?? config.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;

  const git = await step('git_history', `Analyzing git history for ${incident.service}`, () =>
    gitStep({ repoDir: req.repoDir, ref: req.ref, incident, config, lookbackDays, deploymentsFile: req.deploymentsFile, signal }),
  );
  tx.gitHistory(incident, git, lookbackDays);

  const sem = await step('semantic_analysis', 'Running semantic analysis of the suspect diffs', () => semanticStep(git));
  tx.semantics(git, sem);

  const logInputs = req.logs?.length ? req.logs : config.logs ?? [];
  const { logs, frames } = await step('log_correlation', 'Correlating error logs with changed lines', async () => {
    const logs = await logStep({ repoDir: req.repoDir, logs: logInputs, fromConfig: !req.logs?.length, incident, signal }, git);
    return { logs, frames: await frameStep(git, logs) };
  });
  tx.logs(logs);

  const metricInputs = req.metrics?.length ? req.metrics : config.metrics ?? [];
  const metrics = await step('metric_validation', 'Validating with metrics around the deployments', () =>
    metricStep({ repoDir: req.repoDir, metrics: metricInputs, fromConfig: !req.metrics?.length, prometheusUrl: req.prometheusUrl, config, incident, lookbackMs: lookbackDays * 86_400_000, signal }, git.deployments),
  );
  tx.metrics(metrics);

  const ranking = await step('ranking', 'Ranking suspects', async () => rankCommits(incident, git, sem, { logs, metrics, frames }));
  opts.onRanking?.(ranking);
  tx.ranking(ranking);

  return step('report', 'Writing the incident report', async () => {
    const report = buildReport({ incident, git, ranking, logs, metrics, timings, durationMs: Date.now() - t0, transcript: tx.lines });
    report.timings = { ...timings };
    report.durationMs = Date.now() - t0;
    tx.verdict(report);
    report.transcript = tx.lines;
    return report;
  });
}
