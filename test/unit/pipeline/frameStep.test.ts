import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/engine/analyze';
import { GitSource } from '../../../src/engine/git/gitSource';
import { commitsInWindow } from '../../../src/engine/git/history';
import { lineHistory } from '../../../src/engine/git/lineHistory';
import { pathAliases } from '../../../src/engine/git/pathAliases';
import { incidentFromFlags } from '../../../src/engine/incident/incidentFromFlags';
import { CALIBRATION, modelFor, SPARSE_FUNC_CALIBRATION, SPARSE_LINE_CALIBRATION } from '../../../src/engine/ranking/calibration';
import { componentsOf, identifiersOf, mentions, subjectNames } from '../../../src/engine/ranking/codeNames';
import { FEATURES } from '../../../src/engine/ranking/features';
import type { Ranking } from '../../../src/engine/ranking/rank';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { skewedHistory } from '../../support/skewedHistory';
import { tempDir } from '../../support/tmp';

const day = (n: number, min = 0) => new Date(Date.UTC(2024, 0, 1 + n, 10, min));

const route = (check: string, extra = '') =>
  ['#include "route.h"', '', 'int parse_route(struct rt_msg *msg, int len)', '{', `\t${check}`, '\t\treturn -EINVAL;', '\tmsg->rt_table = lookup_table(msg);', '\treturn 0;', '}', '', ...Array.from({ length: 30 }, (_v, i) => `int pad${i};`), extra, ''].join('\n');

/**
 * A crash at route.c:5. The culprit (Bob) rewrote that line; the next commit
 * of his patch series changed `lookup_table` in another file; Dee later
 * touched route.c far from the frame; a docs commit touches nothing nearby.
 */
function buildRepo(root: string) {
  const g = new GitWriter(join(root, 'repo')).init();
  g.write('src/net/route.c', route('if (len < sizeof(*msg))'));
  g.write('src/net/table.c', 'int lookup_table(struct rt_msg *msg)\n{\n\treturn msg->table;\n}\n');
  g.write('docs/route.md', '# route\n');
  const initial = g.commit('initial import', { date: day(0), author: 'Ann' });
  g.write('src/net/route.c', route('if (len <= msg->rt_len)'));
  const culprit = g.commit('route: tighten the length check', { date: day(5, 5), author: 'Bob' });
  g.write('src/net/table.c', 'int lookup_table(struct rt_msg *msg)\n{\n\treturn msg->rt_len ? msg->table : 254;\n}\n');
  const series = g.commit('table: default to main table', { date: day(5, 20), author: 'Bob' });
  g.write('docs/route.md', '# route\n\nUsage.\n');
  const docs = g.commit('docs: describe routes', { date: day(6), author: 'Cy' });
  g.write('src/net/route.c', route('if (len <= msg->rt_len)', 'int pad_extra;'));
  const later = g.commit('route: one more pad', { date: day(7), author: 'Dee' });
  const logs = join(root, 'logs');
  mkdirSync(logs);
  writeFileSync(join(logs, 'crash.log'), `${day(8).toISOString()} ERROR routed: Program received signal SIGSEGV, Segmentation fault.\n#0  0x00005555555551a9 in parse_route () at /build/routed/src/net/route.c:5\n`);
  return { g, initial, culprit, series, docs, later, logs };
}

describe('frame evidence (sparse incidents)', () => {
  // Built once: both tests below only read it.
  let r: ReturnType<typeof buildRepo>;
  before(() => (r = buildRepo(tempDir('ifx-frames-'))));

  it('ties candidates to the crash frame through line and function history, ownership, identifiers and series', async () => {
    let ranking: Ranking | undefined;
    const report = await analyze(
      { repoDir: r.g.dir, incident: incidentFromFlags({ service: 'routed', metric: 'crash_rate', at: day(8, 1).toISOString() }), logs: [join(r.logs, 'crash.log')], lookbackDays: 30, config: { services: { routed: ['**'] } } },
      { onRanking: (x) => (ranking = x) },
    );
    assert.ok(ranking);
    assert.equal(ranking.model, SPARSE_LINE_CALIBRATION, 'no deployments and no metrics, a frame with a line: the sparse line profile');
    const x = (sha: string) => ranking!.ranked.find((k) => k.commit.sha === sha)!.features;
    const c = x(r.culprit);
    assert.equal(c.frame_line_hist, 1, 'newest in the line history');
    assert.ok(c.frame_range_hist > 0 && c.frame_near_share > 0 && c.frame_func_share > 0 && c.frame_func_hist > 0);
    assert.equal(c.frame_subject, 1, '"route:" names route.c');
    assert.equal(x(r.later).frame_file_rank, 1, 'newest commit to the file');
    assert.equal(c.frame_file_rank, 0.5);
    assert.equal(x(r.later).frame_line_hist, 0, 'did not touch the frame line');
    assert.equal(x(r.series).frame_series, 1, 'same author within the hour of the blamed commit');
    assert.equal(x(r.series).frame_idents, 1, 'changed a line using rt_len, the frame line\'s identifier, in another file');
    assert.equal(c.frame_idents, 1);
    assert.equal(x(r.docs).frame_idents, 0);
    assert.equal(c.frame_hunk_near, 1, 'its hunk spans the frame');
    assert.ok(x(r.later).frame_hunk_near > 0 && x(r.later).frame_hunk_near < 0.3, 'its hunk is 30+ lines away');
    assert.equal(c.frame_wide_hist, 1, 'newest to change the 25 lines either side of the frame');
    assert.equal(x(r.initial).frame_wide_hist, 0.5);
    assert.equal(x(r.later).frame_wide_hist, 0, '36 lines below the frame');
    assert.equal(x(r.initial).frame_func_first, 1, 'parse_route as it is began with the import, inside the window');
    assert.equal(c.frame_func_first, 0);
    assert.equal(c.series_first, 1, 'Bob\'s two commits 15 minutes apart: the culprit opens the series');
    assert.equal(x(r.series).series_first, 0);
    assert.equal(x(r.series).frame_file_rank, 0);
    assert.equal(x(r.series).frame_dir, 1);
    assert.equal(x(r.docs).frame_dir, 0);
    assert.equal(x(r.docs).frame_author, 0);
    // The report names the evidence in words.
    const s = report.suspects.find((k) => k.commit === r.culprit)!;
    assert.ok(s.signals.some((g) => g.kind === 'frame_line_hist' && /src\/net\/route\.c:5/.test(g.detail)), JSON.stringify(s.signals));
  });

  it('follows a line through later rewrites, and gives no history for a range git cannot follow', async () => {
    const src = await GitSource.open(r.g.dir);
    const hist = await lineHistory(src, r.later, 'src/net/route.c', 5, 5, day(-1));
    assert.deepEqual(hist.slice(0, 2), [r.culprit, hist[1]]);
    assert.equal(hist.length, 2, 'the culprit, then the initial import');
    assert.deepEqual(await lineHistory(src, r.later, 'src/net/route.c', 5, 5, day(3)), [r.culprit], 'the window cuts the older one');
    assert.deepEqual(await lineHistory(src, r.later, 'no/such.c', 1, 1, day(0)), []);
    assert.deepEqual(await lineHistory(src, r.later, 'src/net/route.c', 900, 901, day(0)), []);
    assert.deepEqual(await lineHistory(src, r.later, 'src/net/route.c', 30, 70, day(3)), [r.later], 'a range running past the end of the file reads to its end');
    await assert.rejects(lineHistory(src, '--output=/tmp/x', 'src/net/route.c', 1, 1, day(0)), /not a valid git ref/);
  });

  it('keeps in-window commits that sit behind an older-dated one in the window', async () => {
    const { g, inWindow, merge: m } = skewedHistory(day);
    const src = await GitSource.open(g.dir);
    const got = await commitsInWindow(src, m, day(25), day(51));
    assert.deepEqual(got.map((c) => c.sha).sort(), [inWindow, m].sort());
  });

  it('knows the frame file under the names it had before a rename', async () => {
    const root = tempDir('ifx-rename-');
    const g = new GitWriter(join(root, 'repo')).init();
    g.write('src/uprobe_preload.c', route('if (len < sizeof(*msg))'));
    g.write('src/other.c', 'int other;\n');
    g.commit('initial import', { date: day(0), author: 'Ann' });
    g.write('src/uprobe_preload.c', route('if (len <= msg->rt_len)'));
    const culprit = g.commit('uprobe: check the length', { date: day(5), author: 'Bob' });
    g.git(['mv', 'src/uprobe_preload.c', 'src/user_preload.c']);
    const rename = g.commit('preload: apply to USDT too', { date: day(6), author: 'Cy' });
    g.write('src/other.c', 'int other = 1;\n');
    const unrelated = g.commit('other: set', { date: day(7), author: 'Dee' });
    const logs = join(root, 'crash.log');
    writeFileSync(logs, `${day(8).toISOString()} ERROR routed: Program received signal SIGSEGV, Segmentation fault.\n#0  0x00005555555551a9 in parse_route () at /build/routed/src/user_preload.c:5\n`);
    const history = await commitsInWindow(await GitSource.open(g.dir), unrelated, day(-1), day(9));
    assert.deepEqual([...pathAliases('src/user_preload.c', history)].sort(), ['src/uprobe_preload.c', 'src/user_preload.c']);
    assert.deepEqual([...pathAliases('src/other.c', history)], ['src/other.c']);
    let ranking: Ranking | undefined;
    await analyze(
      { repoDir: g.dir, incident: incidentFromFlags({ service: 'routed', metric: 'crash_rate', at: day(8, 1).toISOString() }), logs: [logs], lookbackDays: 30, config: { services: { routed: ['**'] } } },
      { onRanking: (x) => (ranking = x) },
    );
    const x = (sha: string) => ranking!.ranked.find((k) => k.commit.sha === sha)!.features;
    assert.equal(x(culprit).frame_line_hist, 1, 'blame follows the rename');
    assert.ok(x(culprit).log_file > 0, 'it changed the frame file, under its old name');
    assert.equal(x(culprit).frame_file_rank, 0.5, 'second newest to the file, after the rename');
    assert.ok(x(culprit).frame_file_share > 0 && x(culprit).frame_hunk_near === 1);
    assert.equal(x(rename).frame_file_rank, 1);
    assert.equal(x(unrelated).log_file, 0);
  });

  it('picks the profile by the evidence the incident holds', () => {
    const frame = (line?: number) => ({ loc: { file: 'a.c', line } }) as never;
    const crash = { errorTimes: [1], linked: [frame(5)] };
    assert.equal(modelFor({ deployments: [] }), SPARSE_FUNC_CALIBRATION, 'no frame at all');
    assert.equal(modelFor({ deployments: [] }, { reports: [{} as never] }, crash), CALIBRATION);
    assert.equal(modelFor({ deployments: [{} as never] }, undefined, crash), CALIBRATION);
    assert.equal(modelFor({ deployments: [] }, undefined, crash), SPARSE_LINE_CALIBRATION, 'a crash line with a line number');
    assert.equal(modelFor({ deployments: [] }, undefined, { errorTimes: [1], linked: [frame()] }), SPARSE_FUNC_CALIBRATION, 'a frame naming only its function');
    assert.equal(modelFor({ deployments: [] }, undefined, { errorTimes: Array.from({ length: 50 }, (_v, i) => i), linked: [frame(5)] }), CALIBRATION, 'logs with a history of errors');
    for (const m of [SPARSE_LINE_CALIBRATION, SPARSE_FUNC_CALIBRATION]) for (const k of Object.keys(m.weights)) assert.ok((FEATURES as readonly string[]).includes(k), k);
  });
});

describe('code names', () => {
  it('takes the specific identifiers of a line, not keywords, strings or comments', () => {
    assert.deepEqual(identifiersOf('\tif (len <= msg->rt_len) /* lookup_table */'), ['rt_len']);
    assert.deepEqual(identifiersOf('return fmt.Errorf("bad route %s", routeName)'), ['routeName', 'Errorf']);
    assert.deepEqual(identifiersOf(undefined), []);
    assert.equal(identifiersOf('x'.repeat(1_000_000)).length, 1);
  });

  it('matches whole words only', () => {
    assert.ok(mentions('\treturn rt_len + 1;', 'rt_len'));
    assert.ok(!mentions('\treturn rt_len2;', 'rt_len'));
    assert.ok(!mentions('\tmy_rt_len = 1;', 'rt_len'));
  });

  it('reads component prefixes of subjects against a path', () => {
    const comps = componentsOf('lib/netdev-dpdk.c');
    assert.ok(subjectNames('netdev-dpdk: fix the ring size', comps));
    assert.ok(subjectNames('lib: tidy', comps));
    assert.ok(!subjectNames('ofproto: fix', comps));
    assert.ok(!subjectNames('no prefix here', comps));
  });
});
