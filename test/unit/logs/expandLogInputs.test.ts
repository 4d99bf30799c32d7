import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandLogInputs } from '../../../src/engine/logs/expandLogInputs';
import { tempDir } from '../../support/tmp';

describe('logs: expanding log inputs', () => {
  const outside = tempDir('ifx-logs-outside-');
  const repo = tempDir('ifx-logs-repo-');
  writeFileSync(join(outside, 'secret.log'), 'x\n');
  mkdirSync(join(outside, 'dir'));
  writeFileSync(join(outside, 'dir', 'o.log'), 'x\n');
  mkdirSync(join(repo, 'logs', 'nested'), { recursive: true });
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'logs', '.git'));
  writeFileSync(join(repo, 'logs', 'a.log'), 'a\n');
  writeFileSync(join(repo, 'logs', 'b.txt'), 'b\n');
  writeFileSync(join(repo, 'logs', 'nested', 'c.log'), 'c\n');
  writeFileSync(join(repo, 'logs', '.git', 'HEAD'), 'ref\n');
  writeFileSync(join(repo, '.git', 'x.log'), 'x\n');
  symlinkSync(join(outside, 'secret.log'), join(repo, 'logs', 'leak.log'));
  symlinkSync(join(outside, 'dir'), join(repo, 'logs', 'leakdir'));
  symlinkSync(join(repo, 'logs', 'a.log'), join(repo, 'logs', 'alias.log'));

  it('takes files, walks directories (skipping .git and linked folders) and dedupes, also through links', async () => {
    const r = await expandLogInputs(['logs/a.log', 'logs', 'logs/a.log'], repo);
    const rel = r.files.map((f) => f.slice(repo.length + 1));
    assert.deepEqual(rel, ['logs/a.log', 'logs/b.txt', 'logs/leak.log', 'logs/nested/c.log']);
    const alias = await expandLogInputs(['logs/alias.log'], repo);
    assert.deepEqual(alias.files, [join(repo, 'logs', 'alias.log')]);
    assert.deepEqual(r.problems, []);
  });

  it('expands globs relative to the base folder', async () => {
    const r = await expandLogInputs(['logs/**/*.log'], repo);
    const rel = r.files.map((f) => f.slice(repo.length + 1));
    assert.ok(rel.includes('logs/a.log') && rel.includes('logs/nested/c.log'));
    assert.ok(!rel.includes('logs/b.txt'));
    assert.ok(!rel.some((p) => p.includes('.git')));
  });

  it('reports missing paths and globs matching nothing', async () => {
    const r = await expandLogInputs(['nope.log', 'logs/*.json'], repo);
    assert.deepEqual(r.files, []);
    assert.deepEqual(r.problems, ['nope.log: no such file or directory', 'logs/*.json: matched no files']);
  });

  describe('confined to the repository (config-provided globs)', () => {
    const opts = { confineTo: repo };

    it('keeps what is inside', async () => {
      const r = await expandLogInputs(['logs/*.log'], repo, opts);
      const rel = r.files.map((f) => f.slice(repo.length + 1));
      assert.deepEqual(rel, ['logs/a.log'], 'alias.log is the same file');
    });

    it('refuses ../ paths and globs', async () => {
      const rel = `../${outside.split('/').pop()}/secret.log`;
      const r = await expandLogInputs([rel, '../**/*.log', `../${outside.split('/').pop()}/*.log`], repo, opts);
      assert.deepEqual(r.files, []);
      assert.equal(r.problems.length, 3);
      for (const p of r.problems) assert.match(p, /refused/);
    });

    it('refuses absolute paths elsewhere', async () => {
      const r = await expandLogInputs([join(outside, 'secret.log'), `${outside}/**/*.log`, '/etc/passwd'], repo, opts);
      assert.deepEqual(r.files, []);
      assert.equal(r.problems.length, 3);
      for (const p of r.problems) assert.match(p, /refused/);
    });

    it('refuses symlinks that leave it, whether named, walked or globbed', async () => {
      const named = await expandLogInputs(['logs/leak.log', 'logs/leakdir'], repo, opts);
      assert.deepEqual(named.files, []);
      assert.equal(named.problems.length, 2);
      const walked = await expandLogInputs(['logs'], repo, opts);
      assert.ok(!walked.files.some((f) => f.endsWith('leak.log')));
      assert.ok(walked.problems.some((p) => /leak\.log: refused/.test(p)));
      const globbed = await expandLogInputs(['logs/**/*.log'], repo, opts);
      assert.ok(!globbed.files.some((f) => f.endsWith('leak.log') || f.endsWith('o.log')));
      assert.ok(globbed.problems.some((p) => /leak\.log: refused/.test(p)));
    });
  });
});
