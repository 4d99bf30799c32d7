import type { Detector, DetectorInput, Finding } from '../model';
import { isTestPath } from '../signals/pathKinds';
import { isolationLevels, ISOLATION_RANK, LOCK_MARKER, SQL_TX, TX_MARKER, UNLOCK } from './dbPatterns';
import { dbCallAt } from './dbCalls';
import { finding, prepare, type Prepared } from './diffView';
import { guardsRemoved, MISSING_TRANSACTION_ISOLATION } from './guardRemoved';
import { functionIndex, parenSpan, referencedBodies, statementSpan, type Region } from './regions';
import { blockChain, enclosingNamedFunction, type SourceModel } from './sourceModel';

export { MISSING_TRANSACTION_ISOLATION };

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
    const writes: { line: number; name: string; via?: number }[] = [];
    for (const r of regions) {
      for (let n = r.from; n <= r.to; n++) {
        const call = dbCallAt(m, n);
        if (call?.write) writes.push({ line: n, name: call.name, via: r.via });
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
    // Point at what made the write concurrent: the write itself inside a goroutine/lambda,
    // or the line that hands a writer function to the pool (`executor.submit(self._write, r)`).
    const inside = writes.filter((w) => w.via === undefined);
    const primary = inside.find((w) => p.changes.added.has(w.line)) ?? inside[0];
    const line = primary ? primary.line : writes[0].via ?? c.region.anchor;
    out.push(finding(p, MISSING_TRANSACTION_ISOLATION, line,
      `database writes (${names}) run concurrently via ${c.what} (line ${c.region.anchor}) without a transaction, lock or isolation level`,
      sqlish ? 0.75 : 0.65));
  }
  return out;
}

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  if (!p.after || isTestPath(p.path)) return [];
  if (p.after.language === 'other') return [];
  return [...parallelWrites(p, p.after), ...guardsRemoved(p, input)];
}

export const missingTransactionIsolation: Detector = {
  id: MISSING_TRANSACTION_ISOLATION,
  description: 'Database writes made concurrent without a transaction, lock or isolation level, or a transaction, lock or isolation level removed or lowered.',
  detect,
};
