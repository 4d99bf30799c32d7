import type { RealCase } from './cases';
import { BenchGit } from './git';
import type { Variant } from './incident';
import { runCase } from './runCase';

/**
 * A child process that runs cases sent over IPC. The engine's analysis is
 * CPU-bound on the JavaScript thread, so two cores need two processes.
 */
export interface WorkerJob {
  id: number;
  gitDir: string;
  c: RealCase;
  variant: Variant;
  workDir: string;
  skipTool: boolean;
}

if (require.main === module && process.send) {
  const gits = new Map<string, BenchGit>();
  process.on('message', (job: WorkerJob) => {
    let git = gits.get(job.gitDir);
    if (!git) gits.set(job.gitDir, (git = new BenchGit(job.gitDir)));
    runCase(git, job.c, job.variant, job.workDir, job.skipTool).then(
      (result) => process.send!({ id: job.id, result }),
      (e) => process.send!({ id: job.id, error: String((e as Error)?.stack ?? e) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
