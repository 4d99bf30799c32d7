import { assertSafeRef, type GitSource } from './gitSource';

/** One blamed line: which commit last wrote line `line` of the file at the blamed revision. */
export interface BlameLine {
  line: number;
  commit: string;
  /** The line number in that commit's version of the file. */
  origLine: number;
  origPath: string;
}

/**
 * `git blame --porcelain -w -M -C` over [from, to] at `rev`: follows lines
 * through later edits and through moves and copies between files, ignoring
 * whitespace-only rewrites and the revisions in `ignoreRevsFile`.
 */
export async function blameRange(src: GitSource, rev: string, path: string, from: number, to: number, ignoreRevsFile?: string): Promise<BlameLine[]> {
  // `git blame` takes no --end-of-options before the revision, so the revision must be a plain ref.
  assertSafeRef(rev, 'blame revision');
  const run = (a: number, b: number) => {
    const args = ['blame', '--porcelain', '-w', '-M', '-C', `-L${a},${b}`];
    if (ignoreRevsFile) args.push('--ignore-revs-file', ignoreRevsFile);
    return src.raw([...args, rev, '--', path]);
  };
  const a = Math.max(1, from);
  try {
    return parseBlamePorcelain(await run(a, Math.max(a, to)));
  } catch (e) {
    // A window running past the end of the file is clamped; a missing path has no blame.
    const n = /has only (\d+) lines?/.exec((e as Error).message);
    if (!n || +n[1] < a) return [];
    return parseBlamePorcelain(await run(a, +n[1]).catch(() => ''));
  }
}

/** Pure parser for `git blame --porcelain`. */
export function parseBlamePorcelain(out: string): BlameLine[] {
  const lines: BlameLine[] = [];
  const pathOf = new Map<string, string>();
  let cur: { commit: string; orig: number; final: number } | null = null;
  for (const l of out.split('\n')) {
    const h = /^([0-9a-f]{40}) (\d+) (\d+)/.exec(l);
    if (h) { cur = { commit: h[1], orig: +h[2], final: +h[3] }; continue; }
    if (!cur) continue;
    if (l.startsWith('filename ')) pathOf.set(cur.commit, l.slice(9));
    else if (l.startsWith('\t')) {
      lines.push({ line: cur.final, commit: cur.commit, origLine: cur.orig, origPath: pathOf.get(cur.commit) ?? '' });
      cur = null;
    }
  }
  return lines;
}

const DEF_PATTERNS: ((name: string) => RegExp)[] = [
  (n) => new RegExp(`^func\\s+(\\([^)]*\\)\\s*)?${n}\\s*[(\\[]`), // Go
  (n) => new RegExp(`^\\s*(async\\s+)?def\\s+${n}\\s*\\(`), // Python
  (n) => new RegExp(`^([A-Za-z_][\\w\\s\\*]*[\\s*])?${n}\\s*\\([^;]*$`), // C at column 0
  (n) => new RegExp(`^\\s*(export\\s+)?(async\\s+)?function\\s*\\*?\\s*${n}\\s*\\(`), // JS/TS function
  (n) => new RegExp(`^\\s*((public|private|protected|static|async|final|synchronized|override)\\s+)*[\\w<>\\[\\],.? ]*\\b${n}\\s*\\([^;]*$`), // methods
];

/**
 * Finds the lines of function `name` in `text` (1-based, inclusive): the
 * definition line to its closing brace at the definition's indentation, or,
 * for Python, to the last line indented deeper. Undefined when not found.
 */
export function functionRange(text: string, name: string): { from: number; to: number } | undefined {
  const bare = bareFunctionName(name);
  if (!bare) return undefined;
  const esc = bare.replace(/\$/g, '\\$');
  const lines = text.split('\n');
  for (const make of DEF_PATTERNS) {
    const re = make(esc);
    const start = lines.findIndex((l) => re.test(l));
    if (start < 0) continue;
    const indent = /^\s*/.exec(lines[start])![0].length;
    const python = /^\s*(async\s+)?def\s/.test(lines[start]);
    let end = start;
    for (let i = start + 1; i < lines.length && i < start + 2000; i++) {
      const l = lines[i];
      if (!l.trim()) continue;
      const ind = /^\s*/.exec(l)![0].length;
      if (python) { if (ind <= indent) break; end = i; continue; }
      end = i;
      if (ind <= indent && /^\s*}/.test(l)) break;
    }
    return { from: start + 1, to: end + 1 };
  }
  return undefined;
}

/** A definition line of Go, C, Python, Java/TS/JS (heuristic, column-0 for C-likes). */
const ANY_DEF = /^(func\s|(async\s+)?def\s|\s+(async\s+)?def\s|([A-Za-z_][\w\s\*,<>\[\]]*[\s*])?[A-Za-z_]\w*\s*\([^;]*$|\s*(export\s+)?(async\s+)?function\b|\s+((public|private|protected|static|final|synchronized|async)\s+)+[\w<>\[\], ]+\s+\w+\s*\([^;]*$)/;
const NOT_DEF = /^\s*(if|for|while|switch|return|else|do|case|catch|try|typedef|struct|enum|union|#)\b/;

/** A frame's function as its definition names it: `(*Pool).Acquire` → Acquire, `pkg.Class.method` → method. */
export function bareFunctionName(name: string): string {
  return name.replace(/^.*[.:]/, '').replace(/[^\w$]/g, '');
}

/** Whether a line opens a function definition (heuristic, see ANY_DEF). */
export function isDefinition(line: string): boolean {
  return ANY_DEF.test(line) && !NOT_DEF.test(line);
}

/** The name a definition line defines (`func (h *H) Process(` → Process, `def to_cents(` → to_cents). */
export function definitionName(line: string): string | undefined {
  return /([A-Za-z_]\w*)\s*\(/.exec(line.replace(/^func\s+\([^)]*\)\s*/, 'func '))?.[1];
}

/**
 * The function that encloses `line` (1-based) in `text`: the nearest
 * definition above it whose body reaches the line. Undefined at top level.
 */
export function enclosingFunction(text: string, line: number): { from: number; to: number; name?: string } | undefined {
  const lines = text.split('\n');
  for (let i = Math.min(line, lines.length) - 1, seen = 0; i >= 0 && seen < 3000; i--, seen++) {
    const l = lines[i];
    if (!isDefinition(l)) continue;
    const name = definitionName(l);
    const range = name ? functionRange(lines.slice(i).join('\n'), name) : undefined;
    if (range && i + range.to >= line) return { from: i + 1, to: i + range.to, name };
    if (range) return undefined; // the nearest function above ends before the line: top level
  }
  return undefined;
}
