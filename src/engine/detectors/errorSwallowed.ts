import type { Detector, DetectorInput, Finding } from '../model';
import { isTestPath } from '../signals/pathKinds';
import type { Block } from './blocks';
import { finding, newLineForOld, prepare, type Prepared } from './diffView';
import type { SourceModel } from './sourceModel';

export const ERROR_SWALLOWED = 'ERROR_SWALLOWED';

/** Go calls whose dropped error hides a failed write, parse or commit. */
const GO_ERR_CALL = /^(json\s*\.\s*(Unmarshal|Marshal)|[\w$.]+\s*\.\s*(Exec|ExecContext|Commit|Scan|Ping|PingContext|Unmarshal|Decode|Shutdown)|os\s*\.\s*(WriteFile|Remove|RemoveAll|MkdirAll|Setenv|Rename)|ioutil\s*\.\s*WriteFile)\s*\(/;
/** Parse helpers whose error is often dropped on purpose (a zero default). */
const GO_PARSE_CALL = /(Atoi|ParseInt|ParseUint|ParseFloat|ParseBool|ParseDuration)\($/;
const GO_ERR_ASSIGN_CALL = /(Query|QueryRow|QueryContext|Exec|ExecContext|Open|ReadFile|ReadAll|Marshal|Unmarshal|Atoi|ParseInt|ParseFloat|ParseBool|Parse|Decode|Scan|Begin|BeginTx|Prepare|Dial|Get|Post|Do|Commit|NewRequest|Write|Read|Copy|Stat|Create|Listen)\s*\($/;

/** The code between a block's braces (masked), or a Python suite's lines. */
function body(m: SourceModel, b: Block): string {
  if (m.language === 'python') {
    const lines: string[] = [];
    for (let n = b.openLine + 1; n <= b.endLine; n++) lines.push(m.code[n]);
    // A one-line suite `except Exception: pass` keeps its body after the colon.
    return lines.join('\n');
  }
  const text = m.codeText;
  const open = text.indexOf('{', m.lineStart[b.openLine]);
  const close = text.lastIndexOf('}', m.lineStart[b.endLine] + m.code[b.endLine].length);
  return open >= 0 && close > open ? text.slice(open + 1, close) : '';
}

function rawBody(m: SourceModel, b: Block): string {
  return m.raw.slice(b.openLine, b.endLine + 1).join('\n');
}

/** The commit touched this block: its header, its body, or removed lines that stood inside it. */
function touched(p: Prepared, input: DetectorInput, b: Block): boolean {
  for (let n = b.headerLine; n <= b.endLine; n++) if (p.changes.added.has(n)) return true;
  for (const old of p.changes.removed.keys()) {
    const n = newLineForOld(input.file, old);
    if (n >= b.openLine && n <= b.endLine) return true;
  }
  return false;
}

function catchConfidence(header: string, language: string): { c: number; what: string } | undefined {
  if (language === 'python') {
    if (/^except\s*:/.test(header)) return { c: 0.7, what: 'bare except' };
    if (/^except\s*\(?[^)]*\b(Exception|BaseException)\b/.test(header)) return { c: 0.65, what: header.replace(/\s*as\s+\w+\s*:$|:$/, '') };
    return undefined; // `except KeyError: pass` is idiomatic
  }
  if (language === 'java') {
    if (/\b(Exception|Throwable|RuntimeException|Error)\s+\w+\s*\)/.test(header)) return { c: 0.7, what: header };
    if (/\bInterruptedException\b/.test(header)) return { c: 0.45, what: header };
    return { c: 0.5, what: header };
  }
  return { c: 0.6, what: header };
}

function emptyHandlers(p: Prepared, input: DetectorInput, m: SourceModel): Finding[] {
  const out: Finding[] = [];
  for (const b of m.blocks) {
    const goErrIf = m.language === 'go' && b.kind === 'if' && /^if\b.*\berr\w*\s*!=\s*nil$/.test(b.header);
    if (b.kind !== 'catch' && !goErrIf) continue;
    const inner = body(m, b).trim();
    const empty = m.language === 'python' ? /^((pass|\.\.\.)\s*)+$/.test(inner) : inner === '';
    const skips = m.language === 'python' && /^continue$/.test(inner);
    if (!empty && !skips) continue;
    if (!touched(p, input, b)) continue;
    const commented = /\/\/|\/\*|#/.test(rawBody(m, b).replace(/^[^{:]*[{:]/, ''));
    if (goErrIf) {
      out.push(finding(p, ERROR_SWALLOWED, b.headerLine, `\`${b.header}\` has an empty body: the error is checked and then ignored`, commented ? 0.45 : 0.65));
      continue;
    }
    const conf = catchConfidence(b.header, m.language);
    if (!conf) continue;
    // A comment in the handler usually documents a deliberate ignore.
    const c = conf.c - (commented ? 0.3 : 0) - (skips ? 0.15 : 0);
    out.push(finding(p, ERROR_SWALLOWED, b.headerLine, `empty ${conf.what.replace(/\s*\{?$/, '')} handler swallows the error${commented ? ' (commented as intentional)' : ''}`, c));
  }
  return out;
}

function lineRules(p: Prepared, input: DetectorInput, m: SourceModel): Finding[] {
  const out: Finding[] = [];
  const removedText = [...p.changes.removed.entries()].map(([n, t]) => p.before?.code[n] ?? t);
  for (const line of [...p.changes.added.keys()].sort((a, b) => a - b)) {
    const code = m.code[line];
    if (!code) continue;
    const t = code.trim();
    if (m.language === 'python') {
      const one = /^except\b([^:]*):\s*(pass|\.\.\.)\s*$/.exec(t);
      if (one) {
        const conf = catchConfidence(`except${one[1]}:`, 'python');
        if (conf) out.push(finding(p, ERROR_SWALLOWED, line, `\`${t}\` swallows the error`, conf.c));
      } else if (/\bcontextlib\s*\.\s*suppress\s*\(\s*(Exception|BaseException)\b|^with\s+suppress\s*\(\s*(Exception|BaseException)\b/.test(t)) {
        out.push(finding(p, ERROR_SWALLOWED, line, `\`${t}\` silences every exception in its block`, 0.45));
      }
    } else if (m.language === 'typescript' || m.language === 'javascript') {
      if (/\.\s*catch\s*\(\s*(\(\s*[\w$]*\s*(:\s*\w+)?\s*\)|[\w$]+)\s*=>\s*(\{\s*\}|null|undefined|void 0|\[\s*\]|false)\s*\)|\.\s*catch\s*\(\s*(noop|_\.noop|lodash\.noop|function\s*\(\s*[\w$]*\s*\)\s*\{\s*\})\s*\)/.test(t)) {
        out.push(finding(p, ERROR_SWALLOWED, line, `promise rejection discarded: \`${t.slice(0, 70)}\``, 0.55));
      }
    } else if (m.language === 'go') {
      if (/^_\s*=\s*err\w*\s*$/.test(t)) {
        out.push(finding(p, ERROR_SWALLOWED, line, '`_ = err` discards the error', 0.6));
        continue;
      }
      const assign = /^([\w$]+\s*,\s*)+_\s*:?=\s*(.*)$/.exec(t);
      if (assign) {
        const callee = /^([\w$.]+\s*\()/.exec(assign[2].trim())?.[1];
        if (!callee) continue;
        // `v, err := f()` became `v, _ := f()`: the check was dropped by this commit.
        const dropped = removedText.some((r) => r.includes(callee) && /\berr\w*\s*:?=/.test(r));
        if (dropped || GO_ERR_ASSIGN_CALL.test(callee.replace(/\s+/g, ''))) {
          const c = dropped ? 0.6 : GO_PARSE_CALL.test(callee.replace(/\s+/g, '')) ? 0.25 : 0.35;
          out.push(finding(p, ERROR_SWALLOWED, line, `error from ${callee.replace(/\($/, '')}() discarded with _${dropped ? ' (it was checked before this change)' : ''}`, c));
        }
        continue;
      }
      const bare = /^_\s*=\s*(.*)$/.exec(t);
      const stmt = bare ? bare[1] : t;
      if (!/^(if|return|defer|go|for|switch|case|var|const|func)\b/.test(stmt) && !/:?=/.test(stmt.split('(')[0]) && GO_ERR_CALL.test(stmt)) {
        const name = /^([\w$.\s]+)\(/.exec(stmt)?.[1].replace(/\s+/g, '') ?? 'call';
        const c = /Commit|Exec/.test(name) ? 0.55 : 0.4;
        out.push(finding(p, ERROR_SWALLOWED, line, `error returned by ${name}() is ignored`, c));
      }
    }
  }
  return out;
}

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  const m = p.after;
  if (!m || m.language === 'other' || isTestPath(p.path)) return [];
  if (p.changes.added.size === 0 && p.changes.removed.size === 0) return [];
  return [...emptyHandlers(p, input, m), ...lineRules(p, input, m)];
}

export const errorSwallowed: Detector = {
  id: ERROR_SWALLOWED,
  description: 'Errors swallowed by added code: empty catch/except blocks, `except: pass`, `.catch(() => {})`, Go `_ = err`, empty `if err != nil {}`, dropped error returns.',
  detect,
};
