import { strict as assert } from 'node:assert';
import { detectChangePoint } from '../../../src/engine/metrics/changePoint';
import { series, T0 } from './support/synthetic';

describe('metrics/detectChangePoint', () => {
  it('finds a mean shift where it happened', () => {
    const cases = [
      { n: 40, k: 25, shift: 30, noise: 5 },
      { n: 600, k: 420, shift: 8, noise: 5 }, // 1.6 σ
      { n: 20_000, k: 15_000, shift: 5, noise: 5 }, // 1 σ over many points
    ];
    for (const [seed, c] of cases.entries()) {
      const p = series(c.n, (i, g) => 100 + (i >= c.k ? c.shift : 0) + c.noise * g(), seed + 11);
      const cp = detectChangePoint(p);
      assert.ok(cp, `n=${c.n}`);
      assert.equal(cp.kind, 'level');
      assert.ok(Math.abs(cp.index - c.k) <= Math.max(2, c.n * 0.005), `n=${c.n}: at ${cp.index}, expected ${c.k}`);
      assert.equal(cp.t, p[cp.index]!.t);
      assert.ok(cp.score > 0.15 && cp.score <= 1);
    }
  });

  it('finds a downward shift too', () => {
    const cp = detectChangePoint(series(300, (i, g) => (i < 100 ? 50 : 20) + 3 * g(), 3));
    assert.equal(cp?.kind, 'level');
    assert.ok(Math.abs(cp!.index - 100) <= 2);
  });

  it('finds the start of a slow leak as a slope change', () => {
    // flat, then +0.1 per point from the deploy: a memory leak
    const k = 700;
    const p = series(1200, (i, g) => 512 + (i >= k ? 0.1 * (i - k) : 0) + 4 * g(), 5);
    const cp = detectChangePoint(p);
    assert.equal(cp?.kind, 'slope');
    assert.ok(Math.abs(cp!.index - k) <= 40, `at ${cp!.index}`);
    assert.ok(cp!.score > 0.5);
  });

  it('stays silent on white noise (seeded, many sizes)', () => {
    for (const n of [12, 50, 500, 5000]) {
      for (let seed = 1; seed <= 25; seed++) {
        const cp = detectChangePoint(series(n, (_i, g) => 100 + 5 * g(), seed * 97 + n));
        assert.equal(cp, undefined, `n=${n} seed=${seed}: ${JSON.stringify(cp)}`);
      }
    }
  });

  it('stays silent on autocorrelated noise and on a steady trend', () => {
    for (let seed = 1; seed <= 20; seed++) {
      let x = 0;
      assert.equal(detectChangePoint(series(400, (_i, g) => 100 + (x = 0.7 * x + 5 * g()), seed)), undefined, `AR seed ${seed}`);
    }
    assert.equal(detectChangePoint(series(1000, (i, g) => 100 + 0.05 * i + 5 * g(), 9)), undefined);
  });

  it('still sees a shift sampled finer than the scrape (repeated values)', () => {
    const scrape = series(120, (i, g) => (i >= 80 ? 140 : 100) + 8 * g(), 4, 15_000);
    const fine = scrape.flatMap((p) => Array.from({ length: 15 }, (_, j) => ({ t: p.t + j * 1000, v: p.v })));
    const cp = detectChangePoint(fine);
    assert.equal(cp?.kind, 'level');
    assert.ok(Math.abs(cp!.t - scrape[80]!.t) <= 30_000);
  });

  it('handles degenerate input: constant, too short, unsorted, NaN', () => {
    assert.equal(detectChangePoint(series(500, () => 42)), undefined);
    assert.equal(detectChangePoint(series(7, (i) => (i < 4 ? 0 : 100))), undefined);
    assert.equal(detectChangePoint([]), undefined);
    const p = series(200, (i, g) => (i >= 120 ? 80 : 20) + g(), 2);
    const shuffled = [...p].reverse();
    shuffled.splice(50, 0, { t: T0 + 7, v: NaN });
    const cp = detectChangePoint(shuffled);
    assert.equal(cp?.t, p[120]!.t);
  });

  it('handles 20,000 points with irregular spacing', () => {
    const p = series(20_000, (i, g) => (i >= 4000 ? 30 : 10) + 2 * g(), 8).map((x, i) => ({ t: x.t + (i % 7) * 900, v: x.v }));
    assert.equal(detectChangePoint(p)?.index, 4000);
  });
});
