/** The three incidents of the seed, each built as its own repository. */
export const DEMO_NAMES = ['payment-gateway', 'auth-service', 'phi-service'] as const;
export type DemoName = (typeof DEMO_NAMES)[number];

/** What the demo produced for one incident, and the answer an analysis should reach. */
export interface DemoIncident {
  name: DemoName;
  /** The git repository (working tree root). */
  repoDir: string;
  /** The alert file (untracked, under `.forensics/`). */
  alertPath: string;
  logPaths: string[];
  metricPaths: string[];
  /** Only for the incident that ships a deployments file; the others rely on deploy tags. */
  deploymentsPath?: string;
  expected: {
    /** Full sha of the commit that caused the incident. */
    commit: string;
    /** Repository path of the defect, as of that commit. */
    file: string;
    /** 1-based line of the defect in that commit's version of the file. */
    line: number;
    /** The detector pattern id that describes it. */
    pattern: string;
  };
}

/** A commit author; `tz` only changes how git displays the date. */
export interface Person {
  name: string;
  email: string;
  tz: string;
}
