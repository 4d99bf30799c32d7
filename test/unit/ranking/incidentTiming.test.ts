import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/engine/analyze';
import { incidentFromFlags } from '../../../src/engine/incident/incidentFromFlags';
import type { Ranking } from '../../../src/engine/ranking/rank';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';

const at = (h: number, m = 0) => new Date(Date.UTC(2024, 2, 5, h, m));
const MIN = 60_000;
const stamp = (t: number) => new Date(t).toISOString().replace('T', ' ').replace('.', ',').slice(0, 23);

/** pool.go with `pad` comment lines above the function, moving the chronic error's line (6 + pad). */
function poolGo(pad: number, chronic: string): string {
  const lines = ['package pool', '', ...Array.from({ length: pad }, (_v, i) => `// note ${i}`), 'func Acquire() error {', '\tc, err := take()', '\tif err != nil {', `\t\tlog.Error("${chronic}", err)`, '\t\treturn err', '\t}', '\tif c.stale {', '\t\tlog.Error("stale connection dropped")', '\t}', '\treturn nil', '}', ''];
  return lines.join('\n');
}

describe('ranking: what the incident\'s timing says', () => {
  it('keeps a chronic error chronic when a deploy moves its line or the logs begin after it, and counts a load surge against earlier changes', async () => {
    const root = tempDir('ifx-timing-');
    const g = new GitWriter(join(root, 'repo')).init();
    g.write('pool/pool.go', poolGo(0, 'acquire failed'));
    g.commit('pool: initial import', { date: new Date(at(0).getTime() - 86_400_000), author: 'Ann' });
    g.write('pool/pool.go', poolGo(0, 'acquire failed:'));
    const early = g.commit('pool: reword the acquire error', { date: at(1), author: 'Bob' });
    // Two lines above the chronic error and the error line itself rewritten: its `file:line` moves from 6 to 8.
    g.write('pool/pool.go', poolGo(2, 'acquire failed: %v'));
    const shifter = g.commit('pool: clean up acquire', { date: at(10), author: 'Cy' });

    // Logs from 06:00: the chronic error every 20 min, at line 6 before 10:00 and at line 8 after.
    const lines: string[] = [];
    for (let t = at(6).getTime(); t < at(15).getTime(); t += 20 * MIN) {
      const line = t < at(10).getTime() ? 6 : 8;
      lines.push(`${stamp(t)} ERROR [worker-1] pool.acquire (pool/pool.go:${line}) - acquire failed: timeout`);
    }
    // From 12:00 a new error, every 5 min, from a line the initial import wrote: the error rate rises then.
    for (let t = at(12).getTime(); t < at(15).getTime(); t += 5 * MIN) lines.push(`${stamp(t + 1000)} ERROR [worker-2] pool.acquire (pool/pool.go:12) - stale connection dropped`);
    lines.sort();
    writeFileSync(join(root, 'app.log'), lines.join('\n') + '\n');
    // Requests per second: flat, then three times as many from 13:00.
    const csv = ['timestamp,value'];
    for (let t = at(6).getTime(); t <= at(15).getTime(); t += MIN) csv.push(`${t / 1000},${(t < at(13).getTime() ? 100 : 300) + ((t / MIN) % 7)}`);
    writeFileSync(join(root, 'http_requests_per_second.csv'), csv.join('\n') + '\n');

    let ranking: Ranking | undefined;
    const report = await analyze(
      { repoDir: g.dir, incident: incidentFromFlags({ service: 'pool', metric: 'http_request_duration_p95', at: at(15).toISOString() }), logs: [join(root, 'app.log')], metrics: [join(root, 'http_requests_per_second.csv')], lookbackDays: 7, config: { services: { pool: ['**'] } } },
      { onRanking: (x) => (ranking = x) },
    );
    const x = (sha: string) => ranking!.ranked.find((k) => k.commit.sha === sha)!.features;
    assert.ok(report.logs.correlations.some((c) => c.line === 8) && report.logs.correlations.some((c) => c.line === 6), 'both lines are read');
    // The error's kind was logged all along: not new after the change that moved its line.
    assert.ok(x(shifter).log_exact < 0.1, `log_exact ${x(shifter).log_exact}`);
    assert.equal(x(shifter).log_untimed, 0);
    assert.equal(x(shifter).load_surge, 1);
    const s = report.suspects.find((k) => k.commit === shifter)!;
    assert.ok(s.signals.some((k) => k.kind === 'load_surge' && /http_requests_per_second rose (2\.9|3\.0)× at 2024-03-05T13:00/.test(k.detail)), JSON.stringify(s.signals));
    // The earlier commit went live before the logs begin: its own time cannot split them, the moment
    // the error rate rose (12:00) does, and its chronic line's errors came as often before as after.
    assert.equal(x(early).log_untimed, 1);
    assert.ok(x(early).log_exact < 0.1, `log_exact ${x(early).log_exact}`);
    assert.equal(x(early).log_file, 1, 'the new error is in a file it changed');
    assert.equal(x(early).load_surge, 1);
  });
});
