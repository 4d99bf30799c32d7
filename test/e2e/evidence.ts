/** Evidence the e2e reads outside the browser: git's view of lines, the extension's own log. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The line a commit's `file:line` has today, found by its text (independent of the extension's line mapping). */
export function lineToday(repo: string, commit: string, file: string, line: number): number {
  const then = execFileSync('git', ['show', `${commit}:${file}`], { cwd: repo, encoding: 'utf8' }).split('\n')[line - 1];
  const now = readFileSync(join(repo, file), 'utf8').split('\n');
  const hits = now.flatMap((l, i) => (l === then ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`${file}:${line} of ${commit.slice(0, 7)} (${JSON.stringify(then)}) should occur once today, found ${hits.length}`);
  return hits[0];
}

/** The "Incident Forensics" output channel's file: kept as an artifact, its activation time printed. */
export function copyExtensionLog(userDataDir: string, artifacts: string): string | undefined {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 6) return;
    for (const e of (() => { try { return readdirSync(dir, { withFileTypes: true }); } catch { return []; } })()) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.name.endsWith('Incident Forensics.log')) found.push(p);
    }
  };
  walk(join(userDataDir, 'logs'), 0);
  if (!found[0]) return undefined;
  const text = readFileSync(found[0], 'utf8');
  writeFileSync(join(artifacts, 'incident-forensics-output.log'), text);
  const activated = /activated in [\d.]+ ms[^\n]*/.exec(text);
  return activated?.[0];
}
