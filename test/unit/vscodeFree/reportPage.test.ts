import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { reportCsp, reportPage } from '../../../src/vscode/pure/reportPage';

const input = () => ({
  cspSource: 'https://*.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/report.css',
  nonce: randomBytes(18).toString('base64'),
});

describe('reportPage: the webview page and its CSP', () => {
  it('allows only the nonce-tagged bundle and extension styles; nothing inline, nothing else', () => {
    const i = input();
    const csp = reportCsp(i.cspSource, i.nonce);
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, new RegExp(`script-src 'nonce-${i.nonce.replace(/[+/]/g, '\\$&')}'`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*\s*;|https?:\/\/(?!\*\.vscode-cdn\.net)/);
    const html = reportPage(i);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes(`<meta property="csp-nonce" content="${i.nonce}">`));
    assert.doesNotMatch(html, /<style/);
    assert.ok(html.includes(`<script nonce="${i.nonce}" src="${i.scriptUri}"></script>`));
    assert.doesNotMatch(html, /\sstyle=|\son\w+=/i);
  });

  it('accepts a source list like code-server\'s', () => {
    assert.match(reportPage({ ...input(), cspSource: "'self' https://*.vscode-cdn.net" }), /style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-/);
  });

  it('refuses values that could break out of an attribute', () => {
    assert.throws(() => reportPage({ ...input(), cspSource: 'x"><script>' }));
    assert.throws(() => reportPage({ ...input(), nonce: 'x" onload="alert(1)' }));
    assert.throws(() => reportPage({ ...input(), scriptUri: 'a"><script>alert(1)</script>' }));
  });
});
