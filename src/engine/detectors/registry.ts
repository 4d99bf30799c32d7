import type { Detector, DetectorInput, Finding } from '../model';
import { blockingIoInRequestPath } from './blockingIoInRequestPath';
import { configValueChanged } from './configValueChanged';
import { duplicateMethodCall } from './duplicateMethodCall';
import { errorSwallowed } from './errorSwallowed';
import { missingTransactionIsolation } from './missingTransactionIsolation';
import { nPlusOneQuery } from './nPlusOneQuery';
import { timeoutRemoved } from './timeoutRemoved';
import { unboundedCache } from './unboundedCache';

/** Every semantic diff detector, in report order. */
export const DETECTORS: readonly Detector[] = [
  duplicateMethodCall,
  unboundedCache,
  missingTransactionIsolation,
  configValueChanged,
  nPlusOneQuery,
  timeoutRemoved,
  blockingIoInRequestPath,
  errorSwallowed,
];

/** At most this many findings of one pattern per file (a generated file can match thousands of times). */
export const MAX_FINDINGS_PER_PATTERN = 25;

/**
 * Runs all detectors on one changed file. A detector that throws on odd input
 * loses its say on this file; the others still report.
 */
export function runDetectors(input: DetectorInput, detectors: readonly Detector[] = DETECTORS): Finding[] {
  if (input.file.binary) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const d of detectors) {
    let found: Finding[];
    try {
      found = d.detect(input);
    } catch {
      continue;
    }
    if (found.length > MAX_FINDINGS_PER_PATTERN) found = [...found].sort((a, b) => b.confidence - a.confidence).slice(0, MAX_FINDINGS_PER_PATTERN);
    for (const f of found) {
      const key = `${f.pattern}|${f.file}|${f.line}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out.sort((a, b) => a.line - b.line || b.confidence - a.confidence);
}
