/**
 * IAB TCF flows end to end in Chromium: a page CMP built on @iabtechlabtcf/cmpapi writes real TC
 * strings (test/e2e/pages/tcf-cmp.ts). The extension reads them through its main-world bridge and
 * must raise F5 when consent is stored before any click, F6 when consent is stored after "Reject
 * all" - and neither on the honest flow.
 */
import { join } from 'node:path';
import type { BrowserContext, Worker } from 'playwright-core';
import { GVL, TCModel, TCString } from '@iabtechlabtcf/core';
import { VENDOR_LIST } from '../unit/signals/vendor-list.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { bundlePageScript } from './support/bundle.ts';
import { readLedgerInBrowser } from './support/ledger.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');

/** A real TC string: consent to every purpose and vendor (the forger's payload), or to nothing. */
function tcString(consent: boolean): string {
  const model = new TCModel(new GVL(VENDOR_LIST));
  model.cmpId = 10;
  if (consent) {
    model.setAllPurposeConsents();
    model.setAllVendorConsents();
  }
  return TCString.encode(model);
}

interface StoredPrompt {
  id: string;
  frame: string;
  time: number;
  flags: { id: string; evidence: { values?: Record<string, unknown> } }[];
  signals: { source: string; eventStatus?: string; cmpId?: number; purposeConsents: number[]; vendorConsents: number; time: number }[];
}

describe.skipIf(!executablePath)('Chromium: IAB TCF consent signals and flags F5 / F6', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let browser: ExtensionBrowser;

  const prompts = async (): Promise<StoredPrompt[]> => (await worker.evaluate(readLedgerInBrowser)).prompts as unknown as StoredPrompt[];

  beforeAll(async () => {
    const cmp = await bundlePageScript(join(ROOT, 'test', 'e2e', 'pages', 'tcf-cmp.ts'));
    server = await startServer({ 'tcf-cmp.js': cmp });
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, worker } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Visits the TCF page in `mode`, clicks "Reject all", and returns the prompt once its flags settle. */
  async function rejectOn(mode: string, expectFlag: string | null): Promise<StoredPrompt> {
    const before = new Set((await prompts()).map((p) => p.id));
    const page = await context.newPage();
    await page.goto(`${server.origin}/tcf.html?mode=${mode}`);
    const fresh = await waitFor('the TCF banner in the ledger', async () => (await prompts()).find((p) => !before.has(p.id)));
    await page.locator('#tcf-reject').click();
    await page.locator('#tcf-banner').waitFor({ state: 'detached' });
    // The CMP's useractioncomplete string arrives through the bridge; F12's check runs 2 s after the click.
    const settled = await waitFor(`the prompt's signals after the click (${mode})`, async () => {
      const p = (await prompts()).find((x) => x.id === fresh.id);
      const done = p?.signals.some((s) => s.eventStatus === 'useractioncomplete');
      const wanted = expectFlag === null || p?.flags.some((f) => f.id === expectFlag);
      return done && wanted ? p : undefined;
    });
    await page.waitForTimeout(2500);
    await page.close();
    return (await prompts()).find((p) => p.id === settled.id) as StoredPrompt;
  }

  const ids = (p: StoredPrompt) => p.flags.map((f) => f.id);

  it('honest CMP: the refusal is stored as no consent; neither F5 nor F6', async () => {
    const prompt = await rejectOn('honest', null);
    const after = prompt.signals.filter((s) => s.source === 'tcf' && s.eventStatus === 'useractioncomplete');
    expect(after.at(-1)).toMatchObject({ cmpId: 10, purposeConsents: [], vendorConsents: 0 });
    expect(ids(prompt)).not.toContain('F5');
    expect(ids(prompt)).not.toContain('F6');
    expect(ids(prompt)).not.toContain('F12'); // the page has a "Cookie settings" link
  });

  it('consent stored before any click: F5 (and F3, the TC string shown with the UI already consents)', async () => {
    const prompt = await rejectOn('early', 'F5');
    expect(ids(prompt)).toEqual(expect.arrayContaining(['F3', 'F5']));
    expect(ids(prompt)).not.toContain('F6');
    const f5 = prompt.flags.find((f) => f.id === 'F5');
    expect(f5?.evidence.values).toMatchObject({ source: 'tcf', purposeConsents: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], vendorConsents: 3 });
  });

  it('consent stored for every purpose after "Reject all": F6', async () => {
    const prompt = await rejectOn('ignore', 'F6');
    expect(ids(prompt)).toContain('F6');
    expect(ids(prompt)).not.toContain('F5');
    const f6 = prompt.flags.find((f) => f.id === 'F6');
    expect(f6?.evidence.values).toMatchObject({ decision: 'reject-all', source: 'tcf', vendorConsents: 3 });
  });

  it('a page cannot forge signals on the bridge: 1,000 attempts, a patched dispatchEvent, a sub-frame posing as the main world', async () => {
    const forged = tcString(true);
    const honest = tcString(false);
    const before = new Set((await prompts()).map((p) => p.id));
    const page = await context.newPage();
    await page.goto(`${server.origin}/forge.html#${encodeURIComponent(`${forged}|${honest}`)}`);
    const fresh = await waitFor('both banners (page and frame) in the ledger', async () => {
      const found = (await prompts()).filter((p) => !before.has(p.id));
      return found.length >= 2 ? found : undefined;
    });
    await waitFor('1,000 forgery attempts', async () => ((await page.evaluate(() => (window as unknown as { __attempts: () => number }).__attempts())) > 1000 ? true : undefined));
    // The page's own (honest) CMP answer does arrive: the bridge works, and it is what the page's API says.
    const top = fresh.find((p) => p.frame === 'top');
    await waitFor('the page CMP\'s own signal', async () => ((await prompts()).find((p) => p.id === top?.id)?.signals.length ? true : undefined));
    await page.locator('#reject').click();
    await page.waitForTimeout(2500);
    for (const id of fresh.map((p) => p.id)) {
      const stored = (await prompts()).find((p) => p.id === id) as StoredPrompt;
      expect(stored.signals.filter((s) => s.purposeConsents.length > 0 || s.vendorConsents > 0)).toEqual([]);
      expect(stored.flags.map((f) => f.id)).not.toContain('F5');
      expect(stored.flags.map((f) => f.id)).not.toContain('F6');
    }
    await page.close();
  });

});
