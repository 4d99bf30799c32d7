import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Report } from '../../src/engine/report/reportSchema';
import { PROTOCOL_VERSION } from '../../src/protocol/reportProtocol';
import { reportPage } from '../../src/vscode/pure/reportPage';
import { aReport } from '../unit/webview/reportFixture';

/**
 * The built webview bundle in a bare Chromium page under the same CSP as in
 * VS Code, with a stand-in for acquireVsCodeApi that records what the page
 * posts. Fast, and lets a test feed any report (hostile text included).
 */
export interface HarnessPage {
  page: Page;
  posted: unknown[];
  console: string[];
}

export async function openReportHarness(browser: Browser, root: string, report: Report): Promise<HarnessPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const origin = 'http://webview.test';
  const html = reportPage({ cspSource: origin, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/report.css`, nonce: 'aGFybmVzcy1ub25jZQ' });
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    if (path === '/dist/webview.js') return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(root, 'dist', 'webview.js')) });
    if (path === '/media/report.css') return route.fulfill({ contentType: 'text/css', body: readFileSync(join(root, 'media', 'report.css')) });
    return route.fulfill({ status: 404, body: '' });
  });
  const posted: unknown[] = [];
  const consoleLines: string[] = [];
  await page.exposeFunction('__post', (m: unknown) => void posted.push(m));
  await page.addInitScript({ content: 'window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__post(m), getState: () => undefined, setState: () => undefined });' });
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('dialog', (d) => {
    consoleLines.push(`DIALOG ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${origin}/index.html`);
  const message = { type: 'report/didChange', version: PROTOCOL_VERSION, view: { report } };
  await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
  await page.locator('#root-cause').waitFor({ state: 'attached', timeout: 10_000 });
  return { page, posted, console: consoleLines };
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Markup in commit subjects, messages and logs shows up as text and runs nothing; a log-line click posts openLocation. */
export async function assertHostileTextInert(browser: Browser, root: string): Promise<void> {
  const hostile = aReport();
  hostile.suspects[0].subject = '<img src=x onerror=alert(1)>refactor';
  hostile.rootCause!.message = '<script>alert(2)</script>';
  hostile.logs.correlations[0].message = '"><svg onload=alert(3)>';
  const h = await openReportHarness(browser, root, hostile);
  const subject = await h.page.locator('#root-cause-subject').innerText();
  assert(subject === '<img src=x onerror=alert(1)>refactor', `subject rendered as ${JSON.stringify(subject)}`);
  assert((await h.page.locator('#technical-issue').innerText()).includes('<script>alert(2)</script>'), 'message not shown as text');
  await h.page.locator('vscode-panel-tab#tab-logs').click();
  await h.page.locator('a.log-frame').first().click();
  await h.page.locator('vscode-panel-tab#tab-suspects').click();
  await h.page.locator('vscode-panel-tab#tab-metrics').click();
  await h.page.waitForTimeout(300);
  // A string, not a function: the Node-side tsconfig has no DOM types.
  const injected = await h.page.evaluate<number>("document.querySelectorAll('#app script, #app img, #app svg [onload], #app [onerror]').length");
  assert(injected === 0, `${injected} injected element(s)`);
  assert(!h.console.some((l) => /DIALOG|Content Security Policy/.test(l)), h.console.join('\n'));
  const logged = h.posted.filter((m) => (m as { type?: string }).type === 'log');
  assert(logged.length === 0, `the webview reported problems: ${JSON.stringify(logged).slice(0, 500)}`);
  const open = h.posted.find((m) => (m as { type?: string }).type === 'openLocation') as { location: { file: string; line: number } } | undefined;
  assert(open && open.location.file === hostile.logs.correlations[0].file && open.location.line === hostile.logs.correlations[0].line, `posted ${JSON.stringify(h.posted)}`);
  await h.page.close();
}
