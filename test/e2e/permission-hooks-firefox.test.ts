/**
 * Powerful permission requests in Firefox ESR (dist/firefox as a temporary add-on through WebDriver
 * BiDi, puppeteer-core; the ledger read through an extension page): the main-world hooks run there
 * too, for the APIs Firefox has - geolocation, notifications, permissions.query - on load and after
 * a trusted click, and the hooked methods still look native.
 */
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoreInBrowser } from './support/ledger.ts';
import { GECKO_ID } from '../../vite.config.ts';
import { browserOrSkip, builtExtension, waitFor } from './support/browsers.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('firefox');

interface PermissionRow {
  id: string;
  site: string;
  api: string;
  permission: string;
  probe: boolean;
  gesture: boolean;
  outcome: string;
  stateBefore: string;
  stateAfter?: string;
  thirdParty: boolean;
}

describe.skipIf(!executablePath)('Firefox: powerful permission requests', () => {
  let server: TestServer;
  let browser: Browser;
  let extensionPage: Page;
  const uuid = randomUUID();
  const seen = new Set<string>();

  const rows = async () => (await extensionPage.evaluate(readStoreInBrowser, 'permissions')) as PermissionRow[];
  async function newRows(what: string, done: (fresh: PermissionRow[]) => boolean): Promise<PermissionRow[]> {
    const fresh = await waitFor(what, async () => {
      const found = (await rows()).filter((r) => !seen.has(r.id));
      return done(found) ? found : undefined;
    });
    for (const r of fresh) seen.add(r.id);
    return fresh;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: executablePath as string,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // No network location provider: geolocation answers with an error, never a network request.
        'geo.provider.network.url': '',
        'network.proxy.type': 0,
      },
    });
    await browser.installExtension(builtExtension('firefox'));
    extensionPage = await browser.newPage();
    void extensionPage.goto(`moz-extension://${uuid}/extension/ui/dashboard/index.html`).catch(() => undefined);
    await extensionPage.waitForSelector('main.dashboard', { timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records requests made on load (no gesture) and after a click (gesture), with their outcome', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/permissions/calls.html?load=query,notifications,geolocation&click=notifications,query-notifications`);
    const onLoad = await newRows('three requests made on load', (r) => r.length >= 3 && r.filter((x) => x.api !== 'geolocation.getCurrentPosition').every((x) => x.outcome !== 'pending'));
    expect(onLoad.map((r) => [r.api, r.permission, r.probe]).sort()).toEqual([
      ['Notification.requestPermission', 'notifications', false],
      ['geolocation.getCurrentPosition', 'geolocation', false],
      ['permissions.query', 'geolocation', true],
    ]);
    for (const row of onLoad) expect(row).toMatchObject({ site: '127.0.0.1', gesture: false, thirdParty: false });
    expect(onLoad.find((r) => r.probe)?.outcome).toBe('answered');
    // Firefox refuses a notification request made without a user gesture.
    expect(onLoad.find((r) => r.api === 'Notification.requestPermission')?.outcome).toMatch(/^(denied|dismissed)$/u);

    await page.click('#call');
    const onClick = await newRows('two requests after the click', (r) => r.length >= 2);
    expect(onClick.map((r) => [r.api, r.permission]).sort()).toEqual([
      ['Notification.requestPermission', 'notifications'],
      ['permissions.query', 'notifications'],
    ]);
    for (const row of onClick) expect(row.gesture).toBe(true);
    await page.close();
  });

  it('the hooked methods still look native and fail as before', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/permissions/calls.html`);
    const seenByPage = await page.evaluate(() => {
      const geo = Geolocation.prototype.getCurrentPosition;
      const desc = Object.getOwnPropertyDescriptor(Geolocation.prototype, 'getCurrentPosition');
      let thrown = '';
      try {
        (navigator.geolocation.getCurrentPosition as unknown as () => void)();
      } catch (error) {
        thrown = `${(error as Error).name}: ${(error as Error).message}`;
      }
      return {
        source: Function.prototype.toString.call(geo),
        query: String(Permissions.prototype.query),
        notification: Notification.requestPermission.toString(),
        toString: Function.prototype.toString.toString(),
        name: geo.name,
        length: geo.length,
        hasPrototype: 'prototype' in geo,
        desc: { writable: desc?.writable, enumerable: desc?.enumerable, configurable: desc?.configurable },
        thrown,
      };
    });
    expect(seenByPage).toEqual({
      source: 'function getCurrentPosition() {\n    [native code]\n}',
      query: 'function query() {\n    [native code]\n}',
      notification: 'function requestPermission() {\n    [native code]\n}',
      toString: 'function toString() {\n    [native code]\n}',
      name: 'getCurrentPosition',
      length: 1,
      hasPrototype: false,
      desc: { writable: true, enumerable: true, configurable: true },
      thrown: expect.stringMatching(/^TypeError: /u),
    });
    await page.close();
  });
  it('a fresh about:blank realm is hooked too: its pristine toString sees natives both ways', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/permissions/blank-realm.html`);
    const realm = await page.evaluate(() => (window as unknown as { __realm: Record<string, unknown> }).__realm);
    const native = (name: string) => `function ${name}() {\n    [native code]\n}`;
    expect({ ...realm, child: undefined }).toEqual({
      parentFromChild: native('getCurrentPosition'),
      childFromParent: native('getCurrentPosition'),
      childOwn: native('requestPermission'),
      toStringFromChild: native('toString'),
      childToStringFromParent: native('toString'),
      grandchild: native('query'),
      child: undefined,
    });
    await page.close();
  });
});
