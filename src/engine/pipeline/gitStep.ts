import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { confinedPath } from '../config/confinedPath';
import type { ForensicsConfig } from '../config/configSchema';
import { readDeployTags, readDeploymentsFile, shipDeployments, type RawDeployment } from '../git/deployments';
import { GitSource } from '../git/gitSource';
import { commitsInWindow } from '../git/history';
import { diffPath } from '../git/parseDiff';
import { resolveScope, type ServiceScope } from '../git/scope';
import type { CommitDiff, Deployment, FileDiff, Incident } from '../model';

/** What the git-history step knows: the window, the scope, the candidates and the deployments. */
export interface GitContext {
  src: GitSource;
  head: string;
  since: Date;
  until: Date;
  scope: ServiceScope;
  /** Every commit in the window (any path). */
  scanned: CommitDiff[];
  /** Non-merge commits in the window that touch the scope, newest first, with only their in-scope files. */
  candidates: CommitDiff[];
  deployments: Deployment[];
  deploymentSource: 'file' | 'tags' | 'none';
  /** Every file at `head` (for mapping log paths). */
  repoFiles: string[];
  /** A `.git-blame-ignore-revs` on disk, if the working tree has one. */
  ignoreRevsFile?: string;
}

export interface GitStepInput {
  repoDir: string;
  ref?: string;
  incident: Incident;
  config: ForensicsConfig;
  lookbackDays: number;
  deploymentsFile?: string;
  signal?: AbortSignal;
}

export async function gitStep(input: GitStepInput): Promise<GitContext> {
  const src = await GitSource.open(input.repoDir, input.signal);
  const head = await src.resolve(input.ref ?? 'HEAD');
  const until = new Date(input.incident.alertTime);
  const since = new Date(until.getTime() - input.lookbackDays * 86_400_000);
  const [scanned, dirList, fileList] = await Promise.all([
    commitsInWindow(src, head, since, until),
    src.raw(['ls-tree', '-r', '-d', '--name-only', '--end-of-options', head]),
    src.raw(['ls-tree', '-r', '--name-only', '--end-of-options', head]),
  ]);
  const scope = resolveScope(input.incident.service, input.config, dirList.split('\n').filter(Boolean));
  const candidates: CommitDiff[] = [];
  for (const c of scanned) {
    if (c.parents.length > 1) continue;
    const files = c.files.filter((f: FileDiff) => scope.matches(diffPath(f)) || (f.oldPath !== null && scope.matches(f.oldPath)));
    if (files.length) candidates.push({ ...c, files });
  }
  const { raw, source } = await readDeployments(src, input);
  const deployments = shipDeployments(raw, scanned, until, input.incident.service);
  const ignore = join(input.repoDir, '.git-blame-ignore-revs');
  return {
    src, head, since, until, scope, scanned, candidates, deployments, deploymentSource: source,
    repoFiles: fileList.split('\n').filter(Boolean),
    ignoreRevsFile: existsSync(ignore) ? ignore : undefined,
  };
}

async function readDeployments(src: GitSource, input: GitStepInput): Promise<{ raw: RawDeployment[]; source: GitContext['deploymentSource'] }> {
  // A file named by the user is taken as given; one named by the repository's config must stay inside it.
  if (input.deploymentsFile) return { raw: await readDeploymentsFile(input.deploymentsFile, src), source: 'file' };
  const file = input.config.deployments?.file;
  if (file) return { raw: await readDeploymentsFile(confinedPath(input.repoDir, file, '.forensics.json deployments.file'), src), source: 'file' };
  const raw = await readDeployTags(src, input.config.deployments?.tagPattern ?? 'deploy/*');
  return { raw, source: raw.length ? 'tags' : 'none' };
}

/** The deployment that shipped each commit (by sha). */
export function shippedBy(deployments: Deployment[]): Map<string, Deployment> {
  const m = new Map<string, Deployment>();
  for (const d of deployments) for (const c of d.commits) m.set(c, d);
  return m;
}
