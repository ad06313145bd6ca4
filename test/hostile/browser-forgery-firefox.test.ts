/**
 * Issue #8, item 2 (forgery), in Firefox ESR with dist/firefox installed as a temporary add-on
 * (puppeteer-core over WebDriver BiDi, as test/e2e/firefox.test.ts): the page of
 * support/forger-page.ts forges the main-world <-> isolated-world bridge 1,000 times of every kind
 * and tries the extension's runtime from the page world. Nothing forged may be stored. (The
 * content-script-world sender of the Chromium test needs CDP's isolated-world evaluation, which
 * BiDi does not offer for an extension's content scripts: that part is Chromium only.)
 */
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../vite.config.ts';
import { browserOrSkip, builtExtension, waitFor } from '../e2e/support/browsers.ts';
import { readLedgerInBrowser, readStoreInBrowser } from '../e2e/support/ledger.ts';
import { startServer, type TestServer } from '../e2e/support/server.ts';
import { forgerPage } from './support/forger-page.ts';

const executablePath = browserOrSkip('firefox');
const ATTEMPTS = 1000;

describe.skipIf(!executablePath)('hostile (Firefox): a page forging the bridge', () => {
  let server: TestServer;
  let browser: Browser;
  let extensionPage: Page;
  const uuid = randomUUID();

  beforeAll(async () => {
    server = await startServer();
    server.setPage('/forger.html', forgerPage(ATTEMPTS));
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: executablePath as string,
      headless: true,
      args: ['--remote-allow-system-access'], // to open moz-extension:// pages from automation
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) },
    });
    await browser.installExtension(builtExtension('firefox'));
    extensionPage = await browser.newPage();
    // Firefox's BiDi never resolves goto() for moz-extension: URLs: wait for the page instead.
    void extensionPage.goto(`moz-extension://${uuid}/extension/ui/dashboard/index.html#ledger`).catch(() => undefined);
    await extensionPage.waitForSelector('main.dashboard', { timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('1,000 forgeries of every kind file nothing: no permission request, no signal, no decision, the bridge never handed over', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/forger.html`);
    const stats = await waitFor('the forger to finish', async () => {
      const s = await page.evaluate(() => (window as unknown as { __forgery?: Record<string, unknown> }).__forgery);
      return s && s.runtime !== 'present' ? s : undefined;
    });
    expect(stats).toMatchObject({ handshake: ATTEMPTS, ready: ATTEMPTS, documentEvents: ATTEMPTS, postMessage: ATTEMPTS, caughtNodes: 0 });
    expect(String(stats.runtime)).toMatch(/^(absent|threw:)/u);
    const prompts = await waitFor('the genuine banner', async () => {
      const found = (await extensionPage.evaluate(readLedgerInBrowser)).prompts.filter((p) => p.url.includes('/forger.html'));
      return found.length > 0 ? found : undefined;
    });
    await new Promise((ok) => setTimeout(ok, 3000)); // anything forged in flight
    expect(prompts).toHaveLength(1);
    const permissions = (await extensionPage.evaluate(readStoreInBrowser, 'permissions')) as { url: string }[];
    expect(permissions.filter((p) => p.url.includes('/forger.html'))).toEqual([]);
    const stored = (await extensionPage.evaluate(readStoreInBrowser, 'prompts')) as { id: string; signals?: unknown[] }[];
    expect(stored.find((p) => p.id === prompts[0]?.id)?.signals ?? []).toEqual([]);
    expect((await extensionPage.evaluate(readLedgerInBrowser)).decisions).toEqual([]);
    await page.close();
  });
});
