/**
 * Issue #8, item 2 (storage full), in Debian Chromium: the extension's storage is exhausted while
 * it records. The person must see it (popup and dashboard say storage is full), a refused write must
 * be named ('storage-full'), what was already recorded must stay intact and readable, and once
 * space is free again recording must work again.
 *
 * How the quota is made reachable: the real manifest asks for "unlimitedStorage", which exempts the
 * extension's origin from Chromium's quota (CDP Storage.overrideQuotaForOrigin is then ignored; only
 * a full disk stops it). The test loads a copy of dist/chrome without that permission, sets a small
 * quota with Storage.overrideQuotaForOrigin right after launch (set later, Chromium keeps the quota
 * it already read), and fills the origin's storage from a separate test database (not the ledger),
 * as a full disk would.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, builtExtension, waitFor } from '../e2e/support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../e2e/support/chromium.ts';
import { readLedgerInBrowser, type RawLedger } from '../e2e/support/ledger.ts';
import { startServer, type TestServer } from '../e2e/support/server.ts';
import { isolatedWorldOf } from './support/isolated.ts';

const executablePath = browserOrSkip('chromium');
const QUOTA = 4 * 1024 * 1024;
const STORAGE_FULL = 'Storage is full: ConsentLens cannot record new prompts or decisions.';

const banner = (n: number) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop ${n}</title></head><body>
<h1>Shop ${n}</h1>
<div id="cookie-banner" role="dialog" aria-label="Cookies" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1rem">
  <p>We use cookies to measure traffic and personalise ads (shop ${n}).</p>
  <button id="accept">Accept all</button> <button id="reject">Reject all</button>
</div>
<script>document.getElementById('reject').onclick = function () { document.getElementById('cookie-banner').remove(); };</script>
</body></html>`;

/** Fills the origin's storage from an extension page, in a database of its own, until even a 256-byte write is refused. */
async function fillStorage(page: Page): Promise<{ bytes: number; error: string }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('quota-filler', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('rows');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const put = (key: number, size: number) =>
      new Promise<string>((ok) => {
        const tx = db.transaction('rows', 'readwrite');
        // Random digits: IndexedDB compresses its values, so a repeated character would take no room.
        const chunk = Array.from(crypto.getRandomValues(new Uint8Array(Math.min(size, 65536))), (b) => b.toString(16).padStart(2, '0')).join('');
        tx.objectStore('rows').put(chunk.repeat(Math.ceil(size / chunk.length)).slice(0, size), key);
        tx.oncomplete = () => ok('ok');
        tx.onabort = () => ok(tx.error?.name ?? 'aborted');
      });
    let key = 0;
    let bytes = 0;
    let error = '';
    for (const size of [256 * 1024, 32 * 1024, 4096, 256]) {
      for (let i = 0; i < 2000; i++) {
        const result = await put(key++, size);
        if (result !== 'ok') {
          error = result;
          break;
        }
        bytes += size;
      }
    }
    db.close();
    return { bytes, error };
  });
}

describe.skipIf(!executablePath)('hostile (Chromium): storage full', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: ExtensionBrowser;
  let extensionId: string;
  let copy: string;

  beforeAll(async () => {
    server = await startServer();
    for (let n = 1; n <= 3; n++) server.setPage(`/quota/shop${n}.html`, banner(n));
    copy = mkdtempSync(join(tmpdir(), 'consent-lens-quota-ext-'));
    cpSync(builtExtension('chrome'), copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { permissions: string[] };
    expect(manifest.permissions).toContain('unlimitedStorage');
    manifest.permissions = manifest.permissions.filter((p) => p !== 'unlimitedStorage');
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest, null, 2));
    browser = await launchChromiumWithExtension(executablePath as string, { extensionDir: copy });
    ({ context, extensionId } = browser);
    const first = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(first);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${extensionId}`, quotaSize: QUOTA });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  const ledger = (): Promise<RawLedger> => browser.worker.evaluate(readLedgerInBrowser);

  async function recordBanner(n: number): Promise<void> {
    const page = await context.newPage();
    await page.goto(`${server.origin}/quota/shop${n}.html`);
    const prompt = await waitFor(`shop ${n}'s banner in the ledger`, async () => (await ledger()).prompts.find((p) => p.url.endsWith(`/quota/shop${n}.html`)));
    await page.locator('#reject').click();
    await waitFor(`shop ${n}'s refusal in the ledger`, async () => ((await ledger()).decisions.some((d) => d.promptId === prompt.id) ? true : undefined));
    await page.close();
  }

  async function alertIn(path: string, ready: string): Promise<string | null> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(800); // the storage check has answered
    const alert = page.locator('[data-storage-full]');
    const text = (await alert.count()) > 0 && (await alert.isVisible()) ? await alert.innerText() : null;
    await page.close();
    return text;
  }

  it('shows "storage is full" in the popup and the dashboard, names refused writes, keeps the ledger intact, and records again once there is room', async () => {
    await recordBanner(1);
    const before = await ledger();
    expect(before.prompts).toHaveLength(1);
    expect(before.decisions).toHaveLength(1);
    expect(await alertIn('extension/ui/popup/index.html?site=127.0.0.1', '.entry')).toBeNull();

    // Fill the origin's storage.
    const filler = await context.newPage();
    await filler.goto(`chrome-extension://${extensionId}/extension/offscreen/index.html`);
    const filled = await fillStorage(filler);
    expect(filled.error).toBe('QuotaExceededError');
    expect(filled.bytes).toBeGreaterThan(QUOTA / 4);

    // A new prompt is refused, and the refusal says why.
    const shop = await context.newPage();
    const world = await isolatedWorldOf(context, shop, extensionId, `${server.origin}/quota/shop2.html`);
    const reply = await world.evaluate<{ ok: boolean; error?: { code: string } }>(`chrome.runtime.sendMessage({ type: 'prompt/seen', payload: {
      id: 'quota-prompt-0001', kind: 'cookie-banner', detector: 'generic', language: 'en', text: 'We use cookies. ' + 'x'.repeat(3000),
      actions: [{ label: 'Accept all', role: 'accept-all' }], facts: { toggles: [], blocksPage: false, policyLink: false }, time: Date.now() } })`);
    expect(reply).toMatchObject({ ok: false, error: { code: 'storage-full' } });

    // The person sees it.
    expect(await alertIn('extension/ui/popup/index.html?site=127.0.0.1', '.entry')).toContain(STORAGE_FULL);
    expect(await alertIn('extension/ui/dashboard/index.html#overview', 'main')).toContain(STORAGE_FULL);
    expect(await alertIn('extension/ui/dashboard/index.html#ledger', 'tr.ledger-row')).toContain(STORAGE_FULL);

    // What was recorded is intact and readable, in the ledger and in the dashboard.
    const during = await ledger();
    expect(during.prompts).toEqual(before.prompts);
    expect(during.decisions).toEqual(before.decisions);
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#ledger`);
    await dashboard.locator('tr.ledger-row').first().waitFor();
    await expect(dashboard.locator('tr.ledger-row').count()).resolves.toBe(1);
    await dashboard.close();

    // Space is freed: the alert goes and recording works again.
    await filler.evaluate(
      () =>
        new Promise<void>((ok, fail) => {
          const del = indexedDB.deleteDatabase('quota-filler');
          del.onsuccess = () => ok();
          del.onerror = () => fail(del.error);
        }),
    );
    await filler.close();
    await shop.close();
    expect(await alertIn('extension/ui/popup/index.html?site=127.0.0.1', '.entry')).toBeNull();
    await recordBanner(3);
    const after = await ledger();
    expect(after.prompts).toHaveLength(before.prompts.length + 1 + (after.prompts.some((p) => p.url.endsWith('/quota/shop2.html')) ? 1 : 0));
    for (const p of before.prompts) expect(after.prompts.find((x) => x.id === p.id)).toEqual(p);
    for (const d of before.decisions) expect(after.decisions.find((x) => x.id === d.id)).toEqual(d);
  });
});
