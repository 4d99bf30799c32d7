import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError } from '../engine/errors';
import { runBisect } from '../engine/bisect/bisect';
import { bisectJson, PROBE_HEADER, probeLine, startLine, summaryLines } from '../engine/bisect/bisectReport';
import type { BisectOptions } from '../engine/bisect/bisectTypes';
import { EXIT, reportFailure, UsageError, type CliIo } from './io';

export const BISECT_USAGE =
  'incident-forensics bisect  [--repo DIR] --good REF [--good REF]... --bad REF --test "CMD" [--prior REPORT.json] [--flake-rate P] [--false-pass-rate P] [--confidence 0.95] [--max-runs N] [--timeout S] [--timeout-as bad|skip] [--calibrate K] [--first-parent] [--format text|json]';

/**
 * `incident-forensics bisect`: exit 0 when the search ended (also without a
 * culprit), 2 for bad usage or input, 1 for an internal fault or when the test
 * aborted the search (exit code above 127), 130 when `signal` cancelled it
 * (runCli aborts it on SIGINT/SIGTERM, so the temporary worktree is removed
 * before the process goes).
 */
export async function runBisectCommand(argv: string[], io: CliIo, signal: AbortSignal = new AbortController().signal): Promise<number> {
  try {
    return await run(argv, io, signal);
  } catch (e) {
    return reportFailure(e, io);
  }
}

async function run(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        repo: { type: 'string' },
        good: { type: 'string', multiple: true },
        bad: { type: 'string' },
        test: { type: 'string' },
        prior: { type: 'string' },
        'flake-rate': { type: 'string' },
        'false-pass-rate': { type: 'string' },
        confidence: { type: 'string' },
        'max-runs': { type: 'string' },
        timeout: { type: 'string' },
        'timeout-as': { type: 'string' },
        calibrate: { type: 'string' },
        'first-parent': { type: 'boolean' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nusage: ${BISECT_USAGE}`);
  }
  if (values.help) {
    io.stdout(BISECT_USAGE + '\n');
    return EXIT.ok;
  }
  for (const req of ['good', 'bad', 'test'] as const) if (!values[req] || (Array.isArray(values[req]) && values[req].length === 0)) throw new UsageError(`--${req} is required\nusage: ${BISECT_USAGE}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format.slice(0, 40)}"`);
  const timeoutAs = values['timeout-as'];
  if (timeoutAs !== undefined && timeoutAs !== 'bad' && timeoutAs !== 'skip') throw new UsageError(`--timeout-as must be bad or skip, not "${timeoutAs.slice(0, 40)}"`);

  const opts: BisectOptions = {
    repoDir: resolve(values.repo ?? '.'),
    good: values.good as string[],
    bad: values.bad as string,
    test: values.test as string,
    prior: values.prior ? { reportFile: resolve(values.prior) } : undefined,
    flakeRate: num(values['flake-rate'], '--flake-rate'),
    falsePassRate: num(values['false-pass-rate'], '--false-pass-rate'),
    confidence: num(values.confidence, '--confidence'),
    maxRuns: num(values['max-runs'], '--max-runs'),
    timeoutSeconds: num(values.timeout, '--timeout'),
    timeoutAs,
    calibrationRuns: num(values.calibrate, '--calibrate'),
    firstParent: values['first-parent'] === true,
  };
  const text = format === 'text';
  const result = await runBisect(opts, {
    signal,
    onStart: text ? (i) => io.stdout(`${startLine(i)}\n${PROBE_HEADER}\n`) : undefined,
    onProbe: text ? (p) => io.stdout(probeLine(p) + '\n') : undefined,
  });
  if (text) io.stdout(summaryLines(result).join('\n') + '\n');
  else io.stdout(bisectJson(result) + '\n');
  if (result.stoppedBecause === 'aborted') {
    io.stderr(`incident-forensics: bisect aborted: ${result.abort?.message ?? 'the test asked to abort'}\n`);
    return EXIT.internal;
  }
  return EXIT.ok;
}

function num(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new EngineError('badInput', `"${v.slice(0, 40)}" is not a number`, flag);
  return n;
}
