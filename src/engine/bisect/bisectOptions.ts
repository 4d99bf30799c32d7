import { z } from 'zod';
import { EngineError } from '../errors';
import type { BisectOptions } from './bisectTypes';

/** The engine API's input edge: ranges checked here, with the CLI flag named in errors. */
const FLAG: Record<string, string> = {
  repoDir: '--repo',
  good: '--good',
  bad: '--bad',
  test: '--test',
  prior: '--prior',
  flakeRate: '--flake-rate',
  falsePassRate: '--false-pass-rate',
  confidence: '--confidence',
  maxRuns: '--max-runs',
  timeoutSeconds: '--timeout',
  timeoutAs: '--timeout-as',
  firstParent: '--first-parent',
  calibrationRuns: '--calibrate',
  env: 'env',
};

const rate = z.number().finite().min(0).max(0.9);

export const bisectOptionsSchema = z.object({
  repoDir: z.string().min(1),
  good: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(100)]),
  bad: z.string().min(1),
  test: z.string().min(1).max(65536),
  prior: z.unknown().optional(),
  flakeRate: rate.optional(),
  falsePassRate: rate.optional(),
  confidence: z.number().finite().min(0.5).max(0.9999).optional(),
  maxRuns: z.number().int().min(1).max(100000).optional(),
  timeoutSeconds: z.number().finite().positive().max(7 * 86400).optional(),
  timeoutAs: z.enum(['bad', 'skip']).optional(),
  firstParent: z.boolean().optional(),
  calibrationRuns: z.number().int().min(0).max(1000).optional(),
  env: z.record(z.string()).optional(),
});

export function validateOptions(opts: BisectOptions): BisectOptions {
  const r = bisectOptionsSchema.safeParse(opts);
  if (!r.success) {
    const issue = r.error.issues[0];
    const key = String(issue.path[0] ?? 'options');
    throw new EngineError('badInput', issue.message, FLAG[key] ?? key);
  }
  return opts;
}
