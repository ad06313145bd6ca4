/**
 * Withdrawal end to end: the person accepted a real vanilla-cookieconsent banner; from the
 * dashboard they withdraw; ConsentLens opens the site and reopens the library's preferences through
 * its own API (CookieConsent.showPreferences, called by the main-world script); their refusal there
 * is recorded as "withdrawn".
 */

import type { BrowserContext, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { readLedgerInBrowser } from './support/ledger.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');

describe.skipIf(!executablePath)('Chromium: withdraw consent from the dashboard', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, worker } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reopens the platform\'s settings and records the refusal there as a withdrawal', async () => {
    const ledger = () => worker.evaluate(readLedgerInBrowser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/cookieconsent.html`);
    await waitFor('the banner in the ledger', async () => ((await ledger()).prompts.length ? true : undefined));
    await page.locator('#cc-main .cm').getByRole('button', { name: 'Accept all' }).click();
    await waitFor('the acceptance', async () => ((await ledger()).decisions.some((d) => d.role === 'accept-all') ? true : undefined));
    await page.close();

    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${new URL(worker.url()).host}/extension/ui/dashboard/index.html#ledger`);
    const [site] = await Promise.all([
      context.waitForEvent('page'),
      dashboard.locator('tr.ledger-row button[data-action="withdraw"]').first().click(),
    ]);
    await dashboard.getByRole('status').filter({ hasText: 'Opened 127.0.0.1' }).waitFor();
    await site.waitForLoadState();
    expect(site.url()).toBe(`${server.origin}/cookieconsent.html`);

    // No banner this time (the library remembers the acceptance): ConsentLens opens its preferences.
    const preferences = site.locator('#cc-main .pm');
    await preferences.waitFor({ state: 'visible' });
    await preferences.getByRole('button', { name: 'Reject all' }).click();
    const withdrawn = await waitFor('the withdrawal', async () => (await ledger()).decisions.find((d) => (d as { kind?: string }).kind === 'withdrawn'));
    expect(withdrawn).toMatchObject({ site: '127.0.0.1', role: 'reject-all', indicatedBy: 'user' });
    await Promise.all([site.close(), dashboard.close()]);
  });
});
