import { strict as assert } from 'node:assert';
import { parseLine } from '../../../src/engine/logs/parseLine';
import { messageTemplate } from '../../../src/engine/logs/messageTemplate';

describe('logback caller data and prefixed ids', () => {
  it('takes (File.java:N) after the logger as the caller, with the logger package', () => {
    const p = parseLine('2025-06-14 07:58:33,239 WARN  [worker-7] com.acme.auth.middleware.AuthFilter (AuthFilter.java:39) - session expired for user ses_e4797a71', {});
    assert.ok(p);
    assert.equal(p!.level, 'warn');
    assert.equal(p!.message, 'session expired for user ses_e4797a71');
    assert.deepEqual(p!.frames[0], { rawPath: 'AuthFilter.java', line: 39, javaPackage: 'com.acme.auth.middleware' });
  });

  it('does not invent a caller from prose in parentheses', () => {
    const p = parseLine('2025-06-14 07:58:33,239 INFO [main] com.acme.App - started (took 3s)', {});
    assert.deepEqual(p!.frames, []);
  });

  it('folds prefixed ids into one template, keeps ordinary words', () => {
    assert.equal(messageTemplate('session expired for user ses_e4797a71'), messageTemplate('session expired for user ses_d6449266'));
    assert.equal(messageTemplate('utf8 http2 server ready'), 'utf8 http2 server ready');
  });
});

describe('caller data in parentheses for other languages', () => {
  it('takes (src/x.ts:14) after a logger name', () => {
    const p = parseLine('2025-01-11 00:33:42,339 WARN  [worker-3] catalog-service.auth (src/middleware/auth.ts:14) - session not found', {});
    assert.deepEqual(p!.frames[0], { rawPath: 'src/middleware/auth.ts', line: 14 });
    assert.equal(p!.message, 'session not found');
  });
});
