import type { Language } from '../model';

export type BlockKind =
  | 'function' | 'lambda' | 'class' | 'loop' | 'if' | 'else' | 'switch' | 'case'
  | 'try' | 'catch' | 'finally' | 'with' | 'other';

/** A brace block ({…}) or, in Python, an indented suite. Lines are 1-based. */
export interface Block {
  id: number;
  parent: number;
  kind: BlockKind;
  /** First line of the header (`func f(` …). */
  headerLine: number;
  /** Line holding the `{` (or the Python `:`). */
  openLine: number;
  /** Line holding the `}` (or the last line of the Python suite). */
  endLine: number;
  /** Masked header text, whitespace collapsed, at most 400 characters. */
  header: string;
  /** Masked annotation/decorator lines directly above (Java, TS, Python). */
  decorators: string;
  /** A function body boundary: function, method, lambda, callback. */
  fn: boolean;
  /** Iterates: for/while, or a callback given to forEach/map/… */
  loop: boolean;
  /** Runs concurrently: go func, g.Go, Promise.all callbacks, runAsync, submit… */
  concurrent: boolean;
  /** A pseudo-block for one `case` of a switch (no braces of its own). */
  virtual?: boolean;
}

export interface BlockAnalysis {
  blocks: Block[];
  lineBlock: Int32Array;
}

const HEADER_MAX = 400;

/** Builds blocks for 1-based masked code lines (index 0 unused). */
export function analyzeBlocks(code: string[], language: Language, continuation?: Set<number>): BlockAnalysis {
  if (language === 'python') return pythonBlocks(code, continuation ?? new Set());
  if (language === 'other') return { blocks: [], lineBlock: new Int32Array(code.length).fill(-1) };
  return braceBlocks(code, language);
}

function collapse(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > HEADER_MAX ? t.slice(t.length - HEADER_MAX) : t;
}

/** Where the header segment on this line starts: after the last ; { } outside parentheses. */
function segmentStart(line: string, col: number): number {
  let depth = 0;
  for (let i = col - 1; i >= 0; i--) {
    const c = line[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') depth--;
    else if ((c === ';' || c === '{' || c === '}') && depth <= 0) {
      // Go's `for i := 0; i < n; i++ {` has bare semicolons in its header.
      if (c === ';' && /^\s*(\}\s*)?for\b/.test(line)) continue;
      return i + 1;
    }
  }
  return 0;
}

function balance(s: string): number {
  let b = 0;
  for (const c of s) {
    if (c === '(') b++;
    else if (c === ')') b--;
  }
  return b;
}

function headerFor(code: string[], n: number, col: number): { text: string; line: number } {
  let text = code[n].slice(segmentStart(code[n], col), col);
  let line = n;
  let bal = balance(text);
  for (let prev = n - 1, steps = 0; prev >= 1 && steps < 8; prev--, steps++) {
    const t = text.trim();
    const p = code[prev].trim();
    if (p === '') {
      if (t === '') continue; // Allman style: `{` on its own line
      break;
    }
    const needMore = t === '' || bal < 0 || /^[.)\]?:&|+*,-]/.test(t);
    const prevContinues = /([,(&|+*=.:?-]|=>|->)$/.test(p) && !/[;{}]$/.test(p);
    if (!needMore && !prevContinues) break;
    if (/[;{}]$/.test(p)) break;
    const seg = code[prev].slice(segmentStart(code[prev], code[prev].length));
    text = seg + '\n' + text;
    bal += balance(seg);
    line = prev;
  }
  return { text: collapse(text), line };
}

/** Annotation (`@X(...)`) lines directly above a header, possibly spanning lines. */
function decoratorsAbove(code: string[], headerLine: number): string {
  const out: string[] = [];
  let pending: string[] = [];
  let bal = 0;
  for (let k = headerLine - 1, steps = 0; k >= 1 && steps < 10; k--, steps++) {
    const t = code[k].trim();
    if (t === '') break;
    bal += balance(t);
    pending.unshift(t);
    if (t.startsWith('@') && bal >= 0) {
      out.unshift(...pending);
      pending = [];
      bal = 0;
      continue;
    }
    if (bal >= 0 && !t.startsWith('@')) break;
  }
  return out.join(' ');
}

const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'function', 'else', 'do', 'try', 'synchronized', 'new', 'select', 'case', 'throw', 'await', 'typeof', 'delete', 'yield']);
const LOOP_CALLBACK = /\.(forEach|map|flatMap|each|forEachOrdered|filter|reduce|some|every|peek|mapToObj|forEachAsync|mapAsync)\s*\(/;
const CONCURRENT_HEADER = /(^go\s+func\b|\.Go\s*\(\s*func\b|\bPromise\s*\.\s*(all|allSettled|any|race)\s*\(|\b(runAsync|supplyAsync|submit|invokeAll|execute)\s*\(|\bnew\s+Thread\s*\(|\bparallelStream\s*\(\s*\)|\.parallel\s*\(\s*\)|\bnew\s+Worker\s*\()/;

function classify(h: string, language: Language): Pick<Block, 'kind' | 'fn' | 'loop' | 'concurrent'> {
  const r = (kind: BlockKind, fn = false, loop = false): Pick<Block, 'kind' | 'fn' | 'loop' | 'concurrent'> => ({
    kind, fn, loop, concurrent: fn && CONCURRENT_HEADER.test(h),
  });
  if (/^(else\s+)?if\b/.test(h)) return r('if');
  if (/^else\b/.test(h)) return r('else');
  if (/^(switch|select)\b/.test(h)) return r('switch');
  if (/^(case\b|default\b)/.test(h)) return r('case');
  if (/^try\b/.test(h)) return r('try');
  if (/^catch\b/.test(h)) return r('catch');
  if (/^finally\b/.test(h)) return r('finally');
  if (/^(for|while|do)\b/.test(h)) return r('loop', false, true);
  if (language === 'go') {
    if (/^func\b/.test(h)) return r('function', true);
    if (/\bfunc\s*\(/.test(h)) return r('lambda', true, LOOP_CALLBACK.test(h));
    if (/^type\s+\w+\s+(struct|interface)\b/.test(h) || /\bstruct$/.test(h)) return r('class');
    return r('other');
  }
  if (/^(export\s+)?(default\s+)?(abstract\s+)?((public|private|protected|static|final|sealed)\s+)*(class|interface|enum|record)\b/.test(h)) return r('class');
  if (language !== 'java' && /^(export\s+)?(default\s+)?(async\s+)?function\b/.test(h)) return r('function', true);
  if (/(=>|->)$/.test(h) || (language !== 'java' && /\bfunction\s*\*?\s*[\w$]*\s*\(/.test(h))) {
    return r('lambda', true, LOOP_CALLBACK.test(h));
  }
  if (isMethodHeader(h, language)) return r('function', true);
  return r('other');
}

/** `async load(id: string): Promise<X>` (TS/JS class member) or `public Foo bar(int x) throws E` (Java). */
function isMethodHeader(h: string, language: Language): boolean {
  const open = h.indexOf('(');
  if (open <= 0) return false;
  const before = h.slice(0, open).trim();
  if (/[=.,:]/.test(before.replace(/<[^<>]*>/g, ''))) return false;
  const words = before.split(/\s+/);
  const name = words[words.length - 1].replace(/<.*$/, '');
  if (!/^\*?[A-Za-z_$][\w$]*$/.test(name) || CONTROL.has(name) || CONTROL.has(words[0])) return false;
  // The parameter list must close, and what follows is a return type or throws clause.
  let depth = 0;
  let close = -1;
  for (let i = open; i < h.length; i++) {
    if (h[i] === '(') depth++;
    else if (h[i] === ')' && --depth === 0) { close = i; break; }
  }
  if (close < 0) return false;
  const after = h.slice(close + 1).trim();
  if (language === 'java') return words.length >= 2 && (after === '' || /^throws\b/.test(after));
  return after === '' || after.startsWith(':');
}

function braceBlocks(code: string[], language: Language): BlockAnalysis {
  const blocks: Block[] = [];
  const lineBlock = new Int32Array(code.length).fill(-1);
  const stack: number[] = [];
  const top = (): Block | undefined => (stack.length ? blocks[stack[stack.length - 1]] : undefined);
  for (let n = 1; n < code.length; n++) {
    const line = code[n];
    let assigned = false;
    for (let col = 0; col < line.length; col++) {
      const c = line[col];
      if (c === ' ' || c === '\t') continue;
      if (!assigned && c !== '}') {
        // A case label starts a new branch of the enclosing switch.
        const t = top();
        const sw = t && (t.kind === 'switch' ? t : t.virtual ? blocks[t.parent] : undefined);
        if (sw && /^(case\b|default\s*(:|->))/.test(line.slice(col))) {
          if (t!.virtual) { t!.endLine = n - 1; stack.pop(); }
          const id = blocks.length;
          blocks.push({
            id, parent: sw.id, kind: 'case', headerLine: n, openLine: n, endLine: n,
            header: collapse(line), decorators: '', fn: false, loop: false, concurrent: false, virtual: true,
          });
          stack.push(id);
        }
        lineBlock[n] = stack.length ? stack[stack.length - 1] : -1;
        assigned = true;
      }
      if (c === '{') {
        const h = headerFor(code, n, col);
        const id = blocks.length;
        const parent = stack.length ? stack[stack.length - 1] : -1;
        const cls = classify(h.text, language);
        const decorators = cls.fn || cls.kind === 'class' ? decoratorsAbove(code, h.line) : '';
        blocks.push({ id, parent, headerLine: h.line, openLine: n, endLine: n, header: h.text, decorators, ...cls });
        stack.push(id);
      } else if (c === '}') {
        if (top()?.virtual) { top()!.endLine = n; stack.pop(); }
        const id = stack.pop();
        if (id !== undefined) blocks[id].endLine = n;
      }
    }
    if (!assigned) lineBlock[n] = stack.length ? stack[stack.length - 1] : -1;
  }
  for (const id of stack) blocks[id].endLine = code.length - 1;
  return { blocks, lineBlock };
}

function indentOf(line: string): number {
  let w = 0;
  for (const c of line) {
    if (c === ' ') w++;
    else if (c === '\t') w += 8 - (w % 8);
    else break;
  }
  return w;
}

const PY_BLOCK = /^(async\s+)?(def|class|if|elif|else|for|while|try|except|finally|with|match|case)\b/;

/** `continuation` holds 0-based indexes of lines that begin inside a multi-line string. */
function pythonBlocks(code: string[], continuation: Set<number>): BlockAnalysis {
  const blocks: Block[] = [];
  const lineBlock = new Int32Array(code.length).fill(-1);
  const stack: { id: number; indent: number }[] = [];
  let lastNonBlank = 0;
  let decorators: string[] = [];
  for (let n = 1; n < code.length; n++) {
    if (code[n].trim() === '') continue;
    // One logical line: continue while brackets are open or the line ends with a backslash.
    const start = n;
    let text = code[n];
    let depth = 0;
    for (;;) {
      for (const c of code[n]) {
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      }
      const more = depth > 0 || /\\\s*$/.test(code[n]) || continuation.has(n);
      if (more && n + 1 < code.length && n - start < 200) {
        n++;
        text += '\n' + code[n];
      } else break;
    }
    const indent = indentOf(code[start]);
    while (stack.length && stack[stack.length - 1].indent >= indent) {
      const b = blocks[stack.pop()!.id];
      b.endLine = Math.max(b.openLine, lastNonBlank);
    }
    const parent = stack.length ? stack[stack.length - 1].id : -1;
    for (let k = start; k <= n; k++) lineBlock[k] = parent;
    lastNonBlank = n;
    const h = collapse(text);
    if (h.startsWith('@')) { decorators.push(h); continue; }
    if (h.endsWith(':') && PY_BLOCK.test(h)) {
      const kw = PY_BLOCK.exec(h)![2];
      const kind: BlockKind =
        kw === 'def' ? 'function' : kw === 'class' ? 'class' : kw === 'for' || kw === 'while' ? 'loop'
          : kw === 'elif' ? 'if' : kw === 'except' ? 'catch' : kw === 'match' ? 'switch' : (kw as BlockKind);
      const id = blocks.length;
      blocks.push({
        id, parent, kind, headerLine: start, openLine: n, endLine: n, header: h,
        decorators: kind === 'function' || kind === 'class' ? decorators.join(' ') : '',
        fn: kind === 'function', loop: kind === 'loop', concurrent: false,
      });
      stack.push({ id, indent });
    }
    decorators = [];
  }
  for (const s of stack) blocks[s.id].endLine = Math.max(blocks[s.id].openLine, lastNonBlank);
  return { blocks, lineBlock };
}
