/**
 * Names that tie a commit to a stack frame without touching its line: the
 * identifiers on the frame's line, and the component names a subject prefix
 * uses for the frame's file (`netdev-dpdk: fix x`, `ip/route: y`).
 */

const KEYWORDS = new Set(['return', 'static', 'const', 'struct', 'union', 'enum', 'unsigned', 'signed', 'void', 'char', 'long', 'short',
  'int', 'bool', 'true', 'false', 'NULL', 'null', 'nil', 'None', 'True', 'False', 'sizeof', 'else', 'while', 'break', 'continue', 'goto',
  'case', 'default', 'switch', 'func', 'this', 'self', 'let', 'var', 'function', 'typeof', 'undefined', 'await', 'async', 'throw', 'raise',
  'new', 'err', 'error', 'string', 'uint32_t', 'uint64_t', 'uint16_t', 'uint8_t', 'size_t', 'int32_t', 'int64_t', 'printf', 'fprintf',
  'stderr', 'stdout', 'argv', 'argc', 'strcmp', 'matches', 'memset', 'memcpy', 'malloc', 'free', 'data', 'value', 'ctx', 'public',
  'private', 'protected', 'final', 'String', 'Integer', 'Object', 'import', 'from', 'elif', 'except', 'finally', 'lambda']);

/** A code line's first 2000 characters with its strings and comments blanked: what is left is code. */
export function codeOf(line: string): string {
  return line.slice(0, 2000).replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\/\/.*$|#.*$|\/\*.*?\*\//g, ' ');
}

/** Up to four identifiers of a code line, longest first (the most specific), without strings, comments and keywords. */
export function identifiersOf(text: string | undefined): string[] {
  if (!text) return [];
  const code = codeOf(text);
  const ids = [...new Set(code.match(/[A-Za-z_$][\w$]{3,}/g) ?? [])].filter((w) => !KEYWORDS.has(w));
  return ids.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, 4);
}

/** Whether a changed line mentions `id` as a whole word. */
export function mentions(line: string, id: string): boolean {
  let i = line.indexOf(id);
  while (i >= 0) {
    const before = i > 0 ? line[i - 1] : ' ';
    const after = line[i + id.length] ?? ' ';
    if (!/[\w$]/.test(before) && !/[\w$]/.test(after)) return true;
    i = line.indexOf(id, i + 1);
  }
  return false;
}

/** Names a subject prefix may use for a file: its stem and its directories (`lib/netdev-dpdk.c` → netdev-dpdk, netdevdpdk, lib). */
export function componentsOf(path: string): string[] {
  const parts = path.toLowerCase().split('/');
  const stem = parts[parts.length - 1].replace(/\.[^.]+$/, '');
  return [...new Set([stem, stem.replace(/[-_]/g, ''), ...parts.slice(0, -1)].filter((p) => p.length >= 2))];
}

/** Whether a subject's `component:` prefix names one of `components`. */
export function subjectNames(subject: string, components: string[]): boolean {
  const m = /^([\w./+ -]{2,60}?):\s/.exec(subject.trim());
  if (!m) return false;
  const heads = m[1].toLowerCase().split(/[\s,/]+/).filter(Boolean);
  return heads.some((h) => components.includes(h) || components.includes(h.replace(/[-_]/g, '')));
}

/** Wide (10+ files) or, by its subject, a refactor, rename or cleanup: its lines move more than they change. */
export const MECHANICAL_SUBJECT = /\b(refactor|rename|move|moved|cleanup|clean up|style|whitespace|indent|reformat|convert|replace|switch to|unify|simplify|split|constify|typo)\b/i;
