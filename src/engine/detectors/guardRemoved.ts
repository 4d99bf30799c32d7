import type { DetectorInput, Finding } from '../model';
import { isolationLevels, ISOLATION_RANK, LOCK_MARKER, SQL_TX, STATE_WRITE, TX_MARKER, UNLOCK, type IsolationName } from './dbPatterns';
import { dbCallAt, querySignature } from './dbCalls';
import { countMatches, finding, newLineForOld, type Prepared } from './diffView';
import { functionIndex, functionName } from './regions';
import { enclosingNamedFunction, type SourceModel } from './sourceModel';

export const MISSING_TRANSACTION_ISOLATION = 'MISSING_TRANSACTION_ISOLATION';

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

/** Removed lines (old number, text) from one view of the old file. */
function removed(p: Prepared, view: 'code' | 'keep'): [number, string][] {
  const b = p.before;
  return [...p.changes.removed.keys()].sort((x, y) => x - y).map((n) => [n, b ? b[view][n] ?? '' : p.changes.removed.get(n)!]);
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

/** `s.db.BeginTx()`, `mu.Lock()`, `synchronized`: the marker with its receiver. */
function markerText(line: string, re: RegExp): string {
  const m = re.exec(line);
  if (!m) return line.trim().slice(0, 40);
  const recv = /([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*$/.exec(line.slice(0, m.index))?.[1] ?? '';
  const text = (m[0].startsWith('.') && recv ? recv + m[0] : m[0]).replace(/\s+/g, ' ').replace(/\s*([.(])\s*/g, '$1').trim().replace(/\($/, '()');
  return text.length > 50 ? text.slice(0, 49) + '…' : text;
}

/** What a write is, independent of which handle runs it: its SQL, or its call and arguments. */
function writeSignatures(m: SourceModel, from: number, to: number, state: boolean): Set<string> {
  const out = new Set<string>();
  for (let n = Math.max(1, from); n <= Math.min(m.lineCount, to); n++) {
    const call = dbCallAt(m, n);
    if (call?.write) out.add(querySignature(m.code[n], m.keep[n], call.name));
    else if (state && STATE_WRITE.test(m.code[n])) out.add(m.code[n].replace(/\s+/g, ''));
  }
  return out;
}

/** The lines a removed guard covered in the old file: its block, or up to the unlock/commit. */
function guardedRange(b: SourceModel, line: number): [number, number] {
  const block = b.blocks.find((x) => x.headerLine <= line && x.openLine >= line);
  if (block) return [block.openLine + 1, block.endLine];
  const fn = enclosingNamedFunction(b, line);
  const end = Math.min(fn ? fn.endLine : b.lineCount, line + 40);
  for (let n = line + 1; n <= end; n++) {
    if (UNLOCK.test(b.code[n]) && !/^\s*defer\b/.test(b.code[n])) return [line + 1, n];
    if (/\.\s*(Commit|commit)\s*\(/.test(b.code[n])) return [line + 1, n];
  }
  return [line + 1, end];
}

/**
 * The writes a guard protected still happen after the change. When the old
 * guarded writes are all gone too, the feature was removed, not the guard.
 */
function guardedWritesRemain(a: SourceModel, b: SourceModel, line: number, state: boolean): boolean {
  const [from, to] = guardedRange(b, line);
  const old = writeSignatures(b, from, to, state);
  if (!old.size) return true;
  const now = writeSignatures(a, 1, a.lineCount, state);
  for (const s of old) if (now.has(s)) return true;
  return false;
}

/** Isolation lowered or removed, a transaction removed, or a lock removed around writes. */
export function guardsRemoved(p: Prepared, input: DetectorInput): Finding[] {
  const a = p.after;
  const b = p.before;
  if (!a || !b) return [];
  const out: Finding[] = [];
  // A guard that left with its whole function was moved or deleted, not removed from live code.
  let afterNames: Map<string, unknown> | undefined;
  const stillThere = (oldLine: number, newLine: number): boolean => {
    const fb = enclosingNamedFunction(b, oldLine);
    const name = fb && functionName(fb.header);
    if (!name) return true;
    const fa = enclosingNamedFunction(a, newLine);
    if (fa && functionName(fa.header) === name) return true;
    afterNames ??= functionIndex(a);
    return afterNames.has(name);
  };

  // Levels named in switch cases, comparisons or constant tables are not settings.
  const keep = removed(p, 'keep').filter(([, t]) => !/^\s*(case\b|default\b)|[=!]==?|\bequals\s*\(|^\s*[A-Z_]+\s*[(=,]/.test(t));
  const was = maxLevel(keep.map(([, t]) => t));
  if (was.level) {
    const addedLevels = maxLevel([...p.changes.added.keys()].map((n) => a.keep[n] ?? ''));
    if (addedLevels.rank < was.rank && countLevel(a, was.level) < countLevel(b, was.level)) {
      const lowerLine = [...p.changes.added.keys()].sort((x, y) => x - y).find((n) => isolationLevels(a.keep[n] ?? '').length > 0);
      const oldLine = keep.find(([, t]) => isolationLevels(t).some((l) => l.level === was.level))![0];
      const line = lowerLine ?? newLineForOld(input.file, oldLine);
      const msg = addedLevels.level
        ? `transaction isolation lowered from ${was.level} to ${addedLevels.level}`
        : `${was.level} isolation removed (${was.text!.trim()}); writes now run at the database's default isolation`;
      if (stillThere(oldLine, line)) out.push(finding(p, MISSING_TRANSACTION_ISOLATION, line, msg, was.level === 'SERIALIZABLE' ? 0.7 : 0.6));
    }
  }

  const code = removed(p, 'code');
  const txCount = (m: SourceModel): number => countMatches(m.codeText, TX_MARKER) + countMatches(m.keepText, SQL_TX);
  const tx = code.find(([n, t]) => TX_MARKER.test(t) || SQL_TX.test(b.keep[n] ?? ''));
  if (tx && txCount(a) < txCount(b)) {
    const line = newLineForOld(input.file, tx[0]);
    if (stillThere(tx[0], line) && writesNear(a, line, false) && guardedWritesRemain(a, b, tx[0], false)) {
      out.push(finding(p, MISSING_TRANSACTION_ISOLATION, line, `transaction removed (${markerText(tx[1], TX_MARKER)}); the writes here are no longer atomic`, 0.55));
    }
  }

  const lockRe = new RegExp(LOCK_MARKER.source, 'gm');
  const lock = code.find(([, t]) => LOCK_MARKER.test(t) && !UNLOCK.test(t));
  if (lock && countMatches(a.codeText, lockRe) < countMatches(b.codeText, lockRe)) {
    const line = newLineForOld(input.file, lock[0]);
    if (stillThere(lock[0], line) && writesNear(a, line, true) && guardedWritesRemain(a, b, lock[0], true)) {
      out.push(finding(p, MISSING_TRANSACTION_ISOLATION, line, `lock removed (${markerText(lock[1], LOCK_MARKER)}); concurrent writers are no longer serialized`, 0.5));
    }
  }
  return out;
}
