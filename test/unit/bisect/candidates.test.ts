import { strict as assert } from 'node:assert';
import { assertRefSyntax, candidateIndexOf, loadCandidates, resolveCommit } from '../../../src/engine/bisect/candidates';
import { EngineError } from '../../../src/engine/errors';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { versionRepo } from './fixture';

describe('bisect candidates', () => {
  it('lists good..bad oldest first, with the bad end last and a chain topology', async () => {
    const { dir, shas } = versionRepo(5);
    const set = await loadCandidates(dir, { good: [shas[1]], bad: 'HEAD' });
    assert.deepEqual(set.commits, shas.slice(2));
    assert.deepEqual(set.subjects, ['change 2', 'change 3', 'change 4', 'change 5']);
    assert.equal(set.topo.linear, true);
    assert.equal(set.bad, shas[5]);
    assert.equal(set.prefix, '');
  });

  it('accepts several good refs and resolves branch names, tags and HEAD~n', async () => {
    const { dir, shas, g } = versionRepo(6);
    g.git(['tag', 'v1', shas[2]]);
    const set = await loadCandidates(dir, { good: ['v1', 'HEAD~4', 'main~5'], bad: 'main' });
    assert.deepEqual(set.commits, shas.slice(3));
    assert.equal(set.goods.length, 2, 'HEAD~4 is v1: the same good once');
  });

  it('refuses refs that look like options or carry control characters, before git sees them', async () => {
    for (const ref of ['-x', '--all', '--output=/tmp/pwn', '', 'a b', 'x\ny', 'x\0y', 'a'.repeat(300)]) {
      assert.throws(() => assertRefSyntax(ref, '--good'), (e: unknown) => EngineError.is(e, 'badRef') && e.where === '--good');
    }
    const { dir } = versionRepo(1);
    await assert.rejects(resolveCommit(dir, 'HEAD:VERSION', '--bad'), (e: unknown) => EngineError.is(e, 'badRef'));
    await assert.rejects(resolveCommit(dir, 'HEAD~99', '--bad'), (e: unknown) => EngineError.is(e, 'badRef'));
  });

  it('in first-parent mode keeps the merges only, and maps a branch commit to the merge that brought it', async () => {
    const dir = versionRepo(0).dir;
    const g = new GitWriter(dir);
    const at = (h: number) => new Date(Date.UTC(2024, 0, 11, h));
    const m1 = g.commit('m1', { date: at(1) });
    g.checkout('f1', true);
    const a = g.commit('a', { date: at(2) });
    g.checkout('main');
    const x = g.merge('f1', 'merge f1', { date: at(3) });
    g.checkout('f2', true);
    const b = g.commit('b', { date: at(4) });
    g.checkout('main');
    g.commit('m2', { date: at(5) });
    const y = g.merge('f2', 'merge f2', { date: at(6) });
    const fp = await loadCandidates(dir, { good: [m1], bad: 'HEAD', firstParent: true });
    assert.equal(fp.commits.length, 3);
    assert.equal(fp.topo.linear, true);
    const map = await candidateIndexOf(fp, [a, b, x, 'f'.repeat(40)]);
    assert.equal(map.get(a), fp.commits.indexOf(x));
    assert.equal(map.get(b), fp.commits.indexOf(y));
    assert.equal(map.get(x), fp.commits.indexOf(x));
    assert.equal(map.has('f'.repeat(40)), false);
    const full = await loadCandidates(dir, { good: [m1], bad: 'HEAD' });
    assert.equal(full.commits.length, 5);
    assert.equal(full.topo.linear, false);
    assert.equal(full.commits[full.commits.length - 1], y);
  });
});
