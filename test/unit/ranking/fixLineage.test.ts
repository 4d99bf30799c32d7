import { strict as assert } from 'node:assert';
import { parseFixesTrailers } from '../../../src/engine/ranking/fixLineage';

describe('realworld: Fixes trailers', () => {
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
