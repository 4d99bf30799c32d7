import { z } from 'zod';

/**
 * The report JSON of ../shared/spec/interface.md §3 (`incident-forensics/report@1`).
 * Fields beyond the spec are extensions; the spec's fields are never removed.
 */
export const REPORT_SCHEMA_ID = 'incident-forensics/report@1';

const iso = z.string();

export const signalSchema = z.object({
  kind: z.string(),
  /** The signal's contribution to the score (model weight × value). */
  weight: z.number(),
  detail: z.string(),
  /** Extension: the raw feature value the calibrated model weighs. */
  value: z.number().optional(),
});

export const findingSchema = z.object({
  pattern: z.string(),
  file: z.string(),
  line: z.number().int(),
  message: z.string(),
  confidence: z.number().min(0).max(1),
  excerpt: z.string().optional(),
  fix: z
    .object({
      file: z.string(),
      startLine: z.number().int(),
      endLine: z.number().int(),
      replacement: z.string(),
      title: z.string(),
    })
    .optional(),
});

export const suspectSchema = z.object({
  rank: z.number().int().positive(),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  subject: z.string(),
  author: z.string(),
  authorEmail: z.string().optional(),
  date: iso,
  score: z.number(),
  confidence: z.number().min(0).max(1),
  signals: z.array(signalSchema),
  findings: z.array(findingSchema),
  /** Extension: the deployment that shipped it, if known. */
  deployedAt: iso.optional(),
  /** Extension: files the commit changed (in scope). */
  files: z.array(z.string()).optional(),
});

export const correlationSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  count: z.number().int(),
  firstAt: iso,
  commit: z.string().optional(),
  /** Extension: sample message and level. */
  message: z.string().optional(),
  level: z.string().optional(),
  /** Extension: errors before the deploy that shipped `commit`, and after it. */
  before: z.number().int().optional(),
  after: z.number().int().optional(),
});

export const statsSchema = z.object({ avg: z.number(), max: z.number(), p95: z.number() });

export const metricReportSchema = z.object({
  name: z.string(),
  before: statsSchema,
  after: statsSchema,
  changePercent: z.number().nullable(),
  changePointAt: iso.optional(),
  /** Extension: the deployment compared around, and the change point's distance to it. */
  deploymentAt: iso.optional(),
  changePointDistanceMinutes: z.number().optional(),
  /** Extension: level (step) or slope (a bend, e.g. a leak), and its strength 0..1. */
  changePointKind: z.enum(['level', 'slope']).optional(),
  changePointScore: z.number().min(0).max(1).optional(),
  /** Extension: the series itself, for charts (down-sampled). */
  points: z.array(z.tuple([z.number(), z.number()])).optional(),
  source: z.string().optional(),
});

export const reportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  incident: z.object({
    id: z.string(),
    service: z.string(),
    metric: z.string(),
    alertTime: iso,
    threshold: z.number().optional(),
    actualValue: z.number().optional(),
    source: z.string(),
    severity: z.string().optional(),
    endpoints: z.array(z.string()).optional(),
  }),
  scope: z.object({
    paths: z.array(z.string()),
    since: iso,
    until: iso,
    commitsScanned: z.number().int(),
    commitsInScope: z.number().int(),
    /** Extension: how the paths were chosen: config | directory | whole-repo. */
    resolvedBy: z.string().optional(),
  }),
  deployments: z.array(
    z.object({
      time: iso,
      commit: z.string(),
      commits: z.array(z.string()),
      ref: z.string().optional(),
      /** Extension: error events the logs saw while this deployment was live (until the next one or the alert). */
      errorsWhileLive: z.number().int().optional(),
      /** Extension: message kinds first seen while it was live (undefined when the logs start after it). */
      newSignatures: z.number().int().optional(),
    }),
  ),
  suspects: z.array(suspectSchema),
  rootCause: z
    .object({
      commit: z.string(),
      file: z.string().optional(),
      line: z.number().int().optional(),
      pattern: z.string().optional(),
      confidence: z.number().min(0).max(1),
      message: z.string().optional(),
      excerpt: z.string().optional(),
    })
    .nullable(),
  logs: z.object({
    files: z.array(z.string()),
    linesScanned: z.number().int(),
    linesSkipped: z.number().int(),
    errors: z.number().int(),
    firstErrorAt: iso.optional(),
    correlations: z.array(correlationSchema),
    /** Extension: message templates that first appear after the suspect deploy. */
    newSignatures: z
      .array(z.object({ template: z.string(), count: z.number().int(), firstAt: iso }))
      .optional(),
  }),
  metrics: z.array(metricReportSchema),
  blastRadius: z.record(z.unknown()),
  recommendation: z.record(z.unknown()),
  timings: z.record(z.number()),
  durationMs: z.number(),
  /** Extension: the transcript lines the text format printed. */
  transcript: z.array(z.string()).optional(),
  /** Extension: calibration provenance of `confidence`. */
  calibration: z.object({ model: z.string(), fittedOn: z.string() }).optional(),
  generatedAt: iso.optional(),
});

export type Report = z.infer<typeof reportSchema>;
export type Suspect = z.infer<typeof suspectSchema>;
export type ReportFinding = z.infer<typeof findingSchema>;
export type Correlation = z.infer<typeof correlationSchema>;
export type MetricReport = z.infer<typeof metricReportSchema>;
