/**
 * Visual checks (issue #7): the popup, the dashboard's views (populated with 1,000 events) and the
 * onboarding page, in English and Chinese, written to test-artifacts/screens/ for a person to look
 * at. Each screenshot is taken only once its page shows the populated data in the right language.
 */
import { mkdirSync, statSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { seedLedger, seedRows } from './support/seed.ts';

const executablePath = browserOrSkip('chromium');
const EVENTS = 1000;

describe.skipIf(!executablePath)('Chromium: screenshots of the real UI, 1,000 events, en and zh_CN', () => {
  let browser: ExtensionBrowser;
  let context: BrowserContext;
  let worker: Worker;
  let extensionId: string;
  const url = (path: string) => `chrome-extension://${extensionId}/extension/ui/${path}`;
  const rows = seedRows(EVENTS);
  const site = rows.prompts[1]?.site as string;

  beforeAll(async () => {
    browser = await launchChromiumWithExtension(executablePath as string, { viewport: { width: 1280, height: 900 } });
    ({ context, worker, extensionId } = browser);
    await seedLedger(worker, rows);
    mkdirSync(artifactPath('screens'), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function setLanguage(language: 'en' | 'zh_CN') {
    const page = await context.newPage();
    await page.goto(url('onboarding/index.html'));
    await page.locator('#onboarding-language').waitFor();
    await page.evaluate(async (lang) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime;
      const reply = await runtime.sendMessage({ type: 'settings/set', payload: { language: lang } });
      if (!reply.ok) throw new Error('settings/set refused');
    }, language);
    await page.close();
  }

  async function shot(page: Page, name: string, fullPage = true) {
    const file = artifactPath(`screens/${name}.png`);
    await page.screenshot({ path: file, fullPage });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  }

  for (const lang of ['en', 'zh_CN'] as const) {
    it(`${lang}: popup, dashboard overview, sites, a site, the ledger, onboarding`, async () => {
      await setLanguage(lang);
      const zh = lang === 'zh_CN';

      const popup = await context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.goto(url(`popup/index.html?site=${site}`));
      await popup.locator('.light').first().waitFor();
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe(zh ? 'zh-CN' : 'en');
      await shot(popup, `${lang}-popup`, false);
      await popup.close();

      const dashboard = await context.newPage();
      await dashboard.goto(url('dashboard/index.html#overview'));
      await dashboard.locator('.overview .chart').first().waitFor();
      await dashboard.getByRole('heading', { level: 1, name: zh ? '概览' : 'Overview' }).waitFor();
      // The totals are the seeded ledger's.
      const sites = await dashboard.locator('.total').first().locator('.value').textContent();
      expect(sites).toBe('40');
      const decisionsDrawn = await dashboard.locator('svg.days rect.fill-given').count();
      expect(decisionsDrawn).toBe(30);
      await shot(dashboard, `${lang}-dashboard-overview`);

      await dashboard.goto(url('dashboard/index.html#sites'));
      await dashboard.locator('.site-row').first().waitFor();
      await shot(dashboard, `${lang}-dashboard-sites`);

      await dashboard.goto(url(`dashboard/index.html#sites/${site}`));
      await dashboard.locator('.timeline .record').first().waitFor();
      await shot(dashboard, `${lang}-dashboard-site`);

      await dashboard.goto(url('dashboard/index.html#ledger'));
      await dashboard.locator('tr.ledger-row').first().waitFor();
      await shot(dashboard, `${lang}-dashboard-ledger`);
      await dashboard.close();

      const onboarding = await context.newPage();
      await onboarding.goto(url('onboarding/index.html'));
      await onboarding.getByRole('heading', { level: 1, name: zh ? '欢迎使用 ConsentLens' : 'Welcome to ConsentLens' }).waitFor();
      await shot(onboarding, `${lang}-onboarding`);
      await onboarding.close();
    });
  }

  it('the site list is virtual: 40 sites, a screenful of rows in the document', async () => {
    const page = await context.newPage();
    await page.goto(url('dashboard/index.html#sites'));
    await page.locator('.site-row').first().waitFor();
    const rendered = await page.locator('.site-row').count();
    expect(rendered).toBeLessThan(40);
    await page.locator('.site-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await waitFor('the last site rendered after scrolling', async () => ((await page.locator('.site-row').last().getAttribute('data-site')) !== (await page.locator('.site-row').first().getAttribute('data-site')) ? true : undefined));
    expect(await page.locator('li[aria-posinset="40"]').count()).toBe(1);
    await page.close();
  });
});
