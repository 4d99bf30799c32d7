import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { GitSource, assertSafeRef } from '../../../src/engine/git/gitSource';
import { commitsInWindow } from '../../../src/engine/git/history';
import { readDeployTags, readDeploymentsFile, shipDeployments } from '../../../src/engine/git/deployments';
import { resolveScope } from '../../../src/engine/git/scope';
import { EngineError } from '../../../src/engine/errors';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';
import { writeFileSync } from 'node:fs';

const day = (d: number, h = 12) => new Date(Date.UTC(2024, 0, d, h, 0, 0));

describe('git history', () => {
  let dir: string;
  let shas: Record<string, string>;

  before(() => {
    dir = join(tempDir(), 'repo');
    const g = new GitWriter(dir).init();
    shas = {};
    g.write('README.md', '# shop\n');
    shas.old = g.commit('chore: initial', { date: day(1), author: 'Ann' });
    g.write('services/payment-gateway/pool.go', 'package db\n');
    shas.a = g.commit('feat(payment): pool', { date: day(10), author: 'Bob' });
    g.tag('deploy/d1', day(10, 18));
    g.checkout('feature', true);
    g.write('services/payment-gateway/retry.go', 'package db\n// retry\n');
    shas.feat = g.commit('feat(payment): retries', { date: day(11), author: 'Cy' });
    g.checkout('main');
    g.write('services/auth/x.ts', 'export const x = 1;\n');
    shas.auth = g.commit('feat(auth): x <b>bold</b>', { date: day(12), author: 'Dee' });
    shas.merge = g.merge('feature', 'Merge branch feature', { date: day(13) });
    g.tag('deploy/d2', day(13, 18));
    g.write('services/payment-gateway/pool.go', 'package db\n// late\n');
    shas.late = g.commit('fix(payment): late', { date: day(14), author: 'Bob' });
  });

  it('lists the window newest first with diffs, merges without diff, HTML kept as data', async () => {
    const src = await GitSource.open(dir);
    const head = await src.resolve('HEAD');
    const commits = await commitsInWindow(src, head, day(9), day(13, 20));
    const subjects = commits.map((c) => c.subject);
    assert.deepEqual(subjects.sort(), ['Merge branch feature', 'feat(auth): x <b>bold</b>', 'feat(payment): pool', 'feat(payment): retries'].sort());
    const merge = commits.find((c) => c.sha === shas.merge)!;
    assert.equal(merge.parents.length, 2);
    assert.equal(merge.files.length, 0);
    const pool = commits.find((c) => c.sha === shas.a)!;
    assert.equal(pool.files[0].newPath, 'services/payment-gateway/pool.go');
    assert.equal(pool.files[0].status, 'A');
    assert.equal(pool.author, 'Bob');
  });

  it('attributes commits that arrive through a merge to the deployment that shipped the merge', async () => {
    const src = await GitSource.open(dir);
    const head = await src.resolve('HEAD');
    const commits = await commitsInWindow(src, head, day(9), day(15));
    const deps = shipDeployments(await readDeployTags(src), commits, day(15));
    assert.deepEqual(deps.map((d) => d.ref), ['deploy/d1', 'deploy/d2']);
    assert.deepEqual(deps[0].commits, [shas.a]);
    assert.deepEqual(new Set(deps[1].commits), new Set([shas.feat, shas.auth, shas.merge]));
    assert.equal(deps[1].time, day(13, 18).toISOString());
    // The late commit was never deployed; a deployment after the alert is ignored.
    assert.equal(shipDeployments(await readDeployTags(src), commits, day(12)).length, 1);
  });

  it('reads a deployments file and names the first bad field', async () => {
    const src = await GitSource.open(dir);
    const f = join(tempDir(), 'deploys.json');
    writeFileSync(f, JSON.stringify([{ time: day(10, 18).toISOString(), commit: shas.a.slice(0, 8), service: 'payment-gateway' }]));
    const raw = await readDeploymentsFile(f, src);
    assert.equal(raw[0].commit, shas.a);
    writeFileSync(f, JSON.stringify([{ time: 'yesterday', commit: 'HEAD' }]));
    await assert.rejects(readDeploymentsFile(f, src), (e: unknown) => EngineError.is(e, 'badInput') && /0\.time/.test((e as Error).message));
    writeFileSync(f, '[{"time": "2024-01-01T00:00:00Z", "commit": "--output=/tmp/x"}]');
    await assert.rejects(readDeploymentsFile(f, src), (e: unknown) => EngineError.is(e, 'badInput'));
    writeFileSync(f, '[{"time": "2024-01-0');
    await assert.rejects(readDeploymentsFile(f, src), (e: unknown) => EngineError.is(e, 'badInput') && (e as EngineError).where === f);
  });

  it('refuses refs that look like options or are not commits', async () => {
    const src = await GitSource.open(dir);
    for (const bad of ['-n', '--output=/tmp/x', 'a..b', 'HEAD:file', 'x y', '']) {
      assert.throws(() => assertSafeRef(bad), (e: unknown) => EngineError.is(e, 'badRef'), bad);
    }
    await assert.rejects(src.resolve('no-such-branch'), (e: unknown) => EngineError.is(e, 'badRef'));
    assert.equal(await src.resolve('deploy/d1'), shas.a);
    assert.equal(await src.resolve('HEAD~1'), shas.merge);
  });

  it('fails clearly outside a repository', async () => {
    await assert.rejects(GitSource.open(tempDir()), (e: unknown) => EngineError.is(e, 'notAGitRepo'));
  });
});

describe('service scope', () => {
  const dirs = ['services', 'services/payment-gateway', 'services/payment-gateway/database', 'services/auth-service', 'services/phi_service', 'docs'];
  it('prefers the config mapping', () => {
    const s = resolveScope('payment-gateway', { services: { 'payment-gateway': ['services/payment-gateway/**', 'shared/db/**'] } }, dirs);
    assert.equal(s.resolvedBy, 'config');
    assert.ok(s.matches('shared/db/x.go'));
    assert.ok(!s.matches('services/auth-service/a.ts'));
  });
  it('finds a like-named directory, case and -/_ insensitive, with suffixes and prefixes', () => {
    assert.deepEqual(resolveScope('Payment_Gateway', {}, dirs).paths, ['services/payment-gateway/**']);
    assert.deepEqual(resolveScope('auth', {}, dirs).paths, ['services/auth-service/**']);
    assert.deepEqual(resolveScope('synthetic-phi-service', {}, dirs).paths, ['services/phi_service/**']);
  });
  it('falls back to the whole repository and says so', () => {
    const s = resolveScope('billing', {}, dirs);
    assert.equal(s.resolvedBy, 'whole-repo');
    assert.ok(s.matches('anything/at/all.go'));
  });
});

describe('deployments by environment', () => {
  it('keeps production deploys where environments are named', () => {
    const c = (sha: string, parents: string[]) => ({ sha, parents, author: '', authorEmail: '', date: '', committedAt: '', subject: '', body: '' });
    const known = [c('b', ['a']), c('a', [])];
    const raw = [
      { time: '2024-01-01T10:00:00Z', commit: 'b', environment: 'staging' },
      { time: '2024-01-01T11:00:00Z', commit: 'b', environment: 'production' },
    ];
    const d = shipDeployments(raw, known, new Date('2024-01-02T00:00:00Z'));
    assert.equal(d.length, 1);
    assert.equal(d[0].time, '2024-01-01T11:00:00Z');
    assert.deepEqual(new Set(d[0].commits), new Set(['a', 'b']));
  });
});
