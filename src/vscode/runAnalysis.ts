import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze } from '../engine/analyze';
import { STEPS, type AnalyzeRequest, type StepName } from '../engine/analyzeApi';
import type { ForensicsConfig } from '../engine/config/configSchema';
import { EngineError } from '../engine/errors';
import type { Incident } from '../engine/model';
import type { Report } from '../engine/report/reportSchema';
import { DEFAULT_OUT_DIR, writeReportFiles } from '../engine/report/writeReport';
import { pickIncident, type RunArgs } from './alertPicker';
import type { Log } from './log';
import { required } from './runCommand';
import { effectiveConfig, readExtensionSettings } from './settings';

const STEP_LABEL: Record<StepName, string> = {
  incident: 'Alert',
  git_history: 'Git history',
  semantic_analysis: 'Semantic analysis',
  log_correlation: 'Log correlation',
  metric_validation: 'Metric validation',
  ranking: 'Ranking',
  report: 'Report',
};

export interface RunResult {
  report: Report;
  repoDir: string;
  reportPath: string;
}

/** The folder to analyze: the one named, the only one, or the user's pick. */
export async function pickFolder(named?: string): Promise<vscode.WorkspaceFolder> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (named) {
    const f = folders.find((x) => path.resolve(x.uri.fsPath) === path.resolve(named));
    if (!f) throw new EngineError('outsideWorkspace', 'not a folder of this workspace', named);
    return f;
  }
  if (folders.length === 0) throw new EngineError('badInput', 'open the repository folder first (File → Open Folder)');
  if (folders.length === 1) return folders[0];
  return required(await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which repository?' }));
}

/** Log and metric inputs: the run's arguments, else the config, else ask (or run on git history alone). */
async function pickInputs(folder: vscode.WorkspaceFolder, config: ForensicsConfig, args: RunArgs): Promise<Pick<AnalyzeRequest, 'logs' | 'metrics'>> {
  const abs = (ps?: string[]) => ps?.map((p) => path.resolve(folder.uri.fsPath, p));
  if (args.logs || args.metrics) return { logs: abs(args.logs), metrics: abs(args.metrics) };
  if (config.logs?.length || config.metrics?.length || config.prometheus?.url) return {};
  const choice = required(
    await vscode.window.showQuickPick(
      [
        { label: '$(files) Choose log and metric files…', id: 'choose' },
        { label: '$(git-commit) Git history only', description: 'no logs or metrics', id: 'none' },
      ],
      { title: 'No logs or metrics are configured (settings or .forensics.json)', ignoreFocusOut: true },
    ),
  );
  if (choice.id === 'none') return {};
  const logs = await vscode.window.showOpenDialog({ defaultUri: folder.uri, canSelectMany: true, canSelectFolders: true, canSelectFiles: true, title: 'Log files or folders (cancel for none)' });
  const metrics = await vscode.window.showOpenDialog({ defaultUri: folder.uri, canSelectMany: true, filters: { 'Prometheus JSON or CSV': ['json', 'csv'] }, title: 'Metric files (cancel for none)' });
  return { logs: logs?.map((u) => u.fsPath), metrics: metrics?.map((u) => u.fsPath) };
}

/**
 * The Run Incident Forensics flow: folder → alert → inputs → analysis under a
 * cancellable progress notification naming each step → report files. A
 * cancelled run writes nothing (the report files are written only after the
 * analysis finished, each through a temp file and a rename).
 */
export async function runForensics(log: Log, args: RunArgs = {}): Promise<RunResult> {
  const folder = await pickFolder(args.folder);
  const repoDir = folder.uri.fsPath;
  const { config, problems } = await effectiveConfig(folder.uri);
  for (const p of problems) log.warn(`setting ignored: ${p}`);
  const settings = readExtensionSettings(folder.uri);
  const incident: Incident = await pickIncident(folder, config, args, settings.alertmanagerUrl);
  const inputs = await pickInputs(folder, config, args);

  log.info(`run: ${incident.id} (${incident.service}, ${incident.metric} at ${incident.alertTime}) in ${repoDir}`);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Incident Forensics', cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort());
      try {
        const report = await analyze(
          { repoDir, incident, config, ...inputs },
          {
            signal: ac.signal,
            onStep: (step, message) => {
              log.info(`step ${step}: ${message}`);
              progress.report({ message: `${STEP_LABEL[step]}: ${message}`, increment: 100 / STEPS.length });
            },
            onLine: (line) => log.info(line),
          },
        );
        if (ac.signal.aborted) throw new EngineError('cancelled', 'the analysis was cancelled');
        progress.report({ message: 'Report: writing files' });
        const written = await writeReportFiles(report, path.join(repoDir, DEFAULT_OUT_DIR));
        log.info(`report written: ${written.json} and ${path.basename(written.md)} (${report.durationMs} ms)`);
        return { report, repoDir, reportPath: written.json };
      } catch (e) {
        if (ac.signal.aborted) {
          log.info('run cancelled; no report was written');
          void vscode.window.showInformationMessage('Incident Forensics: cancelled; nothing was written.');
          throw new EngineError('cancelled', 'the analysis was cancelled');
        }
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}
