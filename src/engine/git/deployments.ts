import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import { z } from 'zod';
import { EngineError } from '../errors';
import type { CommitInfo, Deployment } from '../model';
import type { GitSource } from './gitSource';

const deploymentsFileSchema = z.array(
  z.object({
    time: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 time'),
    commit: z.string().min(1),
    service: z.string().optional(),
    environment: z.string().optional(),
  }).passthrough(),
);

/** A deployment before its shipped set is known. */
export interface RawDeployment { time: string; commit: string; ref?: string; service?: string; environment?: string }

/** Reads `--deployments FILE` (interface.md §1): a JSON array of {time, commit, service?, environment?}. */
export async function readDeploymentsFile(path: string, src: GitSource): Promise<RawDeployment[]> {
  let data: unknown;
  try {
    const text = await readFile(path, 'utf8');
    if (text.length > 10_000_000) throw new EngineError('badInput', 'deployments file is larger than 10 MB', path);
    data = JSON.parse(text);
  } catch (e) {
    if (EngineError.is(e)) throw e;
    throw new EngineError('badInput', `cannot read deployments: ${(e as Error).message}`, path);
  }
  const parsed = deploymentsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EngineError('badInput', `deployments: ${issue.path.join('.') || '(root)'}: ${issue.message}`, path);
  }
  const out: RawDeployment[] = [];
  for (const [i, d] of parsed.data.entries()) {
    let sha: string;
    try {
      sha = await src.resolve(d.commit);
    } catch {
      throw new EngineError('badInput', `deployments[${i}].commit "${d.commit.slice(0, 80)}" does not name a commit`, path);
    }
    out.push({ time: new Date(d.time).toISOString(), commit: sha, ref: d.commit, service: d.service, environment: d.environment });
  }
  return out;
}

/** Deploy tags matching `pattern` (default `deploy/*`); the tag's date (tagger, else commit) is the deploy time. */
export async function readDeployTags(src: GitSource, pattern = 'deploy/*'): Promise<RawDeployment[]> {
  const out = await src.raw([
    'for-each-ref', '--format=%(refname:short)%1f%(objectname)%1f%(*objectname)%1f%(taggerdate:iso-strict)%1f%(committerdate:iso-strict)', 'refs/tags',
  ]);
  const isMatch = picomatch(pattern);
  const deps: RawDeployment[] = [];
  for (const line of out.split('\n')) {
    const [name, obj, peeled, taggerDate, commitDate] = line.split('\x1f');
    if (!name || !isMatch(name)) continue;
    const time = taggerDate || commitDate;
    if (!time) continue;
    deps.push({ time: new Date(time).toISOString(), commit: peeled || obj, ref: name });
  }
  return deps;
}

/**
 * Orders deployments and computes what each shipped: every commit reachable
 * from its commit and not from the previous deployment's (so commits arriving
 * through a merge belong to the deployment that shipped the merge). Only
 * commits in `known` (the window) are listed. Deployments after `until` are dropped.
 */
export function shipDeployments(raw: RawDeployment[], known: CommitInfo[], until: Date, service?: string): Deployment[] {
  const byService = raw.filter((d) => !service || !d.service || norm(d.service) === norm(service));
  // Where environments are named, only production deploys put code in front of the alerting traffic.
  const prodOnly = byService.some((d) => d.environment && PROD.test(d.environment));
  const relevant = prodOnly ? byService.filter((d) => !d.environment || PROD.test(d.environment)) : byService;
  const sorted = relevant
    .filter((d) => Date.parse(d.time) <= until.getTime())
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const parents = new Map(known.map((c) => [c.sha, c.parents]));
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s) || !parents.has(s)) continue;
      seen.add(s);
      stack.push(...parents.get(s)!);
    }
    return seen;
  };
  const result: Deployment[] = [];
  let prev = new Set<string>();
  for (const d of sorted) {
    const now = reach(d.commit);
    const shipped = known.filter((c) => now.has(c.sha) && !prev.has(c.sha)).map((c) => c.sha);
    result.push({ ...d, commits: shipped });
    for (const s of now) prev.add(s);
  }
  return result;
}

const PROD = /^prod/i;

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}
