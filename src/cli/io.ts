import { EngineError } from '../engine/errors';

/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTty: boolean;
}

export const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTty: !!process.stdout.isTTY,
};

/** Exit codes of interface.md §2. */
export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;

export class UsageError extends Error {}

/** Maps any thrown value to an exit code and a one-line message on stderr. */
export function reportFailure(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.stderr(`incident-forensics: ${e.message}\n`);
    return EXIT.badInput;
  }
  if (EngineError.is(e)) {
    if (e.reason === 'cancelled') { io.stderr('incident-forensics: cancelled\n'); return 130; }
    const bad = ['badInput', 'badRef', 'notAGitRepo', 'outsideWorkspace', 'dirtyTree'].includes(e.reason);
    io.stderr(`incident-forensics: ${e.message}\n`);
    return bad ? EXIT.badInput : EXIT.internal;
  }
  io.stderr(`incident-forensics: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  return EXIT.internal;
}
