import fg from 'fast-glob';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface ExpandOptions {
  /** Refuse anything that resolves outside this folder (config-provided globs). */
  confineTo?: string;
  /** Stop after this many files (a problem says so). Default 10 000. */
  maxFiles?: number;
}

export interface ExpandedInputs {
  /** Absolute paths of regular files, in input order, without duplicates. */
  files: string[];
  /** Human notes: missing paths, globs matching nothing, refused paths. */
  problems: string[];
}

/**
 * Log inputs → files: plain files, directories (walked recursively, `.git`
 * skipped, regular files only) and globs (fast-glob, relative to `baseDir`).
 * With `confineTo`, paths leaving it — by `..`, an absolute path or a
 * symlink — are refused with a problem instead of read.
 */
export async function expandLogInputs(patterns: string[], baseDir: string, opts: ExpandOptions = {}): Promise<ExpandedInputs> {
  const files: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const maxFiles = opts.maxFiles ?? 10_000;
  const root = opts.confineTo ? await realOrResolved(opts.confineTo) : undefined;

  const inside = async (p: string): Promise<boolean> => (root ? within(root, await realOrResolved(p)) : true);
  const add = async (file: string, shown: string): Promise<void> => {
    if (files.length >= maxFiles) return;
    const real = await realOrResolved(file);
    if (root && !within(root, real)) {
      problems.push(`${shown}: refused, it resolves outside ${opts.confineTo}`);
      return;
    }
    // Deduplicate by the real file so a symlinked alias is not counted twice.
    if (!seen.has(real)) {
      seen.add(real);
      files.push(resolve(file));
    }
  };

  for (const pattern of patterns) {
    if (!pattern.trim()) continue;
    const target = resolve(baseDir, pattern);
    const info = await lstat(target).catch(() => undefined);
    if (info) {
      if (!(await inside(target))) {
        problems.push(`${pattern}: refused, it is outside ${opts.confineTo}`);
        continue;
      }
      const st = info.isSymbolicLink() ? await stat(target).catch(() => undefined) : info;
      if (st?.isFile()) await add(target, pattern);
      else if (st?.isDirectory()) await walk(target, add, () => files.length >= maxFiles);
      else problems.push(`${pattern}: not a regular file or directory`);
      continue;
    }
    if (!fg.isDynamicPattern(pattern)) {
      problems.push(`${pattern}: no such file or directory`);
      continue;
    }
    if (root) {
      const bases = fg.generateTasks(pattern, { cwd: baseDir }).map((t) => resolve(baseDir, t.base));
      if (bases.some((b) => !within(root, b)) || /(^|[\\/])\.\.([\\/]|$)/.test(pattern)) {
        problems.push(`${pattern}: refused, the glob reaches outside ${opts.confineTo}`);
        continue;
      }
    }
    const matched = await fg(pattern, {
      cwd: baseDir,
      absolute: true,
      // Linked files are listed (then checked like any other); linked folders are not entered, to avoid loops.
      onlyFiles: false,
      dot: true,
      followSymbolicLinks: false,
      ignore: ['**/.git/**'],
      suppressErrors: true,
    });
    let regular = 0;
    for (const m of matched.sort()) {
      const st = await stat(m).catch(() => undefined);
      if (st?.isFile()) {
        regular++;
        await add(m, m);
      }
    }
    if (!regular) problems.push(`${pattern}: matched no files`);
  }
  if (files.length >= maxFiles) problems.push(`more than ${maxFiles} log files: only the first ${maxFiles} are read`);
  return { files, problems };
}

async function walk(dir: string, add: (file: string, shown: string) => Promise<void>, full: () => boolean): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (full()) return;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '.git') await walk(p, add, full);
    } else if (e.isFile()) await add(p, p);
    else if (e.isSymbolicLink()) {
      // Linked files are read (subject to confinement); linked folders are not walked, to avoid loops.
      const st = await stat(p).catch(() => undefined);
      if (st?.isFile()) await add(p, p);
    }
  }
}

async function realOrResolved(p: string): Promise<string> {
  return realpath(p).catch(() => resolve(p));
}

function within(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
}
