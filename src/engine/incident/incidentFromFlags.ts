import { EngineError } from '../errors';
import type { Incident } from '../model';
import { compactUtc, parseIsoTime, safeId } from './isoTime';

export interface IncidentFlags {
  service: string;
  metric: string;
  /** ISO-8601; a time without an offset is read as UTC. */
  at: string;
}

/** `--service S --metric M --at T` → an incident with id `INC-<service>-<yyyymmddThhmm>`. */
export function incidentFromFlags(flags: IncidentFlags): Incident {
  const service = (flags.service ?? '').trim();
  const metric = (flags.metric ?? '').trim();
  const at = (flags.at ?? '').trim();
  if (!service) throw new EngineError('badInput', 'expected a non-empty service name', '--service');
  if (!metric) throw new EngineError('badInput', 'expected a non-empty metric name', '--metric');
  if (!at) throw new EngineError('badInput', 'expected the alert time as ISO-8601, e.g. 2024-01-18T09:15:00Z', '--at');
  const t = parseIsoTime(at, { allowNoZone: true });
  if (t === undefined) {
    throw new EngineError('badInput', `"${at.slice(0, 60)}" is not an ISO-8601 date-time (e.g. 2024-01-18T09:15:00Z)`, '--at');
  }
  return {
    id: safeId(`INC-${service}-${compactUtc(t)}`),
    service,
    metric,
    alertTime: new Date(t).toISOString(),
    source: 'flags',
  };
}
