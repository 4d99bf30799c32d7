import type { Detector, DetectorInput, Finding } from '../model';
import { isTestPath } from '../signals/pathKinds';
import type { Block } from './blocks';
import { dbCallAt, querySignature } from './dbCalls';
import { finding, prepare, shorten } from './diffView';
import { blockChain, type SourceModel } from './sourceModel';

export const N_PLUS_ONE_QUERY = 'N_PLUS_ONE_QUERY';

/** Retry loops run a query a bounded, small number of times on purpose. */
const RETRY_HEADER = /\b(attempt|attempts|retry|retries|tries|try_count|tryCount|backoff|maxRetries|max_retries)\b/i;
/** `for i := 0; i < 3; i++`, `range(3)`, `while n < 5`: a small constant bound. */
const SMALL_BOUND = /(<=?\s*[0-5]\b|\brange\s*\(\s*[0-5]\s*\)|\brepeat\s*\(\s*[0-5]\s*\))/;
/** Loops that wait on a cursor or stream rather than a collection of keys. */
const POLL_HEADER = /^(for|while)\s*\(?\s*(true|True|1)?\s*\)?\s*:?$|^for$|\bselect\b/;

function loopAround(m: SourceModel, line: number): Block | undefined {
  for (const b of blockChain(m, line)) {
    if (b.loop) return b;
    // Leaving the named function: a loop outside it does not run this body per item.
    if (b.kind === 'function') return undefined;
  }
  return undefined;
}

/** Iteration written inline: `ids.map(id => db.find(id))`. */
const INLINE_ITER = /\.\s*(map|forEach|flatMap|each|forEachOrdered)\s*\(/g;

function inlineIteration(code: string, col: number, python: boolean): boolean {
  INLINE_ITER.lastIndex = 0;
  for (let m = INLINE_ITER.exec(code); m && m.index < col; m = INLINE_ITER.exec(code)) {
    // The call sits inside the iteration's parentheses.
    let depth = 0;
    for (let i = m.index + m[0].length - 1; i < col; i++) {
      if (code[i] === '(') depth++;
      else if (code[i] === ')') depth--;
    }
    if (depth > 0) return true;
  }
  return python && comprehensionPerItem(code, col);
}

/**
 * Python comprehensions run their element expression and `if` filters once
 * per item, but the first iterable only once: `[get(x) for x in xs]` is per
 * item, `{c.id: c for c in fetch_all()}` is not.
 */
function comprehensionPerItem(code: string, col: number): boolean {
  let depth = 0;
  let open = -1;
  for (let i = col - 1; i >= 0; i--) {
    const c = code[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) { open = i; break; }
      depth--;
    }
  }
  if (open < 0) return false;
  let d = 0;
  let firstFor = -1;
  const ifs: number[] = [];
  for (let i = open + 1; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') d++;
    else if (c === ')' || c === ']' || c === '}') {
      if (d === 0) break;
      d--;
    } else if (d === 0 && /\s/.test(code[i - 1] ?? ' ')) {
      if (firstFor < 0 && /^(async\s+)?for\s/.test(code.slice(i, i + 10))) firstFor = i;
      else if (/^if\s/.test(code.slice(i, i + 3))) ifs.push(i);
    }
  }
  if (firstFor < 0) return false;
  return col < firstFor || ifs.some((p) => p > firstFor && p < col);
}

/** Queries the old version already ran per item: a refactor of such a loop introduces nothing. */
function loopQueriesBefore(m: SourceModel | undefined): Set<string> {
  const out = new Set<string>();
  if (!m) return out;
  for (let n = 1; n <= m.lineCount; n++) {
    const call = dbCallAt(m, n);
    if (call && (loopAround(m, n) || inlineIteration(m.code[n], call.col, m.language === 'python'))) out.add(querySignature(m.code[n], m.keep[n], call.name));
  }
  return out;
}

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  const m = p.after;
  if (!m || m.language === 'other' || isTestPath(p.path) || p.changes.added.size === 0) return [];
  const out: Finding[] = [];
  const reportedLoops = new Set<number>();
  let before: Set<string> | undefined;
  for (const line of [...p.changes.added.keys()].sort((a, b) => a - b)) {
    const code = m.code[line];
    if (code === undefined) continue;
    const call = dbCallAt(m, line);
    if (!call) continue;
    const loop = loopAround(m, line);
    const inline = !loop && inlineIteration(code, call.col, m.language === 'python');
    if (!loop && !inline) continue;
    if (loop) {
      if (reportedLoops.has(loop.id)) continue;
      if (RETRY_HEADER.test(loop.header) || SMALL_BOUND.test(loop.header) || POLL_HEADER.test(loop.header)) continue;
      // `for rows.Next()` iterating a result set while querying per row is N+1; a bare `for {}` poller is not.
      reportedLoops.add(loop.id);
    }
    before ??= loopQueriesBefore(p.before);
    if (before.has(querySignature(code, m.keep[line], call.name))) continue;
    const where = loop ? `the loop at line ${loop.headerLine} (${shorten(loop.header, 50)})` : 'an inline iteration';
    const confidence = (call.write ? 0.45 : 0.6) + (loop && p.changes.added.has(loop.headerLine) ? 0.05 : 0);
    out.push(finding(p, N_PLUS_ONE_QUERY, line,
      `${call.name} ${call.write ? 'write' : 'query'} runs once per item inside ${where}; batch it (IN/ANY, bulk load) before the loop`,
      confidence));
  }
  return out;
}

export const nPlusOneQuery: Detector = {
  id: N_PLUS_ONE_QUERY,
  description: 'A query or ORM call added inside a loop body (for/range/forEach/map/comprehension), issuing one round trip per item.',
  detect,
};
