import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/engine/analyze';
import { incidentFromFlags } from '../../../src/engine/incident/incidentFromFlags';
import { renderMarkdown } from '../../../src/engine/report/markdown';
import { reportSchema } from '../../../src/engine/report/reportSchema';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';
import { main } from '../../../src/cli/main';
import { captureIo } from '../cli/cliArgs.test';

const T = (iso: string) => new Date(iso);

/** A small Go service: a pool culprit, a docs decoy and a risky-looking innocent change in the same deploy. */
function buildRepo(root: string) {
  const dir = join(root, 'repo');
  const g = new GitWriter(dir).init();
  const pool = (extra: string) => `package database\n\nimport (\n\t"database/sql"\n\t"time"\n)\n\nfunc InitDatabasePool(db *sql.DB) {\n\tdb.SetMaxOpenConns(50)\n\tdb.SetMaxIdleConns(10)\n${extra}}\n\nfunc Acquire(db *sql.DB) error {\n\tctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)\n\tdefer cancel()\n\t_, err := db.Conn(ctx)\n\treturn err\n}\n`;
  g.write('services/payment-gateway/database/pool.go', pool(''));
  g.write('services/payment-gateway/handlers/refund.go', 'package handlers\n\nfunc Refund() error {\n\treturn nil\n}\n');
  g.write('services/auth/main.go', 'package main\n');
  g.write('README.md', '# shop\n');
  g.commit('chore: scaffold', { date: T('2024-01-10T10:00:00Z'), author: 'Ann' });
  g.tag('deploy/20240110', T('2024-01-10T12:00:00Z'));
  g.write('services/payment-gateway/handlers/refund.go', 'package handlers\n\nimport "time"\n\nfunc Refund() error {\n\ttime.Sleep(0)\n\treturn nil\n}\n');
  g.commit('fix(payment): refund path', { date: T('2024-01-16T10:00:00Z'), author: 'Cy' });
  g.tag('deploy/20240116', T('2024-01-16T12:00:00Z'));
  g.write('services/payment-gateway/database/pool.go', pool('\tdb.SetConnMaxLifetime(30 * time.Minute)\n\tdb.SetMaxIdleConns(100)\n'));
  const culprit = g.commit('refactor(payment): optimize database connection pooling', { date: T('2024-01-18T08:30:15Z'), author: 'Bob' });
  g.write('services/payment-gateway/docs/API.md', '# API\n');
  g.commit('docs(payment): update API documentation', { date: T('2024-01-18T08:35:00Z'), author: 'Dee' });
  g.write('services/auth/main.go', 'package main\n// retry\n');
  g.commit('feat(auth): retries', { date: T('2024-01-18T08:36:00Z'), author: 'Eve' });
  g.tag('deploy/20240118-0845', T('2024-01-18T08:45:00Z'));
  const logs = join(root, 'logs');
  mkdirSync(logs);
  const lines: string[] = [];
  for (let m = 0; m < 60; m++) {
    const hh = String(8 + Math.floor((30 + m) / 60)).padStart(2, '0');
    const mm = String((30 + m) % 60).padStart(2, '0');
    lines.push(`[${hh}:${mm}:10] INFO handlers/refund.go:6 - refund ok`);
    if (m > 18 && m % 2 === 0) lines.push(`[${hh}:${mm}:47] ERROR database/pool.go:18 - Failed to acquire connection: timeout after 5s`);
  }
  writeFileSync(join(logs, 'payment-gateway-2024-01-18.log'), lines.join('\n') + '\n');
  return { dir, g, culprit, logs };
}

describe('analyze (end to end on a real repository)', () => {
  it('names the planted culprit, validates against the report schema and leaves the repository untouched', async () => {
    const root = tempDir();
    const { dir, g, culprit, logs } = buildRepo(root);
    const before = { head: g.head(), status: g.git(['status', '--porcelain']), refs: g.git(['for-each-ref']) };
    const incident = incidentFromFlags({ service: 'payment-gateway', metric: 'http_request_duration_p95', at: '2024-01-18T09:15:00Z' });
    const steps: string[] = [];
    const report = await analyze({ repoDir: dir, incident, logs: [logs] }, { onStep: (s) => steps.push(s) });
    assert.deepEqual(reportSchema.parse(report), report);
    assert.equal(report.suspects[0].commit, culprit);
    assert.equal(report.rootCause?.commit, culprit);
    assert.equal(report.rootCause?.pattern, 'DUPLICATE_METHOD_CALL');
    assert.equal(report.rootCause?.line, 12);
    assert.equal(report.scope.resolvedBy, 'directory');
    assert.equal(report.scope.commitsInScope, 3); // the scaffold predates the 7-day window; auth is out of scope
    const docs = report.suspects.find((s) => s.subject.startsWith('docs'))!;
    assert.ok(docs.confidence < 0.05, `docs-only commit at ${docs.confidence}`);
    assert.ok(report.logs.correlations.some((c) => c.file === 'services/payment-gateway/database/pool.go' && c.line === 18));
    assert.deepEqual(steps, ['git_history', 'semantic_analysis', 'log_correlation', 'metric_validation', 'ranking', 'report']);
    assert.deepEqual({ head: g.head(), status: g.git(['status', '--porcelain']), refs: g.git(['for-each-ref']) }, before);
    const md = renderMarkdown(report);
    assert.match(md, /## Root cause/);
    assert.match(md, new RegExp(culprit));
  });

  it('prints exactly one JSON document in json mode and writes both files with --out', async () => {
    const root = tempDir();
    const { dir, culprit, logs } = buildRepo(root);
    const io = captureIo();
    const out = join(root, 'out');
    const code = await main(['analyze', '--repo', dir, '--service', 'payment-gateway', '--metric', 'latency_p95', '--at', '2024-01-18T09:15:00Z', '--logs', logs, '--format', 'json', '--out', out], io);
    assert.equal(code, 0, io.err);
    const doc = JSON.parse(io.out);
    assert.equal(doc.schema, 'incident-forensics/report@1');
    assert.equal(doc.suspects[0].commit, culprit);
    const files = JSON.parse(readFileSync(join(out, `${doc.incident.id}-report.json`), 'utf8'));
    assert.equal(files.incident.id, doc.incident.id);
    assert.match(readFileSync(join(out, `${doc.incident.id}-report.md`), 'utf8'), /Incident Forensics Report/);
  });

  it('escapes HTML from commit subjects in the Markdown report', async () => {
    const root = tempDir();
    const { dir, g } = buildRepo(root);
    g.write('services/payment-gateway/x.go', 'package x\n');
    g.commit('feat(payment): <img src=x onerror=alert(1)>', { date: T('2024-01-18T08:40:00Z') });
    const report = await analyze({ repoDir: dir, incident: incidentFromFlags({ service: 'payment-gateway', metric: 'errors', at: '2024-01-18T09:15:00Z' }) });
    const md = renderMarkdown(report);
    assert.ok(!md.includes('<img'), 'raw HTML leaked into the Markdown');
    assert.ok(md.includes('&lt;img'));
  });
});

describe('risk signals outside the classifier\'s languages', () => {
  it('keeps only file-level kinds for C sources, and code kinds for Go', async () => {
    const root = tempDir();
    const g = new GitWriter(join(root, 'r')).init();
    g.write('src/pool.c', 'int f(void) { return 0; }\n');
    g.write('svc/pool.go', 'package svc\n');
    g.commit('base', { date: T('2024-01-10T00:00:00Z') });
    g.write('src/pool.c', 'int f(void) {\n  pthread_mutex_lock(&m);\n  conn_pool_timeout = 30;\n  return 0;\n}\n');
    const c = g.commit('pool: lock', { date: T('2024-01-11T00:00:00Z') });
    g.write('svc/pool.go', 'package svc\n\nfunc Open() {\n\tvar mu sync.Mutex\n\tmu.Lock()\n\tdb.SetMaxOpenConns(50)\n}\n');
    const goCommit = g.commit('svc: pool', { date: T('2024-01-11T01:00:00Z') });
    const report = await analyze({ repoDir: g.dir, incident: incidentFromFlags({ service: 'x', metric: 'latency', at: '2024-01-12T00:00:00Z' }) });
    const kinds = (sha: string) => report.suspects.find((s) => s.commit === sha)!.signals.map((s) => s.kind);
    assert.ok(!kinds(c).includes('risk_relevant') && !kinds(c).includes('risk_other'), kinds(c).join());
    assert.ok(kinds(goCommit).some((k) => k.startsWith('risk_')), kinds(goCommit).join());
  });
});
