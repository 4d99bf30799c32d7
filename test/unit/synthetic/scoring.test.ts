import { strict as assert } from 'node:assert';
import { brier, calibrationPair, ece, groups, hitAt, quantile, reliability, summarize, type Outcome } from '../../../bench/accuracy/scoring';

const sha = (c: string) => c.repeat(40);

function outcome(o: Partial<Outcome> & { truth: Outcome['truth'] }): Outcome {
  return { id: 'x', cls: 'latency', tags: [], kind: 'k', ranked: [], topConfidence: 0, rootCause: null, ms: 100, crashed: false, ...o };
}

describe('benchmark scoring', () => {
  it('computes ECE and Brier on hand-made numbers', () => {
    const pairs = [{ p: 0.9, y: 1 as const }, { p: 0.9, y: 1 as const }, { p: 0.9, y: 0 as const }, { p: 0.1, y: 0 as const }];
    // 0.9 bin: accuracy 2/3, confidence 0.9 -> 3/4·0.2333; 0.1 bin: 1/4·0.1.
    assert.ok(Math.abs(ece(pairs) - (0.75 * (0.9 - 2 / 3) + 0.25 * 0.1)) < 1e-12);
    assert.ok(Math.abs(brier(pairs) - (0.01 + 0.01 + 0.81 + 0.01) / 4) < 1e-12);
    assert.equal(ece([{ p: 0.7, y: 1 }, { p: 0.7, y: 1 }, { p: 0.7, y: 0 }]).toFixed(4), (1 / 30).toFixed(4));
    assert.equal(ece([]), 0);
    assert.equal(brier([]), 0);
  });

  it('bins confidence 1.0 into the last bin and reports each bin', () => {
    const bins = reliability([{ p: 1, y: 1 }, { p: 0, y: 0 }, { p: 0.05, y: 1 }]);
    assert.equal(bins.length, 10);
    assert.equal(bins[9].n, 1);
    assert.equal(bins[9].accuracy, 1);
    assert.equal(bins[0].n, 2);
    assert.equal(bins[0].meanP, 0.025);
    assert.equal(bins[0].accuracy, 0.5);
  });

  it('scores top-k, file and line hits, and false accusations', () => {
    const a = sha('a');
    const b = sha('b');
    const outs = [
      outcome({ truth: { commit: a, file: 'f.go', line: 10 }, ranked: [a, b], topConfidence: 0.8, rootCause: { commit: a, file: 'f.go', line: 12, confidence: 0.8 } }),
      outcome({ truth: { commit: a, file: 'f.go', line: 10 }, ranked: [b, sha('c'), a], topConfidence: 0.6, rootCause: { commit: b, file: 'f.go', line: 10, confidence: 0.6 } }),
      outcome({ truth: { commit: a, file: 'f.go', line: 10 }, ranked: [b, sha('c'), sha('d'), sha('e'), a] }),
      outcome({ cls: 'no-culprit', truth: { commit: null }, ranked: [b], topConfidence: 0.7 }),
      outcome({ cls: 'no-culprit', truth: { commit: null }, ranked: [b], topConfidence: 0.3 }),
      outcome({ cls: 'no-culprit', truth: { commit: null }, ranked: [], topConfidence: 0.9, crashed: true, ms: 99999 }),
    ];
    assert.ok(hitAt(outs[0], 1) && !hitAt(outs[1], 1) && hitAt(outs[1], 3) && !hitAt(outs[2], 3) && hitAt(outs[2], 5));
    assert.equal(hitAt(outs[3], 5), false);
    const s = summarize(outs);
    assert.equal(s.culpritN, 3);
    assert.equal(s.top1, 1 / 3);
    assert.equal(s.top3, 2 / 3);
    assert.equal(s.top5, 1);
    // The second names the right file under the wrong commit: a file hit, not a line hit.
    assert.equal(s.fileHit, 2 / 3);
    assert.equal(s.lineHit, 1 / 3);
    assert.equal(s.noCulpritN, 3);
    assert.equal(s.falseAccusation, 1 / 3);
    assert.equal(s.crashes, 1);
    assert.equal(s.medianMs, 100);
    assert.deepEqual(calibrationPair(outs[5]), { p: 0, y: 0 });
    assert.deepEqual(calibrationPair(outs[0]), { p: 0.8, y: 1 });
  });

  it('interpolates quantiles and groups by class and tag', () => {
    assert.equal(quantile([3, 1, 2, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], 0.95), 20);
    assert.equal(quantile([], 0.5), 0);
    const g = groups([outcome({ truth: { commit: null }, cls: 'memory', tags: ['slow-leak', 'merge'] }), outcome({ truth: { commit: null }, tags: ['merge'] })]);
    assert.deepEqual([...g.keys()], ['class:latency', 'class:memory', 'tag:merge', 'tag:slow-leak']);
    assert.equal(g.get('tag:merge')!.length, 2);
  });
});
