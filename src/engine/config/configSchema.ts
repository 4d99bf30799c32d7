import { z } from 'zod';

/**
 * `.forensics.json` at the repository root (interface.md §1 "Config").
 * VS Code settings mirror it; the file wins where both set a field.
 */
export const forensicsConfigSchema = z
  .object({
    /** Service name → globs of its repository paths. */
    services: z.record(z.array(z.string())).optional(),
    /** Globs of log files, relative to the repository root. */
    logs: z.array(z.string()).optional(),
    /** Metric files (relative paths) or URLs. */
    metrics: z.array(z.string()).optional(),
    prometheus: z
      .object({
        url: z.string().optional(),
        /** Metric name → PromQL expression. */
        queries: z.record(z.string()).optional(),
      })
      .optional(),
    deployments: z
      .object({
        file: z.string().optional(),
        tagPattern: z.string().optional(),
      })
      .optional(),
    lookbackDays: z.number().positive().max(3650).optional(),
  })
  .passthrough();

export type ForensicsConfig = z.infer<typeof forensicsConfigSchema>;
