import { z } from 'zod';
import { isRecord, type AlertFormat } from './alertFormat';
import { cloudWatchIncident } from './cloudwatchAlarm';
import { parseIsoTime } from './isoTime';
import { isoDateTime, numeric } from './zodIssue';

/** The alarm JSON CloudWatch publishes to SNS (the `Message` of the notification). */
const dimensionSchema = z.preprocess(
  // SNS writes {name, value}; hand-made copies often use the API's {Name, Value}.
  (v) => (isRecord(v) && !('name' in v) && 'Name' in v ? { name: v.Name, value: v.Value } : v),
  z.object({ name: z.string(), value: z.string() }),
);

const metricStatSchema = z
  .object({
    Metric: z
      .object({ MetricName: z.string(), Namespace: z.string().optional(), Dimensions: z.array(dimensionSchema).optional() })
      .passthrough(),
  })
  .passthrough();

export const cloudWatchSnsSchema = z
  .object({
    AlarmName: z.string().min(1, 'expected a non-empty alarm name'),
    AlarmDescription: z.string().nullable().optional(),
    AlarmArn: z.string().optional(),
    NewStateValue: z.string(),
    NewStateReason: z.string().optional(),
    StateChangeTime: isoDateTime,
    OldStateValue: z.string().optional(),
    Region: z.string().optional(),
    Trigger: z
      .object({
        MetricName: z.string().optional(),
        Namespace: z.string().optional(),
        Dimensions: z.array(dimensionSchema).optional(),
        Threshold: numeric.optional(),
        Metrics: z
          .array(
            z
              .object({ Id: z.string().optional(), Label: z.string().optional(), MetricStat: metricStatSchema.optional() })
              .passthrough(),
          )
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();

export type CloudWatchSns = z.infer<typeof cloudWatchSnsSchema>;

export const cloudWatchSnsFormat: AlertFormat<CloudWatchSns> = {
  id: 'cloudwatch-sns',
  looksLike: (d) => isRecord(d) && ('AlarmName' in d || 'Trigger' in d || 'StateChangeTime' in d),
  schema: cloudWatchSnsSchema,
  firing: (a) => {
    if (a.NewStateValue !== 'ALARM') return [];
    const tr = a.Trigger;
    const stat = tr.Metrics?.find((m) => m.MetricStat)?.MetricStat?.Metric;
    const dims = tr.Dimensions ?? stat?.Dimensions ?? [];
    return [
      cloudWatchIncident(
        {
          alarmName: a.AlarmName,
          alarmArn: a.AlarmArn,
          description: a.AlarmDescription ?? undefined,
          stateValue: a.NewStateValue,
          reason: a.NewStateReason,
          timeMs: parseIsoTime(a.StateChangeTime)!,
          metricName: tr.MetricName ?? stat?.MetricName ?? tr.Metrics?.[0]?.Label ?? tr.Metrics?.[0]?.Id,
          namespace: tr.Namespace ?? stat?.Namespace,
          dimensions: Object.fromEntries(dims.map((x) => [x.name, x.value])),
          threshold: tr.Threshold,
        },
        'cloudwatch-sns',
      ),
    ];
  },
  noneFiring: (a) => `no firing alert: alarm "${a.AlarmName}" is in state ${a.NewStateValue}, not ALARM`,
};
