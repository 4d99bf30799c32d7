import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBisect } from '../../../src/engine/bisect/bisect';
import type { Probe } from '../../../src/engine/bisect/bisectTypes';
import { liveWorktrees } from '../../../src/engine/bisect/worktree';
import { EngineError } from '../../../src/engine/errors';
import { tempDir } from '../../support/tmp';
import { brokenFrom, checkoutState, extraWorktrees, git, isAlive, pidsIn, reportWith, until, versionRepo } from './fixture';

describe('runBisect (real repositories, real test processes)', () => {
  it('finds the first broken commit, reports every probe, and removes its worktree', async () => {
    const { dir, shas } = versionRepo(24);
    const seen: Probe[] = [];
    let worktree = '';
    const r = await runBisect(
      { repoDir: dir, good: shas[0], bad: 'HEAD', test: brokenFrom(17), flakeRate: 0 },
      { onStart: (i) => (worktree = i.worktree), onProbe: (p) => seen.push(p) },
    );
    assert.equal(r.schema, 'incident-forensics/bisect@1');
    assert.equal(r.culprit, shas[17]);
    assert.equal(r.culpritSubject, 'change 17');
    assert.equal(r.stoppedBecause, 'confidence');
    assert.equal(r.candidates, 24);
    assert.equal(r.good, shas[0]);
    assert.equal(r.bad, shas[24]);
    assert.equal(r.runs, r.probes.length);
    assert.deepEqual(seen, r.probes);
    assert.ok(r.runs <= 6, `${r.runs} runs`);
    for (const p of r.probes) {
      assert.ok(shas.includes(p.commit));
      assert.equal(p.outcome, shas.indexOf(p.commit) >= 17 ? 'bad' : 'good');
      assert.ok(p.seconds >= 0 && p.posteriorTop > 0 && p.posteriorTop <= 1);
    }
    assert.ok(r.posterior >= 0.95);
    assert.ok(worktree && !worktree.startsWith(dir), 'the worktree lives outside the checkout');
    assert.equal(existsSync(worktree), false);
    assert.deepEqual(extraWorktrees(dir), []);
    assert.equal(liveWorktrees().length, 0);
  });

  it('never touches the user\'s HEAD, index, working tree or stashes', async () => {
    const { dir, shas, g } = versionRepo(12);
    g.write('src/app.txt', 'stashed change\n');
    git(dir, ['stash', 'push', '-q', '-m', 'keep me']);
    g.write('src/app.txt', 'dirty, unstaged\n');
    g.write('VERSION', 'staged edit\n');
    git(dir, ['add', 'VERSION']);
    g.write('notes/untracked.txt', 'untracked\n');
    const before = checkoutState(dir);
    assert.match(before.stash, /keep me/);
    assert.notEqual(before.status, '');
    // The test itself writes into its worktree (build output, a modified tracked file): none of that may leak.
    const r = await runBisect({ repoDir: dir, good: shas[0], bad: shas[12], test: `echo out > build.log; echo x >> src/app.txt; ${brokenFrom(5)}` });
    assert.equal(r.culprit, shas[5]);
    assert.deepEqual(checkoutState(dir), before);
  });

  it('skips an untestable commit (exit 125) and names it beside the culprit', async () => {
    const { dir, shas } = versionRepo(16);
    const test = `v=$(cat VERSION); [ "$v" -eq 9 ] && exit 125; [ "$v" -lt 10 ]`;
    // A prior pointing at the untestable commit makes the search try it.
    const r = await runBisect({ repoDir: dir, good: shas[0], bad: shas[16], test, flakeRate: 0, prior: { suspects: [{ commit: shas[9], confidence: 0.8 }] } });
    assert.ok(r.probes.some((p) => p.outcome === 'skip' && p.commit === shas[9]));
    assert.equal(r.probes.filter((p) => p.commit === shas[9]).length, 1, 'an untestable commit is not run again');
    assert.deepEqual(r.untestable, [shas[9]]);
    assert.equal(r.culprit, shas[10]);
    assert.deepEqual(r.alsoPossible, [shas[9]]);
    assert.deepEqual(extraWorktrees(dir), []);
  });

  it('kills a hanging test\'s whole process group on timeout and counts the hang as a failure', async () => {
    const { dir, shas } = versionRepo(8);
    const pids = join(tempDir(), 'pids');
    // From commit 5 on the test hangs in a background child it waits for.
    const test = `v=$(cat VERSION); if [ "$v" -ge 5 ]; then sleep 60 & echo $! >> '${pids}'; wait; fi; exit 0`;
    const r = await runBisect({ repoDir: dir, good: shas[0], bad: shas[8], test, timeoutSeconds: 0.4, flakeRate: 0 });
    assert.equal(r.culprit, shas[5]);
    assert.ok(r.probes.some((p) => p.outcome === 'timeout'));
    assert.ok(pidsIn(pids).length > 0);
    await until(() => pidsIn(pids).every((p) => !isAlive(p)));
    assert.deepEqual(extraWorktrees(dir), []);
  });

  it('can count a timeout as untestable instead', async () => {
    const { dir, shas } = versionRepo(6);
    const test = `v=$(cat VERSION); [ "$v" -eq 3 ] && sleep 60; [ "$v" -lt 4 ]`;
    const r = await runBisect({ repoDir: dir, good: shas[0], bad: shas[6], test, timeoutSeconds: 0.3, timeoutAs: 'skip', flakeRate: 0, prior: { suspects: [{ commit: shas[3], confidence: 0.7 }] } });
    assert.equal(r.culprit, shas[4]);
    if (r.probes.some((p) => p.outcome === 'timeout')) assert.deepEqual(r.untestable, [shas[3]]);
  });

  it('on cancel (AbortSignal), kills the running test and removes the worktree', async () => {
    const { dir, shas } = versionRepo(8);
    const box = tempDir();
    const mark = join(box, 'started');
    const pids = join(box, 'pids');
    const ac = new AbortController();
    const test = `echo $$ >> '${pids}'; touch '${mark}'; sleep 60`;
    const p = runBisect({ repoDir: dir, good: shas[0], bad: shas[8], test }, { signal: ac.signal });
    await until(() => existsSync(mark));
    ac.abort();
    await assert.rejects(p, (e: unknown) => EngineError.is(e, 'cancelled'));
    assert.deepEqual(extraWorktrees(dir), []);
    assert.equal(liveWorktrees().length, 0);
    await until(() => pidsIn(pids).every((x) => !isAlive(x)));
  });

  it('stops when the test exits above 127 (git bisect run convention), keeping what it learned', async () => {
    const { dir, shas } = versionRepo(10);
    const r = await runBisect({ repoDir: dir, good: shas[0], bad: shas[10], test: 'exit 200' });
    assert.equal(r.stoppedBecause, 'aborted');
    assert.equal(r.culprit, null);
    assert.equal(r.abort?.exitCode, 200);
    assert.equal(r.runs, 1);
    assert.deepEqual(extraWorktrees(dir), []);
  });

  it('uses a report\'s suspects as the prior (validated by the report schema)', async () => {
    const { dir, shas } = versionRepo(64);
    const file = join(tempDir(), 'report.json');
    writeFileSync(file, JSON.stringify(reportWith([{ commit: shas[41], confidence: 0.8 }, { commit: shas[7], confidence: 0.05 }, { commit: 'f'.repeat(40), confidence: 0.1 }])));
    const r = await runBisect({ repoDir: dir, good: shas[0], bad: shas[64], test: brokenFrom(41), prior: { reportFile: file } });
    assert.equal(r.culprit, shas[41]);
    assert.equal(r.prior.source, 'report');
    assert.equal(r.prior.suspectsUsed, 2);
    assert.equal(r.prior.suspectsOutsideRange, 1);
    assert.equal(r.runs, 2);
    const uniform = await runBisect({ repoDir: dir, good: shas[0], bad: shas[64], test: brokenFrom(41) });
    assert.equal(uniform.culprit, shas[41]);
    assert.ok(uniform.runs > r.runs);
  });

  it('refuses a broken prior report, naming the file and the field', async () => {
    const { dir, shas } = versionRepo(3);
    const box = tempDir();
    const cases: [string, string | Buffer, RegExp][] = [
      ['truncated.json', JSON.stringify(reportWith([])).slice(0, 50), /not valid JSON/],
      ['binary.json', Buffer.from([0, 1, 2, 255, 254]), /looks binary/],
      ['wrong.json', JSON.stringify({ ...reportWith([]), suspects: [{ commit: '-x' }] }), /suspects\.0/],
      ['other.json', JSON.stringify({ schema: 'something-else' }), /schema/],
    ];
    for (const [name, content, msg] of cases) {
      const f = join(box, name);
      writeFileSync(f, content);
      await assert.rejects(runBisect({ repoDir: dir, good: shas[0], bad: shas[3], test: 'true', prior: { reportFile: f } }), (e: unknown) => EngineError.is(e, 'badInput') && e.where === f && msg.test(e.message));
    }
    await assert.rejects(runBisect({ repoDir: dir, good: shas[0], bad: shas[3], test: 'true', prior: { reportFile: join(box, 'missing.json') } }), (e: unknown) => EngineError.is(e, 'badInput'));
    assert.deepEqual(extraWorktrees(dir), []);
  });

  it('refuses option-like, unknown and unrelated refs and bad numbers before running anything', async () => {
    const { dir, shas, g } = versionRepo(3);
    const base = { repoDir: dir, good: shas[0], bad: shas[3], test: 'true' };
    const reject = (o: object, reason: string, where: string) =>
      assert.rejects(runBisect({ ...base, ...o }), (e: unknown) => EngineError.is(e) && e.reason === reason && e.where === where);
    await reject({ good: '--output=/tmp/x' }, 'badRef', '--good');
    await reject({ bad: '-h' }, 'badRef', '--bad');
    await reject({ bad: 'no-such-branch' }, 'badRef', '--bad');
    await reject({ good: 'HEAD\n--all' }, 'badRef', '--good');
    await reject({ good: shas[3] }, 'badInput', '--good');
    await reject({ good: shas[3], bad: shas[1] }, 'badInput', '--good');
    await reject({ flakeRate: 1.5 }, 'badInput', '--flake-rate');
    await reject({ confidence: 1 }, 'badInput', '--confidence');
    await reject({ maxRuns: 0 }, 'badInput', '--max-runs');
    await reject({ test: '' }, 'badInput', '--test');
    await reject({ repoDir: join(dir, 'nope') }, 'badInput', join(dir, 'nope'));
    const plain = tempDir();
    await reject({ repoDir: plain }, 'notAGitRepo', plain);
    // A side branch is not an ancestor of --bad.
    g.checkout('side', true);
    g.checkout(shas[1]);
    g.checkout('side2', true);
    g.write('x.txt', 'x\n');
    const side = g.commit('side', { date: '2024-02-01T00:00:00Z' });
    await reject({ good: side }, 'badInput', '--good');
    assert.deepEqual(extraWorktrees(dir), []);
  });

  it('walks first-parent merges to blame a pull request, and maps a suspect inside it to its merge', async () => {
    const dir = versionRepo(0).dir;
    const { GitWriter } = await import('../../../src/scenarios/gitWriter');
    const g = new GitWriter(dir);
    const at = (h: number) => new Date(Date.UTC(2024, 0, 11, h));
    g.write('a.txt', 'a\n');
    const m1 = g.commit('main 1', { date: at(1) });
    g.checkout('feature', true);
    g.write('f.txt', '1\n');
    g.commit('feature 1', { date: at(2) });
    g.write('BROKEN', 'yes\n');
    const breaking = g.commit('feature 2 breaks', { date: at(3) });
    g.write('f.txt', '3\n');
    g.commit('feature 3', { date: at(4) });
    g.checkout('main');
    g.write('a.txt', 'b\n');
    g.commit('main 2', { date: at(5) });
    const merge = g.merge('feature', 'Merge pull request #7', { date: at(6) });
    g.write('a.txt', 'c\n');
    const tip = g.commit('main 3', { date: at(7) });
    const test = '[ ! -f BROKEN ]';
    const fp = await runBisect({ repoDir: dir, good: m1, bad: tip, test, firstParent: true, flakeRate: 0, prior: { suspects: [{ commit: breaking, confidence: 0.9 }] } });
    assert.equal(fp.candidates, 3);
    assert.equal(fp.culprit, merge);
    assert.equal(fp.prior.suspectsUsed, 1);
    const full = await runBisect({ repoDir: dir, good: m1, bad: tip, test, flakeRate: 0 });
    assert.equal(full.candidates, 6);
    assert.equal(full.culprit, breaking);
  });

  it('stays right with a flaky test whose flake rate it has to estimate', async () => {
    const { dir, shas } = versionRepo(32);
    const state = join(tempDir(), 'lcg');
    writeFileSync(state, '12345\n');
    // Fails from commit 21 on, and on a good commit one run in five (a seeded LCG in the script).
    const test = `read s < '${state}'; s=$(( (s * 1103515245 + 12345) % 2147483648 )); echo $s > '${state}'; v=$(cat VERSION); [ "$v" -ge 21 ] && exit 1; [ $(( (s / 65536) % 100 )) -ge 20 ]`;
    const r = await runBisect({ repoDir: dir, good: shas[0], bad: shas[32], test });
    assert.equal(r.culprit, shas[21]);
    assert.equal(r.flakeRateSource, 'estimated');
    assert.ok(r.runs <= r.maxRuns);
  });

  it('runs the test in the same subdirectory of the worktree as --repo', async () => {
    const { dir, shas } = versionRepo(4);
    mkdirSync(join(dir, 'src'), { recursive: true });
    const r = await runBisect({ repoDir: join(dir, 'src'), good: shas[0], bad: shas[4], test: `[ -f app.txt ] && v=$(cat ../VERSION) && [ "$v" -lt 2 ]`, flakeRate: 0 });
    assert.equal(r.culprit, shas[2]);
  });

  it('runs concurrent bisects of one repository, each in its own worktree', async () => {
    const { dir, shas } = versionRepo(16);
    const [a, b] = await Promise.all([
      runBisect({ repoDir: dir, good: shas[0], bad: shas[16], test: brokenFrom(4), flakeRate: 0 }),
      runBisect({ repoDir: dir, good: shas[0], bad: shas[16], test: brokenFrom(11), flakeRate: 0 }),
    ]);
    assert.equal(a.culprit, shas[4]);
    assert.equal(b.culprit, shas[11]);
    assert.deepEqual(extraWorktrees(dir), []);
  });

  it('checks the ends with calibration runs when asked, and refuses a --bad that passes', async () => {
    const { dir, shas } = versionRepo(8);
    const r = await runBisect({ repoDir: dir, good: shas[0], bad: shas[8], test: brokenFrom(3), calibrationRuns: 2 });
    assert.equal(r.culprit, shas[3]);
    assert.equal(r.probes.filter((p) => p.role === 'calibrate-good').length, 2);
    assert.equal(r.probes.filter((p) => p.role === 'calibrate-bad').length, 2);
    await assert.rejects(runBisect({ repoDir: dir, good: shas[0], bad: shas[8], test: 'true', calibrationRuns: 1 }), (e: unknown) => EngineError.is(e, 'badInput') && e.where === '--bad');
    assert.deepEqual(extraWorktrees(dir), []);
  });
});
