import type { Language } from '../model';

/**
 * Two views of a source text with identical length and line structure:
 * `code` has comments and string contents blanked (so keywords inside strings
 * or comments never match), `keep` has only comments blanked (so SQL inside
 * string literals and argument values stay visible). Offsets line up, which
 * lets a detector find a call in `code` and read its arguments from `keep`.
 */
export interface MaskedText {
  code: string;
  keep: string;
  /** 0-based indexes of lines that begin inside a multi-line string (Python indentation ignores them). */
  continuation?: Set<number>;
}

type Mode = 'code' | 'line' | 'block' | 'str' | 'tmpl' | 'regex';

/** Masks comments and strings of one file. Linear in the text length. */
export function maskSource(text: string, language: Language, path = ''): MaskedText {
  if (language === 'python') return maskPython(text);
  if (language === 'other') return maskOther(text, path);
  return maskCLike(text, language);
}

function blank(c: string): string {
  return c === '\n' || c === '\r' ? c : ' ';
}

/** Go, Java, JavaScript, TypeScript: // and block comments, quotes, Go raw strings, JS templates and regex literals. */
function maskCLike(text: string, language: Language): MaskedText {
  const code: string[] = new Array(text.length);
  const keep: string[] = new Array(text.length);
  const js = language === 'javascript' || language === 'typescript';
  let mode: Mode = 'code';
  let quote = '';
  let textBlock = false; // Java """ text block
  // JS template literal nesting: each entry is the brace depth inside a ${…}.
  const tmplStack: number[] = [];
  let lastSig = ''; // last significant code character, for regex-literal detection
  let lastWord = '';
  let inClass = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const n = text[i + 1];
    switch (mode) {
      case 'code': {
        if (c === '/' && n === '/') { mode = 'line'; code[i] = keep[i] = ' '; continue; }
        if (c === '/' && n === '*') { mode = 'block'; code[i] = keep[i] = ' '; continue; }
        if (c === '"' || c === "'" || (c === '`' && (js || language === 'go'))) {
          if (language === 'java' && c === '"' && n === '"' && text[i + 2] === '"') {
            textBlock = true; mode = 'str'; quote = '"';
            code[i] = keep[i] = code[i + 1] = keep[i + 1] = code[i + 2] = keep[i + 2] = '"';
            i += 2;
            continue;
          }
          mode = c === '`' && js ? 'tmpl' : 'str';
          quote = c;
          code[i] = keep[i] = c;
          continue;
        }
        if (js && c === '/' && regexAllowed(lastSig, lastWord)) {
          mode = 'regex'; inClass = false; code[i] = keep[i] = c; continue;
        }
        if (js && tmplStack.length > 0) {
          if (c === '{') tmplStack[tmplStack.length - 1]++;
          else if (c === '}') {
            if (tmplStack[tmplStack.length - 1] === 0) {
              // The braces of ${…} are template syntax, not blocks.
              tmplStack.pop(); mode = 'tmpl'; code[i] = ' '; keep[i] = c; continue;
            }
            tmplStack[tmplStack.length - 1]--;
          }
        }
        code[i] = keep[i] = c;
        if (/[A-Za-z0-9_$]/.test(c)) {
          lastWord = /[A-Za-z0-9_$]/.test(lastSig) ? lastWord + c : c;
          lastSig = c;
        } else if (!/\s/.test(c)) { lastSig = c; lastWord = ''; }
        continue;
      }
      case 'line':
        if (c === '\n') { mode = 'code'; code[i] = keep[i] = c; } else code[i] = keep[i] = blank(c);
        continue;
      case 'block':
        if (c === '*' && n === '/') { code[i] = keep[i] = code[i + 1] = keep[i + 1] = ' '; i++; mode = 'code'; continue; }
        code[i] = keep[i] = blank(c);
        continue;
      case 'str': {
        if (textBlock) {
          if (c === '\\') { code[i] = ' '; keep[i] = c; if (i + 1 < text.length) { code[i + 1] = blank(n); keep[i + 1] = n; i++; } continue; }
          if (c === '"' && n === '"' && text[i + 2] === '"') {
            code[i] = keep[i] = code[i + 1] = keep[i + 1] = code[i + 2] = keep[i + 2] = '"';
            i += 2; textBlock = false; mode = 'code'; lastSig = '"'; lastWord = '';
            continue;
          }
          code[i] = blank(c); keep[i] = c;
          continue;
        }
        const raw = quote === '`';
        if (!raw && c === '\\' && i + 1 < text.length) { code[i] = ' '; keep[i] = c; code[i + 1] = blank(n); keep[i + 1] = n; i++; continue; }
        if (c === quote) { code[i] = keep[i] = c; mode = 'code'; lastSig = c; lastWord = ''; continue; }
        // An unterminated ordinary string ends at the line end (keeps damage local).
        if (c === '\n' && !raw) { code[i] = keep[i] = c; mode = 'code'; continue; }
        code[i] = blank(c); keep[i] = c;
        continue;
      }
      case 'tmpl': {
        if (c === '\\' && i + 1 < text.length) { code[i] = ' '; keep[i] = c; code[i + 1] = blank(n); keep[i + 1] = n; i++; continue; }
        if (c === '`') { code[i] = keep[i] = c; mode = 'code'; lastSig = c; lastWord = ''; continue; }
        if (c === '$' && n === '{') {
          code[i] = keep[i] = c; code[i + 1] = ' '; keep[i + 1] = '{'; i++;
          tmplStack.push(0); mode = 'code'; lastSig = '{'; lastWord = '';
          continue;
        }
        code[i] = blank(c); keep[i] = c;
        continue;
      }
      case 'regex': {
        if (c === '\\' && i + 1 < text.length && n !== '\n') { code[i] = ' '; keep[i] = c; code[i + 1] = ' '; keep[i + 1] = n; i++; continue; }
        if (c === '\n') { code[i] = keep[i] = c; mode = 'code'; continue; }
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) { code[i] = keep[i] = c; mode = 'code'; lastSig = 'a'; lastWord = 'regex'; continue; }
        code[i] = ' '; keep[i] = c;
        continue;
      }
    }
  }
  return { code: code.join(''), keep: keep.join('') };
}

const REGEX_PRECEDERS = new Set(['return', 'typeof', 'case', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'else', 'do']);

function regexAllowed(lastSig: string, lastWord: string): boolean {
  if (lastSig === '') return true;
  if (/[A-Za-z0-9_$]/.test(lastSig)) return REGEX_PRECEDERS.has(lastWord);
  return '(,=:[!&|?{};+-*%<>~^'.includes(lastSig);
}

/** Python: # comments, ' " ''' """ strings with any prefix. */
function maskPython(text: string): MaskedText {
  const code: string[] = new Array(text.length);
  const keep: string[] = new Array(text.length);
  const continuation = new Set<number>();
  let line = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') line++;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') { code[i] = keep[i] = blank(text[i]); i++; }
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text[i + 1] === c && text[i + 2] === c;
      const q = triple ? c + c + c : c;
      for (let k = 0; k < q.length; k++) { code[i + k] = keep[i + k] = c; }
      i += q.length;
      while (i < text.length) {
        const d = text[i];
        if (d === '\\' && i + 1 < text.length) {
          if (text[i + 1] === '\n') continuation.add(++line);
          code[i] = ' '; keep[i] = d; code[i + 1] = blank(text[i + 1]); keep[i + 1] = text[i + 1]; i += 2; continue;
        }
        if (text.startsWith(q, i)) {
          for (let k = 0; k < q.length; k++) { code[i + k] = keep[i + k] = d; }
          i += q.length;
          break;
        }
        if (d === '\n' && !triple) { code[i] = keep[i] = d; i++; line++; break; }
        if (d === '\n') continuation.add(++line);
        code[i] = blank(d); keep[i] = d;
        i++;
      }
      continue;
    }
    code[i] = keep[i] = c;
    i++;
  }
  return { code: code.join(''), keep: keep.join(''), continuation };
}

const HASH_COMMENT_FILES = /(\.(ya?ml|toml|properties|env|ini|cfg|conf|txt|sh|bash|mod|sum)|(^|\/)(\.env[^/]*|Dockerfile[^/]*|Makefile|requirements[^/]*|Pipfile|\.git-blame-ignore-revs))$/i;

/** Config and other files: `#` comments in formats that have them, XML comments. */
function maskOther(text: string, path: string): MaskedText {
  let out = text;
  if (HASH_COMMENT_FILES.test(path)) {
    // A # starts a comment at line start or after whitespace (values like `a#b` stay).
    out = out.replace(/(^|[ \t])#[^\n]*/gm, (m, pre: string) => pre + ' '.repeat(m.length - pre.length));
  }
  if (/\.(xml|html?|xsd|pom)$/i.test(path)) {
    out = out.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '));
  }
  return { code: out, keep: out };
}
