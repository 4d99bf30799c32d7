import { strict as assert } from 'node:assert';
import { choiceProbabilities, fitConditionalLogit, fitWithCrossValidation, objective, solveSpd, type Choice } from '../../../bench/accuracy/conditionalLogit';
import { prepare, topPairs } from '../../../bench/accuracy/fit';
import { Rng } from '../../../src/scenarios/rng';
import type { Report } from '../../../src/engine/report/reportSchema';
import type { GeneratedIncident } from '../../../src/scenarios/synthetic/types';

/** Draws choices from a known conditional logit (with a none option and unlisted commits). */
function simulate(w: number[], b0: number, n: number, seed: number): Choice[] {
  const r = new Rng(seed);
  const out: Choice[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: r.int(2, 8) }, () => w.map(() => (r.chance(0.5) ? r.next() : 0)));
    const unlisted = r.int(0, 5);
    const u = [...x.map((v) => v.reduce((s, vk, k) => s + vk * w[k], 0)), b0, ...Array(unlisted).fill(0)];
    const m = Math.max(...u);
    const e = u.map((v) => Math.exp(v - m));
    let pick = r.next() * e.reduce((a, b) => a + b, 0);
    let j = 0;
    while (pick > e[j]) { pick -= e[j]; j++; }
    out.push({ x, unlisted, truth: j < x.length ? j : j === x.length ? 'none' : 'unlisted' });
  }
  return out;
}

describe('conditional logit fit', () => {
  it('solves a symmetric positive-definite system', () => {
    const z = solveSpd([[4, 1, 0], [1, 3, 1], [0, 1, 2]], [1, 2, 3]);
    const back = [4 * z[0] + z[1], z[0] + 3 * z[1] + z[2], z[1] + 2 * z[2]];
    back.forEach((v, i) => assert.ok(Math.abs(v - [1, 2, 3][i]) < 1e-9));
  });

  it('recovers known weights and the no-culprit intercept from simulated data', () => {
    const w = [2.5, -1.5, 0.8, 4];
    const b0 = 1.2;
    const data = simulate(w, b0, 4000, 7);
    const fit = fitConditionalLogit(data, w.length, 0.01);
    fit.w.forEach((v, k) => assert.ok(Math.abs(v - w[k]) < 0.3, `w[${k}] = ${v.toFixed(2)}, want ${w[k]}`));
    assert.ok(Math.abs(fit.b0 - b0) < 0.25, `b0 = ${fit.b0.toFixed(2)}`);
    assert.ok(objective(data, fit.w, fit.b0, 0) < objective(data, w.map(() => 0), 0, 0));
  });

  it('shrinks toward zero with a stronger ridge and picks the ridge by cross-validation', () => {
    const data = simulate([3, 0], 0, 150, 11);
    const weak = fitConditionalLogit(data, 2, 0.01);
    const strong = fitConditionalLogit(data, 2, 100);
    assert.ok(Math.abs(strong.w[0]) < Math.abs(weak.w[0]));
    const cv = fitWithCrossValidation(data, 2, [0.01, 1, 100]);
    assert.equal(cv.cv.length, 3);
    assert.ok([0.01, 1, 100].includes(cv.lambda));
  });

  it('gives probabilities that sum to one with the none option', () => {
    const c: Choice = { x: [[1, 0], [0, 1]], unlisted: 3, truth: 0 };
    const { p, none } = choiceProbabilities(c, [1, 2], 0.5);
    const unlisted = 3 * Math.exp(0) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5) + 3);
    assert.ok(Math.abs(p[0] + p[1] + none + unlisted - 1) < 1e-12);
  });

  it('builds feature vectors from report signals and scores the top pick offline', () => {
    const mk = (commit: string, rank: number, signals: { kind: string; weight: number; value?: number }[]) => ({ rank, commit, subject: 's', author: 'a', date: '2024-01-01T00:00:00Z', score: 0, confidence: 0.5, signals: signals.map((s) => ({ ...s, detail: s.kind })), findings: [] });
    const rep = { scope: { commitsInScope: 5 }, suspects: [mk('b'.repeat(40), 2, [{ kind: 'log_exact', weight: 1.5, value: 0.5 }]), mk('a'.repeat(40), 1, [{ kind: 'deploy_last', weight: 3 }, { kind: 'log_exact', weight: 3, value: 1 }])] } as unknown as Report;
    const inc = (commit: string | null) => ({ truth: { commit } }) as GeneratedIncident;
    const { choices, features } = prepare([inc('a'.repeat(40)), inc(null), inc('c'.repeat(40))], [rep, rep, rep], { deploy_last: 1.5, log_exact: 3 });
    assert.deepEqual(features, ['deploy_last', 'log_exact']);
    assert.deepEqual(choices[0].x, [[2, 1], [0, 0.5]]);
    assert.equal(choices[0].truth, 0);
    assert.equal(choices[0].unlisted, 3);
    assert.equal(choices[1].truth, 'none');
    assert.equal(choices[2].truth, 'unlisted');
    const pairs = topPairs(choices, [1, 1], 0);
    assert.equal(pairs[0].y, 1);
    assert.equal(pairs[1].y, 0);
    assert.ok(pairs[0].p > 0 && pairs[0].p < 1);
  });
});
