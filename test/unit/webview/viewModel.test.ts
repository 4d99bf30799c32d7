import { strict as assert } from 'node:assert';
import { chartModels, flatten, fmtTime, recommendationModel, summaryModel, suspectRows, timelineModel } from '../../../webview/viewModel';
import { aReport, CULPRIT } from './reportFixture';

describe('webview viewModel', () => {
  it('summarizes the root cause with its confidence and location', () => {
    const m = summaryModel(aReport());
    assert.equal(m.rootCause?.short, '7b3f2a1');
    assert.equal(m.rootCause?.confidence, '94%');
    assert.deepEqual(m.rootCause?.location, { file: 'services/payment-gateway/database/pool.go', line: 23 });
    assert.equal(m.rootCause?.subject, 'refactor(payment): optimize database connection pooling');
    assert.match(m.alert, /http_request_duration_p95 = 587 \(threshold 200\) at 2024-01-18 09:15:00Z/);
    assert.equal(m.recommendation.headline, 'Revert 7b3f2a1 and redeploy; then restore the intended pool settings.');
    assert.deepEqual(m.timings.at(-1), ['total', '190 ms']);
  });

  it('says so when there is no root cause', () => {
    assert.equal(summaryModel(aReport({ rootCause: null })).rootCause, null);
  });

  it('ranks suspects and lists signals by weight, keeping hostile text as text', () => {
    const rows = suspectRows(aReport());
    assert.deepEqual(rows.map((r) => r.rank), [1, 2, 3]);
    assert.equal(rows[0].signals, 'pool +1.40 · deploy +1.10');
    assert.equal(rows[0].diffFile, 'services/payment-gateway/database/pool.go');
    assert.equal(rows[2].signals, 'docs −1.00');
    assert.equal(rows[2].author, 'Dave <script>alert(1)</script>');
  });

  it('puts log lines on a timeline with the last deploy before the alert and the alert', () => {
    const r = aReport();
    r.deployments.push({ time: '2024-01-19T10:00:00Z', commit: CULPRIT, commits: [] });
    const t = timelineModel(r);
    assert.deepEqual(t.markers.map((m) => m.kind), ['deploy', 'firstError', 'alert']);
    assert.equal(t.rows.length, 2);
    assert.equal(t.rows[0].label, 'services/payment-gateway/database/pool.go:45');
    for (const x of [...t.rows.map((r) => r.t), ...t.markers.map((m) => m.t)]) assert.ok(t.x(x) > 0 && t.x(x) < 1);
  });

  it('windows the axis around deploy and alert, clamping older lines to the edge', () => {
    const r = aReport();
    r.logs.correlations.push({ file: 'a.go', line: 1, count: 500, firstAt: '2024-01-17T00:11:10Z', level: 'error' });
    r.logs.firstErrorAt = '2024-01-17T00:11:10Z';
    const t = timelineModel(r);
    const old = t.rows.find((x) => x.file === 'a.go')!;
    assert.equal(old.clamped, 'before');
    assert.equal(t.x(old.t), 0);
    assert.ok(!t.markers.some((m) => m.kind === 'firstError'));
    const deploy = t.markers.find((m) => m.kind === 'deploy')!;
    const alert = t.markers.find((m) => m.kind === 'alert')!;
    assert.ok(t.x(alert.t) - t.x(deploy.t) > 0.15, 'deploy and alert are visibly apart');
  });

  it('ignores unparseable times instead of drawing at NaN', () => {
    const r = aReport();
    r.logs.correlations[0].firstAt = 'yesterday';
    r.incident.alertTime = 'soon';
    const t = timelineModel(r);
    assert.equal(t.rows.length, 1);
    assert.ok(!t.markers.some((m) => m.kind === 'alert'));
    assert.ok(Number.isFinite(t.start) && Number.isFinite(t.end));
  });

  it('builds chart series with deploy, change point and alert markers', () => {
    const [c] = chartModels(aReport());
    assert.equal(c.points.length, 30);
    assert.deepEqual(c.markers.map((m) => m.kind), ['deploy', 'changePoint', 'alert']);
    assert.equal(c.change, '+625%');
    assert.equal(c.splitAt, Date.parse('2024-01-18T08:45:00Z'));
    const r = aReport();
    r.metrics[0].changePercent = null;
    r.metrics[0].points = undefined;
    assert.equal(chartModels(r)[0].change, 'n/a');
    assert.equal(chartModels(r)[0].points.length, 0);
  });

  it('turns the engine\'s recommendation into a headline, commands and the fix', () => {
    const rec = recommendationModel({
      action: 'CONFIRM_THEN_REVERT',
      commit: CULPRIT,
      revertCommand: `incident-forensics revert --commit ${CULPRIT}`,
      gitRevert: `git revert ${CULPRIT}`,
      suggestedFix: { title: 'Remove the duplicated call', file: 'a/pool.go', startLine: 23, endLine: 23, replacement: '' },
    });
    assert.equal(rec.headline, 'Confirm then revert 7b3f2a1');
    assert.deepEqual(rec.commands.map(([k]) => k), ['revert command', 'git revert']);
    assert.equal(rec.fix, 'Remove the duplicated call (a/pool.go:23)');
    assert.deepEqual(rec.details, []);
    assert.equal(recommendationModel({ action: 'INVESTIGATE', reason: 'no commit in scope' }).headline, 'Investigate: no commit in scope');
    assert.equal(recommendationModel({}).headline, 'No recommendation.');
  });

  it('flattens open-ended records to text pairs', () => {
    assert.deepEqual(flatten({ a: 1, b: { c: 'x', d: [1, 2] }, e: null, f: 1234.5 }), [['a', '1'], ['b.c', 'x'], ['b.d', '1, 2'], ['f', '1,235']]);
    assert.deepEqual(flatten({ m: [{ name: 'p95', changePercent: 136.2 }] }), [['m', 'p95 (changePercent 136)']]);
    assert.equal(fmtTime('not a date'), 'not a date');
  });
});

describe('webview percent', () => {
  it('prints probabilities as the engine does (never certainty)', async () => {
    const { percent } = await import('../../../webview/format');
    const { probabilityPercent } = await import('../../../src/engine/report/percent');
    for (const p of [0, 0.001, 0.004, 0.005, 0.42, 0.994, 0.995, 0.9999, 1, Number.NaN]) assert.equal(percent(p), probabilityPercent(p), String(p));
  });
});
