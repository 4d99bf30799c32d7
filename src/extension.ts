import { performance } from 'node:perf_hooks';
import type * as vscode from 'vscode';
import { confirmWithBisect } from './vscode/bisectCommand';
import { registerCommands } from './vscode/commands';
import { Forensics } from './vscode/forensics';
import { Log } from './vscode/log';

/**
 * Composition root: logger first, then the state and UI owners, then the
 * command table. No analysis here; only the last report's annotations are
 * put back (line mapping), after activation returns.
 */
export function activate(context: vscode.ExtensionContext): void {
  const t0 = performance.now();
  const log = new Log();
  context.subscriptions.push(log);
  const forensics = new Forensics(context, log);
  context.subscriptions.push(forensics);
  context.subscriptions.push(...registerCommands(forensics, (repoDir) => confirmWithBisect(forensics, repoDir)));
  forensics.restoreAnnotations();
  log.info(`activated in ${(performance.now() - t0).toFixed(1)} ms (extension ${context.extension.packageJSON.version as string})`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
