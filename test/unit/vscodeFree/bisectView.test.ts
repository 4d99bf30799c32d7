import { strict as assert } from 'node:assert';
import type { BisectResult, Probe } from '../../../src/engine/bisect/bisectTypes';
import { BisectTracker, bisectPathFor } from '../../../src/vscode/pure/bisectView';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const probe = (commit: string, outcome: Probe['outcome'], run: number): Probe => ({
  run, commit, role: 'search', outcome, exitCode: outcome === 'good' ? 0 : 1, seconds: 0.1, posteriorTop: 0, topCommit: A, flakeRate: 0,
});

describe('bisectView: the posterior bars', () => {
  it('tracks the top commit and probed outcomes, keeping the total at most 1', () => {
    const t = new BisectTracker(C, B, 'make test', (c) => (c === A ? 'culprit subject' : undefined));
    t.probe(probe(B, 'bad', 1), { runs: 1, top: { commit: B, subject: 'b', posterior: 0.6 } });
    const v = t.probe(probe(C, 'good', 2), { runs: 2, top: { commit: A, subject: '', posterior: 0.9 } });
    assert.equal(v.status, 'running');
    assert.equal(v.runs, 2);
    assert.equal(v.bars[0].commit, A);
    assert.equal(v.bars[0].subject, 'culprit subject');
    assert.equal(v.bars[0].posterior, 0.9);
    const total = v.bars.reduce((s, b) => s + b.posterior, 0);
    assert.ok(total <= 1 + 1e-9, `total ${total}`);
    assert.equal(v.bars.find((b) => b.commit === B)?.outcome, 'bad');
    assert.equal(v.bars.find((b) => b.commit === C)?.outcome, 'good');
  });

  it('uses a full ranking when the engine provides one, and the final ranking at the end', () => {
    const t = new BisectTracker(C, B, 'npm test', () => undefined);
    t.probe(probe(B, 'bad', 1), { runs: 1, top: { commit: A, subject: 'a', posterior: 0.5 }, ranking: [{ commit: A, subject: 'a', posterior: 0.5 }, { commit: B, subject: 'b', posterior: 0.3 }] });
    const done = t.finish({ ranking: [{ commit: A, subject: 'a', posterior: 0.97 }], runs: 4, culprit: A, posterior: 0.97, stoppedBecause: 'confidence' } as unknown as BisectResult);
    assert.equal(done.status, 'done');
    assert.equal(done.culprit, A);
    assert.deepEqual(done.bars.map((b) => [b.commit, b.posterior]), [[A, 0.97], [B, 0], ]);
    assert.equal(t.fail('cancelled').status, 'cancelled');
  });

  it('names the bisect file after the report', () => {
    assert.equal(bisectPathFor('/r/.pipeline/forensics/INC-1-report.json'), '/r/.pipeline/forensics/INC-1-bisect.json');
  });
});

import { bisectViewFromStored, defaultBisectRange } from '../../../src/vscode/pure/bisectView';
import { aReport, CULPRIT } from '../webview/reportFixture';

describe('bisectView: range and stored verdicts', () => {
  it('takes the deployment that shipped the culprit as bad and the one before as good', () => {
    const r = aReport();
    r.deployments.unshift({ time: '2024-01-17T08:00:00Z', commit: 'e'.repeat(40), commits: [] });
    assert.deepEqual(defaultBisectRange(r), { bad: CULPRIT, good: 'e'.repeat(40) });
    assert.deepEqual(defaultBisectRange(aReport()), { bad: CULPRIT, good: undefined });
    assert.deepEqual(defaultBisectRange(aReport({ deployments: [] })), {});
    assert.deepEqual(defaultBisectRange(aReport({ suspects: [], rootCause: null })), {});
  });

  it('rebuilds the view from a stored result and rejects anything else', () => {
    const stored = { schema: 'incident-forensics/bisect@1', good: C, bad: B, ranking: [{ commit: A, subject: 's', posterior: 0.96 }], runs: 3, culprit: A, posterior: 0.96, stoppedBecause: 'confidence', testCommand: 'go test ./...' };
    const v = bisectViewFromStored(stored);
    assert.equal(v?.status, 'done');
    assert.equal(v?.testCommand, 'go test ./...');
    assert.equal(bisectViewFromStored({ schema: 'x' }), undefined);
    assert.equal(bisectViewFromStored(null), undefined);
    assert.equal(bisectViewFromStored('<b>'), undefined);
  });
});
