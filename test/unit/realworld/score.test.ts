import { strict as assert } from 'node:assert';
import { repoNameOf } from '../../../bench/realworld/runHelpers';
import { hitRate, markdownTable, rowOf, type CaseResult } from '../../../bench/realworld/score';

function res(repo: string, variant: 'line' | 'func', tool?: number, blame?: number, recency?: number): CaseResult {
  return {
    id: `${repo}-x`, repo, variant, fix: 'f', culprits: ['c'], ranks: { tool, blame, recency }, listed: {},
    pureAddition: false, culpritInFile: recency !== undefined, toolMs: 1,
  };
}

describe('realworld: scoring and table', () => {
  const rs = [res('a', 'line', 1, 1, 3), res('a', 'line', 2, undefined, 5), res('b', 'line', 6, 1, undefined), res('dpdk', 'line', 1, 2, 1), res('a', 'func', 1, 4, 4)];

  it('computes top-k hit rates, misses counting as misses', () => {
    const line = rs.filter((r) => r.variant === 'line' && r.repo !== 'dpdk');
    assert.equal(hitRate(line, 'tool', 1), 1 / 3);
    assert.equal(hitRate(line, 'tool', 3), 2 / 3);
    assert.equal(hitRate(line, 'blame', 5), 2 / 3);
    assert.equal(hitRate(line, 'recency', 5), 2 / 3);
    assert.ok(Number.isNaN(hitRate([], 'tool', 1)));
    assert.deepEqual(rowOf('x', line).rates.tool, [1 / 3, 2 / 3, 2 / 3]);
  });

  it('prints a row per repository, the pooled dev set, and separate repositories apart', () => {
    const md = markdownTable(rs, 'line', new Set(['dpdk']));
    const rows = md.split('\n');
    assert.equal(rows.length, 2 + 4);
    assert.match(rows[2], /^\| a \| 2 \| 0\.50 \/ 1\.00 \/ 1\.00 \| 0\.50 \/ 0\.50 \/ 0\.50 \| 0\.00 \/ 0\.50 \/ 1\.00 \| \+0\.0 \|$/);
    assert.match(rows[4], /^\| \*\*dev set\*\* \| 3 \|/);
    assert.match(rows[5], /^\| dpdk \(separate\) \| 1 \| 1\.00/);
    assert.ok(!markdownTable(rs, 'func', new Set()).includes('dev set'), 'one repository: no pooled row');
  });
});

describe('realworld: runner helpers', () => {
  it('names repositories after mirror folders, .git folders and bare dirs', () => {
    assert.equal(repoNameOf('/work/.mirror/iproute2+iproute2/repo'), 'iproute2');
    assert.equal(repoNameOf('/src/mpv/.git'), 'mpv');
    assert.equal(repoNameOf('/src/ovs.git/'), 'ovs');
    assert.equal(repoNameOf('/src/runc'), 'runc');
  });
});
