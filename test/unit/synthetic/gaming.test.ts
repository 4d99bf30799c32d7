import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keywordPick } from '../../../bench/accuracy/baseline';
import { generateIncident } from '../../../src/scenarios/synthetic/generateIncident';
import type { GeneratedIncident } from '../../../src/scenarios/synthetic/types';
import { tempDir } from '../../support/tmp';

interface TruthCommit { sha: string; role: string; svc: string | null; time: string; subject: string; message: string; files: string[]; branch?: string }
interface Truth { deploys: { time: string; sha: string }[]; culpritDeploy: number; commits: TruthCommit[] }

const git = (repo: string, args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });

/** Commits a deploy shipped (by ancestry, so merged branches count), with their truth records. */
function shipped(inc: GeneratedIncident, t: Truth, d: number): TruthCommit[] {
  const range = d > 0 ? [`${t.deploys[d - 1].sha}..${t.deploys[d].sha}`] : [t.deploys[d].sha];
  const shas = new Set(git(inc.repoDir, ['rev-list', '--no-merges', ...range]).split('\n').filter(Boolean));
  return t.commits.filter((c) => shas.has(c.sha));
}

/** Whether a commit edits lines of a file that existed before it (not only new files). */
function editsExisting(repo: string, sha: string, dir: string): boolean {
  const out = git(repo, ['show', '--format=', '--name-status', sha, '--', dir]);
  return out.split('\n').some((l) => /^M\t.*\.(go|ts|py|java)$/.test(l));
}

describe('synthetic benchmark cannot be gamed by shallow cues', () => {
  const root = tempDir('ifx-gaming-');
  const cases: { inc: GeneratedIncident; truth: Truth; deploy: TruthCommit[] }[] = [];
  before(() => {
    for (let seed = 3000; cases.length < 14 && seed < 3100; seed++) {
      const inc = generateIncident(seed, join(root, String(seed)));
      if (!inc.truth.commit) continue;
      const truth = JSON.parse(readFileSync(join(root, String(seed), 'truth.json'), 'utf8')) as Truth;
      const deploy = shipped(inc, truth, truth.culpritDeploy).filter((c) => c.svc === inc.service);
      cases.push({ inc, truth, deploy });
    }
  });

  it('ships the culprit among other commits that edit existing code of the same service', () => {
    for (const { inc, deploy } of cases) {
      assert.ok(deploy.some((c) => c.sha === inc.truth.commit), `${inc.id}: culprit shipped by its deploy`);
      const editors = deploy.filter((c) => editsExisting(inc.repoDir, c.sha, `services/${inc.service}`));
      assert.ok(editors.length >= 3, `${inc.id}: only ${editors.length} commits edit existing code`);
    }
  });

  it('puts risky-looking innocent changes (decoys) in the culprit\'s own service and deploy', () => {
    for (const { inc, deploy } of cases) assert.ok(deploy.some((c) => c.role === 'decoy'), `${inc.id}: no decoy`);
  });

  it('gives culprits the same subject vocabulary and trailers as other commits', () => {
    const word = (s: string) => s.toLowerCase().replace(/^\[[^\]]+\]\s*/, '').replace(/^\w+\([^)]*\):\s*/, '');
    const culpritPhrases = new Set(cases.map(({ inc, truth }) => word(truth.commits.find((c) => c.sha === inc.truth.commit)!.subject)));
    const otherPhrases = new Set(cases.flatMap(({ truth }) => truth.commits.filter((c) => ['noise', 'decoy', 'shift', 'chronicTouch'].includes(c.role)).map((c) => word(c.subject))));
    for (const p of culpritPhrases) assert.ok(otherPhrases.has(p), `a culprit phrase no other commit uses: ${p}`);
    const trailers = (m: string) => [...m.matchAll(/^([A-Z][\w-]+): /gm)].map((x) => x[1]);
    const otherTrailers = new Set(cases.flatMap(({ truth }) => truth.commits.filter((c) => c.role !== 'culprit').flatMap((c) => trailers(c.message))));
    for (const { inc, truth } of cases) for (const t of trailers(truth.commits.find((c) => c.sha === inc.truth.commit)!.message)) assert.ok(otherTrailers.has(t), `trailer only culprits carry: ${t}`);
    // Conventional types: culprits are not all "fix" or "perf".
    const types = new Set(cases.map(({ inc, truth }) => /^(\w+)\(/.exec(truth.commits.find((c) => c.sha === inc.truth.commit)!.subject)?.[1] ?? 'plain'));
    assert.ok(types.size >= 3, `culprit subject types: ${[...types]}`);
  });

  it('keeps a keyword heuristic over the culprit\'s deploy and service well below 90%', () => {
    let hits = 0;
    let onlyEditor = 0;
    for (const { inc, deploy } of cases) {
      const cands = deploy.map((c) => ({ sha: c.sha, text: `${c.message}\n${git(inc.repoDir, ['show', '--format=', '-U0', c.sha]).split('\n').filter((l) => l.startsWith('+')).join('\n')}` }));
      if (keywordPick(cands) === inc.truth.commit) hits++;
      const editors = deploy.filter((c) => editsExisting(inc.repoDir, c.sha, `services/${inc.service}`));
      if (editors.length === 1 && editors[0].sha === inc.truth.commit) onlyEditor++;
    }
    assert.ok(hits / cases.length < 0.5, `keyword heuristic found ${hits}/${cases.length}`);
    assert.equal(onlyEditor, 0);
  });
});
