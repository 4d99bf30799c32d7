import { strict as assert } from 'node:assert';
import { CALIBRATION, probabilities, score } from '../../../src/engine/ranking/calibration';
import { alertClass, emptyFeatures, FEATURES, recencyFeature, sizeFeature } from '../../../src/engine/ranking/features';
import { newness } from '../../../src/engine/pipeline/logStep';

describe('confidence model', () => {
  it('gives a probability over the candidates and "none of them" that sums to 1', () => {
    const m = { model: 't', fittedOn: 't', weights: { log_exact: 3 }, b0: 1 };
    const { p, none } = probabilities([3, 0, 0], m);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) + none - 1) < 1e-12);
    assert.ok(p[0] > p[1] && p[1] === p[2]);
    assert.ok(none > p[1]);
    // No candidates at all: everything on "none".
    assert.deepEqual(probabilities([], m), { p: [], none: 1 });
  });

  it('stays finite for extreme scores and sharpens with a temperature below 1', () => {
    const m = { model: 't', fittedOn: 't', weights: {}, b0: 0 };
    const { p } = probabilities([900, -900], m);
    assert.ok(Number.isFinite(p[0]) && Math.abs(p[0] - 1) < 1e-9);
    const soft = probabilities([1, 0], m).p[0];
    const sharp = probabilities([1, 0], { ...m, temperature: 0.5 }).p[0];
    assert.ok(sharp > soft);
  });

  it('ships weights only for known features', () => {
    for (const k of Object.keys(CALIBRATION.weights)) assert.ok((FEATURES as readonly string[]).includes(k), k);
    assert.equal(score(emptyFeatures()), 0);
  });
});

describe('evidence features', () => {
  it('classifies alerts by their metric', () => {
    assert.equal(alertClass('http_request_duration_p95'), 'latency');
    assert.equal(alertClass('container_memory_rss'), 'memory');
    assert.equal(alertClass('record_checksum_failures'), 'integrity');
    assert.equal(alertClass('http_5xx_rate'), 'errors');
  });

  it('scales recency and size into [0, 1]', () => {
    assert.equal(recencyFeature(10, 10), 1);
    assert.ok(recencyFeature(2 * 86_400_000, 0) < 0.4);
    assert.equal(sizeFeature(0), 0);
    assert.equal(sizeFeature(1e6), 1);
  });

  it('measures how new events are after a time by rates, not counts', () => {
    const H = 3_600_000;
    assert.equal(newness([5 * H, 6 * H], 4 * H, 0, 10 * H), 1); // only after
    assert.equal(newness([1 * H, 2 * H], 4 * H, 0, 10 * H), 0); // only before
    const steady = Array.from({ length: 100 }, (_v, i) => i * 0.1 * H);
    assert.ok(Math.abs(newness(steady, 5 * H, 0, 10 * H) - 0.5) < 0.02); // a chronic rate
    assert.equal(newness([5 * H], 20 * H, 0, 10 * H), 0); // live after the logs end: cannot explain them
  });
});

describe('probability display', () => {
  it('never shows a probability as certainty', async () => {
    const { probabilityPercent } = await import('../../../src/engine/report/percent');
    assert.equal(probabilityPercent(0.997), '>99%');
    assert.equal(probabilityPercent(1), '100%');
    assert.equal(probabilityPercent(0.004), '<1%');
    assert.equal(probabilityPercent(0), '0%');
    assert.equal(probabilityPercent(0.874), '87%');
    assert.equal(probabilityPercent(Number.NaN), '–');
  });
});
