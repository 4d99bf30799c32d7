import { strict as assert } from 'node:assert';
import { extractCases } from '../../../bench/realworld/cases';
import { caseEvidence, componentsOf, EVIDENCE, identifiersOf, parseNumstatLog, subjectNames } from '../../../bench/realworld/features';
import { fitConditionalLogit, outOfFoldRanks, rankUnder, type FitCase } from '../../../bench/realworld/fit';
import { BenchGit } from '../../../bench/realworld/git';
import { fixtureRepo } from './fixtureRepo';

const col = (name: (typeof EVIDENCE)[number]) => EVIDENCE.indexOf(name);

describe('realworld: evidence features', () => {
  const r = fixtureRepo();
  const git = new BenchGit(r.dir);
  const cases = extractCases(git, { repo: 'pool' }).cases;
  const good = cases.find((c) => c.fix === r.fix)!;

  it('scores every window candidate from the frame, never from the fix', async () => {
    const ev = await caseEvidence(git, good, 'line');
    assert.deepEqual(ev.map((e) => e.sha), [r.other2, r.other1, r.culprit]);
    const culprit = ev.find((e) => e.sha === r.culprit)!.x;
    const other1 = ev.find((e) => e.sha === r.other1)!.x;
    assert.equal(culprit[col('blame_line')], 1);
    assert.equal(culprit[col('line_hist')], 1);
    assert.ok(Math.abs(culprit[col('near_share')] - 11 / 12) < 1e-9, 'its line at distance 0 against other1 at distance 10');
    assert.ok(Math.abs(other1[col('near_share')] - 1 / 12) < 1e-9);
    assert.equal(culprit[col('func_hist')], 1);
    assert.equal(culprit[col('file_rank')], 0.5);
    assert.equal(other1[col('file_rank')], 1);
    assert.equal(other1[col('blame_line')], 0);
    assert.equal(other1[col('func_hist')], 0);
    assert.equal(ev.find((e) => e.sha === r.other2)!.x[col('dir_touch')], 1, 'src/net.go shares src/');
  });

  it('has no line evidence in the function variant', async () => {
    const ev = await caseEvidence(git, good, 'func');
    for (const e of ev) {
      assert.equal(e.x[col('blame_line')], 0);
      assert.equal(e.x[col('line_hist')], 0);
      assert.equal(e.x[col('near_share')], 0);
    }
    assert.equal(ev.find((e) => e.sha === r.culprit)!.x[col('func_share')], 1);
  });

  it('parses numstat with renames and binaries', () => {
    const out = `\x1e${'a'.repeat(40)}\x1fa@b\x1f100\x1fx: y\n\n3\t1\tsrc/{old => new}/f.c\n-\t-\tlogo.png\n1\t0\tb => c\n`;
    assert.deepEqual(parseNumstatLog(out), [{
      sha: 'a'.repeat(40), author: 'a@b', time: 100, subject: 'x: y',
      files: [{ path: 'src/new/f.c', lines: 4, added: 3 }, { path: 'logo.png', lines: 0, added: 0 }, { path: 'c', lines: 1, added: 1 }],
    }]);
  });

  it('takes the frame line\'s specific identifiers, not keywords, strings or comments', () => {
    assert.deepEqual(identifiersOf('\tprint_string(PRINT_FP, NULL, "max_size %s", sprint_size(q->qth_max)); /* note_this */'), ['print_string', 'sprint_size', 'PRINT_FP', 'qth_max']);
    assert.deepEqual(identifiersOf('if (!strcmp(*argv, "x")) return -1;'), []);
  });

  it('matches kernel-style subject prefixes against the frame file', () => {
    const comps = componentsOf('lib/netdev-dpdk.c');
    assert.ok(subjectNames('netdev-dpdk: Fix a leak.', comps));
    assert.ok(subjectNames('lib: tidy', comps));
    assert.ok(!subjectNames('ofproto: something', comps));
    assert.ok(!subjectNames('no prefix here', comps));
  });
});

describe('realworld: conditional logit', () => {
  // Feature 0 marks the culprit in groups a and b; feature 1 is noise favouring a decoy.
  const mk = (group: string, culpritFirst: boolean): FitCase => ({
    x: culpritFirst ? [[1, 0], [0, 1], [0, 0]] : [[0, 1], [1, 0], [0, 0]],
    y: [culpritFirst ? 0 : 1], t: [3, 2, 1], group,
  });
  const cases = [mk('a', true), mk('a', false), mk('b', true), mk('b', false), mk('c', true)];

  it('learns the informative feature and ranks by it', () => {
    const w = fitConditionalLogit(cases, 2);
    assert.ok(w[0] > 1 && w[0] > w[1], `weights ${w}`);
    assert.equal(rankUnder(w, cases[1]), 1);
  });

  it('ties go to the newer candidate; absent culprits are misses', () => {
    assert.equal(rankUnder([0, 0], cases[1]), 2);
    assert.equal(rankUnder([1, 0], { ...cases[0], y: [] }), undefined);
  });

  it('ranks each group with weights fitted on the others', () => {
    assert.deepEqual(outOfFoldRanks(cases, 2), [1, 1, 1, 1, 1]);
    assert.deepEqual(fitConditionalLogit([], 2), [0, 0]);
  });
});
