import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { CommitLineMapper, mapLineThroughHunks, parseNameStatusEntries, parseNameStatusZ } from '../../../src/vscode/pure/lineMap';
import { parseUnifiedDiff } from '../../../src/engine/git/parseDiff';
import { EngineError } from '../../../src/engine/errors';
import { tempDir } from '../../support/tmp';

const lines = (n: number, tag = 'l') => Array.from({ length: n }, (_, i) => `${tag}${i + 1}`).join('\n') + '\n';

describe('lineMap: commit lines → today', () => {
  let repo: GitWriter;
  let culprit: string;

  before(() => {
    repo = new GitWriter(join(tempDir(), 'r')).init();
    repo.write('pool.go', lines(30)).write('gone.go', lines(5)).write('moved.go', lines(40, 'm'));
    repo.commit('base', { date: '2024-01-10T10:00:00Z' });
    // The culprit's version of pool.go: line 20 is the duplicated setter.
    repo.write('pool.go', lines(30).replace('l20\n', 'db.SetMaxIdleConns(100)\n'));
    culprit = repo.commit('culprit', { date: '2024-01-18T08:30:00Z' });
    // A later commit inserts 3 lines at the top and deletes line 10; renames moved.go; deletes gone.go.
    const later = lines(30).replace('l20\n', 'db.SetMaxIdleConns(100)\n').replace('l10\n', '');
    repo.write('pool.go', 'a\nb\nc\n' + later);
    repo.remove('gone.go');
    repo.remove('moved.go').write('pkg/moved.go', lines(40, 'm'));
    repo.commit('later', { date: '2024-01-18T09:00:00Z' });
  });

  it('follows later commits: insertions above shift, a deleted line maps to null', async () => {
    const m = await new CommitLineMapper(repo.dir, culprit).forFile('pool.go');
    assert.equal(m.currentPath, 'pool.go');
    assert.equal(m.map(20), 22); // +3 above, -1 (l10) above
    assert.equal(m.map(5), 8);
    assert.equal(m.map(10), null);
    assert.equal(m.map(11), 13);
    assert.equal(m.map(0), null);
  });

  it('follows uncommitted edits in the working tree', async () => {
    const path = join(repo.dir, 'pool.go');
    const committed = repo.git(['show', 'HEAD:pool.go']);
    try {
      // Edit the culprit line itself and insert one line above it.
      writeFileSync(path, committed.replace('l15\n', 'l15\nnew\n').replace('l21\n', 'l21 changed\n'));
      const m = await new CommitLineMapper(repo.dir, culprit).forFile('pool.go');
      assert.equal(m.map(20), 23);
      assert.equal(m.map(21), null);
      assert.equal(m.map(25), 28);
    } finally {
      writeFileSync(path, committed);
    }
  });

  it('follows a rename and drops a deleted file', async () => {
    const mapper = new CommitLineMapper(repo.dir, culprit);
    const moved = await mapper.forFile('moved.go');
    assert.equal(moved.currentPath, 'pkg/moved.go');
    assert.equal(moved.map(33), 33);
    const gone = await mapper.forFile('gone.go');
    assert.equal(gone.currentPath, null);
    assert.equal(gone.map(1), null);
  });

  it('maps an unchanged file identically', async () => {
    const head = repo.head();
    const m = await new CommitLineMapper(repo.dir, head).forFile('pool.go');
    assert.equal(m.map(7), 7);
  });

  it('refuses hostile refs and paths before git sees them', async () => {
    assert.throws(() => new CommitLineMapper(repo.dir, '--output=/tmp/x'), (e: unknown) => EngineError.is(e, 'badRef'));
    const mapper = new CommitLineMapper(repo.dir, culprit);
    await assert.rejects(mapper.forFile('../etc/passwd'), (e: unknown) => EngineError.is(e, 'outsideWorkspace'));
    await assert.rejects(mapper.forFile('/etc/passwd'), (e: unknown) => EngineError.is(e, 'outsideWorkspace'));
  });

  it('reports an unknown commit as gitFailed', async () => {
    await assert.rejects(new CommitLineMapper(repo.dir, 'deadbeefdeadbeef').forFile('pool.go'), (e: unknown) => EngineError.is(e, 'gitFailed'));
  });
});

describe('lineMap: hunk walking', () => {
  const diff = (body: string) => parseUnifiedDiff(`diff --git a/f b/f\n--- a/f\n+++ b/f\n${body}`)[0].hunks;

  it('handles pure insertions at the top and after a line', () => {
    const h = diff('@@ -0,0 +1,2 @@\n+x\n+y\n@@ -5,0 +8,1 @@\n+z\n');
    assert.equal(mapLineThroughHunks(h, 1), 3);
    assert.equal(mapLineThroughHunks(h, 5), 7);
    assert.equal(mapLineThroughHunks(h, 6), 9);
  });

  it('keeps context lines and maps them to their new numbers', () => {
    const h = diff('@@ -3,3 +3,4 @@\n a\n-b\n+B\n+B2\n c\n');
    assert.equal(mapLineThroughHunks(h, 3), 3);
    assert.equal(mapLineThroughHunks(h, 4), null);
    assert.equal(mapLineThroughHunks(h, 5), 6);
    assert.equal(mapLineThroughHunks(h, 9), 10);
  });

  it('treats a line inside a truncated hunk as unknown', () => {
    const h = diff('@@ -3,5 +3,5 @@\n-a\n+A\n');
    assert.equal(mapLineThroughHunks(h, 6), null);
  });

  it('parses -z name-status with renames and deletions', () => {
    const m = parseNameStatusZ('M\0a.go\0R087\0old.go\0new.go\0D\0x.go\0');
    assert.deepEqual(m.get('a.go'), { status: 'M', newPath: 'a.go' });
    assert.deepEqual(m.get('old.go'), { status: 'R', newPath: 'new.go' });
    assert.deepEqual(m.get('x.go'), { status: 'D', newPath: null });
    assert.equal(parseNameStatusZ('R100\0only-one').size, 0);
    // A copy leaves its source in place; the entry list (the commit's files) keeps it with where it came from.
    assert.equal(parseNameStatusZ('C075\0a.go\0b.go\0').size, 0);
    assert.deepEqual(parseNameStatusEntries('C075\0a.go\0b.go\0A\0c.go\0'), [{ status: 'C', path: 'b.go', oldPath: 'a.go' }, { status: 'A', path: 'c.go' }]);
  });
});
