import type { Detector, DetectorInput, Finding } from '../model';
import { isTestPath } from '../signals/pathKinds';
import {
  isolationLevels, ISOLATION_RANK, LOCK_MARKER, SQL_TX, STATE_WRITE, TX_MARKER, type IsolationName,
} from './dbPatterns';
import { dbCallAt } from './dbCalls';
import { countMatches, finding, newLineForOld, prepare, type Prepared } from './diffView';
import { functionIndex, functionName, parenSpan, referencedBodies, statementSpan, type Region } from './regions';
import { blockChain, enclosingNamedFunction, type SourceModel } from './sourceModel';

export const MISSING_TRANSACTION_ISOLATION = 'MISSING_TRANSACTION_ISOLATION';

/** Inline concurrency constructs (the block-shaped ones come from blocks.ts). */
const INLINE: { re: RegExp; what: string; span: 'paren' | 'statement' | 'line' }[] = [
  { re: /^\s*go\s+[\w$.]+\s*\(/, what: 'goroutines', span: 'line' },
  { re: /\bPromise\s*\.\s*(all|allSettled)\s*\(/, what: 'Promise.all', span: 'paren' },
  { re: /\basyncio\s*\.\s*gather\s*\(/, what: 'asyncio.gather', span: 'paren' },
  { re: /\b[\w$]*(executor|pool|Executor|Pool|ex|tpe)\w*\s*\.\s*(map|submit|starmap|apply_async|imap|imap_unordered|invokeAll|execute)\s*\(/, what: 'a thread pool', span: 'paren' },
  { re: /\bThread\s*\(\s*target\s*=/, what: 'threads', span: 'paren' },
  { re: /\b(runAsync|supplyAsync)\s*\(/, what: 'CompletableFuture', span: 'paren' },
  { re: /\.\s*parallelStream\s*\(\s*\)|\.\s*parallel\s*\(\s*\)/, what: 'a parallel stream', span: 'statement' },
];

function whatOfBlock(header: string): string {
  if (/^go\s+func\b/.test(header)) return 'goroutines';
  if (/\.Go\s*\(/.test(header)) return 'errgroup goroutines';
  if (/Promise\s*\.\s*(all|allSettled|any|race)/.test(header)) return 'Promise.all';
  if (/parallel/.test(header)) return 'a parallel stream';
  if (/runAsync|supplyAsync/.test(header)) return 'CompletableFuture';
  if (/new\s+Thread/.test(header)) return 'threads';
  return 'an executor';
}

interface Construct { region: Region; what: string }

function constructs(m: SourceModel): Construct[] {
  const out: Construct[] = [];
  const anchors = new Set<number>();
  for (const b of m.blocks) {
    if (!b.concurrent) continue;
    out.push({ region: { anchor: b.headerLine, from: b.headerLine, to: b.endLine }, what: whatOfBlock(b.header) });
    anchors.add(b.headerLine);
  }
  for (const b of m.blocks) {
    // Python: `with ThreadPoolExecutor() as ex:` runs its suite's submissions concurrently.
    if (b.kind === 'with' && /\b(ThreadPoolExecutor|ProcessPoolExecutor|Pool)\s*\(/.test(b.header) && !anchors.has(b.headerLine)) {
      out.push({ region: { anchor: b.headerLine, from: b.headerLine, to: b.endLine }, what: 'a thread pool' });
      anchors.add(b.headerLine);
    }
  }
  for (let n = 1; n <= m.lineCount; n++) {
    const code = m.code[n];
    if (anchors.has(n)) continue;
    for (const c of INLINE) {
      const hit = c.re.exec(code);
      if (!hit) continue;
      if (m.language !== 'go' && c.what === 'goroutines') continue;
      const open = code.indexOf('(', hit.index + (c.span === 'paren' ? 0 : hit[0].length - 1));
      const region = c.span === 'paren' && open >= 0 ? parenSpan(m, n, open) : c.span === 'statement' ? statementSpan(m, n) : { anchor: n, from: n, to: n };
      out.push({ region, what: c.what });
      anchors.add(n);
      break;
    }
  }
  // A construct inside another (Promise.all around an async map callback) is reported once.
  return out.filter((c) => !out.some((o) => o !== c && o.region.from <= c.region.from && o.region.to >= c.region.to && o.region.anchor < c.region.anchor && (o.region.from !== c.region.from || o.region.to !== c.region.to)));
}

/** A transaction or a REPEATABLE READ/SERIALIZABLE level anywhere in the lines. */
function inTransaction(m: SourceModel, from: number, to: number): boolean {
  for (let n = Math.max(1, from); n <= Math.min(m.lineCount, to); n++) {
    if (TX_MARKER.test(m.code[n]) || SQL_TX.test(m.keep[n])) return true;
    if (isolationLevels(m.keep[n]).some((l) => ISOLATION_RANK[l.level] >= 3)) return true;
  }
  return false;
}

const UNLOCK = /\.\s*(Unlock|RUnlock|unlock|release)\s*\(/;

/**
 * A write is under a lock when a lock-shaped block holds it (`with lock:`,
 * `synchronized (x) {`, `mutex.runExclusive(() => {`), or when a lock call
 * precedes it in its function with no (non-deferred) unlock in between.
 */
function underLock(m: SourceModel, write: number): boolean {
  const chain = blockChain(m, write);
  if (chain.some((b) => LOCK_MARKER.test(b.header) || /\bsynchronized\b/.test(b.header))) return true;
  const fn = chain.find((b) => b.kind === 'function');
  const from = fn ? fn.headerLine : Math.max(1, write - 40);
  let locked = false;
  for (let n = from; n < write; n++) {
    const code = m.code[n];
    if (LOCK_MARKER.test(code) && !UNLOCK.test(code)) locked = true;
    else if (UNLOCK.test(code) && !/^\s*defer\b/.test(code) && !/\bfinally\b/.test(code)) locked = false;
  }
  return locked;
}

function decoratorsProtect(m: SourceModel, line: number): boolean {
  return blockChain(m, line).some((b) => /@Transactional\b|@transaction\.atomic|@atomic\b|\bsynchronized\b/.test(b.decorators + ' ' + b.header));
}

function parallelWrites(p: Prepared, m: SourceModel): Finding[] {
  const out: Finding[] = [];
  const index = functionIndex(m);
  for (const c of constructs(m)) {
    const regions = [c.region, ...referencedBodies(m, c.region, index)];
    const writes: { line: number; name: string }[] = [];
    for (const r of regions) {
      for (let n = r.from; n <= r.to; n++) {
        const call = dbCallAt(m, n);
        if (call?.write) writes.push({ line: n, name: call.name });
      }
    }
    if (!writes.length) continue;
    const touched = p.changes.added.has(c.region.anchor) || writes.some((w) => p.changes.added.has(w.line));
    if (!touched) continue;
    if (regions.some((r) => inTransaction(m, r.from, r.to))) continue;
    const fn = enclosingNamedFunction(m, c.region.anchor);
    if (fn && inTransaction(m, fn.headerLine, fn.endLine)) continue;
    if (writes.every((w) => underLock(m, w.line))) continue;
    if (decoratorsProtect(m, c.region.anchor) || regions.some((r) => decoratorsProtect(m, r.from + 1))) continue;
    const names = [...new Set(writes.map((w) => w.name))].slice(0, 3).join(', ');
    const sqlish = writes.some((w) => /Exec|execute|SQL|Update|insert/i.test(w.name));
    // Point at the write itself (where errors and log lines show up); name the construct in the message.
    const primary = writes.find((w) => p.changes.added.has(w.line)) ?? writes[0];
    out.push(finding(p, MISSING_TRANSACTION_ISOLATION, primary.line,
      `database writes (${names}) run concurrently via ${c.what} (line ${c.region.anchor}) without a transaction, lock or isolation level`,
      sqlish ? 0.75 : 0.65));
  }
  return out;
}

function maxLevel(lines: Iterable<string>): { rank: number; level?: IsolationName; text?: string } {
  let best: { rank: number; level?: IsolationName; text?: string } = { rank: 0 };
  for (const l of lines) {
    for (const lv of isolationLevels(l)) {
      if (ISOLATION_RANK[lv.level] > best.rank) best = { rank: ISOLATION_RANK[lv.level], level: lv.level, text: lv.text };
    }
  }
  return best;
}

function countLevel(m: SourceModel, level: IsolationName): number {
  let n = 0;
  for (let k = 1; k <= m.lineCount; k++) n += isolationLevels(m.keep[k]).filter((l) => l.level === level).length;
  return n;
}

/** Keep-view text of removed lines (the before model masks comments). */
function removedKeep(p: Prepared): [number, string][] {
  const b = p.before;
  return [...p.changes.removed.keys()].sort((x, y) => x - y).map((n) => [n, b ? b.keep[n] ?? '' : p.changes.removed.get(n)!]);
}

function removedCode(p: Prepared): [number, string][] {
  const b = p.before;
  return [...p.changes.removed.keys()].sort((x, y) => x - y).map((n) => [n, b ? b.code[n] ?? '' : p.changes.removed.get(n)!]);
}

function writesNear(m: SourceModel, line: number, state: boolean): boolean {
  const fn = enclosingNamedFunction(m, line);
  const from = fn ? fn.headerLine : Math.max(1, line - 15);
  const to = fn ? fn.endLine : Math.min(m.lineCount, line + 15);
  for (let n = from; n <= to; n++) {
    if (dbCallAt(m, n)?.write) return true;
    if (state && STATE_WRITE.test(m.code[n])) return true;
  }
  return false;
}

/** `s.db.BeginTx(`, `mu.Lock(`, `synchronized`: the marker with its receiver. */
function markerText(line: string, re: RegExp): string {
  const m = re.exec(line);
  if (!m) return line.trim().slice(0, 40);
  const recv = /([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*$/.exec(line.slice(0, m.index))?.[1] ?? '';
  const text = (m[0].startsWith('.') && recv ? recv + m[0] : m[0]).replace(/\s+/g, '').replace(/\($/, '()');
  return text.length > 50 ? text.slice(0, 49) + '…' : text;
}

function weakened(p: Prepared, input: DetectorInput): Finding[] {
  const a = p.after;
  const b = p.before;
  if (!a || !b) return [];
  const out: Finding[] = [];
  // A guard that left with its whole function was moved or deleted, not removed from live code.
  const stillThere = (oldLine: number, newLine: number): boolean => {
    const fb = enclosingNamedFunction(b, oldLine);
    if (!fb) return true;
    const fa = enclosingNamedFunction(a, newLine);
    return !!fa && functionName(fa.header) === functionName(fb.header);
  };
  // Isolation lowered or removed.
  const removed = removedKeep(p);
  const was = maxLevel(removed.map(([, t]) => t));
  if (was.level) {
    const addedLevels = maxLevel([...p.changes.added.keys()].map((n) => a.keep[n] ?? ''));
    if (addedLevels.rank < was.rank && countLevel(a, was.level) < countLevel(b, was.level)) {
      const lowerLine = [...p.changes.added.keys()].sort((x, y) => x - y).find((n) => isolationLevels(a.keep[n] ?? '').length > 0);
      const oldLine = removed.find(([, t]) => isolationLevels(t).some((l) => l.level === was.level))![0];
      const line = lowerLine ?? newLineForOld(input.file, oldLine);
      if (!stillThere(oldLine, line)) return out;
      const msg = addedLevels.level
        ? `transaction isolation lowered from ${was.level} to ${addedLevels.level}`
        : `${was.level} isolation removed (${was.text!.trim()}); writes now run at the database's default isolation`;
      out.push(finding(p, MISSING_TRANSACTION_ISOLATION, line, msg, was.level === 'SERIALIZABLE' ? 0.7 : 0.6));
    }
  }
  // A transaction removed around writes.
  const code = removedCode(p);
  const txRemoved = code.find(([n, t]) => TX_MARKER.test(t) || SQL_TX.test(b.keep[n] ?? ''));
  if (txRemoved && countMatches(a.codeText, TX_MARKER) + countMatches(a.keepText, SQL_TX) < countMatches(b.codeText, TX_MARKER) + countMatches(b.keepText, SQL_TX)) {
    const line = newLineForOld(input.file, txRemoved[0]);
    if (stillThere(txRemoved[0], line) && writesNear(a, line, false)) {
      out.push(finding(p, MISSING_TRANSACTION_ISOLATION, line, `transaction removed (${markerText(txRemoved[1], TX_MARKER)}); the writes here are no longer atomic`, 0.55));
    }
  }
  // A lock removed around writes.
  const lockRemoved = code.find(([, t]) => LOCK_MARKER.test(t) && !/Unlock|unlock|release/.test(t));
  if (lockRemoved && countMatches(a.codeText, new RegExp(LOCK_MARKER.source, 'gm')) < countMatches(b.codeText, new RegExp(LOCK_MARKER.source, 'gm'))) {
    const line = newLineForOld(input.file, lockRemoved[0]);
    if (stillThere(lockRemoved[0], line) && writesNear(a, line, true)) {
      out.push(finding(p, MISSING_TRANSACTION_ISOLATION, line, `lock removed (${markerText(lockRemoved[1], LOCK_MARKER)}); concurrent writers are no longer serialized`, 0.5));
    }
  }
  return out;
}

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  if (!p.after || isTestPath(p.path)) return [];
  if (p.after.language === 'other') return [];
  return [...parallelWrites(p, p.after), ...weakened(p, input)];
}

export const missingTransactionIsolation: Detector = {
  id: MISSING_TRANSACTION_ISOLATION,
  description: 'Database writes made concurrent without a transaction, lock or isolation level, or a transaction, lock or isolation level removed or lowered.',
  detect,
};
