/** Every command id the extension registers (package.json `contributes.commands` lists the same). */
export const CommandId = {
  run: 'incidentForensics.run',
  openDemo: 'incidentForensics.openDemo',
  showLastReport: 'incidentForensics.showLastReport',
  clearAnnotations: 'incidentForensics.clearAnnotations',
  openSuspectDiff: 'incidentForensics.openSuspectDiff',
  prepareRevert: 'incidentForensics.prepareRevert',
  confirmWithBisect: 'incidentForensics.confirmWithBisect',
  refreshIncidents: 'incidentForensics.refreshIncidents',
  showLog: 'incidentForensics.showLog',
  /** Internal (tree, webview, hover links): open a stored report. */
  openReport: 'incidentForensics.openReport',
  /** Internal: open a commit's line at today's position. */
  openLocation: 'incidentForensics.openLocation',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** The report webview's type; package.json activates on it for restore. */
export const REPORT_VIEW_TYPE = 'incidentForensics.report';
/** The Incidents tree's view id. */
export const INCIDENTS_VIEW = 'incidentForensics.incidents';
/** Scheme of read-only documents showing a file at a commit (`git show <sha>:<path>`). */
export const GIT_SCHEME = 'incident-forensics-git';
export const DIAGNOSTIC_SOURCE = 'incident-forensics';
