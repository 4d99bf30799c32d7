/**
 * Finds the function enclosing a line, the way a stack frame would name it.
 * Brace languages (C, C++, Go, JavaScript/TypeScript, Java, Rust) are read with
 * a small tokenizer that skips comments and string literals and records every
 * `{…}` block with the code text before it (its "header"); the innermost block
 * whose header looks like a named function wins. Python uses indentation.
 * Heuristic on purpose: good enough to name the frame of a crash, not a parser.
 */
export interface EnclosingFunction {
  name: string;
  /** 1-based: the header's first line, and the body's closing line. */
  startLine: number;
  endLine: number;
}

export type Family = 'c' | 'go' | 'js' | 'python' | 'none';

export function familyOf(path: string): Family {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (['c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'm', 'java', 'rs', 'cs', 'pyx', 'y', 'l'].includes(ext)) return ext === 'pyx' ? 'python' : 'c';
  if (ext === 'go') return 'go';
  if (['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'].includes(ext)) return 'js';
  if (ext === 'py') return 'python';
  return 'none';
}

export function enclosingFunction(path: string, text: string, line: number): EnclosingFunction | undefined {
  const fam = familyOf(path);
  if (fam === 'none') return undefined;
  if (fam === 'python') return pythonFunction(text, line);
  const blocks = braceBlocks(text, fam === 'js' || fam === 'go');
  let best: EnclosingFunction | undefined;
  for (const b of blocks) {
    if (line < b.startLine || line > b.endLine) continue;
    const name = functionName(b.header, fam);
    if (!name) continue;
    // Innermost named function: the latest start among those containing the line.
    if (!best || b.startLine >= best.startLine) best = { name, startLine: b.startLine, endLine: b.endLine };
  }
  return best;
}

interface Block {
  header: string;
  startLine: number;
  endLine: number;
}

/**
 * Every brace block with its header text (code only, strings emptied).
 * `semicolonFree` (Go, JavaScript): a line break outside parentheses ends a
 * statement, since those languages insert the semicolons themselves.
 */
export function braceBlocks(text: string, semicolonFree: boolean): Block[] {
  const backtickStrings = semicolonFree;
  const done: Block[] = [];
  const stack: { header: string; startLine: number }[] = [];
  let header = '';
  let headerLine = 0;
  let parens = 0;
  let lineNo = 1;
  let atLineStart = true;
  const n = Math.min(text.length, 4_000_000);
  const note = (ch: string) => {
    if (!header.trim() && ch.trim()) headerLine = lineNo;
    if (header.length < 600) header += ch;
  };
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '\n') {
      lineNo++;
      atLineStart = true;
      if (semicolonFree && parens === 0) header = '';
      else note(' ');
      continue;
    }
    if (atLineStart && c === '#' && !backtickStrings) {
      // Preprocessor line (with continuations): not code, and a header boundary.
      const start = i;
      while (i < n && text[i] !== '\n') {
        if (text[i] === '\\' && text[i + 1] === '\n') { i++; lineNo++; }
        i++;
      }
      // Only the first branch of #if/#else is read (as ctags does): two
      // branches that each open `if (…) {` would unbalance the braces.
      if (/^#\s*(else|elif)\b/.test(text.slice(start, Math.min(i, start + 20)))) {
        let depth = 0;
        while (i < n) {
          // i is on the '\n' ending the current line: step over it to the next line.
          const lineStart = i + 1;
          let lineEnd = text.indexOf('\n', lineStart);
          if (lineEnd < 0 || lineEnd > n) lineEnd = n;
          lineNo++;
          i = lineEnd;
          const m = /^[ \t]*#[ \t]*(if|ifdef|ifndef|endif)\b/.exec(text.slice(lineStart, Math.min(lineEnd, lineStart + 40)));
          if (!m) continue;
          if (m[1] !== 'endif') depth++;
          else if (depth === 0) break;
          else depth--;
        }
      }
      i--;
      header = '';
      continue;
    }
    if (c !== ' ' && c !== '\t') atLineStart = false;
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) { if (text[i] === '\n') lineNo++; i++; }
      i++;
      continue;
    }
    if (c === '"' || c === "'" || (c === '`' && backtickStrings)) {
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\\' && c !== '`') i++;
        else if (text[i] === '\n') { if (c !== '`') break; lineNo++; }
        i++;
      }
      if (text[i] === '\n') lineNo++;
      note(c + c);
      continue;
    }
    if (c === '(') parens++;
    else if (c === ')') parens = Math.max(0, parens - 1);
    if (c === '{') {
      stack.push({ header: header.trim(), startLine: header.trim() ? headerLine : lineNo });
      header = '';
      parens = 0;
      continue;
    }
    if (c === '}') {
      const open = stack.pop();
      if (open) done.push({ header: open.header, startLine: open.startLine, endLine: lineNo });
      header = '';
      parens = 0;
      continue;
    }
    if (c === ';' && parens === 0) {
      header = '';
      continue;
    }
    note(c);
  }
  return done;
}

const NOT_FUNCTIONS = new Set([
  'if', 'for', 'while', 'switch', 'do', 'else', 'return', 'sizeof', 'catch', 'with', 'case', 'defer', 'go', 'select',
  '__attribute__', '__attribute', 'typeof', '__typeof__', 'alignof', '_Alignof', '_Static_assert', 'static_assert',
  'function', 'new', 'throw', 'await', 'yield', 'try', 'finally', 'foreach', 'until', 'unless', 'synchronized',
  'BUILD_ASSERT', 'ARRAY_SIZE', 'OVS_REQUIRES', 'OVS_EXCLUDED', 'OVS_ACQUIRES', 'OVS_RELEASES', 'OVS_TRY_LOCK',
]);

/** The function a block header defines, or undefined (control blocks, initializers, types, lambdas). */
export function functionName(header: string, fam: Family): string | undefined {
  const h = header.replace(/\s+/g, ' ').trim();
  if (!h.includes('(')) return undefined;
  if (fam === 'go') {
    const m = /^func\s*(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\(/.exec(h);
    return m?.[1];
  }
  if (fam === 'js') {
    if (/=>\s*$/.test(h) || /^\(?\s*(?:async\s+)?function\s*\*?\s*\(/.test(h)) return undefined;
    const fn = /(?:^|[\s(=:,])function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/.exec(h);
    if (fn) return fn[1];
    const assigned = /([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?function\b/.exec(h);
    if (assigned) return assigned[1];
    if (h.includes('=>')) return undefined;
    const method = /^(?:(?:static|async|get|set|public|private|protected|override|readonly)\s+)*\*?\s*(#?[A-Za-z_$][\w$]*)\s*\(/.exec(h);
    return method && !NOT_FUNCTIONS.has(method[1]) ? method[1] : undefined;
  }
  // C-like: the first identifier followed by `(` that is not a keyword or
  // attribute, with no `=` before it (initializers) and a closing `)` after.
  const cleaned = h.replace(/__attribute__\s*\(\(.*?\)\)/g, ' ');
  if (/^(?:typedef|struct|union|enum|namespace|extern\s+"C")\b[^(]*$/.test(cleaned)) return undefined;
  const re = /([A-Za-z_]\w*)\s*\(/g;
  for (let m = re.exec(cleaned); m; m = re.exec(cleaned)) {
    const before = cleaned.slice(0, m.index);
    if (/[=]/.test(before.replace(/[=!<>]=|operator\s*=+/g, ''))) return undefined;
    if (NOT_FUNCTIONS.has(m[1])) {
      if (/^(?:if|for|while|switch|do|else|return|case|catch)$/.test(m[1])) return undefined;
      continue;
    }
    if (/^(?:[A-Z][A-Z0-9_]*)$/.test(m[1]) && /^\s*$/.test(before)) {
      // `FOO_FOR_EACH(x) {` at statement start is a loop macro, not a definition.
      return undefined;
    }
    if (!cleaned.slice(m.index).includes(')')) return undefined;
    return m[1];
  }
  return undefined;
}

function pythonFunction(text: string, line: number): EnclosingFunction | undefined {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return undefined;
  let indent = Infinity;
  for (let i = line - 1; i >= 0; i--) {
    const l = lines[i];
    if (!l.trim() || /^\s*#/.test(l)) continue;
    const ind = l.length - l.trimStart().length;
    const m = /^\s*(?:async\s+)?c?p?def\s+(?:[\w.*]+\s+)*?([A-Za-z_]\w*)\s*\(/.exec(l);
    if (m && (ind < indent || i === line - 1)) {
      let end = i + 1;
      for (let j = i + 1; j < lines.length; j++) {
        const lj = lines[j];
        if (!lj.trim()) continue;
        if (lj.length - lj.trimStart().length <= ind) break;
        end = j + 1;
      }
      return end >= line ? { name: m[1], startLine: i + 1, endLine: end } : undefined;
    }
    indent = Math.min(indent, ind);
    if (ind === 0 && i !== line - 1) return undefined;
  }
  return undefined;
}
