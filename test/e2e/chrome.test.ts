/**
 * End to end in Debian Chromium (playwright-core): the built dist/chrome is loaded, a local page
 * renders its banner with the real vanilla-cookieconsent package, the person clicks "Reject all",
 * and the ledger (service-worker IndexedDB), the dashboard and the popup must all show it - while
 * the extension makes no network request of its own.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Request, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { readLedgerInBrowser, type RawLedger } from './support/ledger.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');

describe.skipIf(!executablePath)('Chromium: reject a real vanilla-cookieconsent banner', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let extensionId: string;
  let browser: ExtensionBrowser;
  const requests: { url: string; fromWorker: boolean; frameUrl: string | null }[] = [];

  const ledger = (): Promise<RawLedger> => worker.evaluate(readLedgerInBrowser);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromiumWithExtension(executablePath as string, { viewport: { width: 1200, height: 800 } });
    ({ context, worker } = browser);
    context.on('request', (request: Request) => {
      let frameUrl: string | null;
      try {
        frameUrl = request.frame().url();
      } catch {
        frameUrl = null; // service-worker requests have no frame
      }
      requests.push({ url: request.url(), fromWorker: request.serviceWorker() !== null, frameUrl });
    });
    extensionId = browser.extensionId;
    mkdirSync(artifactPath(''), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records the banner and the "Reject all" click in the ledger', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/cookieconsent.html`);
    const reject = page.locator('#cc-main .cm').getByRole('button', { name: 'Reject all' });
    await reject.waitFor({ state: 'visible' });

    const seen = await waitFor('the banner in the ledger', async () => {
      const { prompts } = await ledger();
      return prompts.length > 0 ? prompts : undefined;
    });
    expect(seen).toHaveLength(1);
    const [prompt] = seen;
    // vanilla-cookieconsent marks its consent modal role="dialog" aria-modal="true".
    expect(prompt).toMatchObject({ site: '127.0.0.1', kind: 'consent-dialog', detector: 'generic', language: 'en' });
    expect(prompt?.text).toContain('We and our partners use cookies');
    expect(prompt?.textHash).toMatch(/^[0-9a-f]{64}$/u);
    expect(prompt?.actions.map((a) => a.role)).toEqual(expect.arrayContaining(['accept-all', 'reject-all', 'settings']));

    await reject.click();
    await page.locator('html:not(.show--consent)').waitFor({ state: 'attached' });
    const decisions = await waitFor('the decision in the ledger', async () => {
      const found = (await ledger()).decisions;
      return found.length > 0 ? found : undefined;
    });
    expect(decisions).toEqual([
      expect.objectContaining({ promptId: prompt?.id, site: '127.0.0.1', role: 'reject-all', label: 'Reject all', indicatedBy: 'user' }),
    ]);
    await page.close();
  });

  it('records nothing on a page without a banner', async () => {
    const before = (await ledger()).prompts.length;
    const page = await context.newPage();
    await page.goto(`${server.origin}/plain.html`);
    await page.waitForTimeout(1500); // longer than the watcher's settle scan
    expect((await ledger()).prompts.length).toBe(before);
    await page.close();
  });

  it('shows the decision in the dashboard and the popup', async () => {
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#ledger`);
    const row = dashboard.locator('tr.ledger-row[data-site="127.0.0.1"]');
    await row.waitFor();
    await expect(row.locator('.decision').textContent()).resolves.toContain('Rejected all');
    await dashboard.screenshot({ path: artifactPath('chrome-dashboard.png'), fullPage: true });

    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 520 });
    await popup.goto(`chrome-extension://${extensionId}/extension/ui/popup/index.html?site=127.0.0.1`);
    await popup.locator('.entry .decision[data-role="reject-all"]').waitFor();
    await popup.screenshot({ path: artifactPath('chrome-popup.png') });
    await Promise.all([dashboard.close(), popup.close()]);
  });

  it('an open popup follows the ledger: a prompt recorded while it is open appears without reopening it', async () => {
    const host = 'localhost'; // a second site, whose banner nobody has answered yet
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 520 });
    await popup.goto(`chrome-extension://${extensionId}/extension/ui/popup/index.html?site=${host}`);
    await popup.locator('.popup footer').waitFor();
    expect(await popup.locator('.entry').count()).toBe(0);
    const page = await context.newPage();
    await page.goto(`${server.origin.replace('127.0.0.1', host)}/cookieconsent.html`);
    await popup.locator('.entry').first().waitFor({ timeout: 15_000 });
    // And back: the site deleted (as the dashboard does), the open popup empties (the later tests expect only 127.0.0.1).
    await page.close();
    await popup.evaluate(async (site) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime;
      if (!(await runtime.sendMessage({ type: 'ledger/delete-site', payload: { site } })).ok) throw new Error('ledger/delete-site refused');
    }, host);
    await popup.locator('.entry').first().waitFor({ state: 'detached', timeout: 15_000 });
    await popup.close();
  });

  it('loses nothing when the service worker was stopped: the report wakes it and is acknowledged', async () => {
    const reader = await context.newPage();
    await reader.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#ledger`);
    const read = (): Promise<RawLedger> => reader.evaluate(readLedgerInBrowser);
    const before = await read();

    const cdp = await context.newCDPSession(reader);
    const status = new Map<string, string>();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) status.set(v.versionId, v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    // The dashboard asks the worker for the ledger when it opens; let that finish so it cannot wake
    // the worker again, then stop it. A stop can still race a late wake-up, so ask again until the
    // worker is seen stopped.
    await reader.locator('tr.ledger-row').first().waitFor();
    await waitFor('our service worker to stop', async () => {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const stopped = () => status.size > 0 && [...status.values()].every((s) => s === 'stopped');
      for (let i = 0; i < 20 && !stopped(); i++) await new Promise((r) => setTimeout(r, 100));
      return stopped() ? true : undefined;
    });

    await context.clearCookies(); // the library remembers the earlier answer in its cookie
    const page = await context.newPage();
    await page.goto(`${server.origin}/cookieconsent.html`);
    const accept = page.locator('#cc-main .cm').getByRole('button', { name: 'Accept all' });
    await accept.waitFor({ state: 'visible' });
    await waitFor('the new banner in the ledger', async () => ((await read()).prompts.length > before.prompts.length ? true : undefined));
    await accept.click();
    const after = await waitFor('the new decision in the ledger', async () => {
      const now = await read();
      return now.decisions.length > before.decisions.length ? now : undefined;
    });
    expect(after.prompts).toHaveLength(before.prompts.length + 1);
    expect(after.decisions).toHaveLength(before.decisions.length + 1);
    expect(after.decisions.filter((d) => d.role === 'accept-all')).toHaveLength(1);
    await Promise.all([page.close(), reader.close()]);
  });

  it('exports the decision as a JSONL event from the export panel (streamed over the export port), sites hashed, after a preview', async () => {
    const stored = await ledger();
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#ledger`);
    await dashboard.locator('tr.ledger-row').first().waitFor();
    await dashboard.locator('input[name="export-format"][value="jsonl"]').check();
    await dashboard.locator('input[name="export-sites-as"][value="hash"]').check();
    await dashboard.locator('button[data-action="export-preview"]').click();
    await dashboard.locator('[data-export-preview]').waitFor();
    await expect(dashboard.locator('[data-export-by-site]').textContent()).resolves.not.toContain('127.0.0.1');
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.locator('button[data-action="export-write"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^consent-lens-jsonl-\d{4}-\d{2}-\d{2}\.jsonl$/u);
    // Streamed over the export port: the progress bar counted every record read and reached its end.
    const bar = dashboard.getByRole('progressbar', { name: 'Export progress' });
    const [value, max] = await Promise.all([bar.getAttribute('value'), bar.getAttribute('max')]);
    expect(Number(max)).toBeGreaterThanOrEqual(stored.prompts.length + stored.decisions.length);
    expect(Number(value)).toBe(Number(max));
    const events = readFileSync((await download.path()) as string, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; eventId: string; site: string; dpvStatus: string | null });
    const decisions = events.filter((e) => e.kind === 'decision');
    expect(decisions.map((e) => e.eventId).sort()).toEqual(stored.decisions.map((d) => `decision:${d.id}`).sort());
    expect(decisions.some((e) => e.dpvStatus === 'dpv:ConsentRefused')).toBe(true);
    for (const e of events) expect(e.site).toMatch(/^h:[0-9a-f]{16}$/u);
    await dashboard.close();
  });

  it('exports the ledger as JSON, then deletes the site after confirmation', async () => {
    const stored = await ledger();
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#ledger`);
    await dashboard.locator('tr.ledger-row').first().waitFor();

    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export as JSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^consent-lens-ledger-\d{4}-\d{2}-\d{2}\.json$/u);
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(exported).toMatchObject({ format: 'consent-lens-ledger', schemaVersion: 5 });
    expect(exported.prompts.map((p: { id: string }) => p.id).sort()).toEqual(stored.prompts.map((p) => p.id).sort());
    expect(exported.decisions.map((d: { id: string }) => d.id).sort()).toEqual(stored.decisions.map((d) => d.id).sort());

    // Cancel keeps everything; confirming deletes the site's records.
    await dashboard.locator('button[data-action="delete-site"]').first().click();
    await dashboard.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect((await ledger()).prompts).toHaveLength(stored.prompts.length);
    await dashboard.locator('button[data-action="delete-site"]').first().click();
    await dashboard.locator('button[data-action="confirm-delete"]').click();
    await dashboard.locator('.empty').waitFor();
    const after = await ledger();
    expect(after.prompts.filter((p) => p.site === '127.0.0.1')).toEqual([]);
    expect(after.decisions.filter((d) => d.site === '127.0.0.1')).toEqual([]);
    await dashboard.close();
  });

  it('made no network request of its own', () => {
    const own = `chrome-extension://${extensionId}/`;
    const fromExtension = requests.filter((r) => r.fromWorker || (r.frameUrl?.startsWith(own) ?? false));
    // Extension pages load their own files; anything else from the extension is a leak.
    expect(fromExtension.filter((r) => !r.url.startsWith(own))).toEqual([]);
    // The test server saw only what the test pages asked for.
    expect(server.log.filter((r) => String(r.headers.origin ?? '').startsWith('chrome-extension://'))).toEqual([]);
    expect(new Set(server.log.map((r) => r.path))).toEqual(
      new Set(['/cookieconsent.html', '/vendor/vanilla-cookieconsent/cookieconsent.css', '/vendor/vanilla-cookieconsent/cookieconsent.umd.js', '/plain.html', '/favicon.ico']),
    );
  });
});
