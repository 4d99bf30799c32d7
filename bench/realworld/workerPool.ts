import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { CaseResult } from './score';
import type { WorkerJob } from './worker';

/**
 * Runs jobs on `n` child processes (one job each at a time), results in job
 * order. A crashed child fails the jobs it held, never the whole run silently.
 */
export async function runInWorkers(jobs: Omit<WorkerJob, 'id'>[], n: number, onDone?: (done: number) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(jobs.length);
  if (jobs.length === 0) return results;
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'];
  let next = 0;
  let done = 0;
  const workers: ChildProcess[] = [];
  await new Promise<void>((resolve, reject) => {
    const feed = (w: ChildProcess) => {
      if (next >= jobs.length) {
        w.disconnect();
        return;
      }
      const id = next++;
      w.send({ ...jobs[id], id });
    };
    for (let i = 0; i < Math.min(n, jobs.length); i++) {
      const w = fork(join(__dirname, 'worker.ts'), [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      workers.push(w);
      w.on('message', (m: { id: number; result?: CaseResult; error?: string }) => {
        if (m.error || !m.result) {
          reject(new Error(`case ${jobs[m.id].c.id}/${jobs[m.id].variant}: ${m.error}`));
          return;
        }
        results[m.id] = m.result;
        done++; // not inside onDone?.(…): an absent callback would skip the increment
        onDone?.(done);
        if (done === jobs.length) resolve();
        else feed(w);
      });
      w.on('exit', (code) => {
        if (done < jobs.length && code !== 0) reject(new Error(`a benchmark worker exited with code ${code}`));
      });
      feed(w);
    }
  }).finally(() => {
    for (const w of workers) if (w.connected) w.disconnect();
  });
  return results;
}
