import { strict as assert } from 'node:assert';
import { messageTemplate } from '../../../src/engine/logs/messageTemplate';

describe('logs: message templates', () => {
  it('folds durations, numbers and sizes', () => {
    assert.equal(messageTemplate('Failed to acquire connection: timeout after 5s'), 'Failed to acquire connection: timeout after <dur>');
    assert.equal(messageTemplate('Failed to acquire connection: timeout after 587ms'), 'Failed to acquire connection: timeout after <dur>');
    assert.equal(messageTemplate('Connection pool adjusted: maxIdle=100'), 'Connection pool adjusted: maxIdle=<num>');
    assert.equal(messageTemplate('pool 96/100 in use, 1.5GB heap'), 'pool <num>/<num> in use, <size> heap');
    assert.equal(messageTemplate('retry -3 at 2.5e3'), 'retry <num> at <num>');
  });

  it('folds ids, addresses, emails, times and quoted values', () => {
    assert.equal(
      messageTemplate('user bob@example.com req c0ffee00-1111-2222-3333-444455556666 from 10.0.4.12:5432 at 2024-01-18T09:05:47Z'),
      'user <email> req <uuid> from <ip> at <time>',
    );
    assert.equal(messageTemplate('commit 7b3f2a1 ptr 0xc000012345 token pay_8f2kd93ms2xx01q7'), 'commit <hex> ptr <hex> token <id>');
    assert.equal(messageTemplate('query "SELECT 1" failed for \'bob\''), 'query "<str>" failed for \'<str>\'');
    assert.equal(messageTemplate("can't connect, won't retry"), "can't connect, won't retry");
  });

  it('keeps words with digits and path structure', () => {
    assert.equal(messageTemplate('POST /api/v1/payments/40211 failed'), 'POST /api/v1/payments/<num> failed');
    assert.equal(messageTemplate('sha256 mismatch in utf8 file'), 'sha256 mismatch in utf8 file');
    assert.equal(messageTemplate('at pool.go:45'), 'at pool.go:<num>');
  });

  it('gives one signature to many variants', () => {
    const a = messageTemplate('Refund 40211 failed after 5s: context deadline exceeded');
    const b = messageTemplate('Refund 9 failed after 12.5s: context deadline exceeded');
    assert.equal(a, b);
  });

  it('keeps HTML as text and bounds the length', () => {
    assert.equal(messageTemplate('<script>alert(1)</script>'), '<script>alert(<num>)</script>');
    assert.ok(messageTemplate('x '.repeat(100_000)).length <= 301);
    assert.equal(messageTemplate('  spaced \t out  '), 'spaced out');
  });
});
