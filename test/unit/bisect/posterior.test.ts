import { strict as assert } from 'node:assert';
import { buildPrior, chooseProbe, Contradiction, entropy, noiseModel, Posterior, stopDecision } from '../../../src/engine/bisect/posterior';
import { Topology } from '../../../src/engine/bisect/topology';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} !~ ${b}`);
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('bisect posterior: prior', () => {
  it('is uniform without weights and keeps given weights, spreading the rest', () => {
    const u = buildPrior(4);
    assert.deepEqual(Array.from(u), [0.25, 0.25, 0.25, 0.25]);
    const p = buildPrior(5, new Map([[2, 0.6], [4, 0.2]]));
    close(p[2], 0.6);
    close(p[4], 0.2);
    for (const i of [0, 1, 3]) close(p[i], 0.2 / 3);
    close(sum(p), 1);
  });

  it('never rules a commit out before a test, even when the weights claim certainty', () => {
    const p = buildPrior(10, new Map([[3, 1.4]]));
    close(sum(p), 1);
    for (let i = 0; i < 10; i++) assert.ok(p[i] > 0);
    assert.ok(p[3] <= 0.95 + 1e-12);
  });

  it("spreads a given rest (what a report's suspects leave over), conditioning away suspects outside the range", () => {
    // Suspects 0.2 and 0.1 in range, 0.6 on a commit outside it, 0.1 left over: in range, 2 : 1 : 1.
    const p = buildPrior(12, new Map([[0, 0.2], [1, 0.1]]), { rest: 0.1 });
    close(p[0], 0.5);
    close(p[1], 0.25);
    close(p[5] * 10, 0.25);
  });

  it('ignores weights that are out of range, negative or not numbers', () => {
    const p = buildPrior(3, new Map([[7, 0.9], [-1, 0.9], [1, NaN], [2, -3]]));
    assert.deepEqual(Array.from(p).map((x) => x.toFixed(4)), ['0.3333', '0.3333', '0.3333']);
  });
});

describe('bisect posterior: updates', () => {
  it('a trusted PASS eliminates the commit and its ancestors; a certain FAIL those after it', () => {
    const post = new Posterior(buildPrior(8), noiseModel(0));
    const topo = Topology.chain(8);
    post.observe(topo.affected(2), false);
    const m = post.marginal();
    for (let i = 0; i <= 2; i++) assert.equal(m[i], 0);
    close(m[3], 0.2);
    post.observe(topo.affected(5), true);
    const m2 = post.marginal();
    assert.deepEqual(Array.from(m2).map((x) => +x.toFixed(4)), [0, 0, 0, 1 / 3, 1 / 3, 1 / 3, 0, 0].map((x) => +x.toFixed(4)));
  });

  it('with a known flake rate a FAIL only shifts the odds', () => {
    const post = new Posterior(buildPrior(4), noiseModel(0.2));
    post.observe(Topology.chain(4).affected(1), true);
    const m = post.marginal();
    // FAIL at 1: likelihood 1 for culprits 0..1, 0.2 for 2..3.
    close(m[0], 1 / 2.4);
    close(m[3], 0.2 / 2.4);
  });

  it('learns the flake rate: PASSes lower it, a FAIL that a later PASS contradicts raises it', () => {
    const topo = Topology.chain(16);
    const quiet = new Posterior(buildPrior(16), noiseModel(undefined));
    const before = quiet.flakeMean();
    quiet.observe(topo.affected(3), false);
    quiet.observe(topo.affected(5), false);
    assert.ok(quiet.flakeMean() < before);
    const flaky = new Posterior(buildPrior(16), noiseModel(undefined));
    flaky.observe(topo.affected(4), true);
    flaky.observe(topo.affected(9), false); // so the FAIL at 4 was a flake
    assert.ok(flaky.flakeMean() > before, `${flaky.flakeMean()} > ${before}`);
  });

  it('runs at a known-good commit inform only the flake rate', () => {
    const post = new Posterior(buildPrior(5), noiseModel(undefined));
    const f0 = post.flakeMean();
    post.observeKnown(false, true);
    assert.ok(post.flakeMean() > f0);
    for (const x of post.marginal()) close(x, 0.2);
  });

  it('refuses results that cannot all be true', () => {
    const post = new Posterior(buildPrior(4), noiseModel(0));
    const topo = Topology.chain(4);
    post.observe(topo.affected(1), true);
    assert.throws(() => post.observe(topo.affected(2), false), Contradiction);
    const bad = new Posterior(buildPrior(4), noiseModel(undefined));
    assert.throws(() => bad.observeKnown(true, false), Contradiction);
  });

  it('moves an untestable commit\'s mass onto its child', () => {
    const post = new Posterior(buildPrior(4), noiseModel(0.1));
    post.absorb(1, 2);
    const m = post.marginal();
    assert.equal(m[1], 0);
    close(m[2], 0.5);
  });
});

describe('bisect posterior: probe choice', () => {
  it('halves a uniform posterior when the test is reliable', () => {
    const post = new Posterior(buildPrior(16), noiseModel(0));
    const c = chooseProbe(post, Topology.chain(16), [...Array(15).keys()]);
    assert.ok(c);
    assert.ok(c.index === 7, `probe ${c.index}`);
    close(c.gainBits, 1, 1e-9);
    close(c.pFail, 0.5);
  });

  it('tests right at a strong suspect', () => {
    const post = new Posterior(buildPrior(64, new Map([[40, 0.8]])), noiseModel(0));
    const c = chooseProbe(post, Topology.chain(64), [...Array(63).keys()]);
    assert.ok(c && (c.index === 39 || c.index === 40), `probe ${c?.index}`);
  });

  it('computes the same gains on a DAG as the chain it equals, and matches a direct entropy', () => {
    const n = 12;
    const parents = Array.from({ length: n }, (_, i) => (i === 0 ? [] : [i - 1]));
    parents[5] = [4, 2]; // a redundant edge: still a total order, but no longer "linear" to Topology
    const dag = new Topology(parents);
    assert.equal(dag.linear, false);
    const prior = buildPrior(n, new Map([[3, 0.3], [8, 0.2]]));
    const a = new Posterior(prior, noiseModel(undefined));
    const b = new Posterior(prior, noiseModel(undefined));
    for (const j of [1, 6, 9]) {
      const ca = chooseProbe(a, Topology.chain(n), [j]);
      const cb = chooseProbe(b, dag, [j]);
      close(ca!.gainBits, cb!.gainBits, 1e-9);
      // Direct: H(now) - Σ_o P(o) H(after o).
      const h0 = entropy(a.marginal());
      let exp = 0;
      for (const failed of [true, false]) {
        const c = new Posterior(prior, noiseModel(undefined));
        const po = failed ? ca!.pFail : 1 - ca!.pFail;
        c.observe(Topology.chain(n).affected(j), failed);
        exp += po * entropy(c.marginal());
      }
      close(ca!.gainBits, (h0 - exp) / Math.LN2, 1e-9);
    }
  });

  it('stops on confidence only with proof, else on budget or when nothing is left to learn', () => {
    assert.equal(stopDecision({ topP: 0.97, confidence: 0.95, proven: true, runs: 3, maxRuns: 10, bestGainBits: 0.1 }), 'confidence');
    assert.equal(stopDecision({ topP: 0.97, confidence: 0.95, proven: false, runs: 3, maxRuns: 10, bestGainBits: 0.1 }), null);
    assert.equal(stopDecision({ topP: 0.5, confidence: 0.95, proven: false, runs: 10, maxRuns: 10, bestGainBits: 0.1 }), 'budget');
    assert.equal(stopDecision({ topP: 0.5, confidence: 0.95, proven: false, runs: 1, maxRuns: 10, bestGainBits: 0 }), 'exhausted');
    assert.equal(stopDecision({ topP: 0.5, confidence: 0.95, proven: false, runs: 1, maxRuns: 10, bestGainBits: null }), 'exhausted');
  });
});
