import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { classifyRisk } from '../../../src/engine/signals/classifyRisk';
import { commitTraits, parseBlameIgnoreRevs } from '../../../src/engine/signals/commitTraits';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';
import { inputsFromCommit } from '../detectors/gitInputs';

const POOL = `package db

import "time"

func Configure(db *sql.DB) {
	db.SetMaxOpenConns(50)
	db.SetConnMaxLifetime(time.Minute)
}
`;

describe('commitTraits through real git', () => {
  const w = new GitWriter(join(tempDir('ifx-traits-'), 'repo')).init();
  let day = 1;
  const commit = (files: Record<string, string | null>, msg: string): string => {
    for (const [p, c] of Object.entries(files)) {
      if (c === null) w.remove(p);
      else w.write(p, c);
    }
    return w.commit(msg, { date: `2024-02-${String(day++).padStart(2, '0')}T10:00:00Z` });
  };
  const base = commit({ 'db/pool.go': POOL, 'db/pool_test.go': 'package db\n', 'README.md': '# x\n' }, 'initial');
  const traits = (sha: string, ignore = new Set<string>()) => commitTraits(inputsFromCommit(w, sha), sha, ignore);

  it('a docs-only commit (README + comment edits)', () => {
    const sha = commit({ 'README.md': '# x\n\nPool notes.\n', 'db/pool.go': POOL.replace('func Configure', '// Configure sizes the pool.\nfunc Configure') }, 'docs');
    assert.deepEqual(traits(sha), { docsOnly: true, testsOnly: false, formattingOnly: false });
  });

  it('a tests-only commit', () => {
    const sha = commit({ 'db/pool_test.go': 'package db\n\nfunc TestPool(t *testing.T) {}\n' }, 'test: pool');
    assert.deepEqual(traits(sha), { docsOnly: false, testsOnly: true, formattingOnly: false });
    assert.deepEqual(classifyRisk(inputsFromCommit(w, sha)[0]).map((s) => s.kind), ['tests']);
  });

  it('a formatting-only commit (gofmt-style re-indent and import reorder)', () => {
    const now = w.git(['show', 'HEAD:db/pool.go']);
    const sha = commit({ 'db/pool.go': now.replace('\tdb.SetMaxOpenConns(50)', '    db.SetMaxOpenConns( 50 )') }, 'style: gofmt');
    assert.deepEqual(traits(sha), { docsOnly: false, testsOnly: false, formattingOnly: true });
  });

  it('a real change is none of these, unless .git-blame-ignore-revs lists it', () => {
    const now = w.git(['show', 'HEAD:db/pool.go']);
    const sha = commit({ 'db/pool.go': now.replace('( 50 )', '(200)'), 'README.md': '# x\n\nPool: 200.\n' }, 'perf: pool 200');
    assert.deepEqual(traits(sha), { docsOnly: false, testsOnly: false, formattingOnly: false });
    const file = `# Reformat with gofmt\n${sha}\n\n# bogus lines are ignored\nnot-a-sha\n${base.slice(0, 12)}  # abbreviated\n`;
    commit({ '.git-blame-ignore-revs': file }, 'chore: ignore the reformat in blame');
    const revs = parseBlameIgnoreRevs(w.git(['show', 'HEAD:.git-blame-ignore-revs']));
    assert.deepEqual([...revs], [sha, base.slice(0, 12)]);
    assert.equal(traits(sha, revs).formattingOnly, true);
    assert.equal(commitTraits([], base, revs).formattingOnly, true, 'abbreviated entries match by prefix');
  });

  it('a commit that deletes a file or only renames it', () => {
    const del = commit({ 'db/pool_test.go': null }, 'test: drop');
    assert.equal(traits(del).testsOnly, true);
    w.git(['mv', 'README.md', 'README.markdown']);
    const mv = w.commit('docs: rename', { date: '2024-03-01T00:00:00Z' });
    const inputs = inputsFromCommit(w, mv);
    assert.equal(inputs[0].file.status, 'R');
    assert.deepEqual(classifyRisk(inputs[0]), []);
    assert.equal(traits(mv).docsOnly, true);
  });

  it('parses blame-ignore files with CRLF, comments and junk, and empty commits have no traits', () => {
    const sha = 'ABCDEF0123456789abcdef0123456789abcdef01';
    assert.deepEqual([...parseBlameIgnoreRevs(`${sha}\r\n# c\r\n\r\n--option\r\n\u0000\u0001\r\n`)], [sha.toLowerCase()]);
    assert.deepEqual(commitTraits([], 'f'.repeat(40), new Set()), { docsOnly: false, testsOnly: false, formattingOnly: false });
  });
});
