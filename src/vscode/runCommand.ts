import * as vscode from 'vscode';
import { EngineError } from '../engine/errors';
import type { Log } from './log';

/**
 * The error boundary every command goes through: cancellation is silent, an
 * EngineError shows its message (it names what was wrong and where), anything
 * else is logged with its stack and shown briefly.
 */
export function registerCommand(log: Log, id: string, fn: (...args: unknown[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (isCancellation(e)) {
        log.info(`${id}: cancelled`);
        return undefined;
      }
      if (EngineError.is(e)) {
        log.error(`${id} failed (${e.reason})`, e.message);
        await log.showError(`Incident Forensics: ${e.message}`);
      } else {
        log.error(`${id} failed`, e);
        await log.showError(`Incident Forensics: ${(e as Error)?.message ?? String(e)}`);
      }
      return undefined;
    }
  });
}

export function isCancellation(e: unknown): boolean {
  return EngineError.is(e, 'cancelled') || e instanceof vscode.CancellationError || (e as { name?: string })?.name === 'AbortError';
}

/** Throws vscode.CancellationError when the user dismissed a prompt (undefined). */
export function required<T>(v: T | undefined): T {
  if (v === undefined) throw new vscode.CancellationError();
  return v;
}
