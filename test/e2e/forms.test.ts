/**
 * Data-collection forms end to end in Chromium: the form reader is injected only into a page with
 * form fields; it reports the newsletter form with its unneeded required fields, and on submit the
 * categories the person filled in - never the values.
 */
import type { BrowserContext, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoreInBrowser } from './support/ledger.ts';
import { browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');

interface StoredForm {
  purpose: string;
  fields: { category: string; required: boolean }[];
  flags: { category: string }[];
  submissions: { categories: string[] }[];
}

describe.skipIf(!executablePath)('Chromium: data-collection forms', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let browser: ExtensionBrowser;
  const forms = () => worker.evaluate(readStoreInBrowser, 'forms') as Promise<StoredForm[]>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, worker } = browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads nothing on a page without form fields', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/plain.html`);
    await page.waitForTimeout(1500);
    expect(await forms()).toEqual([]);
    await page.close();
  });

  it('reports the newsletter form, flags the phone and birth date it requires, and records what was given', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/newsletter.html`);
    const [form] = await waitFor('the form in the ledger', async () => {
      const found = await forms();
      return found.length > 0 ? found : undefined;
    });
    expect(form?.purpose).toBe('newsletter');
    expect(form?.fields.map((f) => [f.category, f.required])).toEqual(expect.arrayContaining([['email', true], ['phone', true], ['birth-date', true]]));
    expect(form?.flags.map((f) => f.category).sort()).toEqual(['birth-date', 'phone']);

    await page.fill('#email', 'walker@example.org');
    await page.fill('#phone', '07700 900123');
    await page.fill('#dob', '1990-04-01');
    await page.click('button[type="submit"]');
    const [submitted] = await waitFor('the submission', async () => {
      const found = await forms();
      return found[0]?.submissions.length ? found : undefined;
    });
    expect(submitted?.submissions[0]?.categories.sort()).toEqual(['birth-date', 'email', 'phone']);
    const stored = JSON.stringify(await forms());
    for (const value of ['walker@example.org', '07700 900123', '1990-04-01']) expect(stored).not.toContain(value);
    await page.close();
  });
});
