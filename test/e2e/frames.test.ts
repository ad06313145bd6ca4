/**
 * A consent platform that draws its prompt inside an iframe from another origin (as Sourcepoint and
 * TrustArc do): the prompt is filed under the site the person is on (the top page), marked as shown
 * in a sub-frame, with the frame's own address, and the click in the frame is the decision.
 */

import type { BrowserContext, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { readLedgerInBrowser } from './support/ledger.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');

describe.skipIf(!executablePath)('Chromium: a prompt inside a cross-origin frame', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, worker } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is filed under the top site, as a sub-frame prompt, and its click is the decision', async () => {
    const frameOrigin = server.origin.replace('127.0.0.1', 'localhost'); // a second loopback origin
    const page = await context.newPage();
    await page.goto(`${server.origin}/plain.html`);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.style.cssText = 'position:fixed;bottom:0;left:0;width:100%;height:160px;border:0';
      document.body.append(frame);
    }, `${frameOrigin}/framed-cmp.html`);
    const prompt = await waitFor('the framed prompt in the ledger', async () => (await worker.evaluate(readLedgerInBrowser)).prompts[0]);
    expect(prompt).toMatchObject({ site: '127.0.0.1', url: `${frameOrigin}/framed-cmp.html`, frame: 'sub', kind: 'cookie-banner' });
    await page.frameLocator('iframe').locator('#reject').click();
    const decision = await waitFor('the decision', async () => (await worker.evaluate(readLedgerInBrowser)).decisions[0]);
    expect(decision).toMatchObject({ promptId: prompt.id, site: '127.0.0.1', role: 'reject-all' });
    await page.close();
  });
});
