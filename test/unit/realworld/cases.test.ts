import { strict as assert } from 'node:assert';
import { candidatesOf, extractCases, DAY } from '../../../bench/realworld/cases';
import { BenchGit } from '../../../bench/realworld/git';
import { changePoints } from '../../../bench/realworld/symptom';
import { parseUnifiedDiff } from '../../../src/engine/git/parseDiff';
import { skewedHistory } from '../../support/skewedHistory';
import { day, fixtureRepo } from './fixtureRepo';

describe('realworld: case extraction', () => {
  it('keeps fixes whose culprit is a non-merge ancestor 1 h–30 d older, and counts each rejection', () => {
    const r = fixtureRepo();
    const { cases, stats } = extractCases(new BenchGit(r.dir), { repo: 'pool' });
    assert.deepEqual(cases.map((c) => c.fix), [r.pureFix, r.fix], 'newest fix first');
    assert.deepEqual(stats, {
      fixesWithTrailer: 8, multipleCulprits: 0, unresolved: 1, ambiguous: 0, mergeFix: 0, tooNew: 1, tooOld: 1,
      notAncestor: 1, mergeCulprit: 1, noSourceFrame: 1, kept: 2,
    });
  });

  it('puts the frame on the first changed line inside a function, in the parent version', () => {
    const r = fixtureRepo();
    const { cases } = extractCases(new BenchGit(r.dir), { repo: 'pool' });
    const c = cases.find((x) => x.fix === r.fix)!;
    assert.equal(c.culprit, r.culprit);
    assert.deepEqual(c.culprits, [r.culprit]);
    assert.equal(c.fixParent, r.other2);
    assert.equal(c.id, `pool-${r.fix.slice(0, 12)}`);
    assert.equal(c.fixTime - c.culpritTime, 4 * DAY);
    assert.deepEqual(c.symptom, {
      file: 'src/pool.c', line: 7, pureAddition: false, lineText: '\tif (p->used > max_conns)',
      func: 'pool_acquire', funcStart: 5, funcEnd: 11, funcSource: 'finder',
    });
  });

  it('frames a pure addition at the line before the insertion point', () => {
    const r = fixtureRepo();
    const { cases } = extractCases(new BenchGit(r.dir), { repo: 'pool' });
    const c = cases.find((x) => x.fix === r.pureFix)!;
    assert.equal(c.culprit, r.culprit2);
    assert.equal(c.symptom.pureAddition, true);
    assert.equal(c.symptom.line, 14);
    assert.equal(c.symptom.lineText, '{');
    assert.equal(c.symptom.func, 'pool_release');
  });

  it('caps the cases deterministically, newest first', () => {
    const r = fixtureRepo();
    const git = new BenchGit(r.dir);
    const a = extractCases(git, { repo: 'pool', maxCases: 1 });
    assert.deepEqual(a.cases.map((c) => c.fix), [r.pureFix]);
    assert.deepEqual(extractCases(git, { repo: 'pool', maxCases: 1 }).cases, a.cases);
  });

  it('honours other windows and refs', () => {
    const r = fixtureRepo();
    const git = new BenchGit(r.dir);
    assert.deepEqual(extractCases(git, { repo: 'pool', ref: r.fix }).cases.map((c) => c.fix), [r.fix]);
    assert.equal(extractCases(git, { repo: 'pool', maxAgeSeconds: 2 * DAY }).cases.length, 1, 'only the 2-day-old culprit2');
    assert.throws(() => extractCases(git, { repo: 'pool', ref: '--output=/tmp/x' }), /git rev-parse/);
  });

  it('lists the 30-day candidates of the fix parent without merges', () => {
    const r = fixtureRepo();
    const git = new BenchGit(r.dir);
    const { cases } = extractCases(git, { repo: 'pool' });
    const c = cases.find((x) => x.fix === r.fix)!;
    assert.deepEqual(candidatesOf(git, c.fixParent, c.fixTime), [r.other2, r.other1, r.culprit]);
    const p = cases.find((x) => x.fix === r.pureFix)!;
    const cands = candidatesOf(git, p.fixParent, p.fixTime);
    assert.ok(cands.includes(r.side) && cands.includes(r.culprit2) && !cands.includes(r.merge));
  });

  it('keeps in-window commits that sit behind an older-dated commit (where plain --since stops walking)', () => {
    const { g, inWindow: s, skewed: t, merge: m } = skewedHistory(day);
    const git = new BenchGit(g.dir);
    const plain = git.run(['rev-list', '--no-merges', `--since=${day(25).toISOString()}`, m]).split('\n').filter(Boolean);
    assert.ok(!plain.includes(s), 'git\'s own --since loses it');
    assert.deepEqual(candidatesOf(git, m, Date.parse(day(50).toISOString()) / 1000, 25), [s]);
    assert.ok(!candidatesOf(git, m, Date.parse(day(50).toISOString()) / 1000, 25).includes(t));
  });

  it('skips added, binary, test and non-source files when choosing change points', () => {
    const diff = [
      'diff --git a/README.md b/README.md', '--- a/README.md', '+++ b/README.md', '@@ -1 +1 @@', '-a', '+b',
      'diff --git a/new.c b/new.c', 'new file mode 100644', '--- /dev/null', '+++ b/new.c', '@@ -0,0 +1 @@', '+int x;',
      'diff --git a/tests/t.c b/tests/t.c', '--- a/tests/t.c', '+++ b/tests/t.c', '@@ -3 +3 @@', '-a', '+b',
      'diff --git a/lib/a.c b/lib/a.c', '--- a/lib/a.c', '+++ b/lib/a.c', '@@ -0,0 +1 @@ ', '+#include <x.h>', '@@ -9,2 +10,2 @@ int f(void)', '-a', '-b', '+c', '+d',
      '',
    ].join('\n');
    assert.deepEqual(changePoints(parseUnifiedDiff(diff)), [
      { file: 'lib/a.c', line: 1, pureAddition: true, context: '' },
      { file: 'lib/a.c', line: 9, pureAddition: false, context: 'int f(void)' },
    ]);
  });
});
