import type { Frame, Page } from 'playwright-core';

/** Playwright helpers for a code-server workbench (see shared/notes/vscode-e2e-here.md). */
export async function openWorkbench(page: Page, url: string, folder: string, ready: string): Promise<void> {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // Extension contributions are registered once `ready` (e.g. our activity-bar entry) shows.
  await page.waitForSelector(ready, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  // Take focus from whatever holds it (the note's "welcome page holds focus").
  await page.mouse.click(800, 500);
}

export async function palette(page: Page, text: string, pick?: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${text}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: pick ?? text }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/** The quick pick's first row once it shows `expect` (e.g. the alert file), chosen with Enter. */
export async function acceptQuickPick(page: Page, expect: string, timeout = 30_000): Promise<string> {
  const first = page.locator('.quick-input-widget .monaco-list-row').first();
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: expect }).first().waitFor({ state: 'visible', timeout });
  const label = (await first.innerText()).trim();
  await page.keyboard.press('Enter');
  return label;
}

/** The webview frame that contains `selector` (webviews nest two iframes deep). */
export async function frameWith(page: Page, selector: string, timeout = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const f of page.frames()) {
      try {
        if (await f.$(selector)) return f;
      } catch {
        // frame navigating or detached
      }
    }
    if (Date.now() > deadline) throw new Error(`no frame with ${selector} within ${timeout} ms`);
    await page.waitForTimeout(250);
  }
}

export async function activeTabLabel(page: Page): Promise<string> {
  return (await page.locator('.tabs-container .tab.active').first().getAttribute('aria-label')) ?? '';
}

/** "Ln 45, Col 1" from the status bar. */
export async function cursorLine(page: Page): Promise<number | undefined> {
  const text = await page.locator('[id="status.editor.selection"]').first().innerText().catch(() => '');
  const m = /Ln (\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The open input box (title must match), optionally replacing its value, then Enter. */
export async function answerInputBox(page: Page, title: string, value?: string): Promise<string> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const before = await input.inputValue();
  if (value !== undefined) await input.fill(value);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  return before;
}

/** Clicks a button of VS Code's modal dialog. */
export async function clickDialogButton(page: Page, label: string): Promise<void> {
  const button = page.locator('.monaco-dialog-box .dialog-buttons a.monaco-button, .monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label }).first();
  await button.waitFor({ state: 'visible', timeout: 15_000 });
  await button.click();
}
