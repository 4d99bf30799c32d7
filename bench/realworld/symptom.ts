import { parseUnifiedDiff } from '../../src/engine/git/parseDiff';
import type { FileDiff } from '../../src/engine/model';
import { enclosingFunction, familyOf, functionName } from './funcFinder';
import type { BenchGit } from './git';

/**
 * Where a crash caused by the bug would point: the first line the fix changed,
 * in the version just before the fix (the first removed line of the first
 * hunk, or for a pure addition the line before the insertion point), in the
 * first non-test source file the fix touched (git's path order).
 */
export interface Symptom {
  file: string;
  /** 1-based line in the fix's parent version of `file`. */
  line: number;
  /** The fix only added lines there (nothing on the frame's line was wrong). */
  pureAddition: boolean;
  /** The text of that line (for reports and debugging). */
  lineText: string;
  func?: string;
  /** The enclosing function's lines, when the finder located it. */
  funcStart?: number;
  funcEnd?: number;
  /** How `func` was found: the function finder, or git's hunk header (no range). */
  funcSource?: 'finder' | 'hunk';
}

const TEST_PATH = /(^|\/)(tests?|testing|testdata|testsuite|selftests|unittests?|fuzz)\/|_test\.go$|\.(test|spec)\.[jt]sx?$|(^|\/)test_[^/]*\.py$|(^|\/)(mock|fake)[^/]*\.[a-z]+$/i;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

/** A file a stack frame could name: source in a language the function finder reads, not a test. */
export function isFrameSource(path: string): boolean {
  return familyOf(path) !== 'none' && !isTestPath(path);
}

/** One place a fix changed: a hunk's first old line (or the line a pure insertion follows). */
export interface ChangePoint {
  file: string;
  line: number;
  pureAddition: boolean;
  context: string;
}

/** Change points in frame-eligible files, in diff order (pure, for tests). */
export function changePoints(files: FileDiff[]): ChangePoint[] {
  const out: ChangePoint[] = [];
  for (const f of files) {
    if (f.binary || f.status === 'A' || !f.oldPath || !isFrameSource(f.oldPath)) continue;
    for (const h of f.hunks) {
      // With -U0 a pure insertion's oldStart is the line it follows (0 at the top of the file).
      out.push({ file: f.oldPath, line: Math.max(1, h.oldStart), pureAddition: h.oldLines === 0, context: h.context });
    }
  }
  return out;
}

const MAX_POINTS = 40;

/**
 * How the frame line is chosen: `function` (default) takes the first change
 * point inside a function body, since a crash points into code, not at a
 * struct field or an #include; `first` takes the first change point, as the
 * issue's plain definition says.
 */
export type FrameRule = 'function' | 'first';

/**
 * The frame per `rule`; when the fix changed no function (or under `first`
 * outside one), the first change point, with the hunk header's name if any.
 */
export function symptomOf(git: BenchGit, parent: string, fix: string, rule: FrameRule = 'function'): Symptom | undefined {
  const diff = git.run(['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '-U0', parent, fix, '--']);
  const points = changePoints(parseUnifiedDiff(diff)).slice(0, MAX_POINTS);
  if (points.length === 0) return undefined;
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) {
      const t = git.tryRun(['cat-file', 'blob', `${parent}:${file}`]);
      texts.set(file, t === undefined || t.includes('\0') ? undefined : t);
    }
    return texts.get(file);
  };
  for (const p of rule === 'first' ? points.slice(0, 1) : points) {
    const text = textOf(p.file);
    if (text === undefined) continue;
    const fn = enclosingFunction(p.file, text, p.line);
    if (!fn) continue;
    return {
      file: p.file, line: p.line, pureAddition: p.pureAddition, lineText: lineAt(text, p.line),
      func: fn.name, funcStart: fn.startLine, funcEnd: fn.endLine, funcSource: 'finder',
    };
  }
  const first = points.find((p) => textOf(p.file) !== undefined);
  if (!first) return undefined;
  const sym: Symptom = { file: first.file, line: first.line, pureAddition: first.pureAddition, lineText: lineAt(textOf(first.file)!, first.line) };
  const fam = familyOf(first.file);
  const name = first.context ? functionName(first.context, fam === 'python' ? 'c' : fam) : undefined;
  if (name) {
    sym.func = name;
    sym.funcSource = 'hunk';
  }
  return sym;
}

function lineAt(text: string, line: number): string {
  return (text.split('\n')[line - 1] ?? '').slice(0, 300);
}
