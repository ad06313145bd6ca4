/**
 * Issue #8, item 2 (network), in Debian Chromium with the built extension (dist/chrome): a whole
 * browsing flow - a shop page with a cookie banner (refused), a permission request, a form filled
 * and sent, a privacy-policy link; then the popup, every dashboard view and a JSON export - with
 * all network observed three ways: the local test server's request log (everything to 127.0.0.1),
 * a recording proxy for everything else (nothing may reach it), and Playwright's request events
 * (pages and the service worker). The extension may make exactly one request: the policy fetch the
 * person asks for with "Check the policy", to exactly the link's URL, without cookies or referrer.
 */
import type { BrowserContext, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, waitFor } from '../e2e/support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../e2e/support/chromium.ts';
import { readLedgerInBrowser, readStoreInBrowser } from '../e2e/support/ledger.ts';
import { startRecordingProxy, startServer, type TestServer } from '../e2e/support/server.ts';

const executablePath = browserOrSkip('chromium');

const SHOP = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Net shop</title></head><body>
<h1>Net shop</h1>
<p>Welcome. <a href="/net/privacy.html">Privacy policy</a> · <a href="/net/terms.html">Terms of service</a></p>
<form id="signup" action="/net/subscribe" method="post">
  <label>Name <input name="name" autocomplete="name" required></label>
  <label>E-mail <input type="email" name="email" autocomplete="email" required></label>
  <button type="submit">Sign up</button>
</form>
<div id="cookie-banner" role="dialog" aria-label="Cookies" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1rem">
  <p>We and our partners use cookies to measure traffic and personalise ads. See our <a href="/net/privacy.html">privacy policy</a>.</p>
  <button id="accept">Accept all</button> <button id="reject">Reject all</button>
</div>
<script>
  document.cookie = 'session=secret-session-id; path=/';
  // The page's own credentialed request: proves the cookie would be sent to this origin.
  fetch('/net/ping', { credentials: 'include' });
  document.getElementById('accept').onclick = document.getElementById('reject').onclick = function () { document.getElementById('cookie-banner').remove(); };
  navigator.geolocation.getCurrentPosition(function () {}, function () {});
</script>
</body></html>`;

const PRIVACY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Privacy policy</title></head><body><main>
<h1>Privacy policy</h1>
${Array.from({ length: 6 }, (_, i) => `<h2>Section ${i + 1}</h2><p>We collect your name and e-mail address to run your account and send newsletters. We share data with payment providers and advertising partners. You may ask for access, correction or deletion at any time by writing to our data protection officer. We keep order records for ten years.</p>`).join('\n')}
</main></body></html>`;

describe.skipIf(!executablePath)('hostile (Chromium): all network observed through a whole flow', () => {
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let context: BrowserContext;
  let browser: ExtensionBrowser;
  let extensionId: string;
  const requests: { url: string; fromWorker: boolean; frameUrl: string | null; method: string }[] = [];

  beforeAll(async () => {
    server = await startServer();
    server.setPage('/net/shop.html', SHOP);
    server.setPage('/net/privacy.html', PRIVACY);
    server.setPage('/net/terms.html', '<!doctype html><title>Terms</title><p>Terms.</p>');
    server.setPage('/net/ping', 'pong');
    server.setPage('/net/subscribe', '<!doctype html><title>Thanks</title><p>Thanks.</p>');
    proxy = await startRecordingProxy();
    // Everything not on the loopback address goes to the recording proxy (which refuses it).
    browser = await launchChromiumWithExtension(executablePath as string, { viewport: { width: 1200, height: 900 }, args: [
        `--proxy-server=http://127.0.0.1:${proxy.port}`,
        // Quiet Chromium's own services, so that the proxy's log is about the extension.
        '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,SigninInterceptBubble',
        '--disable-default-apps',
        '--disable-domain-reliability',
        '--disable-client-side-phishing-detection',
        '--no-pings',
        '--no-service-autorun',
        '--extensions-update-frequency=86400',
      ],
    });
    ({ context, extensionId } = browser);
    context.on('request', (request: Request) => {
      let frameUrl: string | null;
      try {
        frameUrl = request.frame().url();
      } catch {
        frameUrl = null; // a service worker's request has no frame
      }
      requests.push({ url: request.url(), fromWorker: request.serviceWorker() !== null, frameUrl, method: request.method() });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await proxy?.close();
  });

  it('records the flow, then only the person\'s "fetch policy" makes a request: that URL, no cookie, no referrer', async () => {
    const own = `chrome-extension://${extensionId}/`;
    const shop = await context.newPage();
    await shop.goto(`${server.origin}/net/shop.html`);
    const prompt = await waitFor('the banner in the ledger', async () => (await browser.worker.evaluate(readLedgerInBrowser)).prompts.find((p) => p.url.includes('/net/shop.html')));
    await waitFor('the policy link in the ledger', async () => ((await browser.worker.evaluate(readStoreInBrowser, 'policyLinks')).length > 0 ? true : undefined));
    await waitFor('the geolocation request in the ledger', async () => ((await browser.worker.evaluate(readStoreInBrowser, 'permissions')).length > 0 ? true : undefined));
    await shop.locator('#reject').click();
    await waitFor('the refusal', async () => ((await browser.worker.evaluate(readLedgerInBrowser)).decisions.some((d) => d.promptId === prompt.id) ? true : undefined));
    await waitFor('the form in the ledger', async () => ((await browser.worker.evaluate(readStoreInBrowser, 'forms')).length > 0 ? true : undefined));
    await shop.locator('input[name="name"]').fill('Ada');
    await shop.locator('input[name="email"]').fill('ada@example.test');
    await Promise.all([shop.waitForURL('**/net/subscribe'), shop.locator('#signup button').click()]);

    // The popup and every dashboard view, and a JSON export.
    const popup = await context.newPage();
    await popup.goto(`${own}extension/ui/popup/index.html?site=127.0.0.1`);
    await popup.locator('.entry').first().waitFor();
    const dashboard = await context.newPage();
    for (const view of ['#overview', '#sites', '#ledger']) {
      await dashboard.goto(`${own}extension/ui/dashboard/index.html${view}`);
      await dashboard.locator('main').first().waitFor();
      await dashboard.waitForTimeout(300);
    }
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export as JSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/u);
    await dashboard.goto(`${own}extension/ui/dashboard/index.html#sites/127.0.0.1`);
    const fetchButton = dashboard.locator('button[data-action="fetch-policy"]');
    await fetchButton.waitFor();
    await dashboard.waitForTimeout(1000);

    // Until now: the server saw only what the pages asked for, and the policy was never fetched.
    const pagePaths = new Set(['/net/shop.html', '/net/ping', '/net/subscribe', '/favicon.ico']);
    expect(server.log.filter((r) => !pagePaths.has(r.path)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(server.log.find((r) => r.path === '/net/ping')?.headers.cookie).toContain('session=secret-session-id'); // a credentialed request would carry it
    const before = server.log.length;

    // The person asks: exactly one request, to the link found on the page.
    await fetchButton.click();
    await dashboard.locator('section.policy[data-version]').waitFor({ timeout: 20_000 });
    await dashboard.waitForTimeout(1000);
    const fetched = server.log.slice(before);
    expect(fetched.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /net/privacy.html']);
    const [policyRequest] = fetched;
    expect(policyRequest?.headers.cookie).toBeUndefined();
    expect(policyRequest?.headers.referer).toBeUndefined();

    // Nothing went anywhere else: the proxy saw only Chromium's own services, which the flags
    // above do not all silence (network time, the component/extension updater, the Google account
    // check). The extension's own requests are also caught below by the request events of its worker
    // and pages, which do not see those browser requests.
    const chromiumOwn = /^(?:CONNECT |(?:GET|POST) http:\/\/)(?:clients2\.google\.com|update\.googleapis\.com|accounts\.google\.com|content-autofill\.googleapis\.com)[:/]/u;
    expect(proxy.log.filter((line) => !chromiumOwn.test(line))).toEqual([]);
    // ... and the extension's own contexts requested nothing but their files and that one page.
    const fromExtension = requests.filter((r) => r.fromWorker || r.frameUrl === null || r.frameUrl.startsWith(own));
    expect(fromExtension.filter((r) => !r.url.startsWith(own)).map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${server.origin}/net/privacy.html`]);
    await Promise.all([shop.close(), popup.close(), dashboard.close()]);
  });
});
