import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRepo } from '../../../src/scenarios/synthetic/build';
import { memoryTrace } from '../../../src/scenarios/synthetic/dynamics';
import { generateIncident } from '../../../src/scenarios/synthetic/generateIncident';
import { logRecords } from '../../../src/scenarios/synthetic/logs';
import { HOUR, planIncident } from '../../../src/scenarios/synthetic/plan';
import { INCIDENT_CLASSES, type GeneratedIncident } from '../../../src/scenarios/synthetic/types';
import { tempDir } from '../../support/tmp';

const git = (repo: string, args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

/** Seeds (found by planning, which is cheap) whose incidents carry a given property. */
function seedsWhere(pred: (p: ReturnType<typeof planIncident>) => boolean, n: number, from = 5000): number[] {
  const out: number[] = [];
  for (let s = from; out.length < n && s < from + 2000; s++) if (pred(planIncident(s))) out.push(s);
  return out;
}

describe('synthetic incident generator', () => {
  const root = tempDir('ifx-syn-');
  const sample: GeneratedIncident[] = [];
  before(() => {
    // One incident of each class, plus the hard tags.
    const seeds = new Set<number>();
    for (const cls of INCIDENT_CLASSES) seeds.add(seedsWhere((p) => p.cls === cls, 1)[0]);
    for (const tag of ['merge', 'shifted-lines', 'slow-leak', 'no-deploys', 'deploys-file', 'renamed-service']) seeds.add(seedsWhere((p) => p.tags.includes(tag) && p.cls !== 'no-culprit', 1)[0]);
    for (const s of seeds) sample.push(generateIncident(s, join(root, String(s))));
  });

  it('is deterministic: the same seed gives the same commits, alert and logs', () => {
    const a = generateIncident(4242, join(root, 'det-a'));
    const b = generateIncident(4242, join(root, 'det-b'));
    assert.equal(git(a.repoDir, ['rev-parse', 'HEAD']), git(b.repoDir, ['rev-parse', 'HEAD']));
    assert.equal(git(a.repoDir, ['for-each-ref', '--format=%(objectname)', 'refs/tags']), git(b.repoDir, ['for-each-ref', '--format=%(objectname)', 'refs/tags']));
    assert.equal(a.truth.commit, b.truth.commit);
    assert.equal(readFileSync(a.alertPath, 'utf8'), readFileSync(b.alertPath, 'utf8'));
    assert.deepEqual(a.logPaths.map((p) => readFileSync(p, 'utf8')), b.logPaths.map((p) => readFileSync(p, 'utf8')));
    const c = generateIncident(4243, join(root, 'det-c'));
    assert.notEqual(git(a.repoDir, ['rev-parse', 'HEAD']), git(c.repoDir, ['rev-parse', 'HEAD']));
  });

  it('plans every class, culprit kind, alert format and difficulty tag across a seed range', () => {
    const seen = new Set<string>();
    for (let s = 1000; s < 1400; s++) {
      const p = planIncident(s);
      seen.add(`class:${p.cls}`);
      seen.add(`kind:${p.kind}`);
      seen.add(`alert:${p.alertFormat}`);
      p.logFormats.forEach((f) => seen.add(`log:${f}`));
      p.tags.forEach((t) => seen.add(`tag:${t}`));
      seen.add(`lang:${p.services[p.target].ctx.lang}`);
    }
    const want = [
      ...INCIDENT_CLASSES.map((c) => `class:${c}`),
      ...['dup-call', 'unbounded-cache', 'unbounded-list', 'missing-isolation', 'config-value', 'n-plus-one', 'timeout-removed', 'blocking-io', 'error-swallowed', 'wrong-constant', 'inverted-condition', 'where-clause', 'traffic-spike', 'upstream-outage'].map((k) => `kind:${k}`),
      ...['seed', 'alertmanager-webhook', 'alertmanager-v2', 'cloudwatch-eventbridge', 'cloudwatch-sns'].map((f) => `alert:${f}`),
      ...['seed', 'iso', 'json', 'logfmt', 'mixed'].map((f) => `log:${f}`),
      ...['no-logs', 'no-metrics', 'no-deploys', 'deploys-file', 'slow-leak', 'renamed-service', 'merge', 'shifted-lines', 'big-commit-same-deploy', 'invisible', 'post-alert-commits', 'chronic-on-changed-line', 'config'].map((t) => `tag:${t}`),
      ...['go', 'typescript', 'python', 'java'].map((l) => `lang:${l}`),
    ];
    for (const w of want) assert.ok(seen.has(w), `never planned: ${w}`);
  });

  it('puts the truth commit in the repository, touching truth.file at truth.line', () => {
    for (const inc of sample.filter((i) => i.truth.commit)) {
      const { commit, file, line } = inc.truth;
      assert.equal(git(inc.repoDir, ['cat-file', '-t', commit!]).trim(), 'commit', inc.id);
      assert.ok(git(inc.repoDir, ['show', '--format=', '--name-only', commit!]).split('\n').includes(file!), `${inc.id}: culprit does not touch ${file}`);
      // truth.line is a line the commit wrote, or the line right after a deletion.
      const diff = git(inc.repoDir, ['show', '--format=', '-U0', commit!, '--', file!]);
      const near = [...diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)].some((m) => {
        const start = Number(m[1]);
        const count = m[2] === undefined ? 1 : Number(m[2]);
        return count === 0 ? line === start + 1 : line! >= start && line! < start + count;
      });
      assert.ok(near, `${inc.id}: line ${line} is not one the culprit changed\n${diff}`);
      const text = git(inc.repoDir, ['show', `${commit}:${file}`]).split('\n');
      assert.ok(line! >= 1 && line! <= text.length);
    }
  });

  it('dates annotated deploy/* tags at the deploy time and lists merges from feature branches', () => {
    const tagged = sample.find((i) => !i.tags.includes('no-deploys') && !i.tags.includes('deploys-file'))!;
    const refs = git(tagged.repoDir, ['for-each-ref', '--format=%(refname:short) %(objecttype) %(taggerdate:iso-strict)', 'refs/tags/deploy']).trim().split('\n');
    assert.ok(refs.length >= 3);
    for (const r of refs) {
      const [name, type, date] = r.split(' ');
      assert.equal(type, 'tag', `${name} is not annotated`);
      assert.equal(name.slice(7, 15), date.slice(0, 10).replace(/-/g, ''));
    }
    const merged = sample.find((i) => i.tags.includes('merge'))!;
    const merges = git(merged.repoDir, ['rev-list', '--merges', 'HEAD']).trim().split('\n');
    assert.ok(merges.length >= 1);
    assert.ok(git(merged.repoDir, ['rev-list', '--first-parent', 'HEAD']).split('\n').every((s) => s !== merged.truth.commit), 'the culprit sits on a feature branch');
    const noDeploys = sample.find((i) => i.tags.includes('no-deploys'))!;
    assert.equal(git(noDeploys.repoDir, ['tag']).trim(), '');
    assert.equal(noDeploys.deploymentsPath, undefined);
    const file = sample.find((i) => i.tags.includes('deploys-file'))!;
    const entries = JSON.parse(readFileSync(file.deploymentsPath!, 'utf8')) as { time: string; commit: string }[];
    for (const e of entries) assert.match(git(file.repoDir, ['rev-parse', '--verify', `${e.commit}^{commit}`]).trim(), /^[0-9a-f]{40}$/);
  });

  it('writes alerts that parse as JSON in their format, naming a renamed service differently from its folder', () => {
    for (const inc of sample) {
      const a = JSON.parse(readFileSync(inc.alertPath, 'utf8'));
      const text = JSON.stringify(a);
      switch (inc.alertFormat) {
        case 'seed': assert.ok(a.alert_id && a.timestamp && a.metric && typeof a.threshold === 'number'); break;
        case 'alertmanager-webhook': assert.equal(a.version, '4'); assert.ok(a.alerts.some((x: { status: string }) => x.status === 'firing')); break;
        case 'alertmanager-v2': assert.ok(Array.isArray(a) && a[0].labels.alertname && a[0].startsAt); break;
        case 'cloudwatch-eventbridge': assert.ok(a.detail.alarmName && a.detail.state.timestamp && a.detail.configuration.metrics.length); break;
        default: assert.ok(a.AlarmName && a.StateChangeTime && a.Trigger.MetricName && a.Trigger.Dimensions.length);
      }
      const renamed = inc.tags.includes('renamed-service');
      assert.equal(text.includes(`"${inc.service}"`), !renamed, `${inc.id}: alert service spelling`);
    }
  });

  it('uses the line numbers deployed at log time (a later deployed shift moves the culprit frames)', () => {
    const seed = seedsWhere((p) => p.tags.includes('shifted-lines') && p.tags.includes('slow-leak') && p.cls !== 'memory' && !!p.culprit?.effects.length && p.culprit.effects.some((e) => e.frames[0].file === p.culprit!.key!.file), 1)[0];
    const plan = planIncident(seed);
    const built = buildRepo(plan, join(root, `shift-${seed}`));
    const T = plan.alertTime;
    const start = plan.deploys[plan.culpritDeploy] - HOUR;
    const recs = logRecords(plan, built, plan.target, { start, end: T }, memoryTrace(plan, start, T));
    const keyFile = plan.culprit!.key!.file;
    const last = plan.deploys[plan.lastDeploy];
    const lines = (from: number, to: number) => new Set(recs.filter((r) => r.t >= from && r.t < to && r.level !== 'info' && r.frames[0]?.rel === keyFile).map((r) => r.frames[0].line));
    const before = lines(plan.deploys[plan.culpritDeploy], last);
    const after = lines(last, T + 1);
    assert.ok(before.size && after.size, 'culprit errors before and after the shifting deploy');
    assert.ok([...after].every((l) => !before.has(l)), `frames after the shift use new numbers: ${[...before]} vs ${[...after]}`);
  });

  it('keeps errors consistent with the timeline: culprit errors only after its deploy, chronic ones before and after', () => {
    for (const seed of seedsWhere((p) => !!p.culprit?.effects.length && p.cls !== 'memory', 3, 7000)) {
      const plan = planIncident(seed);
      const built = buildRepo(plan, join(root, `timeline-${seed}`));
      const T = plan.alertTime;
      const deployed = plan.deploys[plan.culpritDeploy];
      const start = deployed - 8 * HOUR;
      const recs = logRecords(plan, built, plan.target, { start, end: T }, memoryTrace(plan, start, T));
      const sig = (funcs: string[]) => funcs.join('>');
      const culprit = new Set(plan.culprit!.effects.map((e) => sig(e.frames.map((f) => f.func))));
      const chronic = new Set(plan.services[plan.target].tpl.chronic.map((e) => sig(e.frames.map((f) => f.func))));
      const ofCulprit = recs.filter((r) => r.level !== 'info' && culprit.has(sig(r.frames.map((f) => f.func))) && !chronic.has(sig(r.frames.map((f) => f.func))));
      assert.ok(ofCulprit.length > 0, `seed ${seed}: culprit errors`);
      assert.ok(ofCulprit.every((r) => r.t >= deployed), `seed ${seed}: a culprit error before its deploy`);
      const ofChronic = recs.filter((r) => r.level !== 'info' && chronic.has(sig(r.frames.map((f) => f.func))));
      assert.ok(ofChronic.some((r) => r.t < deployed) && ofChronic.some((r) => r.t >= deployed), `seed ${seed}: chronic errors on both sides`);
    }
  });
});
