/**
 * The same flow in Firefox ESR: dist/firefox installed as a temporary add-on through WebDriver
 * BiDi (puppeteer-core), a real vanilla-cookieconsent banner rejected, the ledger read from the
 * extension's IndexedDB (through its dashboard page, same origin as the background), the
 * dashboard screenshot taken. Every request Firefox sends to a non-loopback address goes to a
 * recording proxy that forwards nothing, so an outbound request by the extension would show.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../vite.config.ts';
import { join } from 'node:path';
import { ROOT, artifactPath, browserOrSkip, builtExtension, waitFor } from './support/browsers.ts';
import { bundlePageScript } from './support/bundle.ts';
import { readLedgerInBrowser, readStoreInBrowser, type RawLedger } from './support/ledger.ts';
import { startRecordingProxy, startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('firefox');

/**
 * Firefox itself syncs Remote Settings (firefox.settings.services.mozilla.com) during the run; in
 * ESR 153 no pref redirects it. That is the browser's traffic, not ours (ConsentLens has no network
 * code). Any other host in the proxy log fails the test.
 */
function isFirefoxOwnService(line: string): boolean {
  const host = line.replace(/^CONNECT /u, '').replace(/^[A-Z]+ https?:\/\//u, '').split(/[:/]/u)[0] ?? '';
  return /(^|\.)(mozilla\.(com|net|org)|firefox\.com)$/u.test(host);
}

describe.skipIf(!executablePath)('Firefox: reject a real vanilla-cookieconsent banner', () => {
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let browser: Browser;
  let extensionPage: Page;
  const uuid = randomUUID();
  const extensionBase = `moz-extension://${uuid}`;
  const extensionRequests: string[] = [];

  const ledger = (): Promise<RawLedger> => extensionPage.evaluate(readLedgerInBrowser);

  /** Opens an extension page. Firefox's BiDi never resolves goto() for moz-extension: URLs. */
  async function openExtensionPage(path: string, ready: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('request', (r) => extensionRequests.push(r.url()));
    void page.goto(`${extensionBase}${path}`).catch(() => undefined);
    await page.waitForSelector(ready, { timeout: 20_000 });
    return page;
  }

  beforeAll(async () => {
    const extension = builtExtension('firefox');
    server = await startServer({ 'tcf-cmp.js': await bundlePageScript(join(ROOT, 'test', 'e2e', 'pages', 'tcf-cmp.ts')) });
    proxy = await startRecordingProxy();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: executablePath as string,
      headless: true,
      // Needed to open moz-extension:// pages from automation.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '127.0.0.1, localhost',
      },
    });
    await browser.installExtension(extension);
    extensionPage = await openExtensionPage('/extension/ui/dashboard/index.html#ledger', 'main.dashboard');
    mkdirSync(artifactPath(''), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await proxy?.close();
  });

  it('records the banner and the "Reject all" click in the ledger', async () => {
    const proxiedBefore = proxy.log.length;
    const page = await browser.newPage();
    await page.goto(`${server.origin}/cookieconsent.html`);
    const reject = await page.waitForSelector('#cc-main .cm button[data-role="necessary"]', { visible: true });

    const prompts = await waitFor('the banner in the ledger', async () => {
      const found = (await ledger()).prompts;
      return found.length > 0 ? found : undefined;
    });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ site: '127.0.0.1', kind: 'consent-dialog', language: 'en' });
    expect(prompts[0]?.actions.map((a) => a.role)).toEqual(expect.arrayContaining(['accept-all', 'reject-all', 'settings']));

    // autoconsent, injected on demand into the page's isolated world, names the platform.
    await waitFor('the platform named by autoconsent', async () =>
      (await ledger()).prompts.some((p) => (p as { cmp?: string | null }).cmp === 'cookieconsent3') ? true : undefined,
    );
    await reject?.click();
    const decisions = await waitFor('the decision in the ledger', async () => {
      const found = (await ledger()).decisions;
      return found.length > 0 ? found : undefined;
    });
    expect(decisions).toEqual([expect.objectContaining({ promptId: prompts[0]?.id, role: 'reject-all', indicatedBy: 'user' })]);
    await page.close();
    // Nothing went to the outside world while the banner was detected, stored and answered.
    expect(proxy.log.slice(proxiedBefore).filter((line) => !isFirefoxOwnService(line))).toEqual([]);
  });

  it('shows the decision in the dashboard', async () => {
    const dashboard = await openExtensionPage('/extension/ui/dashboard/index.html#ledger', 'tr.ledger-row[data-site="127.0.0.1"]');
    const decision = await dashboard.$eval('tr.ledger-row .decision', (el) => el.textContent ?? '');
    expect(decision).toContain('Rejected all');
    await dashboard.screenshot({ path: artifactPath('firefox-dashboard.png'), fullPage: true });
    await dashboard.close();
  });

  it('reads the TC string through the main-world bridge and flags consent stored against "Reject all" (F6)', async () => {
    type Stored = { id: string; flags: { id: string }[]; signals: { source: string; eventStatus?: string; vendorConsents: number }[] };
    const before = new Set((await ledger()).prompts.map((p) => p.id));
    const page = await browser.newPage();
    await page.goto(`${server.origin}/tcf.html?mode=ignore`);
    await page.waitForSelector('#tcf-reject', { visible: true });
    const fresh = await waitFor('the TCF banner in the ledger', async () => (await ledger()).prompts.find((p) => !before.has(p.id)));
    await page.click('#tcf-reject');
    const flagged = await waitFor('F6 on the prompt', async () => {
      const p = (await ledger()).prompts.find((x) => x.id === fresh.id) as unknown as Stored | undefined;
      return p?.flags.some((f) => f.id === 'F6') ? p : undefined;
    });
    expect(flagged.signals.filter((s) => s.source === 'tcf' && s.eventStatus === 'useractioncomplete').at(-1)).toMatchObject({ vendorConsents: 3 });
    expect(flagged.flags.map((f) => f.id)).not.toContain('F5');
    await page.close();
  });

  it('reads a visited privacy policy in the background page; the popup shows its key facts', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/privacy.html`);
    const versions = await waitFor('the policy version in the ledger', async () => {
      const found = (await extensionPage.evaluate(readStoreInBrowser, 'policies')) as { url: string; source: string; analysis: { keyFacts: { text: string }[] } }[];
      return found.length > 0 ? found : undefined;
    });
    expect(versions[0]).toMatchObject({ url: `${server.origin}/privacy.html`, source: 'visited' });
    const popup = await openExtensionPage('/extension/ui/popup/index.html?site=127.0.0.1', '.key-fact');
    const facts = await popup.$$eval('.key-fact', (els) => els.map((el) => el.textContent ?? ''));
    expect(facts).toContain('Sells your personal information');
    await popup.screenshot({ path: artifactPath('firefox-popup-policy.png'), fullPage: true });
    await Promise.all([page.close(), popup.close()]);
  });

  it('made no network request of its own', () => {
    expect(extensionRequests.filter((url) => !url.startsWith(`${extensionBase}/`))).toEqual([]);
    expect(server.log.filter((r) => String(r.headers.origin ?? '').startsWith('moz-extension://'))).toEqual([]);
    expect(new Set(server.log.map((r) => r.path))).toEqual(
      new Set(['/cookieconsent.html', '/vendor/vanilla-cookieconsent/cookieconsent.css', '/vendor/vanilla-cookieconsent/cookieconsent.umd.js', '/favicon.ico', '/tcf.html', '/generated/tcf-cmp.js', '/privacy.html']),
    );
  });
});
