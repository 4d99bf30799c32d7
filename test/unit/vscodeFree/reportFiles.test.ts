import { strict as assert } from 'node:assert';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReportFile } from '../../../src/engine/report/readReport';
import { listReports, REPORT_DIR } from '../../../src/vscode/pure/reportFiles';
import { EngineError } from '../../../src/engine/errors';
import { aReport } from '../webview/reportFixture';
import { tempDir } from '../../support/tmp';

describe('reportFiles: past reports', () => {
  it('lists valid reports newest first and skips broken ones with a reason', async () => {
    const repo = tempDir();
    const dir = join(repo, REPORT_DIR);
    mkdirSync(dir, { recursive: true });
    const older = join(dir, 'INC-1-report.json');
    const newer = join(dir, 'INC-2-report.json');
    writeFileSync(older, JSON.stringify(aReport({ incident: { ...aReport().incident, id: 'INC-1' } })));
    writeFileSync(newer, JSON.stringify(aReport({ incident: { ...aReport().incident, id: 'INC-2' } })));
    utimesSync(older, new Date('2024-01-01'), new Date('2024-01-01'));
    writeFileSync(join(dir, 'trunc-report.json'), JSON.stringify(aReport()).slice(0, 300));
    writeFileSync(join(dir, 'binary-report.json'), Buffer.from([0, 159, 146, 150, 255]));
    writeFileSync(join(dir, 'other-report.json'), JSON.stringify({ schema: 'something/else' }));
    writeFileSync(join(dir, 'INC-1-report.md'), '# not json');
    const skipped: string[] = [];
    const list = await listReports(repo, (p, why) => skipped.push(`${p}: ${why}`));
    assert.deepEqual(list.map((r) => r.report.incident.id), ['INC-2', 'INC-1']);
    assert.equal(skipped.length, 3);
    assert.ok(skipped.some((s) => s.includes('trunc-report.json') && s.includes('not valid JSON')));
    assert.ok(skipped.some((s) => s.includes('other-report.json') && s.includes('schema')));
  });

  it('returns nothing when there is no report folder', async () => {
    assert.deepEqual(await listReports(tempDir()), []);
  });

  it('names the file when a single report is unreadable', async () => {
    const p = join(tempDir(), 'x-report.json');
    await assert.rejects(readReportFile(p), (e: unknown) => EngineError.is(e, 'badInput') && e.where === p);
    writeFileSync(p, '{"schema": "incident-forensics/report@1"}');
    await assert.rejects(readReportFile(p), (e: unknown) => EngineError.is(e, 'badInput') && /incident/.test(e.message));
  });
});
