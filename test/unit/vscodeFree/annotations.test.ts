import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { anchorsFromReport, diagnosticMessage, fixStillApplies, LOG_CODE, resolveAnchors, severityFor } from '../../../src/vscode/pure/annotations';
import { aReport, CULPRIT } from '../webview/reportFixture';
import { tempDir } from '../../support/tmp';

const POOL = 'services/payment-gateway/database/pool.go';

describe('annotations: report → anchors', () => {
  it('maps confidence to severity at 0.8 and 0.5', () => {
    assert.equal(severityFor(0.94), 'error');
    assert.equal(severityFor(0.8), 'error');
    assert.equal(severityFor(0.79), 'warning');
    assert.equal(severityFor(0.5), 'warning');
    assert.equal(severityFor(0.49), 'information');
  });

  it('writes the short message of the issue', () => {
    assert.equal(diagnosticMessage({ commit: CULPRIT, confidence: 0.94 }, 'SetMaxIdleConns called twice (50, then 100)'), 'Suspect 7b3f2a1 (94%): SetMaxIdleConns called twice (50, then 100)');
    const long = diagnosticMessage({ commit: CULPRIT, confidence: 0.5 }, 'x\n'.repeat(200));
    assert.ok(long.length < 200 && !long.includes('\n'));
  });

  it('anchors findings and log-correlated lines of the top suspects only', () => {
    const anchors = anchorsFromReport(aReport(), 3);
    assert.deepEqual(anchors.map((a) => [a.kind, a.file, a.line, a.code]), [
      ['finding', POOL, 23, 'DUPLICATE_METHOD_CALL'],
      ['log', POOL, 45, LOG_CODE],
    ]);
    assert.equal(anchors[0].severity, 'error');
    assert.ok(anchors[0].fix);
    assert.equal(anchors[0].related.length, 1); // the log line
    assert.equal(anchors[1].related[0].line, 23); // the finding
    assert.deepEqual(anchorsFromReport(aReport(), 0), []);
  });

  it('skips findings without a usable line and dedupes across suspects', () => {
    const r = aReport();
    r.suspects[0].findings.push({ pattern: 'X', file: POOL, line: 0, message: 'no line', confidence: 0.5 });
    r.suspects[1].findings.push({ ...r.suspects[0].findings[0] });
    const anchors = anchorsFromReport(r, 3);
    assert.equal(anchors.filter((a) => a.code === 'DUPLICATE_METHOD_CALL').length, 1);
    assert.equal(anchors.find((a) => a.code === 'DUPLICATE_METHOD_CALL')!.rank, 1);
    assert.ok(!anchors.some((a) => a.code === 'X'));
  });
});

describe('annotations: resolving against a real repository', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `// line ${i + 1}`);
  let repo: GitWriter;
  let culprit: string;

  before(() => {
    repo = new GitWriter(join(tempDir(), 'r')).init();
    const v1 = body(60);
    repo.write(POOL, v1.join('\n') + '\n');
    repo.commit('base', { date: '2024-01-10T00:00:00Z' });
    const v2 = [...v1];
    v2[22] = '\tdb.SetMaxIdleConns(100)';
    repo.write(POOL, v2.join('\n') + '\n');
    culprit = repo.commit('culprit', { date: '2024-01-18T08:30:00Z' });
    // Later: two lines inserted at the top; line 45 (the log line) rewritten.
    const v3 = ['package database', '', ...v2];
    v3[46] = '// rewritten 45';
    repo.write(POOL, v3.join('\n') + '\n');
    repo.commit('later', { date: '2024-01-18T10:00:00Z' });
  });

  const report = () => {
    const r = aReport();
    r.suspects[0].commit = culprit;
    r.logs.correlations[0].commit = culprit;
    r.suspects[0].findings[0].fix!.file = POOL;
    return r;
  };

  it('moves the finding to today\'s line, drops the rewritten log line, keeps the fix', async () => {
    const resolved = await resolveAnchors(repo.dir, anchorsFromReport(report(), 3));
    assert.equal(resolved.length, 1);
    const [a] = resolved;
    assert.equal(a.currentFile, POOL);
    assert.equal(a.currentLine, 25);
    assert.deepEqual(a.fixRange, { startLine: 25, endLine: 25, expected: ['\tdb.SetMaxIdleConns(100)'] });
    // The related log line no longer exists today: no `current`, it stays on the commit's version.
    assert.equal(a.related[0].current, undefined);
    assert.equal(a.related[0].line, 45);
  });

  it('offers the fix only while the text is unchanged', async () => {
    const [a] = await resolveAnchors(repo.dir, anchorsFromReport(report(), 3));
    assert.ok(fixStillApplies(a.fixRange!, ['\tdb.SetMaxIdleConns(100)\r']));
    assert.ok(!fixStillApplies(a.fixRange!, ['\tdb.SetMaxIdleConns(10)']));
    assert.ok(!fixStillApplies(a.fixRange!, []));
  });

  it('drops anchors edited away in the working tree, and reports unknown commits', async () => {
    const path = join(repo.dir, POOL);
    const committed = repo.git(['show', `HEAD:${POOL}`]);
    try {
      writeFileSync(path, committed.replace('\tdb.SetMaxIdleConns(100)\n', ''));
      assert.equal((await resolveAnchors(repo.dir, anchorsFromReport(report(), 3))).length, 0);
    } finally {
      writeFileSync(path, committed);
    }
    const problems: string[] = [];
    const r = report();
    r.suspects[0].commit = 'f'.repeat(40);
    const resolved = await resolveAnchors(repo.dir, anchorsFromReport(r, 3), { onProblem: (m) => problems.push(m) });
    assert.equal(resolved.length, 0);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /cannot map .*pool\.go from fffffff/);
  });

  it('drops a finding whose path leaves the repository', async () => {
    const r = report();
    r.suspects[0].findings[0].file = '../../../etc/passwd';
    const problems: string[] = [];
    const resolved = await resolveAnchors(repo.dir, anchorsFromReport(r, 3), { onProblem: (m) => problems.push(m) });
    assert.ok(!resolved.some((a) => a.file.includes('passwd')));
    assert.ok(problems.some((p) => p.includes('leaves the repository')));
  });
});
