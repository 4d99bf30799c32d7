import { z } from 'zod';
import { isRecord, type AlertFormat } from './alertFormat';
import { amAlertCore, amAlertToIncident } from './alertmanagerAlert';

/** `GET /api/v2/alerts` of Alertmanager: a bare array of gettable alerts. */
const v2AlertSchema = z
  .object({
    ...amAlertCore,
    updatedAt: z.string().optional(),
    receivers: z.array(z.object({ name: z.string() }).passthrough()).optional(),
    status: z
      .object({
        state: z.enum(['active', 'suppressed', 'unprocessed']),
        silencedBy: z.array(z.string()).optional(),
        inhibitedBy: z.array(z.string()).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const alertmanagerV2Schema = z.array(v2AlertSchema).min(1, 'expected at least one alert, the list is empty');

export type AlertmanagerV2List = z.infer<typeof alertmanagerV2Schema>;

export const alertmanagerV2Format: AlertFormat<AlertmanagerV2List> = {
  id: 'alertmanager-v2',
  looksLike: (d) => Array.isArray(d) && (d.length === 0 || (isRecord(d[0]) && ('labels' in d[0] || 'startsAt' in d[0]))),
  schema: alertmanagerV2Schema,
  // Silenced or inhibited ("suppressed") alerts are not offered; a missing status means active.
  firing: (list) =>
    list.flatMap((a, i) =>
      a.status === undefined || a.status.state === 'active' ? [amAlertToIncident(a, 'alertmanager-v2', `[${i}]`)] : [],
    ),
  noneFiring: (list) => {
    const states = [...new Set(list.map((a) => a.status?.state ?? 'active'))].join(', ');
    return `no active alert among ${list.length} (states: ${states})`;
  },
};
