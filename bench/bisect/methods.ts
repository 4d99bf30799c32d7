import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { runBisect } from '../../src/engine/bisect/bisect';
import type { WeightedCommit } from '../../src/engine/bisect/priorReport';

/**
 * The three contestants, each running the same flaky test script against the
 * same repository: plain `git bisect run`, this bisect with a uniform prior,
 * and this bisect with a prior from the analysis.
 */
export interface Trial {
  /** First broken VERSION (the planted culprit's commit index). */
  culprit: number;
  /** P(FAIL | good commit) × 32768, as the script compares it. */
  flakeThreshold: number;
  /** The seed the script's random state starts from (the same for every method). */
  seed: number;
}

export interface MethodResult {
  found: string | null;
  runs: number;
}

/**
 * The test: fails from VERSION >= culprit on; on a good commit fails when its
 * own LCG draw (state kept in a file, so each run draws anew) is below the
 * threshold. Every method sees the same flakiness because it lives here.
 */
export const FLAKY_SCRIPT = `#!/bin/sh
# usage: flaky.sh CULPRIT THRESHOLD_OF_32768 STATE_FILE COUNTER_FILE
echo run >> "$4"
read s < "$3"
s=$(( (s * 1103515245 + 12345) % 2147483648 ))
echo "$s" > "$3"
read v < VERSION
[ "$v" -ge "$1" ] && exit 1
[ $(( s / 65536 )) -lt "$2" ] && exit 1
exit 0
`;

export function testCommand(script: string, t: Trial, state: string, counter: string): string {
  return `sh '${script}' ${t.culprit} ${t.flakeThreshold} '${state}' '${counter}'`;
}

export function resetState(t: Trial, state: string, counter: string): void {
  writeFileSync(state, `${(t.seed * 2654435761) % 2147483648}\n`);
  writeFileSync(counter, '');
}

export function countRuns(counter: string): number {
  return readFileSync(counter, 'utf8').split('\n').filter(Boolean).length;
}

function gitAsync(cwd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

/** Plain `git bisect run` in its own clone (`lane`), which it checks out and resets. */
export async function gitBisectRun(lane: string, good: string, bad: string, cmd: { script: string; trial: Trial; state: string; counter: string }): Promise<MethodResult> {
  resetState(cmd.trial, cmd.state, cmd.counter);
  await gitAsync(lane, ['bisect', 'reset', '--quiet']);
  const start = await gitAsync(lane, ['bisect', 'start', bad, good]);
  if (start.code !== 0) throw new Error(`git bisect start failed: ${start.out}`);
  const run = await gitAsync(lane, ['bisect', 'run', 'sh', cmd.script, String(cmd.trial.culprit), String(cmd.trial.flakeThreshold), cmd.state, cmd.counter]);
  const m = /^([0-9a-f]{40}) is the first bad commit/m.exec(run.out);
  await gitAsync(lane, ['bisect', 'reset', '--quiet']);
  return { found: m ? m[1] : null, runs: countRuns(cmd.counter) };
}

export async function ourBisect(repo: string, good: string, bad: string, cmd: { script: string; trial: Trial; state: string; counter: string }, suspects?: WeightedCommit[]): Promise<MethodResult> {
  resetState(cmd.trial, cmd.state, cmd.counter);
  const r = await runBisect({ repoDir: repo, good, bad, test: testCommand(cmd.script, cmd.trial, cmd.state, cmd.counter), prior: suspects ? { suspects } : undefined });
  const counted = countRuns(cmd.counter);
  if (counted !== r.runs) throw new Error(`runBisect reported ${r.runs} runs, the script counted ${counted}`);
  return { found: r.culprit, runs: r.runs };
}
