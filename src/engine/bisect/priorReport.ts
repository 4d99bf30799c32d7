import type { Report } from '../report/reportSchema';

/** The prior's input: an `analyze` report's suspects (report/readReport.ts validates it), reduced to (commit, confidence). */
export interface WeightedCommit {
  commit: string;
  confidence: number;
}

export function suspectsOf(report: Report): WeightedCommit[] {
  return report.suspects.map((s) => ({ commit: s.commit, confidence: s.confidence }));
}
