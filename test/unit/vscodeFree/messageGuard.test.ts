import { strict as assert } from 'node:assert';
import { parseWebviewMessage } from '../../../src/vscode/pure/messageGuard';

describe('messageGuard: webview → host messages', () => {
  it('accepts each well-formed message', () => {
    const good: unknown[] = [
      { type: 'ready', version: 1 },
      { type: 'openLocation', location: { file: 'services/a/pool.go', line: 23, commit: '7b3f2a1' } },
      { type: 'openDiff', commit: 'a'.repeat(40), file: 'x.go' },
      { type: 'revert', commit: 'abcdef0' },
      { type: 'bisect' },
      { type: 'tab/didChange', tab: 'metrics' },
      { type: 'log', level: 'error', message: 'boom' },
    ];
    for (const m of good) assert.equal(parseWebviewMessage(m).ok, true, JSON.stringify(m));
  });

  it('rejects paths leaving the repository, option-like commits, unknown types and junk', () => {
    const bad: unknown[] = [
      { type: 'openLocation', location: { file: '../../etc/passwd', line: 1 } },
      { type: 'openLocation', location: { file: '/etc/passwd', line: 1 } },
      { type: 'openLocation', location: { file: 'a\\..\\..\\b', line: 1 } },
      { type: 'openLocation', location: { file: 'a.go', line: 0 } },
      { type: 'openDiff', commit: '--output=/tmp/x' },
      { type: 'revert', commit: 'HEAD' },
      { type: 'tab/didChange', tab: '<script>' },
      { type: 'exec', cmd: 'rm -rf /' },
      null,
      'ready',
      42,
    ];
    for (const m of bad) {
      const r = parseWebviewMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.ok(r.error.length > 0);
    }
  });
});
