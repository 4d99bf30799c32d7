import { EngineError } from '../errors';
import type { Incident } from '../model';
import { isRecord, type AlertFormat } from './alertFormat';
import { AlertFieldError } from './alertmanagerAlert';
import { alertmanagerV2Format } from './alertmanagerV2Format';
import { alertmanagerWebhookFormat } from './alertmanagerWebhookFormat';
import { cloudWatchEventBridgeFormat } from './cloudwatchEventBridgeFormat';
import { cloudWatchSnsFormat } from './cloudwatchSnsFormat';
import { seedFormat } from './seedFormat';
import { assertLooksLikeText, formatBytes, parseJsonText } from './textInput';
import { firstIssue } from './zodIssue';

/** Alert files larger than this are refused: real ones are a few KB. */
export const MAX_ALERT_BYTES = 5 * 1024 * 1024;

export const ALERT_FORMATS: readonly AlertFormat<any>[] = [
  seedFormat,
  alertmanagerWebhookFormat,
  alertmanagerV2Format,
  cloudWatchEventBridgeFormat,
  cloudWatchSnsFormat,
];

/** SNS delivers the alarm as a JSON string in `Message` (HTTP subscription, or a Lambda's Records[0].Sns). */
function unwrapSns(data: unknown, fileName: string): unknown {
  let msg: unknown;
  let field = 'Message';
  if (isRecord(data) && typeof data.Message === 'string' && ('TopicArn' in data || data.Type === 'Notification')) {
    msg = data.Message;
  } else if (isRecord(data) && Array.isArray(data.Records) && isRecord(data.Records[0]) && isRecord(data.Records[0].Sns)) {
    msg = data.Records[0].Sns.Message;
    field = 'Records[0].Sns.Message';
  } else {
    return data;
  }
  if (typeof msg !== 'string') throw new EngineError('badInput', `${field}: expected a string holding the alarm JSON`, fileName);
  return parseJsonText(msg, `${fileName} (${field})`, 'SNS message');
}

interface Decoded {
  format: AlertFormat<unknown>;
  value: unknown;
}

function decode(text: string, fileName: string): Decoded {
  if (text.length > MAX_ALERT_BYTES) {
    throw new EngineError('badInput', `alert is ${formatBytes(text.length)}, larger than the ${formatBytes(MAX_ALERT_BYTES)} limit`, fileName);
  }
  assertLooksLikeText(text, fileName, 'alert file');
  const data = unwrapSns(parseJsonText(text, fileName, 'alert file'), fileName);
  const hinted = ALERT_FORMATS.filter((f) => f.looksLike(data));
  const order = [...hinted, ...ALERT_FORMATS.filter((f) => !hinted.includes(f))];
  const failures: { id: string; message: string; depth: number; count: number }[] = [];
  for (const f of order) {
    const r = firstIssue(f.schema, data);
    if (r.ok) return { format: f, value: r.value };
    failures.push({ id: f.id, message: r.message, depth: r.depth, count: r.count });
  }
  // The format whose shape it resembles explains best; else the one that got furthest.
  const closest = hinted.length
    ? failures[0]!
    : [...failures].sort((a, b) => b.depth - a.depth || a.count - b.count)[0]!;
  const shape = Array.isArray(data) ? 'an array' : isRecord(data) ? 'an object' : `a ${data === null ? 'null' : typeof data}`;
  throw new EngineError(
    'badInput',
    `not a recognized alert (the top level is ${shape}); tried ${ALERT_FORMATS.map((f) => f.id).join(', ')}; ` +
      `closest is ${closest.id}, where ${closest.message}`,
    fileName,
  );
}

function firing(d: Decoded, fileName: string): Incident[] {
  try {
    return d.format.firing(d.value);
  } catch (e) {
    if (e instanceof AlertFieldError) throw new EngineError('badInput', `${d.format.id}: ${e.message}`, fileName);
    throw e;
  }
}

/** Every firing alert in the file (for a picker); empty when none fires. */
export function listFiringAlerts(text: string, fileName: string): Incident[] {
  return firing(decode(text, fileName), fileName);
}

/** The incident an alert file describes: its first firing alert. */
export function parseAlert(text: string, fileName: string): Incident {
  const d = decode(text, fileName);
  const all = firing(d, fileName);
  if (all.length === 0) throw new EngineError('badInput', `${d.format.id}: ${d.format.noneFiring(d.value)}`, fileName);
  return all[0]!;
}

/** Which format a text is, without normalizing (for diagnostics). */
export function detectAlertFormat(text: string, fileName: string): string {
  return decode(text, fileName).format.id;
}
