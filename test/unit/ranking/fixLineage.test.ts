import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/engine/analyze';
import { incidentFromFlags } from '../../../src/engine/incident/incidentFromFlags';
import { laterFixes, parseFixesTrailers } from '../../../src/engine/ranking/fixLineage';
import type { Ranking } from '../../../src/engine/ranking/rank';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';

const day = (n: number, min = 0) => new Date(Date.UTC(2024, 0, 1 + n, 10, min));

describe('ranking: fix lineage (Fixes: trailers)', () => {
  it('reads kernel-style trailers with their subjects', () => {
    const msg = 'ip: fix a crash\n\nSome text.\n\nFixes: 1234abcd5678 ("ip: add a thing")\nFixes: ABCDEF1 ("other")\nSigned-off-by: A <a@b>\n';
    assert.deepEqual(parseFixesTrailers(msg), [
      { sha: '1234abcd5678', subject: 'ip: add a thing' },
      { sha: 'abcdef1', subject: 'other' },
    ]);
  });

  it('accepts `commit` and missing subjects, and drops duplicates', () => {
    assert.deepEqual(parseFixesTrailers('x\n\nFixes: commit 0123456789ab\nFixes: 0123456789ab ("again")'), [{ sha: '0123456789ab' }]);
  });

  it('ignores issue references, short hex, and prose mentions', () => {
    assert.deepEqual(parseFixesTrailers('Fixes: #123\nFixes: https://github.com/x/y/issues/4\nFixes: abc12\nThis Fixes: 1234567890 inline'), []);
  });

  it('survives hostile input', () => {
    assert.deepEqual(parseFixesTrailers('\0'.repeat(1000) + 'Fixes: ' + 'a'.repeat(100000)), []);
  });
});

describe('ranking: fix lineage', () => {
  const info = (sha: string, body = '', committedAt = '2024-01-01T00:00:00Z') => ({ sha, parents: [], author: 'a', authorEmail: 'a@x', date: '', committedAt, subject: 's', body });

  it('maps each named commit to the later commits that fix it, by prefix, never itself', () => {
    const a = info('aaaaaaa1111111111111111111111111111111111');
    const b = info('bbbbbbb2222222222222222222222222222222222', 'Fixes: aaaaaaa1111 ("a")\nFixes: cccccccc ("outside the window")');
    const c = info('ddddddd3333333333333333333333333333333333', 'Fixes: AAAAAAA1 ("a")\nFixes: ddddddd3 ("itself")');
    const m = laterFixes([c, b, a]);
    assert.deepEqual(m.get(a.sha)?.map((x) => x.sha), [c.sha, b.sha]);
    assert.equal(m.has(c.sha), false, 'a commit never fixes itself');
    assert.equal(m.size, 1);
    // A newer commit that happens to share the short sha is not what an older fix named.
    const newer = info('eeeeeee4444444444444444444444444444444444', '', '2024-02-01T00:00:00Z');
    const oldFix = info('fffffff5555555555555555555555555555555555', 'Fixes: eeeeeee ("older, outside the window")', '2024-01-15T00:00:00Z');
    assert.equal(laterFixes([newer, oldFix]).size, 0);
  });

  it('gives the commit whose fix touched the failing line its lineage features, in words', async () => {
    const root = tempDir('ifx-lineage-');
    const g = new GitWriter(join(root, 'repo')).init();
    const src = (check: string, pad = '') => ['int parse(struct msg *m, int len)', '{', `\t${check}`, '\t\treturn -1;', '\treturn 0;', '}', pad, ''].join('\n');
    g.write('src/parse.c', src('if (len < 4)'));
    g.commit('initial import', { date: day(0), author: 'Ann' });
    g.write('src/parse.c', src('if (len < m->hdr)'));
    const culprit = g.commit('parse: check against the header length', { date: day(3), author: 'Bob' });
    g.write('src/parse.c', src('if (len < m->hdr || !m->hdr)'));
    const fix = g.commit(`parse: reject an empty header\n\nFixes: ${culprit.slice(0, 12)} ("parse: check against the header length")`, { date: day(5), author: 'Cy' });
    g.write('src/other.c', 'int other;\n');
    const other = g.commit('other: add', { date: day(6), author: 'Dee' });
    const logs = join(root, 'crash.log');
    writeFileSync(logs, `${day(8).toISOString()} ERROR parsed: Program received signal SIGSEGV\n#0  0x0000555555555189 in parse () at /build/src/parse.c:3\n`);
    let ranking: Ranking | undefined;
    const report = await analyze(
      { repoDir: g.dir, incident: incidentFromFlags({ service: 'parsed', metric: 'crash_rate', at: day(8, 1).toISOString() }), logs: [logs], lookbackDays: 30, config: { services: { parsed: ['**'] } } },
      { onRanking: (x) => (ranking = x) },
    );
    const x = (sha: string) => ranking!.ranked.find((k) => k.commit.sha === sha)!.features;
    assert.equal(x(culprit).fixed_since, 1);
    assert.equal(x(culprit).fixed_near_frame, 1, 'its fix wrote the frame line');
    assert.equal(x(fix).fixed_since, 0);
    assert.equal(x(other).fixed_since, 0);
    const s = report.suspects.find((k) => k.commit === culprit)!;
    assert.ok(s.signals.some((k) => k.kind === 'fixed_near_frame' && k.detail.includes(fix.slice(0, 7)) && k.detail.includes('src/parse.c:3')), JSON.stringify(s.signals));
  });
});
