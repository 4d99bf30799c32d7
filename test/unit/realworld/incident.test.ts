import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { RealCase } from '../../../bench/realworld/cases';
import { alertOf, logTextOf, writeIncident } from '../../../bench/realworld/incident';
import { readAlertFile } from '../../../src/engine/incident/readAlertFile';
import { PathMapper } from '../../../src/engine/logs/pathMapper';
import { scanLogs } from '../../../src/engine/logs/scanLogs';
import { tempDir } from '../../support/tmp';

const FIX_TIME = Date.parse('2024-04-14T10:00:00Z') / 1000;

function caseFor(file: string, func: string | undefined): RealCase {
  return {
    id: 'pool-0123456789ab', repo: 'pool', fix: 'f'.repeat(40), fixParent: 'e'.repeat(40), fixTime: FIX_TIME, fixSubject: 'fix',
    culprit: 'c'.repeat(40), culprits: ['c'.repeat(40)], culpritTime: FIX_TIME - 86400, culpritSubject: 'bug',
    symptom: { file, line: 42, pureAddition: false, lineText: 'x', ...(func ? { func, funcStart: 40, funcEnd: 50, funcSource: 'finder' as const } : {}) },
  };
}

const REPO_FILES = ['src/pool.c', 'src/other/pool.c', 'pkg/net/dial.go', 'js/ui/panel.js', 'tools/gen.py', 'README.md'];

async function frames(c: RealCase, variant: 'line' | 'func') {
  const dir = tempDir('ifx-rw-inc-');
  const { log } = writeIncident(dir, c, variant);
  const scan = await scanLogs([log], { mapper: new PathMapper(REPO_FILES), defaultDate: '2024-04-14' });
  return scan;
}

describe('realworld: incidents', () => {
  it('writes a seed alert at the fix time that the engine reads', async () => {
    const dir = tempDir('ifx-rw-inc-');
    const c = caseFor('src/pool.c', 'pool_acquire');
    const { alert } = writeIncident(dir, c, 'line');
    const inc = await readAlertFile(alert);
    assert.equal(inc.service, 'pool');
    assert.equal(inc.metric, 'error_rate');
    assert.equal(inc.alertTime, '2024-04-14T10:00:00.000Z');
    assert.equal(inc.source, 'seed');
    assert.deepEqual(JSON.parse(readFileSync(alert, 'utf8')), alertOf(c));
  });

  for (const [file, func] of [['src/pool.c', 'pool_acquire'], ['pkg/net/dial.go', 'Dial'], ['js/ui/panel.js', '_onClick'], ['tools/gen.py', 'main']] as const) {
    it(`line variant: one error whose top frame is ${file}:42 at the alert time`, async () => {
      const scan = await frames(caseFor(file, func), 'line');
      assert.equal(scan.errors >= 1, true, JSON.stringify(scan.formats));
      const loc = scan.locations.find((l) => l.file === file && l.line === 42);
      assert.ok(loc, `locations: ${JSON.stringify(scan.locations.map((l) => [l.file, l.line, l.func]))}`);
      assert.equal(loc.depth, 0);
      assert.equal(loc.firstAt, FIX_TIME * 1000);
    });
  }

  it('func variant: the frame names file and function, no line', async () => {
    const scan = await frames(caseFor('src/pool.c', 'pool_acquire'), 'func');
    assert.equal(scan.locations.length, 1);
    assert.equal(scan.locations[0].file, 'src/pool.c');
    assert.equal(scan.locations[0].line, undefined);
    assert.equal(scan.locations[0].func, 'pool_acquire');
    assert.equal(scan.locations[0].level, 'error');
  });

  it('func variant without a known function still names the file', async () => {
    const scan = await frames(caseFor('src/pool.c', undefined), 'func');
    assert.deepEqual(scan.locations.map((l) => [l.file, l.line, l.func]), [['src/pool.c', undefined, undefined]]);
    assert.ok(!logTextOf(caseFor('src/pool.c', undefined), 'func').includes('function'));
  });

  it('log paths are absolute build paths, mapped back by suffix', () => {
    const text = logTextOf(caseFor('src/pool.c', 'pool_acquire'), 'line');
    assert.match(text, /\/build\/pool\/src\/pool\.c:42/);
    assert.ok(text.startsWith('2024-04-14T10:00:00.000Z ERROR'));
  });
});
