import { strict as assert } from 'node:assert';
import { baselines, rankOf } from '../../../bench/realworld/baselines';
import { extractCases, type RealCase } from '../../../bench/realworld/cases';
import { BenchGit } from '../../../bench/realworld/git';
import { fixtureRepo } from './fixtureRepo';

describe('realworld: baselines', () => {
  const r = fixtureRepo();
  const git = new BenchGit(r.dir);
  const cases = extractCases(git, { repo: 'pool' }).cases;
  const good = cases.find((c) => c.fix === r.fix)!;
  const pure = cases.find((c) => c.fix === r.pureFix)!;

  it('blame names the commit that last touched the frame line; recency lists the file newest first', async () => {
    const b = await baselines(git, good, 'line');
    assert.deepEqual(b.blame, [r.culprit, r.other1], 'blame first, then the file history; the base commit is outside the window');
    assert.deepEqual(b.recency, [r.other1, r.culprit]);
    assert.equal(rankOf(b.blame, good.culprits), 1);
    assert.equal(rankOf(b.recency, good.culprits), 2);
  });

  it('blame has nothing to say on a pure addition whose neighbour is old: only the file history remains', async () => {
    const b = await baselines(git, pure, 'line');
    assert.deepEqual(b.blame, b.recency);
    assert.equal(rankOf(b.recency, pure.culprits), 2);
    assert.equal(b.recency[0], r.fixMerge);
  });

  it('without a line, blame is the enclosing function history', async () => {
    const b = await baselines(git, pure, 'func');
    assert.equal(b.blame[0], r.fixMerge);
    assert.equal(rankOf(b.blame, pure.culprits), 2);
    assert.deepEqual(b.blame, [r.fixMerge, r.culprit2, r.fixNotAncestor, r.fixUnknown, r.fixTooOld, r.other1, r.fix, r.culprit],
      'pool_release history first; pool_acquire changes only as file-history fill');
  });

  it('falls back to file history when no function range is known', async () => {
    const noRange: RealCase = { ...good, symptom: { ...good.symptom, funcStart: undefined, funcEnd: undefined } };
    const b = await baselines(git, noRange, 'func');
    assert.deepEqual(b.blame, b.recency);
  });

  it('windows shorter than the culprit age list nothing', async () => {
    const b = await baselines(git, good, 'line', 1);
    assert.deepEqual(b, { blame: [], recency: [] });
  });

  it('ranks the best-placed of several culprits, and misses absent ones', () => {
    assert.equal(rankOf(['a', 'b', 'c'], ['c', 'b']), 2);
    assert.equal(rankOf(['a'], ['z']), undefined);
    assert.equal(rankOf([], []), undefined);
  });
});
