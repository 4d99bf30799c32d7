import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a `git fast-import` stream as a real repository in `dir` (replacing
 * what was there): one `git init`, one `git fast-import`, one `git reset
 * --hard` to check out `branch`. The demo and the benchmark generator both
 * build their histories this way: one git process per repository instead of
 * several per commit. User and system git configuration are ignored, so the
 * checkout is the same on every machine. `localConfig` is appended to the new
 * repository's `.git/config`. Returns fast-import mark → commit sha.
 */
export function importStream(dir: string, stream: Buffer | string, opts: { branch?: string; localConfig?: string } = {}): Map<number, string> {
  const branch = opts.branch ?? 'main';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const git = (args: string[], input?: Buffer | string) =>
    execFileSync('git', args, { cwd: dir, env, input, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
  git(['init', '-q', '-b', branch]);
  if (opts.localConfig) appendFileSync(join(dir, '.git', 'config'), opts.localConfig);
  const marksFile = join(dir, '.git', 'fast-import-marks');
  // A stream that ends with `done` is checked for it: a truncated stream then fails instead of building half a history.
  const done = /(^|\n)done\n?$/.test(typeof stream === 'string' ? stream.slice(-8) : stream.subarray(-8).toString('utf8'));
  git(['fast-import', '--quiet', ...(done ? ['--done'] : []), `--export-marks=${marksFile}`], stream);
  const marks = new Map<number, string>();
  for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
    const m = /^:(\d+) ([0-9a-f]{40})$/.exec(line);
    if (m) marks.set(Number(m[1]), m[2]);
  }
  rmSync(marksFile, { force: true });
  git(['reset', '-q', '--hard', branch]);
  return marks;
}
