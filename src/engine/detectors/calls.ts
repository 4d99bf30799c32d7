import { lineOfOffset, matchClose, matchOpen, type SourceModel } from './sourceModel';

/** One `receiver.method(args)` call found in a file. */
export interface MethodCall {
  method: string;
  /** Receiver as written (`db`, `s.pool`, `this.cfg`) for plain calls; the chain root for chained calls. */
  receiver: string;
  /** A chained call (`new Builder().a(1).b(2)`): its receiver contains a call. */
  chained: boolean;
  /** Offset where the receiver expression starts (same for every link of one chain). */
  rootOffset: number;
  /** Offsets of `.`, `(` and `)` in the model's text. */
  dot: number;
  open: number;
  close: number;
  /** 1-based lines of the `.` and of the `)`. */
  line: number;
  endLine: number;
  /** Arguments with strings kept, whitespace collapsed. */
  args: string[];
  /** True when the call is a whole statement: nothing but the call on its lines (plain calls only). */
  statement: boolean;
}

const IDENT_CHAR = /[\w$]/;

function skipWsBack(t: string, i: number): number {
  while (i >= 0 && /\s/.test(t[i])) i--;
  return i;
}

/** Walks back from just before a `.` over `a.b(…)[…].c` to where the receiver starts. */
function receiverStart(m: SourceModel, dot: number): { start: number; chained: boolean } | undefined {
  const t = m.codeText;
  let i = skipWsBack(t, dot - 1);
  if (t[i] === '?') i = skipWsBack(t, i - 1); // optional chaining ?.
  let chained = false;
  let start = -1;
  for (let steps = 0; steps < 200 && i >= 0; steps++) {
    if (t[i] === ')' || t[i] === ']') {
      const o = matchOpen(m, i);
      if (o < 0) return undefined;
      chained = true;
      i = skipWsBack(t, o - 1);
    }
    let j = i;
    while (j >= 0 && IDENT_CHAR.test(t[j])) j--;
    if (j === i && start < 0 && !chained) return undefined;
    if (j < i) start = j + 1;
    i = skipWsBack(t, j);
    if (t[i] === '?') i = skipWsBack(t, i - 1);
    if (t[i] === '.') { i = skipWsBack(t, i - 1); continue; }
    // `new Foo(…)` is part of the root expression.
    if (t.slice(Math.max(0, i - 2), i + 1) === 'new' && (i < 3 || !IDENT_CHAR.test(t[i - 3]))) start = i - 2;
    break;
  }
  return start < 0 ? undefined : { start, chained };
}

/** Top-level arguments of a call, read from the `keep` view. */
function splitArgs(m: SourceModel, open: number, close: number): string[] {
  const code = m.codeText;
  const keep = m.keepText;
  const out: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open + 1; i < close; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) { out.push(keep.slice(from, i)); from = i + 1; }
  }
  out.push(keep.slice(from, close));
  return out.map((a) => a.replace(/\s+/g, ' ').trim()).filter((a, k, all) => a !== '' || all.length > 1);
}

const CALL = /\.\s*([A-Za-z_$][\w$]*)\s*\(/g;

/** Every method call whose name passes `wanted`. */
export function findMethodCalls(m: SourceModel, wanted: (name: string) => boolean): MethodCall[] {
  const out: MethodCall[] = [];
  const t = m.codeText;
  CALL.lastIndex = 0;
  for (let x = CALL.exec(t); x; x = CALL.exec(t)) {
    if (!wanted(x[1])) continue;
    const dot = x.index;
    const open = x.index + x[0].length - 1;
    const close = matchClose(m, open, 8000);
    if (close < 0) continue;
    const r = receiverStart(m, dot);
    if (!r) continue;
    const receiver = t.slice(r.start, dot).replace(/\s+/g, '').replace(/\?$/, '');
    const line = lineOfOffset(m, dot);
    const endLine = lineOfOffset(m, close);
    const rootLine = lineOfOffset(m, r.start);
    const before = t.slice(m.lineStart[rootLine], r.start).trim();
    const rest = t.slice(close + 1, m.lineStart[endLine] + m.code[endLine].length).trim();
    const statement = !r.chained && (before === '' || /^(await|[;{}])$/.test(before) || /[;{}]$/.test(before)) && /^;?$/.test(rest);
    out.push({
      method: x[1], receiver, chained: r.chained || rest.startsWith('.'), rootOffset: r.start, dot, open, close,
      line, endLine, args: splitArgs(m, open, close), statement,
    });
  }
  return out;
}
