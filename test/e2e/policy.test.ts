/**
 * Policies end to end in Debian Chromium: visiting a local privacy-policy page is enough for the
 * popup to show what it says (read in the offscreen document, never in the page); when the site
 * changes the page, a new version and its sentence diff appear; and the only request ConsentLens
 * ever makes, fetching the policy, happens when the person presses the button, without cookies.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoreInBrowser } from './support/ledger.ts';
import { artifactPath, browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');
const POLICY = readFileSync(resolve(import.meta.dirname, 'pages/privacy.html'), 'utf8');

interface StoredVersion {
  id: string;
  url: string;
  source: string;
  text: string;
  analysis: { keyFacts: { id: string; text: string; evidence: { start: number; end: number } }[] };
}

describe.skipIf(!executablePath)('Chromium: privacy policies', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let browser: ExtensionBrowser;
  const versions = () => worker.evaluate(readStoreInBrowser, 'policies') as Promise<StoredVersion[]>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromiumWithExtension(executablePath as string, { viewport: { width: 1200, height: 800 } });
    ({ context, worker } = browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const openPopup = async (): Promise<Page> => {
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 800 });
    await popup.goto(`chrome-extension://${browser.extensionId}/extension/ui/popup/index.html?site=127.0.0.1`);
    return popup;
  };

  it('records the policy links of a page, and fetches nothing unasked', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/shop.html`);
    const links = await waitFor('the policy links in the ledger', async () => {
      const [row] = (await worker.evaluate(readStoreInBrowser, 'policyLinks')) as { site: string; links: { kind: string; url: string }[] }[];
      return row ? row : undefined;
    });
    expect(links.site).toBe('127.0.0.1');
    expect(links.links.map((l) => [l.kind, new URL(l.url).pathname])).toEqual([
      ['privacy', '/privacy.html'],
      ['cookie', '/cookies.html'],
      ['terms', '/terms.html'],
    ]);
    const popup = await openPopup();
    await popup.locator('button[data-action="fetch-policy"]').waitFor();
    await expect(popup.locator('.policy').textContent()).resolves.toContain('/privacy.html');
    // The page's own requests only: the extension did not fetch the policy on its own.
    expect(server.log.map((r) => r.path).filter((p) => p === '/privacy.html')).toEqual([]);
    await Promise.all([page.close(), popup.close()]);
  });

  it('reads a visited policy page; the popup shows its key facts, each opening its sentence', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/privacy.html`);
    const [version] = await waitFor('the policy version in the ledger', async () => {
      const found = await versions();
      return found.length > 0 ? found : undefined;
    });
    expect(version).toMatchObject({ url: `${server.origin}/privacy.html`, source: 'visited' });
    // The page was not modified by the reading (Readability ran on a copy, elsewhere).
    await expect(page.locator('nav').count()).resolves.toBe(1);
    await expect(page.locator('footer').textContent()).resolves.toContain('Terms of Service');

    const popup = await openPopup();
    const facts = popup.locator('.key-fact');
    await facts.first().waitFor();
    const texts = await facts.allTextContents();
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.length).toBeLessThanOrEqual(10);
    expect(texts).toContain('Sells your personal information');
    const sells = popup.locator('.key-fact', { hasText: 'Sells your personal information' });
    await sells.locator('button').click();
    await expect(sells.locator('blockquote mark').textContent()).resolves.toBe('We sell your personal information to selected marketing partners who may contact you with their own offers.');
    await expect(popup.locator('.reading').textContent()).resolves.toMatch(/min to read .*238 words per minute.*Brysbaert/u);
    await expect(popup.locator('.checklist li').count()).resolves.toBe(21);
    await expect(popup.locator('.checklist li[data-present="true"]').count()).resolves.toBeGreaterThan(10);
    await popup.screenshot({ path: artifactPath('chrome-popup-policy.png'), fullPage: true });
    await Promise.all([page.close(), popup.close()]);
  });

  it('a changed policy is a new version: the popup alerts and shows the sentence diff until seen', async () => {
    server.setPage('/privacy.html', POLICY.replace('We keep order records for 6 years', 'We keep order records for 10 years'));
    const page = await context.newPage();
    await page.goto(`${server.origin}/privacy.html`);
    const stored = await waitFor('the second version', async () => {
      const found = await versions();
      return found.length === 2 ? found : undefined;
    });
    expect(new Set(stored.map((v) => v.id)).size).toBe(2);

    const popup = await openPopup();
    const alert = popup.locator('.policy-changed[role="alert"]');
    await alert.waitFor();
    await expect(alert.locator('ins').allTextContents()).resolves.toEqual(['We keep order records for 10 years to meet our tax obligations.']);
    await expect(alert.locator('del').allTextContents()).resolves.toEqual(['We keep order records for 6 years to meet our tax obligations.']);
    await popup.screenshot({ path: artifactPath('chrome-popup-policy-changed.png'), fullPage: true });
    await alert.getByRole('button', { name: 'Got it' }).click();
    await alert.waitFor({ state: 'detached' });
    await Promise.all([page.close(), popup.close()]);
  });

  it('fetches the policy only when the person asks, without cookies or referrer', async () => {
    await context.addCookies([{ name: 'session', value: 'secret', url: server.origin }]);
    const before = server.log.length;
    const popup = await openPopup();
    await popup.locator('button[data-action="fetch-policy"]').click();
    const request = await waitFor('the fetch of the policy', async () => server.log.slice(before).find((r) => r.path === '/privacy.html'));
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.referer).toBeUndefined();
    // The same text as the latest version: no new version.
    await popup.waitForTimeout(500);
    expect(await versions()).toHaveLength(2);
    await popup.close();
  });
});
