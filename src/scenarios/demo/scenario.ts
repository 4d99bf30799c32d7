import type { DemoName } from './demoTypes';
import type { ShaOf } from './fastImport';
import type { CommitRef, History } from './history';

/** A production deploy: its tag, time (ISO-8601), the commit it shipped, and the services it rolled out. */
export interface Deploy {
  tag: string;
  time: string;
  ref: CommitRef;
  services: string[];
}

/** Where one incident's untracked data went (repository-relative paths under `.forensics/`). */
export interface WrittenData {
  alert: string;
  logs: string[];
  metrics: string[];
  deployments?: string;
  /** The log copied to data/incident-forensics/logs/<name>. */
  primaryLog: { path: string; datasetName: string };
  /** The metric copied to data/incident-forensics/metrics/<name>. */
  primaryMetric: { path: string; datasetName: string };
}

/** The seed's "Sample Incident Record" fields that are not derived from the build. */
export interface IncidentMeta {
  incidentId: string;
  type: string;
  service: string;
  alertTime: string;
  resolutionTime: string;
  resolutionMethod: string;
  /** data/incident-forensics/git-history/<name>. */
  gitHistoryName: string;
}

/** One demo incident before it is written: its history, its answer and its data writer. */
export interface Scenario {
  name: DemoName;
  history: History;
  culprit: CommitRef;
  expected: { file: string; line: number; pattern: string };
  meta: IncidentMeta;
  writeData(repoDir: string, shaOf: ShaOf): WrittenData;
}
