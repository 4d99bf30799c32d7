import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { outcomeOfExit, runTest } from '../../../src/engine/bisect/runTest';
import { EngineError } from '../../../src/engine/errors';
import { tempDir } from '../../support/tmp';
import { isAlive, pidsIn, until } from './fixture';

describe('bisect runTest: git bisect run exit-code conventions', () => {
  it('maps exit codes: 0 good, 125 skip, 1..127 bad, above 127 or a signal aborts', () => {
    assert.equal(outcomeOfExit(0), 'good');
    assert.equal(outcomeOfExit(125), 'skip');
    for (const c of [1, 2, 124, 126, 127]) assert.equal(outcomeOfExit(c), 'bad');
    for (const c of [128, 129, 200, 255]) assert.equal(outcomeOfExit(c), 'abort');
    assert.equal(outcomeOfExit(null), 'abort');
  });

  it('runs the command with sh in the given directory and keeps the tail of its output', async () => {
    const cwd = tempDir();
    const r = await runTest('pwd; echo oops >&2; exit 3', cwd, { env: { X: '1' } });
    assert.equal(r.outcome, 'bad');
    assert.equal(r.exitCode, 3);
    assert.match(r.outputTail, new RegExp(cwd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(r.outputTail, /oops/);
    assert.equal((await runTest('exit 125', cwd)).outcome, 'skip');
    assert.equal((await runTest('command-that-does-not-exist-ifx', cwd)).outcome, 'bad');
    assert.equal((await runTest('kill -9 $$', cwd)).outcome, 'abort');
    const big = await runTest('head -c 3000000 /dev/zero | tr "\\0" x; echo END', cwd);
    assert.equal(big.outcome, 'good');
    assert.ok(big.outputTail.length <= 2000 && big.outputTail.endsWith('END\n'));
  });

  it('on timeout kills the whole process group, even a child that ignores SIGTERM', async () => {
    const cwd = tempDir();
    const pids = join(cwd, 'pids');
    const r = await runTest(`sh -c 'trap "" TERM; sleep 60' & echo $! >> pids; sleep 60 & echo $! >> pids; wait`, cwd, { timeoutMs: 300, graceMs: 300 });
    assert.equal(r.outcome, 'timeout');
    assert.equal(pidsIn(pids).length, 2);
    await until(() => pidsIn(pids).every((p) => !isAlive(p)));
  });

  it('sweeps processes a finished test left behind in its group', async () => {
    const cwd = tempDir();
    const pids = join(cwd, 'pids');
    const r = await runTest('sleep 60 & echo $! >> pids; exit 0', cwd);
    assert.equal(r.outcome, 'good');
    await until(() => pidsIn(pids).every((p) => !isAlive(p)));
  });

  it('rejects with cancelled when aborted, before or during the run', async () => {
    const cwd = tempDir();
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(runTest('true', cwd, { signal: ac.signal }), (e: unknown) => EngineError.is(e, 'cancelled'));
    const ac2 = new AbortController();
    const p = runTest('echo $$ > pids; sleep 60', cwd, { signal: ac2.signal });
    await until(() => pidsIn(join(cwd, 'pids')).length > 0);
    ac2.abort();
    await assert.rejects(p, (e: unknown) => EngineError.is(e, 'cancelled'));
    await until(() => pidsIn(join(cwd, 'pids')).every((x) => !isAlive(x)));
  });
});
