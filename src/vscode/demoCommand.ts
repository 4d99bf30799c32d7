import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { EngineError } from '../engine/errors';
import { buildDemo } from '../scenarios/demo/buildDemo';
import { DEMO_NAMES, type DemoName } from '../scenarios/demo/demoTypes';
import type { Log } from './log';
import { required } from './runCommand';

const demoArgs = z.object({ dir: z.string().min(1), which: z.enum(DEMO_NAMES), noOpen: z.boolean() }).partial();

const DESCRIPTION: Record<DemoName, string> = {
  'payment-gateway': 'p95 latency after a connection-pool refactor',
  'auth-service': 'login errors after a token cache change',
  'phi-service': 'errors in the PHI service (deployments file)',
};

/**
 * Open Demo Incident: builds one of the seed's incidents as a real git
 * repository (with its alert, logs and metrics under `.forensics/`) inside a
 * folder the user picks, then opens it.
 */
export async function openDemo(log: Log, raw: unknown): Promise<string | undefined> {
  const parsed = demoArgs.safeParse(raw ?? {});
  if (!parsed.success) throw new EngineError('badInput', parsed.error.issues[0].message, 'incidentForensics.openDemo');
  const args = parsed.data;
  const which =
    args.which ??
    required(await vscode.window.showQuickPick(DEMO_NAMES.map((n) => ({ label: n, description: DESCRIPTION[n], name: n })), { title: 'Which demo incident?' })).name;
  const parent =
    args.dir ??
    required(await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Build the demo here', title: 'Folder for the demo incident' }))[0]?.fsPath;
  if (!parent) throw new vscode.CancellationError();
  const target = uniqueDir(path.join(parent, 'incident-forensics-demo'));
  const [demo] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Building the ${which} demo incident…` }, async () => buildDemo(target, which));
  log.info(`demo: built ${which} in ${demo.repoDir} (culprit ${demo.expected.commit.slice(0, 7)} planted)`);
  if (!args.noOpen) {
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(demo.repoDir), { forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 });
  }
  return demo.repoDir;
}

/** `dir`, or `dir-2`, `dir-3`… so an existing folder is never replaced. */
function uniqueDir(dir: string): string {
  const free = (d: string) => !existsSync(d) || readdirSync(d).length === 0;
  if (free(dir)) return dir;
  for (let i = 2; i < 1000; i++) if (free(`${dir}-${i}`)) return `${dir}-${i}`;
  throw new EngineError('badInput', 'too many demo folders here; pick another folder', dir);
}
