import type { Incident } from '../model';
import { compact, numberFrom } from './alertFormat';
import { compactUtc, safeId } from './isoTime';

/** What the two CloudWatch shapes (EventBridge and SNS) have in common, normalized. */
export interface CloudWatchAlarm {
  alarmName: string;
  alarmArn?: string;
  description?: string;
  stateValue: string;
  reason?: string;
  /** The JSON string CloudWatch puts in `reasonData` (EventBridge only). */
  reasonData?: string;
  timeMs: number;
  metricName?: string;
  namespace?: string;
  dimensions: Record<string, string>;
  threshold?: number;
  region?: string;
}

const SERVICE_DIMENSIONS = ['Service', 'ServiceName', 'service', 'service_name'];

/** Words that describe the condition, not the service, at the end of alarm names. */
const CONDITION_WORDS = new Set(
  (
    'alarm alert high low too critical crit warning warn breach breached p50 p90 p95 p99 avg average max min sum ' +
    'latency duration response time errors error rate count 5xx 4xx cpu memory mem utilization usage saturation ' +
    'throttles throttled timeouts timeout spike ms percent pct above below over under exceeded'
  ).split(' '),
);

/**
 * Service from the alarm name when no dimension names it:
 * `payment-gateway-latency-high` → `payment-gateway`. Names that are all condition
 * words, or not separated (`ServerCpuTooHigh`), are used whole.
 */
export function serviceFromAlarmName(name: string): string {
  const parts = name.split(/([-_.:/ ]+)/);
  const words = parts.filter((_, i) => i % 2 === 0);
  let keep = words.length;
  while (keep > 0 && (CONDITION_WORDS.has(words[keep - 1]!.toLowerCase()) || /^\d+$/.test(words[keep - 1]!))) keep--;
  if (keep === 0) return name.trim();
  return parts.slice(0, keep * 2 - 1).join('').trim() || name.trim();
}

/** `[587.0 (18/01/24 09:14:00)]` in a state reason → 587. The last datapoint is the newest. */
function valueFromReason(reason: string | undefined): number | undefined {
  if (!reason) return undefined;
  const m = /\[([^\]]*)\]/.exec(reason);
  if (!m) return undefined;
  const nums = [...m[1]!.matchAll(/(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*\(/g)].map((x) => Number(x[1]));
  return nums.length ? nums[0] : undefined;
}

function thresholdFromReason(reason: string | undefined): number | undefined {
  const m = reason ? /threshold \((-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\)/.exec(reason) : null;
  return m ? Number(m[1]) : undefined;
}

/** reasonData holds `threshold` and `recentDatapoints` as JSON inside a string. */
function fromReasonData(text: string | undefined): { threshold?: number; value?: number } {
  if (!text) return {};
  try {
    const d = JSON.parse(text) as { threshold?: unknown; recentDatapoints?: unknown };
    const pts = Array.isArray(d.recentDatapoints) ? d.recentDatapoints.map(numberFrom).filter((x) => x !== undefined) : [];
    return { threshold: numberFrom(d.threshold), value: pts.length ? pts[pts.length - 1] : undefined };
  } catch {
    return {}; // reasonData is optional decoration; a broken one is not worth rejecting the alarm
  }
}

export function regionFromArn(arn: string | undefined): string | undefined {
  const parts = arn?.split(':');
  return parts && parts.length > 4 && parts[0] === 'arn' && parts[3] ? parts[3] : undefined;
}

export function cloudWatchIncident(a: CloudWatchAlarm, source: string): Incident {
  const dimService = SERVICE_DIMENSIONS.map((k) => a.dimensions[k]?.trim()).find((v) => v);
  const service = dimService || serviceFromAlarmName(a.alarmName);
  const rd = fromReasonData(a.reasonData);
  const labels: Record<string, string> = { alarmName: a.alarmName, ...a.dimensions };
  if (a.namespace) labels.namespace = a.namespace;
  return compact<Incident>({
    id: safeId(`${a.alarmName}-${compactUtc(a.timeMs)}`),
    service,
    metric: a.metricName?.trim() || a.alarmName,
    alertTime: new Date(a.timeMs).toISOString(),
    threshold: a.threshold ?? rd.threshold ?? thresholdFromReason(a.reason),
    actualValue: rd.value ?? valueFromReason(a.reason),
    source,
    region: a.region ?? regionFromArn(a.alarmArn),
    summary: a.description || a.reason,
    labels,
  });
}
