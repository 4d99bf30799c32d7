import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricSeries } from '../../../src/engine/model';
import { readMetricsFile } from '../../../src/engine/metrics/readMetricsFile';
import { changePointNearDeploy, metricSupportForDeploy, validateMetrics } from '../../../src/engine/metrics/validateMetrics';
import { metricReportSchema, type MetricReport } from '../../../src/engine/report/reportSchema';

const FIX = join(__dirname, '../../fixtures/metrics');
const scenario = JSON.parse(readFileSync(join(FIX, 'scenario.json'), 'utf8')) as { deployments: string[]; alert: string; revert: string };
const HARMLESS = Date.parse(scenario.deployments[0]!);
const BAD = Date.parse(scenario.deployments[1]!);
const ALERT = Date.parse(scenario.alert);
const MIN = 60_000;

async function reportsFor(file: string, deploys = [HARMLESS, BAD], alert = ALERT): Promise<MetricReport[]> {
  return validateMetrics(await readMetricsFile(join(FIX, file)), deploys, alert);
}

function synthetic(f: (tMs: number) => number, from: number, to: number, stepMs = 60_000): MetricSeries {
  const points = [];
  for (let t = from; t <= to; t += stepMs) points.push({ t, v: f(t) });
  return { name: 'synthetic', labels: {}, points, source: 'test' };
}

describe('metrics/validateMetrics on the seed scenario (real Prometheus answers)', () => {
  it('compares around the bad deploy and puts the change point just after it', async () => {
    for (const file of ['payment-pool-active.query_range.json', 'payment-wait-time.query_range.json', 'payment-latency-p95.query_range.json', 'database_connection_wait_time_ms.csv']) {
      for (const r of await reportsFor(file)) {
        metricReportSchema.parse(r);
        assert.equal(r.deploymentAt, scenario.deployments[1], file);
        assert.ok(r.changePercent! > 200, `${file}: ${r.changePercent}`);
        assert.equal(r.changePointKind, 'level', file);
        const cp = Date.parse(r.changePointAt!);
        // after the deploy, before the alert: the 09:26 revert is past the alert and ignored
        assert.ok(cp >= BAD && cp <= BAD + 10 * MIN, `${file}: ${r.changePointAt}`);
        assert.ok(r.changePointDistanceMinutes! >= 0 && r.changePointDistanceMinutes! <= 10);
        assert.ok(r.points!.length <= 300 && r.points!.length > 100);
      }
    }
  });

  it('matches the seed story for the connection pool: ~12 before, ~85 after', async () => {
    const [r] = await reportsFor('payment-pool-active.query_range.json');
    assert.ok(Math.abs(r!.before.avg - 12) < 2, String(r!.before.avg));
    assert.ok(Math.abs(r!.after.avg - 85) < 8, String(r!.after.avg));
    assert.ok(r!.after.max <= 198 && r!.after.p95 >= r!.after.avg);
    assert.ok(r!.before.max <= 28);
  });

  it('sees the memory leak as a slope change at the deploy', async () => {
    const [r] = await reportsFor('orders-memory.query_range.json');
    assert.equal(r!.changePointKind, 'slope');
    assert.ok(Math.abs(r!.changePointDistanceMinutes!) <= 10, String(r!.changePointDistanceMinutes));
    assert.ok(changePointNearDeploy(r!, BAD, 15) > 0.7);
  });

  it('reports no change point for the steady request rate', async () => {
    const [r] = await reportsFor('payment_request_rate.query_range.json');
    assert.equal(r!.changePointAt, undefined);
    assert.equal(r!.changePointDistanceMinutes, undefined);
    assert.ok(Math.abs(r!.changePercent!) < 10);
    assert.equal(changePointNearDeploy(r!, BAD), 0);
  });

  it('scores the bad deploy high and the harmless one at zero', async () => {
    const reports = [
      ...(await reportsFor('payment-pool-active.query_range.json')),
      ...(await reportsFor('payment-latency-p95.query_range.json')),
      ...(await reportsFor('payment_request_rate.query_range.json')),
    ];
    assert.ok(metricSupportForDeploy(reports, BAD, 15) > 0.85);
    assert.equal(metricSupportForDeploy(reports, HARMLESS, 15), 0);
  });

  it('ignores deployments after the alert and ones without data before them', async () => {
    const [late] = await reportsFor('payment-wait-time.query_range.json', [BAD, ALERT + 5 * MIN]);
    assert.equal(late!.deploymentAt, scenario.deployments[1]);
    const [old] = await reportsFor('payment-wait-time.query_range.json', [Date.parse('2024-01-10T00:00:00Z')]);
    // no usable deploy: compared around the change point instead
    assert.equal(old!.deploymentAt, undefined);
    assert.ok(old!.changePercent! > 1000);
    assert.ok(old!.changePointDistanceMinutes! > 10_000); // signed cp − deploy: days after it
  });

  it('works without any deployment', async () => {
    const [r] = await reportsFor('payment-latency-p95.query_range.json', []);
    assert.equal(r!.deploymentAt, undefined);
    assert.equal(r!.changePointDistanceMinutes, undefined);
    assert.ok(r!.changePointAt);
    assert.ok(r!.changePercent! > 150);
  });
});

describe('metrics/validateMetrics windows', () => {
  const deploy = Date.UTC(2024, 0, 18, 12, 0);

  it('uses a before-window as long as the after-window (min 15 min, max 6 h)', () => {
    // 1 long ago, 5 in the 30 min before the deploy, 10 after it
    const s = synthetic((t) => (t >= deploy ? 10 : t >= deploy - 30 * MIN ? 5 : 1), deploy - 10 * 60 * MIN, deploy + 60 * MIN);
    const [thirty] = validateMetrics([s], [deploy], deploy + 30 * MIN);
    assert.equal(thirty!.before.avg, 5);
    assert.equal(thirty!.after.avg, 10);
    assert.equal(thirty!.changePercent, 100);
    const [short] = validateMetrics([s], [deploy], deploy + 2 * MIN);
    assert.equal(short!.before.avg, 5); // 15 min floor, still inside the "5" stretch
    const [long] = validateMetrics([s], [deploy], deploy + 60 * MIN);
    assert.equal(long!.before.avg, (30 * 1 + 30 * 5) / 60);
  });

  it('caps the before-window at 6 h', () => {
    const s = synthetic((t) => (t >= deploy ? 10 : t >= deploy - 6 * 60 * MIN ? 4 : 1000), deploy - 20 * 60 * MIN, deploy + 10 * 60 * MIN, 5 * MIN);
    const [r] = validateMetrics([s], [deploy], deploy + 10 * 60 * MIN);
    assert.equal(r!.before.avg, 4);
  });

  it('ends the after-window where the data ends when it stops before the alert', () => {
    const s = synthetic((t) => (t >= deploy ? 9 : 3), deploy - 60 * MIN, deploy + 20 * MIN);
    const [r] = validateMetrics([s], [deploy], deploy + 5 * 60 * MIN);
    assert.equal(r!.deploymentAt, new Date(deploy).toISOString());
    assert.equal(r!.after.avg, 9);
    assert.equal(r!.before.avg, 3);
  });

  it('gives null changePercent when the before average is 0, and full strength at that deploy', () => {
    const s = synthetic((t) => (t >= deploy ? 7 : 0), deploy - 60 * MIN, deploy + 30 * MIN);
    const [r] = validateMetrics([s], [deploy], deploy + 30 * MIN);
    assert.equal(r!.changePercent, null);
    assert.equal(r!.changePointAt, new Date(deploy).toISOString());
    assert.equal(changePointNearDeploy(r!, deploy), 1);
  });

  it('survives empty and one-point series', () => {
    const reports = validateMetrics(
      [
        { name: 'empty', labels: {}, points: [], source: 'x' },
        { name: 'one', labels: {}, points: [{ t: deploy, v: 1 }], source: 'x' },
      ],
      [deploy],
      deploy,
    );
    for (const r of reports) {
      metricReportSchema.parse(r);
      assert.equal(r.changePercent, null);
      assert.equal(r.changePointAt, undefined);
    }
  });
});

describe('metrics/changePointNearDeploy', () => {
  const base: MetricReport = {
    name: 'm',
    before: { avg: 100, max: 120, p95: 115 },
    after: { avg: 300, max: 400, p95: 380 },
    changePercent: 200,
    changePointAt: '2024-01-18T08:50:00.000Z',
    changePointKind: 'level',
    changePointScore: 0.9,
    deploymentAt: '2024-01-18T08:45:00.000Z',
  };
  const at = (iso: string) => Date.parse(iso);

  it('is high within the tolerance and falls off with distance', () => {
    const near = changePointNearDeploy(base, at('2024-01-18T08:45:00Z'), 15);
    assert.ok(near > 0.9);
    const later = changePointNearDeploy(base, at('2024-01-18T08:10:00Z'), 15); // shift 40 min after this deploy
    assert.ok(later > 0 && later < near);
    assert.equal(changePointNearDeploy(base, at('2024-01-18T07:00:00Z'), 15), 0); // 110 min after: unrelated
  });

  it('refuses deploys that came after the shift, beyond a little clock skew', () => {
    assert.ok(changePointNearDeploy(base, at('2024-01-18T09:00:00Z'), 15) > 0.5); // 10 min before the deploy: within tolerance
    assert.equal(changePointNearDeploy(base, at('2024-01-18T09:25:00Z'), 15), 0);
  });

  it('weighs small changes less, and gives 0 without a change point', () => {
    const small = changePointNearDeploy({ ...base, changePercent: 5, changePointScore: 0.2 }, at('2024-01-18T08:45:00Z'), 15);
    assert.ok(small < 0.3, String(small));
    const { changePointAt: _drop, ...noCp } = base;
    assert.equal(changePointNearDeploy(noCp, at('2024-01-18T08:45:00Z')), 0);
  });
});
