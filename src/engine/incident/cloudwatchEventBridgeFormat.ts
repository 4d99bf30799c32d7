import { z } from 'zod';
import { isRecord, type AlertFormat } from './alertFormat';
import { cloudWatchIncident } from './cloudwatchAlarm';
import { parseIsoTime } from './isoTime';
import { isoDateTime, numeric } from './zodIssue';

/** EventBridge "CloudWatch Alarm State Change" event. */
const metricQuerySchema = z
  .object({
    id: z.string().optional(),
    expression: z.string().optional(),
    label: z.string().optional(),
    returnData: z.boolean().optional(),
    metricStat: z
      .object({
        metric: z
          .object({
            name: z.string(),
            namespace: z.string().optional(),
            dimensions: z.record(z.string()).optional(),
          })
          .passthrough(),
        period: z.number().optional(),
        stat: z.string().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const cloudWatchEventBridgeSchema = z
  .object({
    'detail-type': z.string().optional(),
    source: z.string().optional(),
    time: z.string().optional(),
    region: z.string().optional(),
    resources: z.array(z.string()).optional(),
    detail: z
      .object({
        alarmName: z.string().min(1, 'expected a non-empty alarm name'),
        state: z
          .object({
            value: z.string(),
            reason: z.string().optional(),
            reasonData: z.string().optional(),
            timestamp: isoDateTime,
          })
          .passthrough(),
        previousState: z.object({ value: z.string() }).passthrough().optional(),
        configuration: z
          .object({
            description: z.string().nullable().optional(),
            metrics: z.array(metricQuerySchema).optional(),
            threshold: numeric.optional(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();

export type CloudWatchEventBridge = z.infer<typeof cloudWatchEventBridgeSchema>;

export const cloudWatchEventBridgeFormat: AlertFormat<CloudWatchEventBridge> = {
  id: 'cloudwatch-eventbridge',
  looksLike: (d) => isRecord(d) && (isRecord(d.detail) || d['detail-type'] !== undefined),
  schema: cloudWatchEventBridgeSchema,
  firing: (e) => {
    const d = e.detail;
    if (d.state.value !== 'ALARM') return [];
    // Metric-math alarms list several queries; the first plain metric names the signal.
    const stat = d.configuration?.metrics?.find((m) => m.metricStat)?.metricStat?.metric;
    const expr = d.configuration?.metrics?.find((m) => m.returnData !== false);
    return [
      cloudWatchIncident(
        {
          alarmName: d.alarmName,
          alarmArn: e.resources?.find((r) => r.includes(':alarm:')),
          description: d.configuration?.description ?? undefined,
          stateValue: d.state.value,
          reason: d.state.reason,
          reasonData: d.state.reasonData,
          timeMs: parseIsoTime(d.state.timestamp)!,
          metricName: stat?.name ?? expr?.label ?? expr?.id,
          namespace: stat?.namespace,
          dimensions: stat?.dimensions ?? {},
          threshold: d.configuration?.threshold,
          region: e.region,
        },
        'cloudwatch-eventbridge',
      ),
    ];
  },
  noneFiring: (e) => `no firing alert: alarm "${e.detail.alarmName}" is in state ${e.detail.state.value}, not ALARM`,
};
