import { strict as assert } from 'node:assert';
import { buildPrior, noiseModel } from '../../../src/engine/bisect/posterior';
import { BisectSearch, type Verdict } from '../../../src/engine/bisect/search';
import { Topology } from '../../../src/engine/bisect/topology';
import { rng } from '../../../bench/bisect/rng';

/** Drives a search against a simulated test; returns the stop and the runs. */
function drive(s: BisectSearch, test: (j: number) => Verdict) {
  const probes: number[] = [];
  for (;;) {
    const d = s.decide();
    if ('stop' in d) return { stop: d.stop, culprit: s.culprit(), runs: s.runs, probes };
    probes.push(d.probe);
    s.record(d.probe, test(d.probe));
  }
}

describe('bisect search (simulated test)', () => {
  it('finds the culprit of a reliable test in about log2(N) runs', () => {
    for (const culprit of [0, 1, 31, 62, 63]) {
      const s = new BisectSearch(Topology.chain(64), buildPrior(64), noiseModel(0), { confidence: 0.95, maxRuns: 40 });
      const r = drive(s, (j) => (j >= culprit ? 'bad' : 'good'));
      assert.equal(r.stop, 'confidence');
      assert.equal(r.culprit.index, culprit);
      assert.ok(r.runs <= 7, `${r.runs} runs`);
    }
  });

  it('with a good prior, needs two runs: PASS before the suspect, FAIL at it', () => {
    const s = new BisectSearch(Topology.chain(512), buildPrior(512, new Map([[300, 0.8]])), noiseModel(undefined), { confidence: 0.95, maxRuns: 50 });
    const r = drive(s, (j) => (j >= 300 ? 'bad' : 'good'));
    assert.equal(r.culprit.index, 300);
    assert.equal(r.runs, 2);
    assert.deepEqual([...r.probes].sort(), [299, 300]);
  });

  it('a prior alone never ends the search: the suspect is tested', () => {
    const s = new BisectSearch(Topology.chain(8), buildPrior(8, new Map([[5, 0.999]]), { minRest: 0.001 }), noiseModel(0), { confidence: 0.95, maxRuns: 10 });
    assert.ok(s.culprit().p > 0.95);
    const r = drive(s, (j) => (j >= 5 ? 'bad' : 'good'));
    assert.deepEqual([...r.probes].sort(), [4, 5]);
  });

  it('recovers from a wrong prior', () => {
    const s = new BisectSearch(Topology.chain(256), buildPrior(256, new Map([[10, 0.9]])), noiseModel(undefined), { confidence: 0.95, maxRuns: 60 });
    const r = drive(s, (j) => (j >= 200 ? 'bad' : 'good'));
    assert.equal(r.stop, 'confidence');
    assert.equal(r.culprit.index, 200);
  });

  it('stays right with a flaky test where plain bisection is often wrong', () => {
    let ok = 0;
    const trials = 60;
    for (let seed = 1; seed <= trials; seed++) {
      const r = rng(seed);
      const culprit = Math.floor(r() * 128);
      const s = new BisectSearch(Topology.chain(128), buildPrior(128), noiseModel(undefined), { confidence: 0.95, maxRuns: 60 });
      const res = drive(s, (j) => (j >= culprit || r() < 0.1 ? 'bad' : 'good'));
      if (res.stop === 'confidence' && res.culprit.index === culprit) ok++;
    }
    assert.ok(ok >= 0.9 * trials, `${ok}/${trials}`);
  });

  it('stops on the budget without naming a culprit', () => {
    const s = new BisectSearch(Topology.chain(1024), buildPrior(1024), noiseModel(undefined), { confidence: 0.95, maxRuns: 3 });
    const r = drive(s, (j) => (j >= 700 ? 'bad' : 'good'));
    assert.equal(r.stop, 'budget');
    assert.equal(r.runs, 3);
  });

  it('a single candidate needs no run', () => {
    const s = new BisectSearch(Topology.chain(1), buildPrior(1), noiseModel(undefined), { confidence: 0.95, maxRuns: 10 });
    const r = drive(s, () => 'bad');
    assert.equal(r.stop, 'confidence');
    assert.equal(r.runs, 0);
  });

  it('an untestable commit before the culprit is reported beside it, never probed again', () => {
    const s = new BisectSearch(Topology.chain(32), buildPrior(32), noiseModel(0), { confidence: 0.95, maxRuns: 40 });
    const r = drive(s, (j) => (j === 19 ? 'skip' : j >= 20 ? 'bad' : 'good'));
    assert.equal(r.stop, 'confidence');
    assert.equal(r.culprit.index, 20);
    assert.ok(r.probes.filter((j) => j === 19).length <= 1);
    if (r.probes.includes(19)) assert.deepEqual(r.culprit.alsoPossible, [19]);
  });

  it('when the culprit itself is untestable, names the next testable commit and the skipped one', () => {
    const s = new BisectSearch(Topology.chain(32), buildPrior(32), noiseModel(0), { confidence: 0.95, maxRuns: 40 });
    const r = drive(s, (j) => (j === 12 || j === 13 ? 'skip' : j >= 12 ? 'bad' : 'good'));
    assert.equal(r.culprit.index, 14);
    assert.deepEqual(r.culprit.alsoPossible, [12, 13]);
  });

  it('searches a DAG: a commit on a merged branch', () => {
    // 0 - 1 - 2 - - - 6(merge) - 7
    //      \- 3 - 4 - 5 -/
    const parents = [[], [0], [1], [1], [3], [4], [2, 5], [6]];
    const topo = new Topology(parents);
    for (const culprit of [2, 4, 6]) {
      const s = new BisectSearch(topo, buildPrior(8), noiseModel(0), { confidence: 0.95, maxRuns: 20 });
      const r = drive(s, (j) => (topo.isAffected(culprit, j) ? 'bad' : 'good'));
      assert.equal(r.stop, 'confidence');
      assert.equal(r.culprit.index, culprit, `culprit ${culprit} probes ${r.probes}`);
    }
  });
});
