import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedIncident } from '../../src/scenarios/synthetic/types';

/**
 * The shallow second baseline: recency + blame + keywords. It reads the
 * alert's service and time, scores each commit of the last seven days in the
 * service's folder (or the whole repository) by how recent it is, how many
 * error lines' locations `git blame` at HEAD gives to it, and how many risky
 * words its subject and diff contain. Its confidence is a softmax over those
 * scores. It does not compare before/after a deploy, follow line shifts, or
 * read metrics: the gap to the tool is what that reasoning is worth.
 */

export const RISKY = /\b(pool|cache|timeout|transaction|isolation|parallel|goroutine|async|Promise\.all|thread|retry|query|select|update|config|limit|sleep|concurren\w*|lock|batch)\b/gi;

export interface BaselineResult {
  ranked: { commit: string; score: number; confidence: number }[];
}

interface Commit { sha: string; time: number; subject: string; added: string }

function git(repo: string, args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The alert's service and time, read shallowly from any of the alert formats. */
export function alertBasics(path: string): { service: string; time: number } {
  const a = JSON.parse(readFileSync(path, 'utf8'));
  const first = Array.isArray(a) ? a[0] : a.alerts ? a.alerts.find((x: { status: string }) => x.status === 'firing') ?? a.alerts[0] : a;
  const labels = first.labels ?? {};
  const service = first.service ?? labels.service ?? labels.job ?? labels.app ?? a.detail?.configuration?.metrics?.[0]?.metricStat?.metric?.dimensions?.ServiceName ?? a.Trigger?.Dimensions?.[0]?.value ?? '';
  const when = first.timestamp ?? first.startsAt ?? a.detail?.state?.timestamp ?? a.StateChangeTime;
  return { service: String(service), time: Date.parse(String(when).replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) };
}

const LOC = [/File "([^"]+)", line (\d+)/, /\(([\w$]+\.java):(\d+)\)/, /([\w./-]+\.(?:go|ts|js|py|java)):(\d+)/];

/** Top locations of error lines (the line's own location, else the first in the next stack lines). */
function errorLocations(files: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) {
    const lines = readFileSync(f, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/\b(ERROR|error|Error|FATAL|fatal)\b/.test(lines[i]) || /^\s/.test(lines[i])) continue;
      for (let j = i; j < Math.min(lines.length, i + 4); j++) {
        const m = LOC.map((re) => re.exec(lines[j])).find((x) => x);
        if (m) { const k = `${m[1]}:${m[2]}`; out.set(k, (out.get(k) ?? 0) + 1); break; }
      }
    }
  }
  return out;
}

function walk(p: string): string[] {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).flatMap((n) => walk(join(p, n)));
}

export function runBaseline(inc: GeneratedIncident): BaselineResult {
  const repo = inc.repoDir;
  const { service, time } = alertBasics(inc.alertPath);
  const scope = existsSync(join(repo, 'services', service)) ? `services/${service}` : '.';
  const since = new Date(time - 7 * 86400_000).toISOString();
  const until = new Date(time).toISOString();
  const raw = git(repo, ['log', '--no-merges', `--since=${since}`, `--until=${until}`, '--format=%x1e%H%x1f%ct%x1f%s', '-p', '--unified=0', '--', scope]);
  const commits: Commit[] = raw.split('\x1e').filter(Boolean).map((chunk) => {
    const [head, ...rest] = chunk.split('\n');
    const [sha, ct, subject] = head.split('\x1f');
    return { sha, time: Number(ct) * 1000, subject, added: rest.filter((l) => l.startsWith('+') && !l.startsWith('+++')).join('\n') };
  });
  if (!commits.length) return { ranked: [] };
  const files = git(repo, ['ls-files']).split('\n').filter(Boolean);
  const blameShare = new Map<string, number>();
  const locs = errorLocations(inc.logPaths.flatMap(walk));
  const total = [...locs.values()].reduce((a, b) => a + b, 0);
  for (const [loc, n] of locs) {
    const i = loc.lastIndexOf(':');
    const path = loc.slice(0, i).replace(/^\/+/, '');
    const line = Number(loc.slice(i + 1));
    const file = files.filter((f) => f.endsWith(path) || path.endsWith(f) || f.endsWith('/' + path.split('/').slice(-2).join('/'))).sort((a, b) => a.length - b.length)[0];
    if (!file) continue;
    try {
      const out = git(repo, ['blame', '--porcelain', '-L', `${line},${line}`, 'HEAD', '--', file]);
      const sha = out.slice(0, 40);
      blameShare.set(sha, (blameShare.get(sha) ?? 0) + n / total);
    } catch { /* line past the end at HEAD */ }
  }
  const scored = commits.map((c) => {
    const kw = ((c.subject + '\n' + c.added).match(RISKY) ?? []).length;
    const score = 2 * Math.exp(-(time - c.time) / 86400_000) + 3 * (blameShare.get(c.sha) ?? 0) + 0.3 * Math.min(kw, 5);
    return { commit: c.sha, score };
  });
  const m = Math.max(...scored.map((s) => s.score));
  const z = scored.reduce((a, s) => a + Math.exp(s.score - m), 0);
  return { ranked: scored.map((s) => ({ ...s, confidence: Math.exp(s.score - m) / z })).sort((a, b) => b.score - a.score) };
}

/**
 * The gaming check: among commits of one deploy in one service, pick the one
 * with the most risky words in subject and diff, reading nothing else.
 */
export function keywordPick(candidates: { sha: string; text: string }[]): string | undefined {
  let best: { sha: string; n: number } | undefined;
  for (const c of candidates) {
    const n = (c.text.match(RISKY) ?? []).length;
    if (!best || n > best.n) best = { sha: c.sha, n };
  }
  return best?.sha;
}
