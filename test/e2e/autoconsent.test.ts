/**
 * autoconsent in ConsentLens, end to end in Chromium with real consent libraries:
 * - detect-only by default: the platform is named on the prompt, nothing is clicked or hidden;
 * - with "reject when possible" on: ConsentLens refuses through autoconsent's opt-out, and the
 *   decision is recorded as indicated by the extension, with autoconsent's self-test result.
 */

import type { BrowserContext, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { readLedgerInBrowser } from './support/ledger.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');

type Prompt = { id: string; cmp?: string | null; text: string };
type Decision = { promptId: string; kind: string; indicatedBy: string; autoconsent?: { cmp: string; optOut: boolean; selfTest: boolean | null } };

describe.skipIf(!executablePath)('Chromium: autoconsent, detect-only and "reject when possible"', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let browser: ExtensionBrowser;
  const ledger = async () => (await worker.evaluate(readLedgerInBrowser)) as unknown as { prompts: Prompt[]; decisions: Decision[] };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, worker } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('detect-only: names the platform and leaves the banner to the person', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/cookieconsent.html`);
    const prompt = await waitFor('the platform named by autoconsent', async () => (await ledger()).prompts.find((p) => p.cmp === 'cookieconsent3'));
    await page.waitForTimeout(1500);
    await expect(page.locator('#cc-main .cm').isVisible()).resolves.toBe(true);
    expect((await ledger()).decisions.filter((d) => d.promptId === prompt.id)).toEqual([]);
    await page.close();
  });

  it('"reject when possible": refuses through autoconsent, recorded as by the extension with its self-test', async () => {
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${new URL(worker.url()).host}/extension/ui/dashboard/index.html#ledger`);
    const toggle = dashboard.locator('input[data-setting="autoReject"]');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false); // off by default
    await toggle.check();
    await dashboard.waitForFunction(() => (document.querySelector('input[data-setting="autoReject"]') as HTMLInputElement).checked);

    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${server.origin}/klaro.html`);
    const decision = await waitFor(
      'the refusal with its self-test',
      async () => (await ledger()).decisions.find((d) => d.indicatedBy === 'extension' && d.autoconsent?.selfTest !== null),
      20_000,
    );
    expect(decision).toMatchObject({ kind: 'reject-all', indicatedBy: 'extension', autoconsent: { cmp: 'Klaro', optOut: true, selfTest: true } });
    const cookie = (await context.cookies()).find((c) => c.name === 'klaro');
    expect(JSON.parse(decodeURIComponent(cookie?.value ?? '{}'))).toEqual({ matomo: false, adnetwork: false });
    await Promise.all([page.close(), dashboard.close()]);
  });
});
