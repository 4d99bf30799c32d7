import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

describe('README', () => {
  it('opens with the demo and test commands of a fresh machine', () => {
    const head = readFileSync('README.md', 'utf8').split('\n').slice(0, 6).join('\n');
    assert.match(head, /npm ci && npm run demo/);
    assert.match(head, /npm ci && npm test/);
  });

  it('documents every command and setting the manifest contributes', () => {
    execFileSync(process.execPath, ['scripts/readme-tables.mjs', '--check'], { stdio: 'pipe' });
  });
});
