import { strict as assert } from 'node:assert';
import { DETECTORS, runDetectors } from '../../../src/engine/detectors/registry';
import { parseUnifiedDiff } from '../../../src/engine/git/parseDiff';
import type { DetectorInput, FileDiff, Language } from '../../../src/engine/model';
import { classifyRisk } from '../../../src/engine/signals/classifyRisk';
import { commitTraits } from '../../../src/engine/signals/commitTraits';
import { inputFromStrings } from './gitInputs';

/** Every detector called directly (no registry safety net) must survive. */
function everything(input: DetectorInput): void {
  for (const d of DETECTORS) {
    const found = d.detect(input);
    for (const f of found) {
      assert.ok(f.line >= 1 && Number.isInteger(f.line), `${d.id} line ${f.line}`);
      assert.ok(f.confidence >= 0 && f.confidence <= 1, `${d.id} confidence`);
      if (f.excerpt !== undefined) assert.ok(f.excerpt.split('\n').length <= 7);
    }
  }
  classifyRisk(input);
  commitTraits([input], 'a'.repeat(40), new Set());
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ATOMS = ['{', '}', '(', ')', '[', ']', '"', "'", '`', '/*', '*/', '//', '#', '"""', '\\', '\n', '\n    ', ' ', ';', ':', '=', 'for ', 'if ', 'go func() ', 'catch (e) ', 'except:', ' pass', 'db.SetX(1)', 'cache[k] = v', '${', 'INSERT INTO t', '.Exec(', 'timeout=5', 'time.Sleep(1)', '/re/g', '@app.route("/")', 'def f(request):', 'class A ', '=>', '->', '\t'];

describe('detectors on hostile input', () => {
  it('skips binary diffs and files with NUL bytes', () => {
    const bin: FileDiff = { oldPath: 'a.png', newPath: 'a.png', status: 'M', binary: true, hunks: [] };
    assert.deepEqual(runDetectors({ file: bin, language: 'other', before: '\u0000\u0001', after: '\u0000\u0002' }), []);
    const nul = inputFromStrings('x.go', 'package x\n', 'package x\n\u0000\u0000 db.SetMaxOpenConns(1)\n db.SetMaxOpenConns(2)\n');
    everything(nul);
  });

  it('survives a 1 MB minified line and a 1 MB SQL string', () => {
    const minified = 'var a=' + '{b:[1,2,(3)]},'.repeat(80_000) + '0;\n';
    everything(inputFromStrings('dist/app.js', 'var a=0;\n', minified));
    const sql = `package x\n\nfunc f() {\n\tdb.Exec("INSERT INTO t VALUES ${'(1),'.repeat(250_000)}(1)")\n}\n`;
    everything(inputFromStrings('x/big.go', 'package x\n', sql));
  });

  it('survives diffs that do not match the file texts and truncated diffs', () => {
    const text = `diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n@@ -10,3 +900,4 @@ func f() {\n-\tdb.SetA(1)\n+\tdb.SetA(2)\n+\tdb.SetA(3)\n`;
    const [file] = parseUnifiedDiff(text.slice(0, text.length - 5));
    everything({ file, language: 'go', before: 'package x\n', after: 'package x\nfunc f() {\n' });
    everything({ file, language: 'python', before: undefined, after: undefined });
    everything({ file: { ...file, newPath: null, status: 'D' }, language: 'java', before: 'class A {', after: undefined });
  });

  it('survives random token soup in every language', function () {
    this.timeout(120000);
    const langs: [Language, string][] = [['go', 'a.go'], ['typescript', 'a.ts'], ['javascript', 'a.js'], ['python', 'a.py'], ['java', 'A.java'], ['other', 'a.yaml']];
    const r = rng(7);
    const soup = (n: number): string => Array.from({ length: n }, () => ATOMS[Math.floor(r() * ATOMS.length)]).join('');
    for (let i = 0; i < 30; i++) {
      const [lang, path] = langs[i % langs.length];
      const before = soup(150);
      const after = before.slice(0, 200) + soup(120) + before.slice(200);
      const input = inputFromStrings(path, before, after);
      assert.equal(input.language, lang);
      everything(input);
    }
  });

  it('keeps HTML in code as plain text in messages', () => {
    const after = `package x\n\nfunc f() {\n\tdb.SetName("<script>alert(1)</script>")\n\tdb.SetName("<b>x</b>")\n}\n`;
    const f = runDetectors(inputFromStrings('x/h.go', undefined, after));
    assert.equal(f.length, 1);
    assert.match(f[0].message, /<script>alert\(1\)<\/script>/);
  });
});
