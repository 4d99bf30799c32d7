import type { ParsedFrame } from './logTypes';

/**
 * Single-line recognizers for stack-trace lines. Each returns a frame (or
 * null when the line is of that kind but names no usable file, e.g. `Native
 * Method`), or undefined when the line is not of that kind.
 */

const JAVA_AT = /^\s*at\s+(?:[\w.$-]+(?:@[\w.-]+)?\/{1,2})?([\w$.<>\/-]+)\.([\w$<>-]+)\(([^()]*)\)(?:\s*~?\[.*\])?\s*$/;
const JAVA_FILE = /^([\w$-]+\.(?:java|kt|kts|scala|groovy|clj|cljc))(?::(\d+))?$/;
const NODE_AT_PAREN = /^\s+at\s+(?:async\s+)?(?:new\s+)?(.+?)\s+\((.+)\)\s*$/;
const NODE_AT_BARE = /^\s+at\s+(?:async\s+)?(\S+)\s*$/;
const NODE_LOC = /^(.+?):(\d+)(?::(\d+))?$/;
const PY_FILE = /^\s*File "(.+)", line (\d+)(?:, in (.+))?\s*$/;
const GO_FILE = /^\s+((?:[A-Za-z]:)?[^\s:]*[^\s:/\\]):(\d+)(?:\s+\+0x[0-9a-fA-F]+)?\s*$/;
const GO_FUNC_NAME = /^[A-Za-z_][\w./*()[\]~%$-]*$/;
const GO_CREATED_BY = /^created by (\S+)(?: in goroutine \d+)?\s*$/;
const GDB = /^#(\d+)\s+(?:0x[0-9a-fA-F]+\s+in\s+)?([^\s(]+)\s*\((.*)\)\s*(?:at\s+(\S+?):(\d+)|from\s+(\S+))?\s*$/;

export function javaFrame(line: string): ParsedFrame | null | undefined {
  const m = JAVA_AT.exec(line);
  if (!m) return undefined;
  const inside = m[3].trim();
  const f = JAVA_FILE.exec(inside);
  if (!f) return /^(Native Method|Unknown Source|.*\bSource\b.*|)$/.test(inside) ? null : undefined;
  const cls = m[1];
  const dot = cls.lastIndexOf('.');
  const frame: ParsedFrame = { rawPath: f[1], func: `${cls}.${m[2]}` };
  if (f[2]) frame.line = Number(f[2]);
  if (dot > 0) frame.javaPackage = cls.slice(0, dot);
  return frame;
}

function nodeLocation(loc: string, func?: string): ParsedFrame | null {
  const m = NODE_LOC.exec(loc.replace(/^file:\/\//, ''));
  if (!m || m[1].startsWith('node:') || m[1] === 'native' || m[1].startsWith('<')) return null;
  const frame: ParsedFrame = { rawPath: m[1], line: Number(m[2]) };
  if (func) frame.func = func;
  return frame;
}

export function nodeFrame(line: string): ParsedFrame | null | undefined {
  // The ')' pre-check keeps the lazy/greedy pair below from going quadratic on lines that cannot match.
  const p = line.trimEnd().endsWith(')') ? NODE_AT_PAREN.exec(line) : null;
  if (p) {
    // `at f (eval at g (x.js:1:2), <anonymous>:1:1)` → innermost real location is enough.
    const loc = p[2].includes('(') ? (/\(([^()]+)\)/.exec(p[2])?.[1] ?? p[2]) : p[2];
    if (!NODE_LOC.test(loc) && !/^(native|<anonymous>|index \d+)$/.test(loc)) return undefined;
    return nodeLocation(loc, p[1]);
  }
  const b = NODE_AT_BARE.exec(line);
  if (b && NODE_LOC.test(b[1])) return nodeLocation(b[1]);
  return undefined;
}

export function pythonFrame(line: string): ParsedFrame | undefined {
  const m = PY_FILE.exec(line);
  if (!m) return undefined;
  const frame: ParsedFrame = { rawPath: m[1], line: Number(m[2]) };
  if (m[3]) frame.func = m[3];
  return frame;
}

/** `\t/app/x/pool.go:45 +0x1d` (the function is on the line before). */
export function goFileLine(line: string): ParsedFrame | undefined {
  if (!/^\s/.test(line)) return undefined;
  const m = GO_FILE.exec(line);
  if (!m) return undefined;
  // Without a `.go` file or a `+0x` offset, an indented `x:12` is too vague to be a Go frame.
  if (!/\.go$/.test(m[1]) && !/\+0x/.test(line)) return undefined;
  return { rawPath: m[1], line: Number(m[2]) };
}

/** A Go function line (`main.(*Pool).Acquire(0xc000, ...)`, `created by main.main`) → the function name. */
export function goFuncLine(line: string): string | undefined {
  const c = GO_CREATED_BY.exec(line);
  if (c) return c[1];
  const name = line.endsWith(')') ? stripCallArgs(line) : line;
  return name && name.includes('.') && GO_FUNC_NAME.test(name) ? name : undefined;
}

/** `pkg.(*T).M(0xc000, {0x1, 0x2})` → `pkg.(*T).M`: drops the final balanced parenthesis group. */
function stripCallArgs(line: string): string | undefined {
  let depth = 0;
  for (let i = line.length - 1; i >= 0; i--) {
    const c = line[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) return line.slice(0, i);
  }
  return undefined;
}

export function gdbFrame(line: string): ParsedFrame | null | undefined {
  const m = GDB.exec(line.trim());
  if (!m) return undefined;
  if (!m[4]) return null;
  const frame: ParsedFrame = { rawPath: m[4], line: Number(m[5]) };
  if (m[2] !== '??') frame.func = m[2];
  return frame;
}
