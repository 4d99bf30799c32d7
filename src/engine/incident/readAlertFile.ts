import type { Incident } from '../model';
import { MAX_ALERT_BYTES, listFiringAlerts, parseAlert } from './parseAlert';
import { readTextFile } from './textInput';

/** Reads and parses an alert file (size-capped, binary files refused). */
export async function readAlertFile(path: string): Promise<Incident> {
  return parseAlert(await readTextFile(path, MAX_ALERT_BYTES, 'alert file'), path);
}

/** Every firing alert in an alert file, for a picker. */
export async function readFiringAlerts(path: string): Promise<Incident[]> {
  return listFiringAlerts(await readTextFile(path, MAX_ALERT_BYTES, 'alert file'), path);
}
