import type { Rng } from '../rng';

/** The benchmark's incident classes (the alert's kind, or no culprit at all). */
export type IncidentClass = 'latency' | 'memory' | 'data-integrity' | 'errors' | 'no-culprit';
export const INCIDENT_CLASSES: readonly IncidentClass[] = ['latency', 'memory', 'data-integrity', 'errors', 'no-culprit'];

export type LangId = 'go' | 'typescript' | 'python' | 'java';
export const LANGS: readonly LangId[] = ['go', 'typescript', 'python', 'java'];

/** What part of a service a file is; commit subjects are drawn per area, never per role. */
export type Area = 'db' | 'repo' | 'handler' | 'cache' | 'client' | 'config' | 'money' | 'auth' | 'main';

export type CulpritKind =
  | 'dup-call'
  | 'unbounded-cache'
  | 'unbounded-list'
  | 'missing-isolation'
  | 'config-value'
  | 'n-plus-one'
  | 'timeout-removed'
  | 'blocking-io'
  | 'error-swallowed'
  | 'wrong-constant'
  | 'inverted-condition'
  | 'where-clause';

export type DecoyKind = 'cache-with-eviction' | 'correct-transaction' | 'parallel-reads' | 'timeout-raised' | 'pool-tuned' | 'retry-added';
export const DECOY_KINDS: readonly DecoyKind[] = ['cache-with-eviction', 'correct-transaction', 'parallel-reads', 'timeout-raised', 'pool-tuned', 'retry-added'];

/** A line of a service file, found by a substring that survives noise edits. */
export interface CodeRef {
  /** Service-relative path ('' for a frame outside the repository, see `ext`). */
  file: string;
  find: string;
  /** The enclosing function or method, as a stack frame names it. */
  func: string;
  /** A frame outside the repository (runtime, library): its path:line as printed. */
  ext?: string;
}

/** A kind of log line the service writes at some rate from some moment on. */
export interface LogEffect {
  level: 'warn' | 'error';
  /** `{id}`, `{n}`, `{ms}` are filled per line. */
  message: string;
  /** Top frame first; the first is the caller location. */
  frames: CodeRef[];
  stack: boolean;
  /** Exception class (Java/Python/Node traces). */
  exception?: string;
  perHour: number;
}

export interface Edit {
  file: string;
  /**
   * after/before: insert `lines` next to the line containing `at`; replace: that
   * line becomes `lines`; replaceThrough: the lines from `at` to `until` become
   * `lines`; create: the file is (re)written as `lines`.
   */
  op: 'after' | 'before' | 'replace' | 'replaceThrough' | 'create';
  at?: string;
  until?: string;
  /** replaceThrough: also drop this many lines after `until`. */
  thenDrop?: number;
  lines: string[];
}

/** A planned change: a culprit, a decoy or a structural edit. */
export interface Recipe {
  id: string;
  area: Area;
  edits: Edit[];
  /** The root-cause line (culprits only), in the commit's version. */
  key?: CodeRef;
  /** The detector id that should see it; none for invisible culprits. */
  pattern?: string;
  effects: LogEffect[];
  /** Culprits: the alert class this variant produces. */
  cls?: IncidentClass;
}

export type RecipeFactory = (ctx: ServiceCtx, r: Rng, cls: IncidentClass) => Recipe;

export interface ServiceCtx {
  name: string;
  /** Repository path of the service folder. */
  dir: string;
  lang: LangId;
  /** Domain entity: Payment / payment / payments / payments table. */
  E: string;
  e: string;
  es: string;
  tbl: string;
  /** Java package or Go module tail. */
  pkg: string;
  /** Name of the upstream the client calls. */
  upstream: string;
}

export interface ServiceTemplate {
  files: Record<string, string>;
  areas: Record<string, Area>;
  chronic: LogEffect[];
  /** INFO "request completed" site. */
  access: CodeRef;
  /** INFO "starting" site (logged at each deploy). */
  startup: CodeRef;
  /** WARN heap monitor site. */
  heap: CodeRef;
  /** What an upstream outage looks like in this service's logs. */
  outage: LogEffect;
  /** What saturation under a traffic spike looks like. */
  saturation: LogEffect;
}

/** Language-specific syntax the generic noise edits and stack traces need. */
export interface Dialect {
  comment: string;
  /** A line that opens a function body. */
  funcStart: RegExp;
  logLine(level: 'debug' | 'info', msg: string): string;
  metricLine(name: string): string;
  guard(flag: string): string[];
  /** A small top-level helper (Java: a method, inserted inside the class). */
  helper(name: string, r: Rng): string[];
  helperInClass: boolean;
  /** Adds an argument to a log call on this line, or null when it is not one. */
  appendArg(line: string, svc: string): string | null;
  indentUnit: string;
}

export interface LangModule {
  id: LangId;
  dialect: Dialect;
  template(ctx: ServiceCtx): ServiceTemplate;
  culprits: Record<CulpritKind, RecipeFactory>;
  decoys: Record<DecoyKind, RecipeFactory>;
  /** A large feature commit (new file plus wiring). */
  bigFeature: RecipeFactory;
}

export type AlertFormat = 'seed' | 'alertmanager-webhook' | 'alertmanager-v2' | 'cloudwatch-eventbridge' | 'cloudwatch-sns';
export type LogFormat = 'seed' | 'iso' | 'json' | 'logfmt' | 'mixed';

export interface GeneratedIncident {
  id: string;
  seed: number;
  repoDir: string;
  alertPath: string;
  alertFormat: AlertFormat;
  logPaths: string[];
  metricPaths: string[];
  deploymentsPath?: string;
  configPath?: string;
  class: IncidentClass;
  tags: string[];
  service: string;
  language: LangId;
  /** The culprit recipe (or the no-culprit story). */
  kind: string;
  truth: { commit: string | null; file?: string; line?: number; pattern?: string };
  /** Alert time, ISO. */
  alertTime: string;
}
