import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertBasics, keywordPick, runBaseline } from '../../../bench/accuracy/baseline';
import { buildAlert } from '../../../src/scenarios/synthetic/alerts';
import { generateIncident } from '../../../src/scenarios/synthetic/generateIncident';
import { planIncident } from '../../../src/scenarios/synthetic/plan';
import type { AlertFormat } from '../../../src/scenarios/synthetic/types';
import { tempDir } from '../../support/tmp';

describe('shallow baseline', () => {
  const root = tempDir('ifx-base-');

  it('reads the service and time from every alert format', () => {
    const formats: AlertFormat[] = ['seed', 'alertmanager-webhook', 'alertmanager-v2', 'cloudwatch-eventbridge', 'cloudwatch-sns'];
    for (const f of formats) {
      const plan = { ...planIncident(77), alertFormat: f, alertService: 'orders-api' };
      const p = join(root, `${f}.json`);
      writeFileSync(p, JSON.stringify(buildAlert(plan, { alertMetric: 'http_error_rate', series: [], threshold: 2, actual: 7.5, unit: 'percent' })));
      const a = alertBasics(p);
      assert.equal(a.service, 'orders-api', f);
      assert.equal(a.time, plan.alertTime, f);
    }
  });

  it('ranks the window\'s commits with softmax confidences', () => {
    const inc = generateIncident(1001, join(root, 'inc'));
    const b = runBaseline(inc);
    assert.ok(b.ranked.length > 3);
    assert.ok(Math.abs(b.ranked.reduce((a, r) => a + r.confidence, 0) - 1) < 1e-9);
    for (let i = 1; i < b.ranked.length; i++) assert.ok(b.ranked[i - 1].score >= b.ranked[i].score);
    assert.ok(b.ranked.every((r) => /^[0-9a-f]{40}$/.test(r.commit)));
  });

  it('picks the commit with the most risky words, and nothing from nothing', () => {
    assert.equal(keywordPick([{ sha: 'a', text: 'docs: typo' }, { sha: 'b', text: 'add cache and pool timeout' }, { sha: 'c', text: 'retry query' }]), 'b');
    assert.equal(keywordPick([]), undefined);
  });
});
