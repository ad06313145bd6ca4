/**
 * End to end in Debian Chromium (playwright-core) with banners rendered by real open-source
 * consent libraries: klaro 0.7, Osano cookieconsent 3.1 and tarteaucitron.js 1.34, each loaded
 * from node_modules by a small news page (test/e2e/pages). For each: the banner shows, the ledger
 * (service-worker IndexedDB) gets a prompt for it with accept-all and reject-all (and settings
 * where the library offers it on the first layer), the person clicks the library's reject /
 * decline control, and the ledger gets a reject-all decision linked to that prompt.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Locator, Page, Request, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { readLedgerInBrowser, type RawLedger } from './support/ledger.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');

type Prompt = RawLedger['prompts'][number];
type Decision = RawLedger['decisions'][number];

/** The offered actions without extra measurements (prominence): label and role. */
const labelsAndRoles = (prompt: Prompt | undefined) => prompt?.actions.map(({ label, role }) => ({ label, role }));

/** Long enough for the watcher's scans (throttle 150 ms, settle 700 ms) with room to spare. */
const RECORD_WITHIN_MS = 8_000;

describe.skipIf(!executablePath)('Chromium: banners of real consent libraries', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let browser: ExtensionBrowser;
  const requests: string[] = [];

  const ledger = (): Promise<RawLedger> => worker.evaluate(readLedgerInBrowser);

  /** The prompt whose text contains `text`, once recorded; undefined if none shows up in time. */
  async function promptFor(text: string): Promise<Prompt | undefined> {
    try {
      return await waitFor(`a prompt containing "${text}"`, async () => (await ledger()).prompts.find((p) => p.text.includes(text)), RECORD_WITHIN_MS);
    } catch {
      return undefined;
    }
  }

  /** Decisions linked to `promptId`, once there is at least one; [] if none shows up in time. */
  async function decisionsFor(promptId: string | undefined): Promise<Decision[]> {
    if (promptId === undefined) return [];
    try {
      return await waitFor(`a decision on prompt ${promptId}`, async () => {
        const found = (await ledger()).decisions.filter((d) => d.promptId === promptId);
        return found.length > 0 ? found : undefined;
      }, RECORD_WITHIN_MS);
    } catch {
      return [];
    }
  }

  /** A fresh visit: the site's cookies and storage are gone, so the library asks again. */
  async function openFresh(path: string): Promise<Page> {
    await context.clearCookies();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: server.origin, storageTypes: 'cookies,local_storage,session_storage' });
    await cdp.detach();
    await page.goto(`${server.origin}${path}`);
    return page;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromiumWithExtension(executablePath as string, { viewport: { width: 1200, height: 800 } });
    ({ context, worker } = browser);
    context.on('request', (request: Request) => requests.push(request.url()));
    mkdirSync(artifactPath(''), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('klaro 0.7: notice with "Let me choose", "I decline", "That\'s ok"', () => {
    let page: Page;
    let reject: Locator;
    const text = 'Could we please enable some additional services';

    beforeAll(async () => {
      page = await openFresh('/klaro.html');
      const notice = page.locator('#klaro .cookie-notice');
      await notice.waitFor({ state: 'visible' });
      reject = notice.getByRole('button', { name: 'I decline', exact: true });
      await notice.getByRole('button', { name: "That's ok", exact: true }).waitFor();
      await notice.getByRole('link', { name: 'Let me choose' }).waitFor();
      await page.screenshot({ path: artifactPath('cmp-klaro.png'), animations: 'disabled' });
    });
    afterAll(() => page?.close());

    // klaro's accept button reads "That's ok" (its English `ok` text; with acceptAll it accepts every service).
    it('records the notice with accept-all, reject-all and settings', async () => {
      const prompt = await promptFor(text);
      expect(prompt).toBeDefined();
      expect(prompt?.actions.map((a) => a.role)).toEqual(expect.arrayContaining(['accept-all', 'reject-all', 'settings']));
    });

    it('records the click on "I decline" as reject-all, linked to the prompt', async () => {
      const prompt = await promptFor(text);
      await reject.click();
      await page.locator('#klaro .cookie-notice').waitFor({ state: 'hidden' });
      const decisions = await decisionsFor(prompt?.id);
      expect(prompt).toBeDefined();
      expect(decisions).toEqual([expect.objectContaining({ site: '127.0.0.1', role: 'reject-all', label: 'I decline', indicatedBy: 'user' })]);
    });
  });

  describe('Osano cookieconsent 3.1, type "opt-in": "Decline" and "Allow cookies"', () => {
    let page: Page;
    let reject: Locator;
    const text = 'This website uses cookies to ensure you get the best experience on our website.';
    let prompt: Prompt | undefined;

    beforeAll(async () => {
      page = await openFresh('/osano-cookieconsent.html');
      const window = page.locator('.cc-window');
      await window.waitFor({ state: 'visible' });
      // <a role="button" aria-label="deny cookies" class="cc-btn cc-deny">Decline</a>
      reject = window.locator('a.cc-deny', { hasText: 'Decline' });
      await reject.waitFor();
      await page.screenshot({ path: artifactPath('cmp-osano-cookieconsent.png'), animations: 'disabled' });
    });
    afterAll(() => page?.close());

    it('records its window with "Decline" (reject-all) and "Allow cookies" (accept-all)', async () => {
      prompt = await promptFor(text);
      expect(prompt).toMatchObject({ site: '127.0.0.1', kind: 'consent-dialog', detector: 'generic', language: 'en' });
      expect(prompt?.text).toBe(`${text} Learn more Decline Allow cookies`);
      // No settings on the first layer: Osano's opt-in banner has only these two answers.
      expect(labelsAndRoles(prompt)).toEqual([
        { label: 'Learn more', role: 'other' },
        { label: 'Decline', role: 'reject-all' },
        { label: 'Allow cookies', role: 'accept-all' },
      ]);
    });

    it('records the click on "Decline" as reject-all, linked to the prompt', async () => {
      expect(prompt).toBeDefined();
      await reject.click();
      await page.locator('.cc-window').waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.cookie)).toContain('cookieconsent_status=deny');
      expect(await decisionsFor(prompt?.id)).toEqual([
        expect.objectContaining({ promptId: prompt?.id, site: '127.0.0.1', role: 'reject-all', label: 'Decline', indicatedBy: 'user' }),
      ]);
    });
  });

  describe('tarteaucitron.js 1.34, bottom bar: "OK, accept all", "Deny all cookies", "Personalize"', () => {
    let page: Page;
    let reject: Locator;
    const text = 'This site uses cookies and gives you control over what you want to activate';
    let prompt: Prompt | undefined;

    beforeAll(async () => {
      page = await openFresh('/tarteaucitron.html');
      const bar = page.locator('#tarteaucitronAlertBig');
      await bar.waitFor({ state: 'visible' });
      reject = bar.locator('#tarteaucitronAllDenied2', { hasText: 'Deny all cookies' });
      await reject.waitFor();
      // tarteaucitron attaches the bar's click handlers 500 ms after it renders the bar
      // (setTimeout in tarteaucitron.load); a click before that is ignored by the library.
      await page.waitForTimeout(1000);
      await page.screenshot({ path: artifactPath('cmp-tarteaucitron.png'), animations: 'disabled' });
    });
    afterAll(() => page?.close());

    it('records its bar with "OK, accept all" (accept-all) and "Deny all cookies" (reject-all)', async () => {
      prompt = await promptFor(text);
      expect(prompt).toMatchObject({ site: '127.0.0.1', detector: 'generic', language: 'en' });
      // Only the bar's controls: the hidden panel's own "Allow all cookies" / "Deny all cookies"
      // and per-service buttons are not listed.
      expect(prompt?.actions.map((a) => a.label)).toEqual(['OK, accept all', 'Deny all cookies', 'Personalize', 'Privacy policy']);
      expect(prompt?.actions.map((a) => a.role)).toEqual(expect.arrayContaining(['accept-all', 'reject-all']));
    });

    // tarteaucitron's "Personalize" opens its per-service panel.
    it('records "Personalize" as settings', async () => {
      prompt ??= await promptFor(text);
      expect(labelsAndRoles(prompt)).toContainEqual({ label: 'Personalize', role: 'settings' });
    });

    // Its hidden panel (div#tarteaucitron, role="dialog", display: none) has answer buttons of its own;
    // they must not make the recorded banner the panel's container, nor its text, nor a dialog.
    it('records the text of the bar the person sees, not of the hidden panel', async () => {
      prompt ??= await promptFor(text);
      expect(prompt?.text).not.toContain('Cookies management panel');
      expect(prompt?.text.startsWith(text)).toBe(true);
    });

    it('records the bottom bar as a cookie banner, not a dialog', async () => {
      prompt ??= await promptFor(text);
      expect(prompt?.kind).toBe('cookie-banner');
    });

    it('records the click on "Deny all cookies" as reject-all, linked to the prompt', async () => {
      prompt ??= await promptFor(text);
      expect(prompt).toBeDefined();
      await reject.click();
      await page.locator('#tarteaucitronAlertBig').waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.cookie)).toMatch(/tarteaucitron=!sitestats=false!videoembeds=false|tarteaucitron=!videoembeds=false!sitestats=false/u);
      expect(await decisionsFor(prompt?.id)).toEqual([
        expect.objectContaining({ promptId: prompt?.id, site: '127.0.0.1', role: 'reject-all', label: 'Deny all cookies', indicatedBy: 'user' }),
      ]);
    });
  });

  it('each banner was recorded once, and the pages fetched nothing outside the test server', async () => {
    const { prompts } = await ledger();
    for (const sentence of [
      'This website uses cookies to ensure you get the best experience on our website.',
      'This site uses cookies and gives you control over what you want to activate',
    ]) {
      expect(prompts.filter((p) => p.text.includes(sentence))).toHaveLength(1);
    }
    expect(prompts.filter((p) => p.text.includes('Could we please enable some additional services'))).toHaveLength(1);

    const web = requests.filter((url) => /^(?:https?|wss?):/u.test(url));
    expect(web.filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
    // Every library file came from node_modules through /vendor/, tarteaucitron's language file,
    // services and CSS included (it loads them relative to its own script's URL).
    expect(new Set(server.log.map((r) => r.path).filter((p) => p.startsWith('/vendor/')))).toEqual(
      new Set([
        '/vendor/klaro/klaro.js',
        '/vendor/cookieconsent/cookieconsent.min.css',
        '/vendor/cookieconsent/cookieconsent.min.js',
        '/vendor/tarteaucitronjs/tarteaucitron.js',
        '/vendor/tarteaucitronjs/lang/tarteaucitron.en.js',
        '/vendor/tarteaucitronjs/tarteaucitron.services.js',
        '/vendor/tarteaucitronjs/css/tarteaucitron.css',
      ]),
    );
  });
});
