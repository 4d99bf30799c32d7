import { readFileSync, statSync } from 'node:fs';
import { EngineError } from '../errors';
import { reportSchema, type Report } from '../report/reportSchema';

/**
 * The prior's input: the suspects of an `analyze` report (file or object),
 * validated with the report schema, reduced to (commit, confidence).
 */
export interface WeightedCommit {
  commit: string;
  confidence: number;
}

const MAX_REPORT_BYTES = 64 * 1024 * 1024;

export function readReportFile(file: string): Report {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new EngineError('badInput', 'the report file does not exist or cannot be read', file);
  }
  if (size > MAX_REPORT_BYTES) throw new EngineError('badInput', `the report is ${size} bytes; more than ${MAX_REPORT_BYTES} is not a report`, file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EngineError('badInput', `not valid JSON (${(e as Error).message.slice(0, 200)})`, file);
  }
  return parseReport(data, file);
}

export function parseReport(data: unknown, where = 'report'): Report {
  const r = reportSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.length ? issue.path.join('.') : '(root)';
    throw new EngineError('badInput', `not an incident-forensics/report@1 report: ${path}: ${issue.message}`, where);
  }
  return r.data;
}

export function suspectsOf(report: Report): WeightedCommit[] {
  return report.suspects.map((s) => ({ commit: s.commit, confidence: s.confidence }));
}
