import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blameRange, functionRange } from '../../../src/engine/git/blame';
import { GitSource } from '../../../src/engine/git/gitSource';
import { prepareRevertBranch } from '../../../src/engine/git/revert';
import { EngineError } from '../../../src/engine/errors';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';

const at = (h: number) => new Date(Date.UTC(2024, 0, 10, h));

describe('blame follows lines through later commits and moves', () => {
  it('names the commit that wrote a line even after lines above it shifted and the code moved files', async () => {
    const dir = join(tempDir(), 'r');
    const g = new GitWriter(dir).init();
    g.write('a.go', 'package a\n\nfunc Open() {\n\tdb.SetMaxIdleConns(10)\n}\n');
    g.commit('base', { date: at(1) });
    g.write('a.go', 'package a\n\nfunc Open() {\n\tdb.SetMaxIdleConns(10)\n\tdb.SetMaxIdleConns(100)\n}\n');
    const culprit = g.commit('pool', { date: at(2) });
    g.write('a.go', 'package a\n\nimport "time"\n\n// Open opens.\nfunc Open() {\n\tdb.SetMaxIdleConns(10)\n\tdb.SetMaxIdleConns(100)\n}\n');
    g.commit('shift', { date: at(3) });
    const src = await GitSource.open(dir);
    const lines = await blameRange(src, 'HEAD', 'a.go', 8, 8);
    assert.equal(lines[0].commit, culprit);
    assert.equal(lines[0].origLine, 5);
    // Past the end of the file: no blame rather than a failure.
    assert.deepEqual(await blameRange(src, 'HEAD', 'a.go', 500, 505), []);
    assert.deepEqual(await blameRange(src, 'HEAD', 'missing.go', 1, 2), []);
  });

  it('finds function ranges in Go, Python, C, Java and TypeScript', () => {
    const go = 'package a\n\nfunc (p *Pool) Acquire(ctx context.Context) error {\n\tif x {\n\t\treturn nil\n\t}\n\treturn err\n}\n\nfunc Other() {}\n';
    assert.deepEqual(functionRange(go, 'Acquire'), { from: 3, to: 8 });
    assert.deepEqual(functionRange(go, 'pool.(*Pool).Acquire'), { from: 3, to: 8 });
    const py = 'class A:\n    def save(self, r):\n        x = 1\n\n        return x\n    def other(self):\n        pass\n';
    assert.deepEqual(functionRange(py, 'save'), { from: 2, to: 5 });
    const c = 'static int\nfoo(int a)\n{\n\treturn a;\n}\nint bar(void)\n{\n\treturn 0;\n}\n';
    assert.deepEqual(functionRange(c, 'bar'), { from: 6, to: 9 });
    const java = 'class A {\n    public void save(Record r) {\n        repo.save(r);\n    }\n}\n';
    assert.deepEqual(functionRange(java, 'save'), { from: 2, to: 4 });
    const ts = 'export async function login(u: User) {\n  return cache.set(u.id, u);\n}\n';
    assert.deepEqual(functionRange(ts, 'login'), { from: 1, to: 3 });
    assert.equal(functionRange(ts, 'nothere'), undefined);
  });
});

describe('prepareRevertBranch', () => {
  function repo() {
    const dir = join(tempDir(), 'r');
    const g = new GitWriter(dir).init();
    g.write('pool.go', 'a\n');
    g.commit('base', { date: at(1) });
    g.write('pool.go', 'a\nb\n');
    const bad = g.commit('refactor(payment): pool', { date: at(2) });
    g.write('other.go', 'x\n');
    g.commit('other', { date: at(3) });
    return { dir, g, bad };
  }

  it('makes the revert on a new branch and leaves the checkout, index and HEAD untouched', async () => {
    const { dir, g, bad } = repo();
    const headBefore = g.head();
    writeFileSync(join(dir, 'untracked.txt'), 'keep me');
    const r = await prepareRevertBranch(dir, bad.slice(0, 7), { incidentId: 'INC-1' });
    assert.equal(r.branch, `forensics/revert-${bad.slice(0, 7)}`);
    assert.equal(g.head(), headBefore);
    assert.equal(g.git(['rev-parse', '--abbrev-ref', 'HEAD']).trim(), 'main');
    assert.equal(g.git(['show', `${r.branch}:pool.go`]), 'a\n');
    assert.match(g.git(['log', '-1', '--format=%B', r.branch]), /This reverts commit/);
    assert.equal(g.git(['status', '--porcelain']).trim(), '?? untracked.txt');
    assert.equal(g.git(['worktree', 'list']).trim().split('\n').length, 1);
    assert.equal(g.git(['remote']).trim(), '');
    await assert.rejects(prepareRevertBranch(dir, bad), (e: unknown) => EngineError.is(e, 'badInput') && /already exists/.test((e as Error).message));
  });

  it('refuses a dirty tree, option-like refs and bad branch names', async () => {
    const { dir, bad } = repo();
    await assert.rejects(prepareRevertBranch(dir, '--all'), (e: unknown) => EngineError.is(e, 'badRef'));
    await assert.rejects(prepareRevertBranch(dir, bad, { branch: '-x' }), (e: unknown) => EngineError.is(e, 'badInput'));
    writeFileSync(join(dir, 'pool.go'), 'edited\n');
    await assert.rejects(prepareRevertBranch(dir, bad), (e: unknown) => EngineError.is(e, 'dirtyTree'));
    assert.equal(execFileSync('git', ['branch', '--list', 'forensics/*'], { cwd: dir, encoding: 'utf8' }).trim(), '');
  });
});

describe('enclosingFunction', () => {
  it('finds the function around a line, and nothing at top level', async () => {
    const { enclosingFunction } = await import('../../../src/engine/git/blame');
    const c = '#include <x.h>\n\nstatic int\nfoo(int a)\n{\n\tint b = a;\n\treturn b;\n}\n\nint g;\n';
    assert.deepEqual(enclosingFunction(c, 6), { from: 4, to: 8, name: 'foo' });
    assert.equal(enclosingFunction(c, 10), undefined);
    const go = 'package a\n\nfunc (p *Pool) Acquire() error {\n\tx := 1\n\treturn nil\n}\n';
    assert.deepEqual(enclosingFunction(go, 4), { from: 3, to: 6, name: 'Acquire' });
    const py = 'def save(r):\n    if r:\n        write(r)\n';
    assert.deepEqual(enclosingFunction(py, 3), { from: 1, to: 3, name: 'save' });
  });
});
