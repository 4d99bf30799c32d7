import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStackText } from '../../../src/engine/logs/stackCollector';
import { gdbFrame, goFuncLine, javaFrame, nodeFrame } from '../../../src/engine/logs/stackFrames';
import { assemble } from './assemble';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/logs', name), 'utf8');
const paths = (frames: { rawPath: string; line?: number }[]): string[] => frames.map((f) => `${f.rawPath}:${f.line ?? ''}`);

describe('logs: stack traces', () => {
  it('Go: pairs function lines with file lines, after a zap line and in a panic dump', () => {
    const { events, counters } = assemble(fixture('go-panic.log'));
    assert.equal(events.length, 3);
    const [zap, info, panic] = events;
    assert.equal(zap.level, 'error');
    assert.deepEqual(paths(zap.frames), [
      'database/pool.go:45',
      '/app/services/payment-gateway/database/pool.go:45',
      '/app/services/payment-gateway/handlers/process_payment.go:67',
    ]);
    assert.equal(zap.frames[1].func, 'main.(*Pool).Acquire');
    assert.equal(info.frames.length, 1);
    assert.equal(panic.level, 'fatal');
    assert.equal(panic.message, 'panic: runtime error: invalid memory address or nil pointer dereference');
    assert.equal(panic.time, info.time, 'an untimed crash takes the last time seen');
    assert.equal(panic.frames[0].func, 'main.(*Pool).Release');
    assert.deepEqual(paths(panic.frames).slice(0, 2), [
      '/app/services/payment-gateway/database/pool.go:71',
      '/app/services/payment-gateway/handlers/process_payment.go:80',
    ]);
    assert.equal(panic.frames[2].func, 'net/http.(*Server).Serve');
    assert.equal(counters.linesSkipped, 1, 'only "exit status 2"');
  });

  it('Java: keeps the package, follows Caused by, skips Native Method and "... N more"', () => {
    const { events, counters } = assemble(fixture('java-trace.log'));
    const err = events.find((e) => e.message === 'Payment 40211 failed')!;
    assert.equal(err.level, 'error');
    assert.deepEqual(err.frames[0], {
      rawPath: 'DataSourceUtils.java',
      line: 84,
      func: 'org.springframework.jdbc.datasource.DataSourceUtils.getConnection',
      javaPackage: 'org.springframework.jdbc.datasource',
    });
    assert.ok(err.frames.some((f) => f.rawPath === 'PaymentService.java' && f.javaPackage === 'com.acme.pay' && f.line === 112));
    assert.ok(err.frames.some((f) => f.rawPath === 'PoolConfig.java' && f.line === 58), 'frames after Caused by');
    assert.equal(err.frames.find((f) => f.rawPath === 'Thread.java')?.javaPackage, 'java.lang', 'module prefix dropped');
    const uncaught = events.find((e) => e.message.startsWith('Exception in thread'))!;
    assert.equal(uncaught.level, 'error');
    assert.deepEqual(paths(uncaught.frames), ['PoolConfig.java:61', 'Reconcile.java:30']);
    assert.equal(counters.linesSkipped, 0);
  });

  it('Python: frames[0] is the innermost frame; chained tracebacks and bare tracebacks', () => {
    const { events, counters } = assemble(fixture('python-trace.log'));
    const logged = events.find((e) => e.message === 'refund job 40211 failed')!;
    assert.deepEqual(paths(logged.frames), ['/srv/app/db/pool.py:45', '/srv/app/workers/refund.py:102', '/srv/app/workers/refund.py:77']);
    assert.equal(logged.frames[0].func, 'get');
    const bare = events.find((e) => e.format === 'python-trace')!;
    assert.equal(bare.level, 'error', 'a traceback after an info line is an error event of its own');
    assert.equal(bare.message, 'RuntimeError: worker died');
    assert.deepEqual(paths(bare.frames), ['/srv/app/db/pool.py:45', '/srv/app/workers/main.py:9', '/srv/app/workers/main.py:12']);
    assert.equal(events.find((e) => e.message === 'retrying')?.frames.length, 0);
    assert.equal(counters.linesSkipped, 0);
  });

  it('Node: frames with and without a function, file:// URLs, internal frames dropped', () => {
    const { events } = assemble(fixture('node-trace.log'));
    const err = events.find((e) => e.level === 'error')!;
    assert.deepEqual(paths(err.frames), [
      '/app/src/handlers/process.ts:67',
      '/app/node_modules/express/lib/router/layer.js:95',
      '/app/src/routes/index.ts:12',
      '/app/src/db/pool.ts:45',
    ]);
    assert.equal(err.frames[0].func, 'processPayment');
    assert.equal(err.frames[3].func, 'Pool.acquire');
    assert.equal(events.at(-1)?.level, 'warn');
  });

  it('gdb: a backtrace after a signal is a fatal event with file frames', () => {
    const { events } = assemble(fixture('gdb-backtrace.txt'));
    assert.equal(events.length, 1);
    assert.equal(events[0].level, 'fatal');
    assert.deepEqual(paths(events[0].frames), ['src/pool.c:88', 'src/server.c:145']);
    assert.equal(events[0].frames[1].func, 'handle_request');
  });

  it('a trace at the top of a file begins its own event; traces after info lines do not attach to them', () => {
    const { events } = assemble('    at f (/app/a.js:1:2)\n2024-01-18T09:00:00Z INFO ok\nError: boom\n    at g (/app/b.js:3:4)');
    assert.equal(events.length, 3);
    assert.equal(events[0].level, 'error');
    assert.deepEqual(paths(events[0].frames), ['/app/a.js:1']);
    assert.equal(events[1].frames.length, 0);
    assert.equal(events[2].message, 'Error: boom');
    assert.equal(events[2].time, Date.parse('2024-01-18T09:00:00Z'));
  });

  it('counts a lone dotted line after an error as skipped, not as a Go frame', () => {
    const { events, counters } = assemble('[09:00:00] ERROR x\nsome.thing\n[09:00:01] INFO y');
    assert.equal(events[0].frames.length, 0);
    assert.equal(counters.linesSkipped, 1);
  });

  it('parses stacks held in one string', () => {
    const zap = parseStackText('main.(*Pool).Acquire\n\t/app/pool.go:45\nmain.main\n\t/app/main.go:10');
    assert.deepEqual(zap.frames, [
      { rawPath: '/app/pool.go', line: 45, func: 'main.(*Pool).Acquire' },
      { rawPath: '/app/main.go', line: 10, func: 'main.main' },
    ]);
    const py = parseStackText('Traceback (most recent call last):\n  File "a.py", line 1, in f\n  File "b.py", line 2, in g\nValueError: v');
    assert.deepEqual(paths(py.frames), ['b.py:2', 'a.py:1']);
    assert.equal(py.exception, 'ValueError: v');
  });

  it('single-line recognizers reject look-alikes', () => {
    assert.equal(javaFrame('\tat com.x.Y.m(Y.java)')?.line, undefined);
    assert.equal(javaFrame('\tat com.x.Y.m(Native Method)'), null);
    assert.equal(javaFrame('look at this(thing)'), undefined);
    assert.equal(nodeFrame('    at the end of the day'), undefined);
    assert.equal(nodeFrame('    at node:internal/x:1:2'), null);
    assert.equal(gdbFrame('#2 0x00007f in __libc_start_main () from /lib/libc.so.6'), null);
    assert.equal(gdbFrame('# heading'), undefined);
    assert.equal(goFuncLine('exit status 2'), undefined);
    assert.equal(goFuncLine('main.(*T).M(0x1, {0x2, 0x3})'), 'main.(*T).M');
    assert.equal(goFuncLine('created by main.main in goroutine 1'), 'main.main');
  });
});
