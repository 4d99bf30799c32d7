import { z } from 'zod';
import { isRecord, type AlertFormat } from './alertFormat';
import { amAlertCore, amAlertToIncident } from './alertmanagerAlert';

/** Alertmanager webhook payload (version "4"); the first firing alert is the incident. */
export const alertmanagerWebhookSchema = z
  .object({
    version: z.string().optional(),
    groupKey: z.string().optional(),
    status: z.enum(['firing', 'resolved']).optional(),
    receiver: z.string().optional(),
    externalURL: z.string().optional(),
    alerts: z
      .array(z.object({ status: z.enum(['firing', 'resolved']), ...amAlertCore }).passthrough())
      .min(1, 'expected at least one alert, the list is empty'),
  })
  .passthrough();

export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

export const alertmanagerWebhookFormat: AlertFormat<AlertmanagerWebhook> = {
  id: 'alertmanager-webhook',
  looksLike: (d) => isRecord(d) && 'alerts' in d,
  schema: alertmanagerWebhookSchema,
  firing: (w) =>
    w.alerts.flatMap((a, i) => (a.status === 'firing' ? [amAlertToIncident(a, 'alertmanager-webhook', `alerts[${i}]`)] : [])),
  noneFiring: (w) => `no firing alert: all ${w.alerts.length} alert(s) are resolved`,
};
