/**
 * Typed engine errors. Adapters (CLI, extension) branch on `reason`, never on
 * message text. `badInput` maps to CLI exit code 2; anything else is exit 1.
 */
export type EngineErrorReason =
  | 'badInput'
  | 'notAGitRepo'
  | 'badRef'
  | 'outsideWorkspace'
  | 'network'
  | 'cancelled'
  | 'gitFailed'
  | 'dirtyTree'
  | 'internal';

export class EngineError extends Error {
  constructor(
    readonly reason: EngineErrorReason,
    message: string,
    /** Where the problem is: a file path, a field, a line. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'EngineError';
  }

  static is(e: unknown, reason?: EngineErrorReason): e is EngineError {
    return e instanceof EngineError && (reason === undefined || e.reason === reason);
  }
}

/** Throws `cancelled` when the signal has been aborted; call between steps. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new EngineError('cancelled', 'the analysis was cancelled');
}
