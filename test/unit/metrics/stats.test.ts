import { strict as assert } from 'node:assert';
import { downsampleLttb } from '../../../src/engine/metrics/downsample';
import { changePercent, nearestRank, windowStats } from '../../../src/engine/metrics/windowStats';
import { series } from './support/synthetic';

const pts = (vals: number[]) => vals.map((v, i) => ({ t: i * 1000, v }));

describe('metrics/windowStats', () => {
  it('computes avg, max and nearest-rank p95 over a half-open window', () => {
    const p = pts(Array.from({ length: 100 }, (_, i) => i + 1)); // t = 0..99 s, v = 1..100
    assert.deepEqual(windowStats(p, 0, 100_000), { avg: 50.5, max: 100, p95: 95, count: 100 });
    // [10 s, 20 s): values 11..20
    assert.deepEqual(windowStats(p, 10_000, 20_000), { avg: 15.5, max: 20, p95: 20, count: 10 });
  });

  it('nearest rank: the ⌈0.95·n⌉-th smallest', () => {
    assert.equal(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95), 10);
    assert.equal(nearestRank(Array.from({ length: 20 }, (_, i) => i + 1), 0.95), 19);
    assert.equal(nearestRank([7], 0.95), 7);
  });

  it('gives count 0 and zeros for an empty window, and skips non-finite values', () => {
    assert.deepEqual(windowStats(pts([1, 2]), 5000, 6000), { avg: 0, max: 0, p95: 0, count: 0 });
    assert.deepEqual(windowStats(pts([1, NaN, 3]), 0, 10_000), { avg: 2, max: 3, p95: 3, count: 2 });
  });

  it('changePercent is null when before is 0 or a side is empty', () => {
    assert.equal(changePercent({ avg: 145 }, { avg: 587 }), ((587 - 145) / 145) * 100);
    assert.equal(changePercent({ avg: -10 }, { avg: -5 }), 50);
    assert.equal(changePercent({ avg: 0 }, { avg: 5 }), null);
    assert.equal(changePercent({ avg: 3, count: 0 }, { avg: 5, count: 2 }), null);
  });
});

describe('metrics/downsampleLttb', () => {
  it('keeps at most the threshold, the first and last points, and a lone spike', () => {
    const p = series(5000, (i, g) => (i === 2345 ? 1000 : 10 + g()), 7);
    const d = downsampleLttb(p, 300);
    assert.equal(d.length, 300);
    assert.deepEqual(d[0], p[0]);
    assert.deepEqual(d[299], p[4999]);
    assert.ok(d.some((x) => x.v === 1000), 'spike kept');
    for (let i = 1; i < d.length; i++) assert.ok(d[i]!.t > d[i - 1]!.t);
  });

  it('returns short series unchanged', () => {
    const p = pts([1, 2, 3]);
    assert.deepEqual(downsampleLttb(p, 300), p);
    assert.deepEqual(downsampleLttb([], 300), []);
  });
});
