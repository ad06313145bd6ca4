/**
 * The installed-extensions audit in Debian Chromium: ConsentLens (dist/chrome) next to a small
 * second extension written at test time. The extensions page lists it with its risk, the background
 * stores it in the `extensions` table, and after the second extension is updated with more
 * permissions (new version) the next audit records a history entry.
 *
 * The permission prompt: `permissions.request({permissions: ['management']})` opens Chrome's
 * native dialog, which nothing reachable from automation can answer in headless Chromium (release
 * builds have no auto-confirm switch; ScopedTestDialogAutoConfirm exists only in Chromium's own
 * browser tests), so the request stays pending. Chrome does grant an optional permission without a
 * prompt when it is already in the extension's granted set. The test uses that: a first, test-only
 * launch loads a copy of dist/chrome whose manifest lists `management` as required, which puts it in
 * the granted set; every later launch uses the real manifest (`management` optional only), where
 * Chrome keeps it granted, which is the state after a person accepted the prompt. The test then
 * gives the permission back through the page's button and checks that pressing "Allow" again grants
 * nothing by itself (the prompt is open, unanswered).
 *
 * Firefox ESR: the same page, with a second temporary add-on. Firefox's test pref
 * `extensions.webextOptionalPermissionPrompts: false` grants optional permissions without the
 * doorhanger, so there the real "Allow" click grants `management` and the audit runs from it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoreInBrowser } from './support/ledger.ts';
import type { ExtensionRecord } from '../../src/extensions/audit.ts';
import { GECKO_ID } from '../../vite.config.ts';
import { artifactPath, browserOrSkip, builtExtension, waitFor } from './support/browsers.ts';

const executablePath = browserOrSkip('chromium');
const firefoxPath = browserOrSkip('firefox');

/** The few extension APIs the test calls inside ConsentLens's service worker (run there, not in Node). */
declare const chrome: {
  permissions: { contains(query: { permissions: string[] }): Promise<boolean> };
  runtime: { getManifest(): { optional_permissions?: string[] } };
};

const hasManagement = () => chrome.permissions.contains({ permissions: ['management'] });

describe.skipIf(!executablePath)('Chromium: installed extensions audit', () => {
  let dir: string;
  let consentLens: string;
  let other: string;
  let realManifest: string;
  let context: BrowserContext | undefined;
  let worker: Worker;
  let extensionId = '';
  let otherId = '';

  const writeOther = (version: string, permissions: string[], hosts: string[]) =>
    writeFileSync(
      join(other, 'manifest.json'),
      JSON.stringify({ manifest_version: 3, name: 'Tab Peeker (test)', version, permissions, host_permissions: hosts, background: { service_worker: 'sw.js' } }),
    );

  /** (Re)starts Chromium on the same profile, so both extensions keep their ids and data. */
  async function launch(): Promise<void> {
    await context?.close();
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: executablePath as string,
      headless: true,
      args: [
        `--disable-extensions-except=${consentLens},${other}`,
        `--load-extension=${consentLens},${other}`,
        '--disable-gpu',
        '--disable-quic',
        '--disable-sync',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
      ],
      ignoreDefaultArgs: ['--disable-extensions'],
      viewport: { width: 1300, height: 900 },
    });
    const ours = (w: Worker) => w.url().endsWith('/service-worker-loader.js');
    const theirs = (w: Worker) => w.url().endsWith('/sw.js');
    worker = context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours }));
    const otherWorker = context.serviceWorkers().find(theirs) ?? (await context.waitForEvent('serviceworker', { predicate: theirs }));
    extensionId = new URL(worker.url()).host;
    otherId = new URL(otherWorker.url()).host;
  }

  async function openAuditPage(): Promise<Page> {
    const page = await (context as BrowserContext).newPage();
    await page.goto(`chrome-extension://${extensionId}/extension/ui/extensions/index.html`);
    await page.waitForSelector('[data-permission="granted"], [data-permission="not-granted"]');
    return page;
  }

  const stored = async (): Promise<ExtensionRecord[]> => (await worker.evaluate(readStoreInBrowser, 'extensions')) as ExtensionRecord[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consent-lens-extaudit-'));
    consentLens = join(dir, 'consent-lens');
    other = join(dir, 'tab-peeker');
    cpSync(builtExtension('chrome'), consentLens, { recursive: true });
    mkdirSync(other);
    writeFileSync(join(other, 'sw.js'), '// a test extension: it does nothing\n');
    writeOther('1.0', ['tabs', 'storage'], ['<all_urls>']);

    // Test-only launch: `management` as a required permission puts it in Chrome's granted set.
    realManifest = readFileSync(join(consentLens, 'manifest.json'), 'utf8');
    const manifest = JSON.parse(realManifest) as { permissions: string[]; optional_permissions?: string[] };
    expect(manifest.optional_permissions).toEqual(['management']);
    expect(manifest.permissions).not.toContain('management');
    writeFileSync(join(consentLens, 'manifest.json'), JSON.stringify({ ...manifest, permissions: [...manifest.permissions, 'management'] }));
    await launch();
    expect(await worker.evaluate(hasManagement)).toBe(true);
    // From here on: the real manifest, with `management` optional only.
    writeFileSync(join(consentLens, 'manifest.json'), realManifest);
    await launch();
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the other extension with its risk, stores it, and leaves ConsentLens out', async () => {
    expect(await worker.evaluate(() => chrome.runtime.getManifest().optional_permissions)).toEqual(['management']);
    expect(await worker.evaluate(hasManagement)).toBe(true);

    const page = await openAuditPage();
    expect(await page.getAttribute('[data-permission]', 'data-permission')).toBe('granted');
    // Granted: the page audits on opening.
    const row = page.locator(`tr.extension-row[data-extension-id="${otherId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-risk-level')).toBe('high');
    expect(await row.getAttribute('data-score')).toBe('70'); // all websites 60 + developer mode 10 (tabs hidden by all websites)
    expect(await row.locator('[data-reason]').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))).toEqual(['allHosts', 'installDevelopment']);
    expect(await row.locator('[data-reason="allHosts"]').textContent()).toContain('Read and change all your data on all websites');
    expect(await row.locator('[data-list="permissions"]').textContent()).toContain('tabs');
    expect(await page.locator(`tr.extension-row[data-extension-id="${extensionId}"]`).count()).toBe(0);

    const records = await waitFor('the audit record', async () => {
      const all = await stored();
      return all.some((r) => r.id === otherId) ? all : undefined;
    });
    expect(records.map((r) => r.id)).toEqual([otherId]);
    expect(records[0]).toMatchObject({
      name: 'Tab Peeker (test)',
      version: '1.0',
      installType: 'development',
      enabled: true,
      permissions: expect.arrayContaining(['tabs', 'storage']),
      risk: { level: 'high', score: 70 },
      history: [],
    });
    expect(records[0]?.hostPermissions.length).toBeGreaterThan(0);
    await page.close();
  });

  it('records the permissions an update added', async () => {
    writeOther('1.1', ['tabs', 'storage', 'history', 'downloads'], ['<all_urls>']);
    await launch(); // Chrome reads the changed manifest of an unpacked extension on start

    const page = await openAuditPage();
    const entry = page.locator(`tr.extension-row[data-extension-id="${otherId}"] .perm-history li`);
    await entry.waitFor();
    expect(await entry.getAttribute('data-from')).toBe('1.0');
    expect(await entry.getAttribute('data-to')).toBe('1.1');
    expect(await entry.textContent()).toContain('v1.0 → v1.1');
    expect(await entry.textContent()).toContain('added downloads, history') // Chrome lists permissions alphabetically;
    await page.screenshot({ path: artifactPath('extensions-audit-chromium.png'), fullPage: true });

    const [record] = (await stored()).filter((r) => r.id === otherId);
    expect(record).toMatchObject({
      version: '1.1',
      risk: { level: 'high', score: 100 },
      history: [{ fromVersion: '1.0', toVersion: '1.1', added: ['downloads', 'history'], removed: [] }],
    });
    await page.close();
  });

  it('gives the permission back; "Allow" then only asks (nothing is granted without the person)', async () => {
    const page = await openAuditPage();
    await page.locator(`tr.extension-row[data-extension-id="${otherId}"]`).waitFor();
    await page.click('[data-action="release"]');
    await page.waitForSelector('[data-action="allow"]');
    expect(await worker.evaluate(hasManagement)).toBe(false);
    // What was recorded stays, and is listed without the permission.
    expect(await page.locator(`tr.extension-row[data-extension-id="${otherId}"]`).count()).toBe(1);

    // The click reaches permissions.request: Chrome opens its prompt, which stays unanswered here.
    await page.click('[data-action="allow"]');
    await page.waitForTimeout(1_500);
    expect(await worker.evaluate(hasManagement)).toBe(false);
    expect(await page.getAttribute('[data-permission]', 'data-permission')).toBe('not-granted');
  });
});

describe.skipIf(!firefoxPath)('Firefox: installed extensions audit', () => {
  it('"Allow" grants management (prompt skipped by a test pref), lists the other add-on with its risk, stores it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consent-lens-extaudit-ff-'));
    const uuid = randomUUID();
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'Tab Peeker (test)',
        version: '1.0',
        permissions: ['tabs', 'storage'],
        host_permissions: ['<all_urls>'],
        background: { scripts: ['bg.js'] },
        browser_specific_settings: { gecko: { id: 'tab-peeker@test.example' } },
      }),
    );
    writeFileSync(join(dir, 'bg.js'), '// a test add-on: it does nothing\n');
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath as string,
      headless: true,
      args: ['--remote-allow-system-access'], // to open moz-extension:// pages
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
    try {
      await browser.installExtension(builtExtension('firefox'));
      await browser.installExtension(dir);
      const page = await browser.newPage();
      // Firefox's BiDi never resolves goto() for moz-extension: URLs.
      void page.goto(`moz-extension://${uuid}/extension/ui/extensions/index.html`).catch(() => undefined);
      // Polled by hand: while the tab is still leaving about:blank, a BiDi evaluate can fail outright.
      await waitFor('the Allow button', async () => ((await page.$('[data-action="allow"]').catch(() => null)) ? true : undefined), 20_000);
      await page.click('[data-action="allow"]');
      await page.waitForSelector('[data-action="release"]', { timeout: 10_000 });
      const row = await page.waitForSelector('tr.extension-row[data-extension-id="tab-peeker@test.example"]', { timeout: 10_000 });
      expect(await row?.evaluate((r) => [r.getAttribute('data-risk-level'), r.getAttribute('data-score')])).toEqual(['high', '70']);
      expect(await page.$$eval('tr.extension-row', (rows) => rows.map((r) => r.getAttribute('data-extension-id')))).toEqual(['tab-peeker@test.example']);
      // The page has the background's origin, so it can read the same IndexedDB.
      const records = (await page.evaluate(readStoreInBrowser, 'extensions')) as ExtensionRecord[];
      expect(records).toMatchObject([
        { id: 'tab-peeker@test.example', version: '1.0', installType: 'development', hostPermissions: ['<all_urls>'], risk: { level: 'high', score: 70 } },
      ]);
      await page.screenshot({ path: artifactPath('extensions-audit-firefox.png'), fullPage: true });

      await page.click('[data-action="release"]');
      await page.waitForSelector('[data-action="allow"]', { timeout: 5_000 });
      expect(await page.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ permissions: ['management'] }))).toBe(false);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
