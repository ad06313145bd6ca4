/**
 * Issue #8, item 2 (XSS), in Debian Chromium with the built extension (dist/chrome): script
 * payloads are put everywhere page-controlled text reaches ConsentLens's own pages - a banner's text
 * and button labels, the site's policy page (title, headings, text), the page address, the site
 * name in the dashboard's and popup's addresses, and a ledger backup restored through the
 * dashboard's Import (valid, and invalid so that the errors quote it). Then the popup and every
 * dashboard view are opened. No payload may run (each would call a binding, set window.__pwned or
 * the title), no CSP violation may be reported, no payload element may exist in the DOM, and the
 * text must be shown literally.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, waitFor } from '../e2e/support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../e2e/support/chromium.ts';
import { readLedgerInBrowser, readStoreInBrowser } from '../e2e/support/ledger.ts';
import { startServer, type TestServer } from '../e2e/support/server.ts';

const executablePath = browserOrSkip('chromium');

/** Each payload, if it ever ran, would call the binding with its number, set window.__pwned and the title. */
const run = (n: number) => `window.__pwned=${n};document.title='pwned';__xssHit(${n})`;
const PAYLOADS = [
  `<img src=x onerror="${run(1)}">`,
  `<script>${run(2)}</script>`,
  `javascript:${run(3)}`,
  `"><svg onload="${run(4)}">`,
  `{{constructor.constructor('${run(5)}')()}}`,
] as const;
const [IMG, SCRIPT, JS_URL, SVG, TEMPLATE] = PAYLOADS;

const escapeHtml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

const BANNER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop ${escapeHtml(SVG)}</title></head><body>
<h1>A shop</h1>
<div id="cookie-banner" role="dialog" aria-label="Cookies" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1rem">
  <p>We use cookies for advertising and analytics. ${PAYLOADS.map(escapeHtml).join(' ')}
  Read our <a href="/xss/privacy.html">privacy policy ${escapeHtml(IMG)}</a>.</p>
  <button id="accept">Accept all ${escapeHtml(IMG)}</button>
  <button id="reject">Reject all ${escapeHtml(SVG)}</button>
  <button id="settings">Cookie settings ${escapeHtml(SCRIPT)}</button>
</div></body></html>`;

const POLICY_TEXT = 'We collect your name, e-mail address and purchase history to deliver orders and to send newsletters. We share data with payment providers and advertising partners. You can ask for access, correction or deletion of your data at any time by writing to our data protection officer. We keep order records for ten years as the law requires. ';
const POLICY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Privacy policy ${escapeHtml(IMG)}</title></head><body>
<main><h1>Privacy policy ${escapeHtml(SVG)}</h1>
${PAYLOADS.map((p, i) => `<h2>Section ${i + 1}: ${escapeHtml(p)}</h2><p>${POLICY_TEXT} ${escapeHtml(p)}</p>`).join('\n')}
</main></body></html>`;

describe.skipIf(!executablePath)('hostile (Chromium): script payloads in page text, policies, addresses and imports never run in ConsentLens pages', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: ExtensionBrowser;
  let extensionId: string;
  const hits: { n: number; url: string }[] = [];
  const csp: string[] = [];
  const ext = (path: string) => `chrome-extension://${extensionId}/${path}`;

  beforeAll(async () => {
    server = await startServer();
    server.setPage('/xss/shop.html', BANNER_PAGE);
    server.setPage('/xss/privacy.html', POLICY_PAGE);
    browser = await launchChromiumWithExtension(executablePath as string, { viewport: { width: 1200, height: 900 } });
    ({ context, extensionId } = browser);
    // A payload that ran would call this (in any page of the context, extension pages included).
    await context.exposeBinding('__xssHit', (source, n: number) => void hits.push({ n, url: source.frame.url() }));
    context.on('page', (page) => {
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/iu.test(m.text())) csp.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => void csp.push(`${page.url()}: pageerror ${e.message}`));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens an extension page, waits for `ready`, checks nothing ran, returns its visible text. */
  async function open(path: string, ready: (page: Page) => Promise<unknown>): Promise<{ text: string; page: Page }> {
    const page = await context.newPage();
    await page.goto(ext(path));
    await ready(page);
    await page.waitForTimeout(500); // an onerror / onload would have fired by now
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      title: document.title,
      payloadElements: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script:not([src])').length,
      jsLinks: Array.from(document.querySelectorAll('a[href], iframe[src], form[action]')).filter((el) => /^\s*javascript:/iu.test(el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '')).length,
      text: document.body.innerText,
      trapSet: typeof (window as unknown as { __xssHit?: unknown }).__xssHit === 'function',
    }));
    expect(state.trapSet).toBe(true); // the binding a payload would call exists in this page
    expect({ path, pwned: state.pwned, title: state.title, payloadElements: state.payloadElements, jsLinks: state.jsLinks }).toEqual({ path, pwned: null, title: expect.not.stringMatching(/pwned/u), payloadElements: 0, jsLinks: 0 });
    return { text: state.text, page };
  }

  it('records the hostile banner, its labels and the hostile policy page', async () => {
    const shop = await context.newPage();
    await shop.goto(`${server.origin}/xss/shop.html?q=${encodeURIComponent(SVG)}#${encodeURIComponent(IMG)}`);
    const prompt = await waitFor('the banner in the ledger', async () => (await browser.worker.evaluate(readLedgerInBrowser)).prompts.find((p) => p.url.includes('/xss/shop.html')));
    expect(prompt.actions.map((a) => a.label)).toEqual(expect.arrayContaining([`Accept all ${IMG}`, `Reject all ${SVG}`]));
    expect(prompt.text).toContain(SCRIPT);
    await shop.locator('#reject').click();
    await waitFor('the refusal in the ledger', async () => ((await browser.worker.evaluate(readLedgerInBrowser)).decisions.some((d) => d.label.includes('svg onload')) ? true : undefined));
    await shop.goto(`${server.origin}/xss/privacy.html`);
    await waitFor('the policy version', async () => ((await browser.worker.evaluate(readStoreInBrowser, 'policies')).length > 0 ? true : undefined));
    await shop.close();
  });

  it('restores a backup full of payloads through the dashboard, and shows an invalid one\'s errors literally', async () => {
    const { page: dashboard } = await open('extension/ui/dashboard/index.html#ledger', (p) => p.locator('input[data-action="import-file"]').waitFor());
    const exported = (await dashboard.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: Record<string, unknown[]> }> } } }).chrome.runtime.sendMessage({ type: 'ledger/export', payload: {} }),
    )).data;
    const [base] = exported.prompts as Record<string, unknown>[];
    const [decision] = exported.decisions as Record<string, unknown>[];
    const text = `Cookies! ${PAYLOADS.join(' ')}`;
    const prompt = {
      ...base,
      id: 'xss-import-prompt-0001',
      site: 'xss-import.example',
      url: JS_URL,
      text,
      textHash: createHash('sha256').update(text).digest('hex'),
      actions: [{ label: `Accept ${IMG}`.slice(0, 120), role: 'accept-all' }, { label: `Reject ${TEMPLATE}`.slice(0, 120), role: 'reject-all' }],
    };
    const backup = { ...exported, prompts: [prompt], decisions: [{ ...decision, id: 'xss-import-decision-01', promptId: prompt.id, site: prompt.site, label: `Reject ${TEMPLATE}`.slice(0, 120) }], policies: [] };
    const dir = mkdtempSync(join(tmpdir(), 'consent-lens-xss-'));
    writeFileSync(join(dir, 'backup.json'), JSON.stringify(backup));
    await dashboard.locator('input[data-action="import-file"]').setInputFiles(join(dir, 'backup.json'));
    await dashboard.locator('button[data-action="import-restore"]').click();
    await dashboard.locator('.import-result').waitFor();
    const restored = await waitFor('the imported prompt', async () => (await browser.worker.evaluate(readLedgerInBrowser)).prompts.find((p) => p.id === prompt.id));
    expect(restored.url).toBe(JS_URL);

    // An invalid backup: its errors name the bad values and keys, which are payloads.
    const bad = { ...backup, prompts: [{ ...prompt, id: IMG, kind: SVG, [SCRIPT]: TEMPLATE }] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    await dashboard.locator('input[data-action="import-file"]').setInputFiles(join(dir, 'bad.json'));
    await dashboard.locator('button[data-action="import-restore"]').click();
    await dashboard.locator('.import-errors').waitFor();
    await dashboard.waitForTimeout(500);
    const errors = await dashboard.locator('.import-errors').innerText();
    expect(errors.length).toBeGreaterThan(0);
    expect(await dashboard.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length)).toBe(0);
    await dashboard.close();
  });

  it('the popup and every dashboard view show the payloads as text and run none of them', async () => {
    const popup = await open(`extension/ui/popup/index.html?site=127.0.0.1`, (p) => p.locator('.entry').first().waitFor());
    expect(popup.text).toContain(`Reject all ${SVG}`);
    const importedPopup = await open(`extension/ui/popup/index.html?site=xss-import.example`, (p) => p.locator('.entry').first().waitFor());
    expect(importedPopup.text).toContain(IMG);
    // A payload as the site name in the popup's address.
    await open(`extension/ui/popup/index.html?site=${encodeURIComponent(IMG)}`, (p) => p.locator('main, body').first().waitFor());

    const overview = await open('extension/ui/dashboard/index.html#overview', (p) => p.locator('main').first().waitFor());
    expect(overview.text.length).toBeGreaterThan(0);
    await open('extension/ui/dashboard/index.html#sites', (p) => p.getByText('xss-import.example').first().waitFor());
    const site = await open('extension/ui/dashboard/index.html#sites/127.0.0.1', (p) => p.locator('#policy-heading').waitFor());
    expect(site.text).toContain(`Privacy policy ${IMG}`); // the policy's title, as text
    const imported = await open('extension/ui/dashboard/index.html#sites/xss-import.example', (p) => p.getByText('xss-import.example').first().waitFor());
    expect(imported.text).toContain('xss-import.example');
    // A payload as the site name in the dashboard's address.
    const named = await open(`extension/ui/dashboard/index.html#sites/${encodeURIComponent(SVG)}`, (p) => p.locator('main').first().waitFor());
    expect(named.text).toContain(SVG);
    const ledger = await open('extension/ui/dashboard/index.html#ledger', (p) => p.locator('tr.ledger-row').first().waitFor());
    expect(ledger.text).toContain(`Reject all ${SVG}`);
    expect(ledger.text).toContain(IMG);

    // Nothing ran anywhere, and the browser reported no blocked script (CSP) either.
    expect(hits).toEqual([]);
    expect(csp).toEqual([]);
  });
});
