import * as vscode from 'vscode';

/** The single "Incident Forensics" log channel; created first in activate(). */
export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Incident Forensics', { log: true });
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string, e?: unknown): void {
    if (e instanceof Error) this.channel.error(`${message}: ${e.stack ?? e.message}`);
    else if (e !== undefined) this.channel.error(`${message}: ${String(e)}`);
    else this.channel.error(message);
  }

  /** A short error toast with a way to the full transcript. */
  async showError(message: string): Promise<void> {
    const pick = await vscode.window.showErrorMessage(message, 'Show Log');
    if (pick === 'Show Log') this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
