import { spawn } from 'node:child_process';
import { EngineError } from '../errors';
import { cleanGitEnv } from './gitRun';

/**
 * One execution of the user's test command, with `git bisect run`'s exit-code
 * convention: 0 good, 125 untestable, 1..127 bad, anything else (above 127,
 * or death by a signal we did not send) aborts the bisect. The command runs
 * under `sh -c` as the leader of its own process group, so a timeout or a
 * cancel kills everything it started, not just the shell.
 */
export type RunOutcome = 'good' | 'bad' | 'skip' | 'timeout' | 'abort';

export interface TestRun {
  outcome: RunOutcome;
  exitCode: number | null;
  signal: string | null;
  seconds: number;
  /** The last lines the command printed (stdout and stderr interleaved). */
  outputTail: string;
}

export interface RunTestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: Record<string, string>;
  /** How long a killed group gets between SIGTERM and SIGKILL. */
  graceMs?: number;
}

const TAIL = 2000;

export function outcomeOfExit(code: number | null): Exclude<RunOutcome, 'timeout'> {
  if (code === 0) return 'good';
  if (code === 125) return 'skip';
  if (code !== null && code >= 1 && code <= 127) return 'bad';
  return 'abort';
}

export function runTest(cmd: string, cwd: string, opts: RunTestOptions = {}): Promise<TestRun> {
  if (opts.signal?.aborted) return Promise.reject(new EngineError('cancelled', 'the bisect was cancelled'));
  const grace = opts.graceMs ?? 2000;
  const started = process.hrtime.bigint();
  return new Promise<TestRun>((resolve, reject) => {
    const child = spawn('sh', ['-c', cmd], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: cleanGitEnv(opts.env) });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    let cancelled = false;
    let hardKill: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const stop = () => {
      killGroup('SIGTERM');
      hardKill ??= setTimeout(() => killGroup('SIGKILL'), grace);
    };
    const timer = opts.timeoutMs !== undefined && opts.timeoutMs > 0 ? setTimeout(() => ((timedOut = true), stop()), opts.timeoutMs) : undefined;
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      if (timer) clearTimeout(timer);
      if (hardKill) clearTimeout(hardKill);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (e) => {
      finish();
      reject(new EngineError('internal', `could not start the test command: ${e.message}`, '--test'));
    });
    child.on('exit', (code, sig) => {
      finish();
      // Whatever the test left running in its group goes too: it would hold the worktree we are about to move or remove.
      killGroup('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (cancelled) return reject(new EngineError('cancelled', 'the bisect was cancelled'));
      const outcome: RunOutcome = timedOut ? 'timeout' : outcomeOfExit(code);
      resolve({ outcome, exitCode: code, signal: sig, seconds, outputTail: tail });
    });
  });
}
