import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EngineError } from '../../../src/engine/errors';
import { forensicsConfigSchema } from '../../../src/engine/config/configSchema';
import { readAlertFile } from '../../../src/engine/incident/readAlertFile';
import { buildDemo, type DemoIncident, type DemoName } from '../../../src/scenarios/demo/buildDemo';
import { tempDir } from '../../support/tmp';

function git(repo: string, args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
}

/** Every file under `dir` (relative path → sha256), for byte-for-byte comparisons. */
function digestTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const SUBJECTS: Record<DemoName, string> = {
  'payment-gateway': 'refactor(payment): optimize database connection pooling',
  'auth-service': 'feat(auth): implement session caching',
  'phi-service': 'perf(phi): parallelize database writes',
};

const CODE_AT_LINE: Record<DemoName, string> = {
  'payment-gateway': 'db.SetMaxIdleConns(100)',
  'auth-service': 'new Map<string, Session>()',
  'phi-service': 'conn.execute(UPSERT_OBSERVATION',
};

describe('demo incidents (buildDemo)', function () {
  let dir: string;
  let demo: DemoIncident[];
  const by = (name: DemoName) => {
    const d = demo.find((x) => x.name === name);
    assert.ok(d, name);
    return d;
  };

  before(function () {
    dir = tempDir('ifx-demo-');
    demo = buildDemo(dir);
  });

  it('builds the three incidents, in order, each in its own repository', function () {
    assert.deepEqual(demo.map((d) => d.name), ['payment-gateway', 'auth-service', 'phi-service']);
    for (const d of demo) {
      assert.equal(d.repoDir, join(dir, d.name));
      assert.equal(git(d.repoDir, ['rev-parse', '--abbrev-ref', 'HEAD']).trim(), 'main');
      for (const p of [d.alertPath, ...d.logPaths, ...d.metricPaths, ...(d.deploymentsPath ? [d.deploymentsPath] : [])]) {
        assert.ok(existsSync(p), p);
        assert.ok(p.startsWith(join(d.repoDir, '.forensics')), p);
      }
      assert.ok(d.logPaths.length >= 2 && d.metricPaths.length >= 3, d.name);
    }
    assert.equal(demo.filter((d) => d.deploymentsPath).length, 1, 'exactly one incident ships a deployments file');
  });

  for (const name of ['payment-gateway', 'auth-service', 'phi-service'] as const) {
    describe(name, function () {
      it('has 30+ commits by 3+ authors over 7-14 days, with a merged feature branch', function () {
        const repo = by(name).repoDir;
        assert.ok(Number(git(repo, ['rev-list', '--count', 'main'])) >= 30);
        const authors = new Set(git(repo, ['log', '--format=%ae', 'main']).trim().split('\n'));
        assert.ok(authors.size >= 3, [...authors].join(', '));
        const times = git(repo, ['log', '--format=%at', 'main']).trim().split('\n').map(Number);
        const days = (Math.max(...times) - Math.min(...times)) / 86400;
        assert.ok(days >= 7 && days <= 14, `span ${days} days`);
        assert.ok(Number(git(repo, ['rev-list', '--merges', '--count', 'main'])) >= 1, 'no merge commit');
        for (const subject of git(repo, ['log', '--format=%s', 'main']).split('\n')) {
          assert.doesNotMatch(subject, /\bbug\b|\bleak\b|culprit|introduce/i, subject);
        }
      });

      it('has annotated deploy tags dated at their deploy time', function () {
        const repo = by(name).repoDir;
        const rows = git(repo, ['for-each-ref', 'refs/tags/deploy', '--format=%(refname:short) %(objecttype) %(taggerdate:iso-strict)']).trim().split('\n');
        assert.ok(rows.length >= 5, rows.join('\n'));
        for (const row of rows) {
          const [tag, type, date] = row.split(' ');
          assert.equal(type, 'tag', `${tag} is not annotated`);
          const m = /^deploy\/(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)$/.exec(tag);
          assert.ok(m, tag);
          assert.equal(new Date(date).toISOString(), `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00.000Z`, tag);
        }
      });

      it('plants the culprit: its diff adds the expected line of the expected file', function () {
        const d = by(name);
        const repo = d.repoDir;
        assert.match(d.expected.commit, /^[0-9a-f]{40}$/);
        assert.equal(git(repo, ['cat-file', '-t', d.expected.commit]).trim(), 'commit');
        assert.equal(git(repo, ['log', '-1', '--format=%s', d.expected.commit]).trim(), SUBJECTS[name]);
        git(repo, ['merge-base', '--is-ancestor', d.expected.commit, 'main']);
        const diff = git(repo, ['show', '--format=', '-U0', '--no-color', d.expected.commit, '--', d.expected.file]);
        const added = new Set<number>();
        for (const m of diff.matchAll(/^@@ -\S+ \+(\d+)(?:,(\d+))? @@/gm)) {
          const start = Number(m[1]);
          for (let i = 0; i < Number(m[2] ?? 1); i++) added.add(start + i);
        }
        assert.ok(added.has(d.expected.line), `line ${d.expected.line} not added by the culprit (added: ${[...added].join(',')})`);
        const file = git(repo, ['show', `${d.expected.commit}:${d.expected.file}`]).split('\n');
        assert.ok(file[d.expected.line - 1].includes(CODE_AT_LINE[name]), file[d.expected.line - 1]);
      });

      it('keeps the incident data untracked: git status is clean', function () {
        const repo = by(name).repoDir;
        assert.equal(git(repo, ['status', '--porcelain', '--untracked-files=all']), '');
        assert.match(readFileSync(join(repo, '.git', 'info', 'exclude'), 'utf8'), /^\.forensics\/$/m);
        assert.equal(git(repo, ['ls-files', '.forensics']), '');
      });

      it('commits a valid .forensics.json early in history that maps the service', function () {
        const repo = by(name).repoDir;
        const first = git(repo, ['log', '--reverse', '--format=%H', '--', '.forensics.json']).trim().split('\n')[0];
        const position = git(repo, ['rev-list', '--count', first]).trim();
        assert.ok(Number(position) <= 3, `config first committed as commit #${position}`);
        const config = forensicsConfigSchema.parse(JSON.parse(readFileSync(join(repo, '.forensics.json'), 'utf8')));
        assert.ok(config.services?.[name]?.some((g) => g.startsWith(`services/${name}/`)));
        assert.ok(Object.keys(config.services ?? {}).length >= 3, 'other services exist so scoping matters');
        for (const m of config.metrics ?? []) assert.ok(existsSync(join(repo, m)), m);
      });
    });
  }

  it('writes alerts in three formats that the engine reads back', async function () {
    const seed = JSON.parse(readFileSync(by('payment-gateway').alertPath, 'utf8'));
    assert.deepEqual(Object.keys(seed), ['alert_id', 'timestamp', 'severity', 'service', 'metric', 'threshold', 'actual_value', 'deviation_percentage', 'affected_endpoints', 'region', 'instance_count', 'request_volume']);
    assert.equal(seed.timestamp, '2024-01-18T09:15:00Z');
    const am = JSON.parse(readFileSync(by('auth-service').alertPath, 'utf8'));
    assert.equal(am.version, '4');
    assert.equal(am.alerts[0].status, 'firing');
    const cw = JSON.parse(readFileSync(by('phi-service').alertPath, 'utf8'));
    assert.equal(cw['detail-type'], 'CloudWatch Alarm State Change');
    assert.equal(cw.detail.state.value, 'ALARM');

    const expected: Array<[DemoName, string, string]> = [
      ['payment-gateway', 'seed', '2024-01-18T09:15:00'],
      ['auth-service', 'alertmanager-webhook', '2024-01-22T14:32:00'],
      ['phi-service', 'cloudwatch-eventbridge', '2024-01-25T11:05:00'],
    ];
    for (const [name, source, at] of expected) {
      const incident = await readAlertFile(by(name).alertPath);
      assert.equal(incident.source, source, name);
      assert.equal(incident.service, name);
      assert.ok(incident.alertTime.startsWith(at), incident.alertTime);
    }
  });

  it('writes Prometheus query_range JSON with the shift after the deploy (and CSV metrics)', function () {
    const series = (path: string) => {
      const body = JSON.parse(readFileSync(path, 'utf8'));
      assert.equal(body.status, 'success');
      assert.equal(body.data.resultType, 'matrix');
      for (const r of body.data.result) {
        for (const [t, v] of r.values) assert.ok(typeof t === 'number' && typeof v === 'string' && Number.isFinite(Number(v)));
      }
      return body.data.result as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;
    };
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const window = (values: Array<[number, string]>, from: string, to: string) =>
      values.filter(([t]) => t * 1000 >= Date.parse(from) && t * 1000 < Date.parse(to)).map(([, v]) => Number(v));

    const [latency] = series(by('payment-gateway').metricPaths[0]);
    assert.equal(latency.metric.__name__, 'http_request_duration_p95');
    const before = mean(window(latency.values, '2024-01-18T07:45:00Z', '2024-01-18T08:45:00Z'));
    const after = mean(window(latency.values, '2024-01-18T09:00:00Z', '2024-01-18T09:15:01Z'));
    assert.ok(before > 120 && before < 180 && after > 2 * before, `${before} -> ${after}`);
    // The previous deploy (2024-01-17 14:00) leaves no lasting shift.
    const prevBefore = mean(window(latency.values, '2024-01-17T13:00:00Z', '2024-01-17T14:00:00Z'));
    const prevAfter = mean(window(latency.values, '2024-01-17T14:15:00Z', '2024-01-17T15:15:00Z'));
    assert.ok(Math.abs(prevAfter - prevBefore) < 20, `${prevBefore} -> ${prevAfter}`);

    const memory = series(by('auth-service').metricPaths[0]);
    assert.ok(memory.length >= 6, 'one series per pod, pods replaced at deploys');
    const peak = Math.max(...memory.flatMap((s) => s.values.map(([, v]) => Number(v))));
    const early = Math.max(...memory.flatMap((s) => window(s.values, '2024-01-13T00:00:00Z', '2024-01-16T15:00:00Z')));
    assert.ok(early < 200e6 && peak > 0.85 * 4 * 1024 ** 3, `${early} .. ${peak}`);

    const [errors] = series(by('phi-service').metricPaths[0]);
    const eBefore = mean(window(errors.values, '2024-01-25T06:00:00Z', '2024-01-25T09:30:00Z'));
    const eAfter = mean(window(errors.values, '2024-01-25T09:40:00Z', '2024-01-25T11:05:01Z'));
    assert.ok(eAfter > 10 * eBefore, `${eBefore} -> ${eAfter}`);

    for (const d of demo) {
      const csv = d.metricPaths.find((p) => p.endsWith('.csv'));
      assert.ok(csv, d.name);
      const lines = readFileSync(csv, 'utf8').trim().split('\n');
      assert.equal(lines[0], 'timestamp,value');
      assert.ok(lines.length > 100);
      for (const l of lines.slice(1)) assert.match(l, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,-?\d+(\.\d+)?$/);
    }
  });

  it('writes noisy logs in two formats with chronic errors before the deploy and new ones after', function () {
    const pay = by('payment-gateway');
    const text = readFileSync(pay.logPaths[0], 'utf8').trim().split('\n');
    assert.ok(text.length > 5000, `${text.length} lines`);
    assert.ok(text.every((l) => /^\[\d\d:\d\d:\d\d\] (INFO |WARN |ERROR) \S+:\d+ - /.test(l)), 'seed line format');
    assert.ok(text.includes('[09:05:47] ERROR database/pool.go:45 - Failed to acquire connection: timeout after 5s'));
    const errorsBefore = text.filter((l) => l < '[08:45:00]' && l.includes('] ERROR '));
    assert.ok(errorsBefore.length >= 20, 'chronic errors predate the deploy');
    const acquireAfter = text.filter((l) => l >= '[08:45:00]' && l < '[09:15:00]' && l.includes('database/pool.go:45 - Failed to acquire'));
    assert.equal(acquireAfter.length, 78);
    const json = readFileSync(pay.logPaths[1], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const stacked = json.filter((r) => r.stacktrace && r.ts >= '2024-01-18T08:45' && r.caller === 'database/pool.go:45');
    assert.ok(stacked.length > 0 && stacked[0].stacktrace.includes('/services/payment-gateway/database/pool.go:45'));

    const auth = readFileSync(by('auth-service').logPaths[0], 'utf8');
    assert.match(auth, /^2024-01-22T\d\d:\d\d:\d\d\.\d{3}Z ERROR \[session\] Command timed out\n {4}at /m);
    assert.match(auth, /at SessionStore\.get \(\/app\/services\/auth-service\/src\/session\/sessionStore\.ts:\d+:\d+\)/);
    const authJson = readFileSync(by('auth-service').logPaths[1], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const sessionErrors = authJson.filter((r) => r.component === 'session' && r.level === 'error');
    assert.ok(sessionErrors.some((r) => r.timestamp < '2024-01-16T15:00'), 'Redis timeouts also happen before the culprit ships');
    const perDay = (day: string) => sessionErrors.filter((r) => r.timestamp.startsWith(day)).length;
    assert.ok(perDay('2024-01-21') > 10 * perDay('2024-01-14'), 'and grow with the heap');

    const phi = readFileSync(by('phi-service').logPaths[0], 'utf8');
    assert.match(phi, /^2024-01-25 \d\d:\d\d:\d\d,\d{3} ERROR \[phi\.api\.records\] failed to store bundle/m);
    assert.match(phi, /File "\/app\/services\/phi-service\/phi\/repository\/records\.py", line \d+, in _write_observation/);
    assert.equal((phi.match(/psycopg\.errors\.DeadlockDetected/g) ?? []).length, 47);
    assert.match(phi, /^2024-01-25 0\d:\d\d:\d\d,\d{3} WARNING \[phi\.api\.records\] serialization failure/m);
    const verifier = readFileSync(by('phi-service').logPaths[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(verifier.filter((r) => r.message === 'checksum mismatch').length, 12);
  });

  it('ships the culprit in the right deploy', function () {
    const lastDeployBefore = (repo: string, alert: string) => {
      const rows = git(repo, ['for-each-ref', 'refs/tags/deploy', '--sort=taggerdate', '--format=%(refname:short) %(taggerdate:unix)']).trim().split('\n');
      return rows.map((r) => r.split(' ')).filter(([, t]) => Number(t) * 1000 < Date.parse(alert)).map(([tag]) => tag);
    };
    const shippedBy = (repo: string, sha: string, tags: string[]) => tags.find((t) => {
      try {
        git(repo, ['merge-base', '--is-ancestor', sha, t]);
        return true;
      } catch {
        return false;
      }
    });
    const pay = by('payment-gateway');
    const payTags = lastDeployBefore(pay.repoDir, '2024-01-18T09:15:00Z');
    assert.equal(payTags[payTags.length - 1], 'deploy/20240118-0845');
    assert.equal(shippedBy(pay.repoDir, pay.expected.commit, payTags), 'deploy/20240118-0845');
    const shipped = git(pay.repoDir, ['log', '--format=%s', 'deploy/20240117-1400..deploy/20240118-0845', '--', 'services/payment-gateway']).trim().split('\n');
    assert.deepEqual(shipped.sort(), [SUBJECTS['payment-gateway'], 'docs(payment): update API documentation', 'fix(payment): correct currency conversion rounding'].sort());

    const auth = by('auth-service');
    const authTags = lastDeployBefore(auth.repoDir, '2024-01-22T14:32:00Z');
    assert.equal(shippedBy(auth.repoDir, auth.expected.commit, authTags), authTags[authTags.length - 3], 'the leak ships two deploys before the alert');

    const phi = by('phi-service');
    const deployments = JSON.parse(readFileSync(phi.deploymentsPath ?? '', 'utf8')) as Array<{ time: string; commit: string; service: string; environment: string }>;
    assert.ok(deployments.length >= 6);
    const prod = deployments.filter((x) => x.environment === 'production');
    const last = prod[prod.length - 1];
    assert.equal(last.time, '2024-01-25T09:30:00Z');
    git(phi.repoDir, ['merge-base', '--is-ancestor', phi.expected.commit, last.commit]);
    assert.throws(() => git(phi.repoDir, ['merge-base', '--is-ancestor', phi.expected.commit, prod[prod.length - 2].commit]));
  });

  it('writes the seed dataset under data/incident-forensics', function () {
    const root = join(dir, 'data', 'incident-forensics');
    const records = JSON.parse(readFileSync(join(root, 'incidents.json'), 'utf8'));
    assert.equal(records.length, 3);
    for (const r of records) {
      const d = by(r.service);
      assert.equal(r.root_cause_commit, d.expected.commit);
      assert.ok(existsSync(join(dir, r.logs_path)) && existsSync(join(dir, r.metrics_path)), r.incident_id);
      assert.equal(r.mttr_seconds, (Date.parse(r.resolution_time) - Date.parse(r.alert_time)) / 1000);
    }
    assert.equal(records[0].incident_id, 'INC-2024-01-18-001');
    assert.equal(records[0].mttr_seconds, 690);
    for (const f of ['latency-regression.txt', 'memory-leak.txt', 'data-corruption.txt']) {
      const text = readFileSync(join(root, 'git-history', f), 'utf8');
      assert.match(text, /^commit [0-9a-f]{40}$/m);
      assert.match(text, /\d+ files? changed/);
    }
    assert.ok(readFileSync(join(root, 'git-history', 'latency-regression.txt'), 'utf8').includes(by('payment-gateway').expected.commit));
    assert.deepEqual(readdirSync(join(root, 'metrics')).sort(), ['error-rate-increase.json', 'latency-spike.json', 'memory-growth.json']);
    assert.deepEqual(readdirSync(join(root, 'logs')).sort(), ['auth-service-2024-01-22.log', 'payment-gateway-2024-01-18.log', 'phi-service-2024-01-25.log']);
  });

  it('is deterministic: a second build has the same shas and byte-identical data', function () {
    const again = tempDir('ifx-demo2-');
    const second = buildDemo(again);
    assert.deepEqual(second.map((d) => d.expected), demo.map((d) => d.expected));
    for (const d of demo) {
      const other = join(again, d.name);
      const refs = (repo: string) => git(repo, ['for-each-ref', '--format=%(objectname) %(refname)']);
      assert.equal(refs(other), refs(d.repoDir), d.name);
      assert.deepEqual(digestTree(join(other, '.forensics')), digestTree(join(d.repoDir, '.forensics')), d.name);
    }
    const data = (root: string) => digestTree(join(root, 'data'));
    assert.deepEqual(data(again), data(dir));
  });

  it('builds a subset, rebuilds over its own output, and refuses to replace other directories', function () {
    const sub = tempDir('ifx-demo3-');
    const [only] = buildDemo(sub, 'phi-service');
    assert.equal(only.name, 'phi-service');
    assert.deepEqual(readdirSync(sub).sort(), ['data', 'phi-service']);
    assert.equal(JSON.parse(readFileSync(join(sub, 'data', 'incident-forensics', 'incidents.json'), 'utf8')).length, 1);
    const [rebuilt] = buildDemo(sub, ['phi-service']);
    assert.equal(rebuilt.expected.commit, by('phi-service').expected.commit);

    mkdirSync(join(sub, 'auth-service'));
    writeFileSync(join(sub, 'auth-service', 'notes.txt'), 'mine');
    assert.throws(() => buildDemo(sub, ['auth-service']), (e: unknown) => EngineError.is(e, 'badInput') && e.where === join(sub, 'auth-service'));
    assert.equal(readFileSync(join(sub, 'auth-service', 'notes.txt'), 'utf8'), 'mine');

    writeFileSync(join(sub, 'a-file'), 'x');
    assert.throws(() => buildDemo(join(sub, 'a-file')), (e: unknown) => EngineError.is(e, 'badInput') && /not a directory/.test(e.message));
    assert.throws(() => buildDemo(sub, ['billing' as DemoName]), (e: unknown) => EngineError.is(e, 'badInput') && /unknown demo incident "billing"/.test(e.message));
  });
});
