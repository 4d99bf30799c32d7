import { z } from 'zod';
import type { Incident } from '../model';
import { compact, numberFrom } from './alertFormat';
import { compactUtc, parseIsoTime, safeId } from './isoTime';
import { isoDateTime } from './zodIssue';

/** The alert object both Alertmanager shapes share (webhook v4 and API v2). */
export const amLabelsSchema = z
  .object({ alertname: z.string().min(1, 'expected a non-empty alert name') })
  .catchall(z.string());

export const amAlertCore = {
  labels: amLabelsSchema,
  annotations: z.record(z.string()).optional(),
  startsAt: isoDateTime,
  // "0001-01-01T00:00:00Z" means "not ended"; kept as text, never used for timing.
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
};

/** A field that validated but cannot make an incident; parseAlert adds the file name. */
export class AlertFieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

const SERVICE_LABELS = ['service', 'job', 'app', 'application', 'container'] as const;

interface AmAlert {
  labels: Record<string, string> & { alertname: string };
  annotations?: Record<string, string>;
  startsAt: string;
  fingerprint?: string;
}

/** Normalizes one Alertmanager alert; `path` (e.g. `alerts[2]`) names it in errors. */
export function amAlertToIncident(a: AmAlert, source: string, path: string): Incident {
  const labels = a.labels;
  const ann = a.annotations ?? {};
  let service: string | undefined;
  for (const k of SERVICE_LABELS) {
    const v = labels[k]?.trim();
    if (v) {
      service = v;
      break;
    }
  }
  if (!service) throw new AlertFieldError(`${path}.labels`, `no service label (looked for ${SERVICE_LABELS.join(', ')})`);
  const t = parseIsoTime(a.startsAt)!;
  const endpoint = labels.endpoint ?? labels.handler ?? labels.route ?? labels.path;
  return compact<Incident>({
    id: safeId(a.fingerprint?.trim() || `${labels.alertname}-${service}-${compactUtc(t)}`),
    service,
    metric: labels.alertname,
    alertTime: new Date(t).toISOString(),
    threshold: numberFrom(ann.threshold ?? labels.threshold),
    actualValue: numberFrom(ann.value ?? ann.current_value ?? ann.actual_value),
    severity: labels.severity,
    source,
    endpoints: endpoint ? [endpoint] : undefined,
    region: labels.region,
    summary: ann.summary ?? ann.description ?? ann.message,
    labels: { ...labels },
  });
}
