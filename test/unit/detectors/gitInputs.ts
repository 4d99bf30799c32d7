import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { languageOf } from '../../../src/engine/git/language';
import { parseUnifiedDiff } from '../../../src/engine/git/parseDiff';
import type { Detector, DetectorInput, Finding } from '../../../src/engine/model';
import type { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';

let root: string | undefined;
let seq = 0;

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  if (r.error) throw r.error;
  // `git diff --no-index` exits 1 when the files differ.
  if (r.status !== 0 && r.status !== 1) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * A DetectorInput for one file changing from `before` to `after`, with the
 * diff produced by real git (`git diff --no-index`), so hunks and line numbers
 * are what `git show` would print. `before` undefined = a new file.
 */
export function inputFromStrings(path: string, before: string | undefined, after: string | undefined): DetectorInput {
  root ??= tempDir('ifx-det-');
  const dir = join(root, String(seq++));
  const a = join('a', path);
  const b = join('b', path);
  if (before !== undefined) { mkdirSync(dirname(join(dir, a)), { recursive: true }); writeFileSync(join(dir, a), before); }
  if (after !== undefined) { mkdirSync(dirname(join(dir, b)), { recursive: true }); writeFileSync(join(dir, b), after); }
  mkdirSync(dir, { recursive: true });
  const text = git(dir, ['diff', '--no-index', '--no-color', '-M', '-U3', '--', before === undefined ? '/dev/null' : a, after === undefined ? '/dev/null' : b]);
  const files = parseUnifiedDiff(text);
  const file = files[0] ?? { oldPath: path, newPath: path, status: 'M' as const, binary: false, hunks: [] };
  file.oldPath = before === undefined ? null : path;
  file.newPath = after === undefined ? null : path;
  return { file, language: languageOf(path), before, after };
}

/** The inputs of one commit in a real repository, built the way the pipeline builds them. */
export function inputsFromCommit(w: GitWriter, sha: string): DetectorInput[] {
  const text = w.git(['show', '-M', '--no-color', '-U3', '--format=', sha]);
  const parent = w.git(['rev-list', '--parents', '-n', '1', sha]).trim().split(' ')[1];
  return parseUnifiedDiff(text).map((file) => {
    const path = (file.newPath ?? file.oldPath)!;
    return {
      file,
      language: languageOf(path),
      after: file.newPath ? w.git(['show', `${sha}:${file.newPath}`]) : undefined,
      before: file.oldPath && parent ? w.git(['show', `${parent}:${file.oldPath}`]) : undefined,
    };
  });
}

/** Runs one detector on a before/after pair diffed by real git. */
export function detectIn(detector: Detector, path: string, before: string | undefined, after: string | undefined): Finding[] {
  return detector.detect(inputFromStrings(path, before, after));
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`not found: ${needle}`);
  return i + 1;
}
