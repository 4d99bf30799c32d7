import { strict as assert } from 'node:assert';
import { aggregateByName } from '../../../src/engine/metrics/aggregateSeries';

describe('aggregateByName', () => {
  it('folds per-pod series into their mean and leaves single series alone', () => {
    const s = (name: string, pod: string, pts: [number, number][]) => ({ name, labels: { pod }, source: 'f', points: pts.map(([t, v]) => ({ t, v })) });
    const out = aggregateByName([s('mem', 'a', [[1, 10], [2, 20]]), s('mem', 'b', [[2, 40], [3, 6]]), s('rps', 'a', [[1, 1]])]);
    assert.equal(out.length, 2);
    assert.equal(out[0].name, 'mem (mean of 2 series)');
    assert.deepEqual(out[0].points, [{ t: 1, v: 10 }, { t: 2, v: 30 }, { t: 3, v: 6 }]);
    assert.equal(out[1].name, 'rps');
  });
});
