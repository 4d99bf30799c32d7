import { prepare } from '../detectors/diffView';
import { diffPath } from '../git/parseDiff';
import { findDbCall } from '../detectors/dbPatterns';
import { HANDLER_PATH, requestContext } from '../detectors/requestPath';
import { yamlParents } from '../detectors/yamlPath';
import type { DetectorInput, RiskKind, RiskSignal } from '../model';
import { describeBumps, parseDepLine, type DepEntry } from './dependencies';
import { fileNature, type ChangedLine } from './fileNature';
import { isConfigCodePath, isConfigPath, isDependencyPath } from './pathKinds';
import { LINE_PATTERNS, SQL_IN_STRING } from './riskPatterns';

/** Files whose code is data access by convention. */
const DB_PATH = /(^|\/)(repositor(y|ies)|daos?|db|database|models?|migrations?|persistence|storage|sql)(\/|[._-][^/]*$)|\.sql$/i;

const ORDER: RiskKind[] = ['database', 'api', 'pool', 'cache', 'concurrency', 'timeout', 'config', 'dependency', 'docs', 'tests', 'formatting'];

function describe(kind: RiskKind, path: string, extra: string): string {
  switch (kind) {
    case 'database': return extra === 'sql' ? `SQL query changed in ${path}` : `database access changed in ${path}`;
    case 'api': return `API route/handler changed in ${path}`;
    case 'pool': return `connection pool settings changed in ${path}`;
    case 'cache': return `cache code changed in ${path}`;
    case 'concurrency': return `concurrency changed in ${path}`;
    case 'timeout': return `timeouts/retries/limits changed in ${path}`;
    case 'config': return `configuration changed in ${path}`;
    case 'dependency': return extra ? `dependencies changed in ${path}: ${extra}` : `dependencies changed in ${path}`;
    case 'docs': return extra === 'comments' ? `comment-only change in ${path}` : `documentation changed in ${path}`;
    case 'tests': return `test code changed in ${path}`;
    case 'formatting': return `formatting-only change in ${path}`;
  }
}

function one(kind: RiskKind, path: string, lines: number, extra = ''): RiskSignal {
  return { kind, file: path, lines, detail: describe(kind, path, extra) };
}

function inHandler(input: DetectorInput, l: ChangedLine, path: string): boolean {
  const p = prepare(input);
  const m = l.side === '+' ? p.after : p.before;
  const ctx = m ? requestContext(m, l.line, path) : undefined;
  return !!ctx && !ctx.byPathOnly;
}

function dependencySignals(input: DetectorInput, path: string, lines: ChangedLine[]): RiskSignal[] {
  const p = prepare(input);
  const removed: DepEntry[] = [];
  const added: DepEntry[] = [];
  let depLines = 0;
  let other = 0;
  for (const l of lines) {
    if (l.raw.trim() === '') continue;
    const model = l.side === '+' ? p.after : p.before;
    const dep = parseDepLine(path, l.raw, model?.raw, l.line);
    if (dep === undefined) { other++; continue; }
    depLines++;
    if (dep !== 'dep') (l.side === '+' ? added : removed).push(dep);
  }
  const out: RiskSignal[] = [];
  if (depLines) {
    const bumps = describeBumps(removed, added);
    const extra = bumps.length ? bumps.slice(0, 3).join(', ') + (bumps.length > 3 ? `, +${bumps.length - 3} more` : '') : '';
    out.push(one('dependency', path, depLines, extra));
  }
  if (other) out.push(one('config', path, other));
  return out;
}

/** Source files in languages the risk rules do not read (C-family, Rust, Ruby, PHP, C#, shell, …). */
const OTHER_SOURCE = /\.(c|h|cc|cpp|cxx|hh|hpp|hxx|inl|rs|rb|php|cs|swift|m|mm|lua|pl|pm|sh|bash|zsh|vala|scala|kt|kts|hs|ml|ex|exs|erl|zig|nim|d)$/i;
const FILE_LEVEL = new Set<RiskKind>(['docs', 'tests', 'formatting', 'dependency']);

/**
 * Risk signals of one changed file: which kinds of risky code its added and
 * removed lines touch, and how many lines carry each. Tests, docs,
 * comment-only and formatting-only changes get only that one signal. The code
 * rules are written for Go, TS/JS, Python and Java: in other source languages
 * only the file-level kinds (docs, tests, formatting, dependencies) mean
 * anything, so only those are kept there.
 */
export function classifyRisk(input: DetectorInput): RiskSignal[] {
  const r = classifyAnyLanguage(input);
  return OTHER_SOURCE.test(diffPath(input.file)) ? r.filter((k) => FILE_LEVEL.has(k.kind)) : r;
}

function classifyAnyLanguage(input: DetectorInput): RiskSignal[] {
  const n = fileNature(input);
  const path = n.path;
  if (n.empty) return [];
  if (n.tests) return [one('tests', path, n.changed)];
  if (n.docs) return [one('docs', path, n.changed)];
  if (n.formatting) return [one('formatting', path, n.changed || n.lines.length)];
  if (n.commentsOnly) return [one('docs', path, n.changed, 'comments')];
  if (isDependencyPath(path)) return dependencySignals(input, path, n.lines);

  const counts = new Map<RiskKind, number>();
  let sql = false;
  const bump = (k: RiskKind): void => { counts.set(k, (counts.get(k) ?? 0) + 1); };
  const configFile = isConfigPath(path) || input.language === 'other';
  const configCode = isConfigCodePath(path);
  const dbPath = DB_PATH.test(path);
  const apiPath = HANDLER_PATH.test(path);
  const yaml = /\.ya?ml$/i.test(path);
  const p = prepare(input);
  for (const l of n.lines) {
    if (l.keep.trim() === '') continue;
    const kinds = new Set<RiskKind>();
    // A YAML line is read with its parent keys: `max: 50` under `pool:` is a pool setting.
    const model = l.side === '+' ? p.after : p.before;
    const text = yaml && model ? `${yamlParents(model.raw, l.line).join(' ')} ${l.keep}` : configFile ? l.keep : l.code;
    for (const pat of LINE_PATTERNS) {
      if (pat.langs && !pat.langs.includes(input.language)) continue;
      if ((pat.code && pat.code.test(text)) || (pat.keep && pat.keep.test(l.keep))) kinds.add(pat.kind);
    }
    if (SQL_IN_STRING.test(l.keep)) sql = true;
    if (!configFile) {
      if (findDbCall(l.code, l.keep) || dbPath) kinds.add('database');
      if (apiPath || inHandler(input, l, path)) kinds.add('api');
      if (configCode) kinds.add('config');
    } else {
      kinds.add('config');
      // Config files hold no code: only settings words count (an "api:" key is not a route).
      kinds.delete('api');
      kinds.delete('database');
      kinds.delete('concurrency');
      if (/\b(database|datasource|db|jdbc|postgres|mysql|mongo|dsn)\b/i.test(l.keep)) kinds.add('database');
    }
    for (const k of kinds) bump(k);
  }
  return ORDER.filter((k) => counts.has(k)).map((k) => one(k, path, counts.get(k)!, k === 'database' && sql ? 'sql' : ''));
}
