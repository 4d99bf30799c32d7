import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../bench/realworld/fitSparse';
import type { CaseResult } from '../../../bench/realworld/score';
import { tempDir } from '../../support/tmp';

/** Cases whose culprit alone touched the frame's line history; the newest candidate is a decoy every time. */
function results(repo: string, n: number, variant: 'line' | 'func' = 'line'): CaseResult[] {
  return Array.from({ length: n }, (_v, i) => {
    const sha = (k: number) => `${repo}${i}`.padEnd(39, '0') + k;
    return {
      id: `${repo}-${i}`, repo, variant, fix: sha(9), culprits: [sha(2)], ranks: { blame: 2, recency: 1 }, listed: {}, pureAddition: false, culpritInFile: true, toolMs: 1,
      candidates: [
        { sha: sha(1), t: 3000, x: { recency: 1, size: 0.5 } as Record<string, number> },
        { sha: sha(2), t: 2000, x: { recency: 0.5, frame_line_hist: 1, log_first_error: 1 } },
        { sha: sha(3), t: 1000, x: { recency: 0.2, size: 0.3 } },
      ],
    };
  });
}

describe('realworld: fitting the sparse profile', () => {
  it('ranks each repository by weights fitted on the others and writes the all-repository fit', async () => {
    const dir = tempDir('ifx-fitsparse-');
    const dev = join(dir, 'dev.json');
    const held = join(dir, 'held.json');
    writeFileSync(dev, JSON.stringify({ results: [...results('aaa', 6), ...results('bbb', 6), ...results('aaa', 4, 'func'), ...results('ccc', 4, 'func')] }));
    // A run whose tool failed has no candidates: a miss, not a dropped case.
    const failed = { ...results('ddd', 1)[0], candidates: undefined, toolError: 'boom' };
    writeFileSync(held, JSON.stringify({ results: [...results('ddd', 3), failed, ...results('ddd', 2, 'func')] }));
    let text = '';
    const outFiles = { line: join(dir, 'line.json'), func: join(dir, 'func.json') };
    assert.equal(await main(['--separate', 'ddd', '--write', dev, held], { write: (s: string) => (text += s) }, outFiles, { write: () => true }), 0);
    const [line, func] = text.split('### Variant `func`');
    assert.match(line, /\| aaa \| 6 \| 1\.00 \/ 1\.00 \/ 1\.00 \|/);
    assert.match(line, /\| \*\*development set\*\* \| 12 \| 1\.00/);
    assert.match(line, /Reliability, out of fold \(confidence bin: runs, mean confidence → right\): 0\.\d–\d\.\d: \d+, /, 'the reliability table of the out-of-fold top picks');
    assert.match(line, /\| ddd \(held out[^|]*\| 4 \| 0\.75 \//, 'three hits and the failed run');
    assert.match(func, /\| \*\*development set\*\* \| 8 \| 1\.00/, 'the function-only runs, fitted apart');
    assert.match(func, /\| ddd \(held out[^|]*\| 2 \| 1\.00 \//);
    for (const [variant, file] of Object.entries(outFiles)) {
      const profile = JSON.parse(readFileSync(file, 'utf8'));
      assert.ok(profile.weights.frame_line_hist > 0, variant);
      assert.match(profile.fittedOn, variant === 'line' ? /has a line/ : /only a function/);
      assert.equal(profile.weights.log_first_error, undefined, 'left out: it would learn the benchmark\'s one-hour floor');
      assert.ok(!profile.features.includes('log_first_error'));
    }
  });

  it('refuses a single development repository', async () => {
    const dir = tempDir('ifx-fitsparse-');
    const f = join(dir, 'one.json');
    writeFileSync(f, JSON.stringify({ results: results('aaa', 3) }));
    let err = '';
    assert.equal(await main([f], { write: () => true }, { line: join(dir, 'x.json'), func: join(dir, 'y.json') }, { write: (s: string) => (err += s) }), 2);
    assert.match(err, /at least two development repositories/);
  });

  it('writes neither profile when one frame kind lacks a second repository', async () => {
    const dir = tempDir('ifx-fitsparse-');
    const f = join(dir, 'runs.json');
    writeFileSync(f, JSON.stringify({ results: [...results('aaa', 3), ...results('bbb', 3), ...results('aaa', 3, 'func')] }));
    let err = '';
    const outFiles = { line: join(dir, 'line.json'), func: join(dir, 'func.json') };
    assert.equal(await main(['--write', f], { write: () => true }, outFiles, { write: (s: string) => (err += s) }), 2);
    assert.match(err, /variant func: need at least two development repositories/);
    assert.ok(!existsSync(outFiles.line) && !existsSync(outFiles.func));
  });
});
