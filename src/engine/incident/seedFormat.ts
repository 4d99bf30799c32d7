import { z } from 'zod';
import type { Incident } from '../model';
import { compact, isRecord, type AlertFormat } from './alertFormat';
import { parseIsoTime, safeId } from './isoTime';
import { isoDateTimeUtcDefault, numeric } from './zodIssue';

/** The seed scenario's alert (interface.md §1): `{alert_id, timestamp, service, metric, …}`. */
export const seedAlertSchema = z
  .object({
    alert_id: z.string().min(1, 'expected a non-empty id'),
    timestamp: isoDateTimeUtcDefault,
    severity: z.string().optional(),
    service: z.string().trim().min(1, 'expected a non-empty service name'),
    metric: z.string().trim().min(1, 'expected a non-empty metric name'),
    threshold: numeric.optional(),
    actual_value: numeric.optional(),
    deviation_percentage: numeric.optional(),
    affected_endpoints: z.array(z.string()).optional(),
    region: z.string().optional(),
    instance_count: z.number().int().nonnegative().optional(),
    request_volume: z.number().nonnegative().optional(),
    summary: z.string().optional(),
    labels: z.record(z.string()).optional(),
  })
  .passthrough();

export type SeedAlert = z.infer<typeof seedAlertSchema>;

export const seedFormat: AlertFormat<SeedAlert> = {
  id: 'seed',
  looksLike: (d) => isRecord(d) && ('alert_id' in d || ('service' in d && 'metric' in d && 'timestamp' in d)),
  schema: seedAlertSchema,
  firing: (a) => [
    compact<Incident>({
      id: safeId(a.alert_id),
      service: a.service.trim(),
      metric: a.metric.trim(),
      alertTime: new Date(parseIsoTime(a.timestamp, { allowNoZone: true })!).toISOString(),
      threshold: a.threshold,
      actualValue: a.actual_value,
      deviationPercent: a.deviation_percentage,
      severity: a.severity,
      source: 'seed',
      endpoints: a.affected_endpoints,
      region: a.region,
      instanceCount: a.instance_count,
      requestVolume: a.request_volume,
      summary: a.summary,
      labels: a.labels,
    }),
  ],
  noneFiring: () => 'the seed alert has no firing state',
};
