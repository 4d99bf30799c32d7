import type { Detector, DetectorInput, Finding, SuggestedEdit } from '../model';
import { isTestPath } from '../signals/pathKinds';
import { findMethodCalls, type MethodCall } from './calls';
import { anyAdded, finding, prepare, shorten, type Prepared } from './diffView';
import { blockChain, type SourceModel } from './sourceModel';

export const DUPLICATE_METHOD_CALL = 'DUPLICATE_METHOD_CALL';

/** Setter and configuration methods: a second call replaces what the first set. */
const SETTER = /^(set|with|configure)[A-Z0-9_]|^(Set|With|Configure)([A-Z0-9_]|$)|^set_[a-z]/;
/** Builder options that replace, not accumulate (OkHttp, Netty, Caffeine, HikariCP builders). */
const BUILDER_OPTION = /^(option|childOption|connectTimeout|readTimeout|writeTimeout|callTimeout|pingInterval|maximumSize|maximumWeight|expireAfterWrite|expireAfterAccess|refreshAfterWrite|initialCapacity|maxPoolSize|corePoolSize|queueCapacity|keepAliveSeconds|poolSize|maxRetries|retries|timeout)$/;
/** Keyed setters: a repeat is only a conflict for the same key (first argument). */
const KEYED = /^(set|put|option|childOption|setHeader|setProperty|setAttribute|setOption|setConfig|setParameter|setInt|setString|setLong|setBoolean|header|Set|Put|SetHeader)$/;
/** Setters that merge or schedule rather than replace. */
const NOT_REPLACING = /^(setState|setImmediate|set_trace|setdefault|setUp|setup|setDaemon|withContext|With)$/;
/** Timers schedule callbacks; only `socket.setTimeout(5000)`-style calls set a value. */
const TIMER = /^(setTimeout|setInterval)$/;

function wanted(name: string): boolean {
  if (NOT_REPLACING.test(name)) return false;
  return SETTER.test(name) || BUILDER_OPTION.test(name) || KEYED.test(name);
}

interface Group {
  key: string;
  calls: MethodCall[];
}

/** `Object.setPrototypeOf(target, proto)`: a static helper on a class acts on its first argument. */
function staticTarget(c: MethodCall): boolean {
  return !c.chained && /^[A-Z][\w$]*$/.test(c.receiver) && c.args.length >= 2;
}

function keyArg(c: MethodCall): string | undefined {
  return (KEYED.test(c.method) || staticTarget(c)) && c.args.length >= 2 ? c.args[0] : undefined;
}

function valueOf(c: MethodCall): string {
  const k = keyArg(c);
  return (k !== undefined ? c.args.slice(1) : c.args).join(', ');
}

/** Branch identity of a line: its innermost block (a switch case is its own block). */
function blockKey(m: SourceModel, line: number): number {
  return m.lineBlock[line] ?? -1;
}

function groupCalls(m: SourceModel, calls: MethodCall[]): Group[] {
  const groups = new Map<string, MethodCall[]>();
  for (const c of calls) {
    // `put`/`set` without a key are container or generic operations, not settings.
    if (KEYED.test(c.method) && !SETTER.test(c.method) && !BUILDER_OPTION.test(c.method) && c.args.length < 2) continue;
    if (!c.chained && !c.statement) continue;
    if (TIMER.test(c.method) && (c.args.length !== 1 || /=>|\bfunction\b/.test(c.args[0]))) continue;
    if (!c.chained && c.args.length === 0) continue;
    if (c.chained && !SETTER.test(c.method) && !BUILDER_OPTION.test(c.method) && !KEYED.test(c.method)) continue;
    const where = c.chained ? `chain@${c.rootOffset}` : `block@${blockKey(m, c.line)}|${c.receiver}`;
    const key = `${where}|${c.method}|${keyArg(c) ?? ''}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  return [...groups.entries()].map(([key, list]) => ({ key, calls: list.sort((a, b) => a.dot - b.dot) }));
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What lies between two plain calls on one receiver: `quiet` when only blank
 * lines, comments and other setters on it; `observed` when the receiver is
 * used (its state is read between the two settings) or control leaves.
 */
function between(m: SourceModel, a: MethodCall, b: MethodCall): 'quiet' | 'busy' | 'observed' {
  const recv = new RegExp(`(^|[^\\w$.])${escapeRe(b.receiver)}\\b`);
  const root = b.receiver.split('.')[0];
  const rootRe = /^(this|self)$/.test(root) ? undefined : new RegExp(`(^|[^\\w$.])${escapeRe(root)}\\b`);
  const setterOnRecv = new RegExp(`^\\s*(await\\s+)?${escapeRe(b.receiver)}\\s*\\.\\s*[A-Za-z_$][\\w$]*\\s*\\(`);
  // \`log.propagate = False\` between two settings is another setting, not a use.
  const fieldSet = new RegExp(`^${escapeRe(b.receiver)}\\s*\\.\\s*[A-Za-z_$][\\w$]*\\s*=(?!=)(.*)$`);
  let state: 'quiet' | 'busy' = 'quiet';
  const text = m.codeText.slice(a.close + 1, b.rootOffset);
  const lines = text.split('\n');
  for (const raw of lines) {
    const t = raw.trim().replace(/^[;]+|[;]+$/g, '').trim();
    if (t === '' || t === ')') continue;
    if (/^(return|break|continue|throw|goto|yield|raise)\b/.test(t)) return 'observed';
    const call = setterOnRecv.exec(t);
    if (call) {
      const name = /\.\s*([A-Za-z_$][\w$]*)\s*\($/.exec(call[0])?.[1] ?? '';
      if (wanted(name) && !/^(setState)$/.test(name)) continue;
      return 'observed';
    }
    const field = fieldSet.exec(t);
    if (field && !recv.test(field[1]) && !(rootRe && rootRe.test(field[1]))) continue;
    if (recv.test(t) || (rootRe && rootRe.test(t))) return 'observed';
    // Set, do some work, set back (raise a pool while warming up, then restore) is deliberate.
    if (/^(for|while|do|if|switch|try|with|select)\b|=>|\bawait\b|\bsleep\b|\bSleep\b/.test(t)) return 'observed';
    const calls = t.match(/[A-Za-z_$][\w$.]*\s*\(/g) ?? [];
    if (calls.some((c) => !/^(log|logger|logging|console|fmt\.(Print|Sprint|Fprint)|print|println|System\.out|metrics|slog|zap|LOG|LOGGER)\b/.test(c) && !/^(len|str|int|float|String|Number|make|new|time\.Duration)\s*\(/.test(c))) return 'observed';
    state = 'busy';
  }
  return state;
}

/** Identifiers a loop header binds or iterates, e.g. `for _, n := range sizes` → n, sizes. */
function loopIdentifiers(m: SourceModel, line: number): Set<string> {
  const ids = new Set<string>();
  for (const b of blockChain(m, line)) {
    if (b.loop) for (const w of b.header.match(/[A-Za-z_$][\w$]*/g) ?? []) ids.add(w);
    if (b.kind === 'function') break;
  }
  ['for', 'range', 'in', 'of', 'const', 'let', 'var', 'int', 'while', 'forEach', 'map', 'async'].forEach((k) => ids.delete(k));
  return ids;
}

function usesAny(args: string, ids: Set<string>): boolean {
  for (const w of args.match(/[A-Za-z_$][\w$]*/g) ?? []) if (ids.has(w)) return true;
  return false;
}

const BOOL = /^(true|false|True|False|TRUE|FALSE)$/;

function fixFor(p: Prepared, b: MethodCall, redundant: boolean): SuggestedEdit | undefined {
  if (b.chained || !b.statement) return undefined;
  return {
    file: p.path,
    startLine: b.line,
    endLine: b.endLine,
    replacement: '',
    title: `Remove the ${redundant ? 'redundant' : 'duplicated'} ${b.method} call`,
  };
}

/** Data writes: one run twice writes twice (a duplicate row, a second charge), whatever its result is assigned to. */
const WRITE = /^(Exec|ExecContext|exec|execute|executeUpdate|executemany|insert|Insert|insertOne|InsertOne|save|Save|persist)$/;

/** The same write with the same arguments, twice in a row in one block, one of them added. */
function duplicateWrites(m: SourceModel, p: Prepared): Finding[] {
  const groups = new Map<string, MethodCall[]>();
  for (const c of findMethodCalls(m, (n) => WRITE.test(n))) {
    if (c.chained || c.args.length === 0) continue;
    const key = `${blockKey(m, c.line)}|${c.receiver}|${c.method}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const out: Finding[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.dot - b.dot);
    for (let k = 1; k < list.length; k++) {
      const [a, b] = [list[k - 1], list[k]];
      if (a.args.join(', ') !== b.args.join(', ') || (!anyAdded(p, a.line, a.endLine) && !anyAdded(p, b.line, b.endLine))) continue;
      // A check, a return or a use of the receiver between them makes the second a deliberate step (a retry, a second phase).
      if (between(m, a, b) === 'observed') continue;
      const loopIds = loopIdentifiers(m, b.line);
      if (loopIds.size && usesAny(a.args.join(', '), loopIds)) continue;
      out.push(finding(p, DUPLICATE_METHOD_CALL, b.line, `${b.receiver}.${b.method}(${shorten(b.args.join(', '), 50)}) runs twice: the same write is executed again (a duplicate row, a second side effect)`, 0.6));
    }
  }
  return out;
}

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  const m = p.after;
  if (!m || m.language === 'other' || isTestPath(p.path) || p.changes.added.size === 0) return [];
  const calls = findMethodCalls(m, wanted);
  const out: Finding[] = duplicateWrites(m, p);
  for (const g of groupCalls(m, calls)) {
    for (let k = 1; k < g.calls.length; k++) {
      const a = g.calls[k - 1];
      const b = g.calls[k];
      if (!anyAdded(p, a.line, a.endLine) && !anyAdded(p, b.line, b.endLine)) continue;
      const va = valueOf(a);
      const vb = valueOf(b);
      let gap: 'quiet' | 'busy' | 'observed' = 'quiet';
      if (!b.chained) {
        gap = between(m, a, b);
        if (gap === 'observed') continue;
      }
      const loopIds = loopIdentifiers(m, b.line);
      if (loopIds.size && (usesAny(va, loopIds) || usesAny(vb, loopIds))) continue;
      const same = va === vb;
      // Toggling a flag around other work (setEnabled(false) … setEnabled(true)) is deliberate.
      if (!same && BOOL.test(va) && BOOL.test(vb) && gap !== 'quiet') continue;
      const key = keyArg(b);
      const label = `${b.chained ? '' : b.receiver + '.'}${b.method}${key !== undefined ? `(${shorten(key, 30)}, …)` : ''}`;
      let confidence: number;
      let message: string;
      if (same) {
        confidence = 0.3;
        message = `${label} called twice with the same value (${shorten(va, 40)}); the second call is redundant`;
      } else {
        confidence = b.chained ? 0.8 : gap === 'quiet' ? 0.85 : 0.6;
        if (key !== undefined && /^(put|Put|set|Set)$/.test(b.method)) confidence -= 0.2;
        message = `${label} called twice (${shorten(va, 40)}, then ${shorten(vb, 40)}); the second call overrides the first`;
      }
      out.push(finding(p, DUPLICATE_METHOD_CALL, b.line, message, confidence, fixFor(p, b, same)));
    }
  }
  return out;
}

export const duplicateMethodCall: Detector = {
  id: DUPLICATE_METHOD_CALL,
  description: 'A setter or configuration method called twice on the same receiver in one block with conflicting values (the second call silently overrides the first), or the same data write executed twice.',
  detect,
};
