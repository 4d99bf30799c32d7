import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ForensicsConfig } from '../engine/config/configSchema';
import { EngineError } from '../engine/errors';
import { fetchAlertmanagerAlerts } from '../engine/incident/fetchAlertmanagerAlerts';
import { incidentFromFlags } from '../engine/incident/incidentFromFlags';
import { listFiringAlerts } from '../engine/incident/parseAlert';
import { readFiringAlerts } from '../engine/incident/readAlertFile';
import type { Incident } from '../engine/model';
import { required } from './runCommand';

/** Arguments `incidentForensics.run` accepts when invoked programmatically (tests, keybindings, tasks). */
export interface RunArgs {
  /** Alert file, absolute or relative to the folder; skips the alert prompt. */
  alertPath?: string;
  /** Or build the incident from these three, like the CLI's flags. */
  service?: string;
  metric?: string;
  at?: string;
  /** Log and metric files for this run (absolute or folder-relative), instead of the configured ones. */
  logs?: string[];
  metrics?: string[];
  /** The workspace folder (path) to analyze when several are open. */
  folder?: string;
  /** Do not open the report panel afterwards. */
  noPanel?: boolean;
}

type SourceItem = vscode.QuickPickItem & { run: () => Promise<Incident> };

/** Chooses the incident: an alert file (`.forensics/*.json` first), pasted JSON, a live Alertmanager, or typed fields. */
export async function pickIncident(folder: vscode.WorkspaceFolder, config: ForensicsConfig, args: RunArgs, alertmanagerUrl?: string): Promise<Incident> {
  if (args.alertPath) return fromFile(path.resolve(folder.uri.fsPath, args.alertPath));
  if (args.service || args.metric || args.at) return incidentFromFlags({ service: args.service ?? '', metric: args.metric ?? '', at: args.at ?? '' });

  const items: (SourceItem | vscode.QuickPickItem)[] = [];
  const seen = new Set<string>();
  const addFiles = (uris: vscode.Uri[], detail: string) => {
    for (const u of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      if (seen.has(u.fsPath)) continue;
      seen.add(u.fsPath);
      items.push({ label: `$(file-code) ${path.relative(folder.uri.fsPath, u.fsPath)}`, description: detail, run: () => fromFile(u.fsPath) });
    }
  };
  addFiles(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '.forensics/*.json'), null, 50), 'alert');
  addFiles(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*alert*.json'), '**/node_modules/**', 20), 'JSON file');
  if (items.length) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push(
    { label: '$(folder-opened) Choose an alert file…', run: () => chooseFile(folder) },
    { label: '$(clippy) Paste alert JSON…', description: 'seed, Alertmanager, CloudWatch', run: () => pasted() },
    { label: '$(cloud-download) Fetch a firing alert from Alertmanager…', description: '/api/v2/alerts', run: () => fromAlertmanager(alertmanagerUrl) },
    { label: '$(edit) Enter service, metric and time…', run: () => typed(config) },
  );
  const pick = required(await vscode.window.showQuickPick(items, { title: 'Incident Forensics: which alert?', placeHolder: 'Pick the alert to investigate', ignoreFocusOut: true }));
  if (!('run' in pick)) throw new vscode.CancellationError();
  return pick.run();
}

async function fromFile(file: string): Promise<Incident> {
  return chooseAlert(await readFiringAlerts(file), file);
}

async function chooseAlert(alerts: Incident[], where: string): Promise<Incident> {
  if (alerts.length === 0) throw new EngineError('badInput', 'no alert in it is firing', where);
  if (alerts.length === 1) return alerts[0];
  const pick = required(
    await vscode.window.showQuickPick(
      alerts.map((a) => ({ label: `${a.service} · ${a.metric}`, description: a.alertTime, detail: a.summary, alert: a })),
      { title: `${alerts.length} firing alerts — which one?`, ignoreFocusOut: true },
    ),
  );
  return pick.alert;
}

async function chooseFile(folder: vscode.WorkspaceFolder): Promise<Incident> {
  const uris = required(await vscode.window.showOpenDialog({ defaultUri: folder.uri, canSelectMany: false, filters: { JSON: ['json'] }, title: 'Alert file' }));
  if (!uris[0]) throw new vscode.CancellationError();
  return fromFile(uris[0].fsPath);
}

async function pasted(): Promise<Incident> {
  const text = required(
    await vscode.window.showInputBox({
      title: 'Paste the alert JSON',
      prompt: 'Seed alert, Alertmanager webhook or /api/v2/alerts list, CloudWatch alarm (EventBridge or SNS)',
      ignoreFocusOut: true,
      validateInput: (t) => {
        if (!t.trim()) return 'Paste the JSON of one alert';
        try {
          listFiringAlerts(t, 'pasted alert');
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
    }),
  );
  return chooseAlert(listFiringAlerts(text, 'pasted alert'), 'pasted alert');
}

async function fromAlertmanager(defaultUrl: string | undefined): Promise<Incident> {
  const url = required(
    await vscode.window.showInputBox({
      title: 'Alertmanager URL',
      prompt: 'Base URL; the firing alerts are read from <url>/api/v2/alerts',
      value: defaultUrl ?? 'http://localhost:9093',
      ignoreFocusOut: true,
      validateInput: (u) => (/^https?:\/\/\S+$/.test(u.trim()) ? undefined : 'An http(s) URL, e.g. http://alertmanager:9093'),
    }),
  );
  const alerts = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fetching firing alerts…', cancellable: true },
    (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return fetchAlertmanagerAlerts(url.trim(), ac.signal);
    },
  );
  if (alerts.length === 0) {
    void vscode.window.showInformationMessage(`No alert is firing on ${url.trim()}.`);
    throw new vscode.CancellationError();
  }
  return chooseAlert(alerts, url.trim());
}

async function typed(config: ForensicsConfig): Promise<Incident> {
  const services = Object.keys(config.services ?? {});
  const service = required(
    services.length > 1
      ? (await vscode.window.showQuickPick(services, { title: 'Service', ignoreFocusOut: true }))
      : await vscode.window.showInputBox({ title: 'Service', value: services[0], prompt: 'The service the alert fired for', ignoreFocusOut: true, validateInput: nonEmpty }),
  );
  const metric = required(await vscode.window.showInputBox({ title: 'Metric', prompt: 'e.g. http_request_duration_p95', ignoreFocusOut: true, validateInput: nonEmpty }));
  const at = required(
    await vscode.window.showInputBox({
      title: 'Alert time',
      prompt: 'ISO-8601; without an offset it is read as UTC',
      value: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ignoreFocusOut: true,
      validateInput: (t) => {
        try {
          incidentFromFlags({ service, metric, at: t });
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
    }),
  );
  return incidentFromFlags({ service, metric, at });
}

const nonEmpty = (s: string) => (s.trim() ? undefined : 'Required');
