import { strict as assert } from 'node:assert';
import { extractCases } from '../../../bench/realworld/cases';
import { BenchGit } from '../../../bench/realworld/git';
import { runCase } from '../../../bench/realworld/runCase';
import { SKIPPED } from '../../../bench/realworld/score';
import { runInWorkers } from '../../../bench/realworld/workerPool';
import { tempDir } from '../../support/tmp';
import { fixtureRepo } from './fixtureRepo';

describe('realworld: one case end to end', () => {
  const r = fixtureRepo();
  const git = new BenchGit(r.dir);
  const cases = extractCases(git, { repo: 'pool' }).cases;
  const good = cases.find((c) => c.fix === r.fix)!;

  it('runs the engine on the fix parent and ranks the culprit beside both baselines', async () => {
    const res = await runCase(git, good, 'line', tempDir('ifx-rw-run-'));
    assert.equal(res.toolError, undefined);
    assert.equal(res.ranks.blame, 1);
    assert.equal(res.ranks.recency, 2);
    assert.ok(res.ranks.tool !== undefined && res.ranks.tool <= 3, `tool rank ${res.ranks.tool}`);
    assert.equal(res.listed.tool, 3, 'other1, other2 and the culprit are the candidates');
    assert.equal(res.culpritInFile, true);
    assert.ok(res.culpritSignals && 'log_exact' in res.culpritSignals, JSON.stringify(res.culpritSignals));
  });

  it('reports an engine failure as a miss with its reason, not a crash', async () => {
    const broken = { ...good, fixParent: '0'.repeat(40) };
    const res = await runCase(git, broken, 'func', tempDir('ifx-rw-run-'));
    assert.equal(res.ranks.tool, undefined);
    assert.match(res.toolError ?? '', /./);
  });

  it('runs jobs in child processes and keeps their order', async () => {
    const workDir = tempDir('ifx-rw-run-');
    const jobs = cases.map((c) => ({ gitDir: r.dir, c, variant: 'line' as const, workDir, skipTool: true }));
    const out = await runInWorkers(jobs, 2);
    assert.deepEqual(out.map((x) => x.id), cases.map((c) => c.id));
    assert.ok(out.every((x) => x.toolError === SKIPPED && x.ranks.blame !== undefined));
  });
});
