/**
 * The experience in Chromium: the onboarding page opens on install and saves its choices; the
 * person's language choice changes every page; and axe-core (the real engine, injected into the
 * extension's pages) finds no serious or critical accessibility violation in the onboarding page,
 * the popup and the dashboard, populated, in light and dark themes. Keyboard: every control of the
 * onboarding page is reachable with Tab and shows a visible focus ring.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { readStoreInBrowser } from './support/ledger.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (evaluated over DevTools: the extension's CSP forbids inline scripts). */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const engine = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return engine.run(document, { resultTypes: ['violations'] });
  });
  return result.violations;
}
const serious = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe.skipIf(!executablePath)('Chromium: onboarding, languages, accessibility', () => {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let context: BrowserContext;
  let worker: Worker;
  let extensionId: string;
  const pageUrl = (path: string) => `chrome-extension://${extensionId}/extension/ui/${path}`;
  const settings = async () => ((await worker.evaluate(readStoreInBrowser, 'settings')) as { key: string; value: Record<string, unknown> }[]).find((r) => r.key === 'user')?.value;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, worker, extensionId } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the onboarding page on install; its choices are saved at once', async () => {
    const onboarding = await waitFor('the onboarding tab', async () => context.pages().find((p) => p.url().includes('/onboarding/')));
    await onboarding.getByRole('heading', { level: 1, name: 'Welcome to ConsentLens' }).waitFor();
    await expect(onboarding.getByText('Nothing leaves your device', { exact: false }).count()).resolves.toBe(1);
    const autoReject = onboarding.getByRole('checkbox', { name: 'Reject when possible' });
    expect(await autoReject.isChecked()).toBe(false);
    await autoReject.check();
    await waitFor('autoReject saved', async () => ((await settings())?.autoReject === true ? true : undefined));
    await autoReject.uncheck();
    await waitFor('autoReject cleared', async () => ((await settings())?.autoReject === false ? true : undefined));
  });

  it('the language choice changes the pages (and <html lang>); "same as the browser" goes back', async () => {
    const onboarding = context.pages().find((p) => p.url().includes('/onboarding/')) as Page;
    await onboarding.getByLabel('Language').selectOption('zh_CN');
    await onboarding.getByRole('heading', { level: 1, name: '欢迎使用 ConsentLens' }).waitFor();
    expect(await onboarding.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await waitFor('the language saved', async () => ((await settings())?.language === 'zh_CN' ? true : undefined));
    // Another page, opened afresh, speaks the chosen language too.
    const dashboard = await context.newPage();
    await dashboard.goto(pageUrl('dashboard/index.html#ledger'));
    await dashboard.locator('main.dashboard').waitFor();
    expect(await dashboard.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await dashboard.getByLabel('语言').waitFor();
    await Promise.all([dashboard.waitForEvent('load'), dashboard.getByLabel('语言').selectOption('auto')]);
    await dashboard.getByLabel('Language').waitFor();
    await waitFor('the language back to auto', async () => ((await settings())?.language === 'auto' ? true : undefined));
    await dashboard.close();
  });

  it('the onboarding page works with the keyboard alone, with a visible focus ring', async () => {
    const page = await context.newPage();
    await page.goto(pageUrl('onboarding/index.html'));
    await page.getByRole('checkbox', { name: 'Reject when possible' }).waitFor();
    const reached: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const tag = el.tagName.toLowerCase();
        const what = tag === 'input' ? `input:${el.getAttribute('type')}` : tag === 'button' ? `button:${el.textContent?.trim() ?? ''}` : tag;
        return { what, outline: style.outlineStyle, width: style.outlineWidth };
      });
      if (!focused) continue;
      expect(focused.outline, `focus ring on ${focused.what}`).not.toBe('none');
      reached.push(focused.what);
    }
    expect(reached).toEqual(expect.arrayContaining(['input:checkbox', 'select', 'button:Open the ledger', 'button:Done']));
    // Space toggles the focused switch.
    await page.getByRole('checkbox', { name: 'Reject when possible' }).focus();
    await page.keyboard.press('Space');
    await waitFor('autoReject by keyboard', async () => ((await settings())?.autoReject === true ? true : undefined));
    await page.keyboard.press('Space');
    await waitFor('autoReject off again', async () => ((await settings())?.autoReject === false ? true : undefined));
    await page.close();
  });

  it('axe-core: no serious or critical violation on the onboarding page, the popup and the dashboard, light and dark', async () => {
    // Populate: a real consent library's banner, rejected; a location request, denied.
    const site = await context.newPage();
    await site.goto(`${server.origin}/cookieconsent.html`);
    const reject = site.locator('#cc-main .cm').getByRole('button', { name: 'Reject all' });
    await reject.waitFor({ state: 'visible' });
    await reject.click();
    await site.goto(`${server.origin}/permissions/calls.html?load=geolocation,notifications`);
    await waitFor('the ledger populated', async () => {
      const decisions = (await worker.evaluate(readStoreInBrowser, 'decisions')) as unknown[];
      const permissions = (await worker.evaluate(readStoreInBrowser, 'permissions')) as unknown[];
      return decisions.length > 0 && permissions.length > 0 ? true : undefined;
    });
    await site.close();

    const failures: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      for (const [name, path, ready] of [
        ['onboarding', 'onboarding/index.html', 'main.onboarding input[type="checkbox"]'],
        ['popup', 'popup/index.html?site=127.0.0.1', '.light'],
        ['dashboard overview', 'dashboard/index.html#overview', '.overview .chart'],
        ['dashboard sites', 'dashboard/index.html#sites', '.site-row'],
        ['dashboard site', 'dashboard/index.html#sites/127.0.0.1', '.timeline .record'],
        ['dashboard ledger', 'dashboard/index.html#ledger', 'main.dashboard table, main.dashboard li'],
      ] as const) {
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        if (name === 'popup') await page.setViewportSize({ width: 400, height: 600 });
        await page.goto(pageUrl(path));
        await page.locator(ready).first().waitFor();
        for (const line of serious(await axe(page))) failures.push(`${name} (${scheme}): ${line}`);
        await page.close();
      }
    }
    expect(failures).toEqual([]);
  });
});
