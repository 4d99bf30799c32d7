import { EngineError } from '../errors';
import { parseJsonText, readTextFile } from '../incident/textInput';
import { reportSchema, type Report } from './reportSchema';

/** More than this is not a report the engine wrote. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/**
 * Reads and validates one report file (the bisect prior, the extension's
 * report tree): capped, strict UTF-8, JSON errors with line and column, then
 * the report schema. `badInput` names the file and what did not fit.
 */
export async function readReportFile(path: string): Promise<Report> {
  return parseReport(parseJsonText(await readTextFile(path, MAX_REPORT_BYTES, 'the report'), path, 'the report'), path);
}

/** Validates a parsed report; the error names the first field that did not fit. */
export function parseReport(data: unknown, where = 'report'): Report {
  const r = reportSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.length ? issue.path.join('.') : '(root)';
    throw new EngineError('badInput', `not an incident-forensics/report@1 report: ${path}: ${issue.message}`, where);
  }
  return r.data;
}
