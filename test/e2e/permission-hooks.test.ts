/**
 * Powerful permission requests end to end in Debian Chromium: local pages (test/e2e/pages/permissions)
 * call each API on load, after a trusted click, and from a cross-origin iframe (a second loopback
 * origin, localhost vs 127.0.0.1); grants and denials are set through Playwright. The ledger's
 * `permissions` rows must name the API, permission, frame, gesture, soft-ask, states and outcome.
 * The hooks must be invisible (a fingerprint the page computes is the same in a Chromium without
 * the extension), and a page must not be able to forge a report on the bridge.
 */
import { chromium, type Browser, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { readLedgerInBrowser, readStoreInBrowser } from './support/ledger.ts';
import { startServer, type TestServer } from './support/server.ts';

const executablePath = browserOrSkip('chromium');

interface PermissionRow {
  id: string;
  site: string;
  url: string;
  frameOrigin: string;
  thirdParty: boolean;
  api: string;
  permission: string;
  probe: boolean;
  sinceNavigation: number;
  gesture: boolean;
  softAskBefore: boolean;
  stateBefore: string;
  outcome: string;
  stateAfter?: string;
  error?: string;
  siteKind: string;
  time: number;
  flags: { id: string; title: string }[];
}

/** What the page itself saw (calls.js's notes). */
interface PageResult {
  name: string;
  kind: 'ok' | 'err' | 'throw';
  value: unknown;
}

describe.skipIf(!executablePath)('Chromium: powerful permission requests', () => {
  let server: TestServer;
  let browser: ExtensionBrowser;
  let context: BrowserContext;
  let worker: Worker;
  let frameOrigin: string;

  const rows = async (): Promise<PermissionRow[]> => (await worker.evaluate(readStoreInBrowser, 'permissions')) as PermissionRow[];
  const seen = new Set<string>();
  /** Rows stored since the last call, once `done` says they are all there. */
  async function newRows(what: string, done: (fresh: PermissionRow[]) => boolean, timeoutMs = 15_000): Promise<PermissionRow[]> {
    let last: PermissionRow[] = [];
    const fresh = await waitFor(
      what,
      async () => {
        last = (await rows()).filter((r) => !seen.has(r.id));
        return done(last) ? last : undefined;
      },
      timeoutMs,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the new rows: ${JSON.stringify(last.map((r) => [r.api, r.permission, r.outcome, r.gesture]))}`);
    });
    for (const r of fresh) seen.add(r.id);
    return fresh.sort((a, b) => a.time - b.time);
  }
  const settled = (list: PermissionRow[]) => list.every((r) => r.outcome !== 'pending');
  const results = (page: Page) => page.evaluate(() => (window as unknown as { __results: PageResult[] }).__results);

  beforeAll(async () => {
    server = await startServer();
    frameOrigin = server.origin.replace('127.0.0.1', 'localhost');
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, worker } = browser);
    await context.setGeolocation({ latitude: 48.85, longitude: 2.35 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on load: each request recorded with its API, permission, frame, no gesture, the states and the outcome', async () => {
    await context.grantPermissions(['geolocation'], { origin: server.origin });
    const page = await context.newPage();
    await page.goto(`${server.origin}/permissions/calls.html?load=geolocation,watch,query,notifications`);
    const fresh = await newRows('four requests made on load', (r) => r.length >= 4 && settled(r));
    expect(fresh).toHaveLength(4);
    const by = (api: string) => fresh.find((r) => r.api === api) as PermissionRow;
    for (const row of fresh) {
      expect(row).toMatchObject({ site: '127.0.0.1', url: `${server.origin}/permissions/calls.html`, frameOrigin: server.origin, thirdParty: false, gesture: false, softAskBefore: false });
      expect(row.sinceNavigation).toBeGreaterThanOrEqual(0);
      expect(row.sinceNavigation).toBeLessThan(10_000);
    }
    expect(by('geolocation.getCurrentPosition')).toMatchObject({ permission: 'geolocation', probe: false, stateBefore: 'granted', outcome: 'granted', stateAfter: 'granted' });
    expect(by('geolocation.watchPosition')).toMatchObject({ permission: 'geolocation', probe: false, outcome: 'granted' });
    expect(by('permissions.query')).toMatchObject({ permission: 'geolocation', probe: true, outcome: 'answered', stateBefore: 'granted', stateAfter: 'granted' });
    // Headless Chromium answers notification requests with "denied" unless granted.
    expect(by('Notification.requestPermission')).toMatchObject({ permission: 'notifications', probe: false, stateBefore: 'denied', outcome: 'denied' });
    // The isolated world's own permissions.query calls (for the states) are not the page's: one probe only.
    expect(fresh.filter((r) => r.probe)).toHaveLength(1);
    // The page saw what it would have seen anyway.
    await waitFor('the page callbacks', async () => ((await results(page)).length >= 4 ? true : undefined));
    expect((await results(page)).map((r) => [r.name, r.kind, r.value]).sort()).toEqual([
      ['getCurrentPosition', 'ok', 'number'],
      ['notifications', 'ok', 'string:denied'],
      ['query', 'ok', '[object PermissionStatus]'],
      ['watchPosition', 'ok', 'number'],
    ]);
    await page.close();
  });

  it('after a trusted click: the gesture is recorded; grants and denials set by the browser give granted / denied', async () => {
    await context.clearPermissions();
    await context.grantPermissions(['notifications'], { origin: server.origin });
    const page = await context.newPage();
    await page.goto(`${server.origin}/permissions/calls.html?click=geolocation,notifications`);
    await page.click('#call');
    const fresh = await newRows('two requests after the click', (r) => r.length >= 2 && settled(r));
    const geo = fresh.find((r) => r.api === 'geolocation.getCurrentPosition');
    const notifications = fresh.find((r) => r.api === 'Notification.requestPermission');
    // Geolocation not granted: headless Chromium denies without a prompt.
    expect(geo).toMatchObject({ gesture: true, stateBefore: 'denied', outcome: 'denied', error: 'PERMISSION_DENIED', stateAfter: 'denied' });
    expect(notifications).toMatchObject({ gesture: true, stateBefore: 'granted', outcome: 'granted', stateAfter: 'granted' });
    await page.close();
  });

  it('every hooked API Chromium has: one row each, with its permission, on load and after a click; the outcome is what the page saw', async () => {
    await context.clearPermissions();
    await context.grantPermissions(['geolocation', 'clipboard-read', 'midi', 'local-fonts'], { origin: server.origin });
    // Not here: PushManager.subscribe (needs a service worker registration), contacts.select
    // (Android only), bluetooth.requestDevice (Linux Chromium has no navigator.bluetooth).
    // getDisplayMedia only after the click: headless Chromium's picker then holds further input.
    const API_OF: Record<string, [string, string][]> = {
      geolocation: [['geolocation.getCurrentPosition', 'geolocation']],
      notifications: [['Notification.requestPermission', 'notifications']],
      'query-notifications': [['permissions.query', 'notifications']],
      camera: [['mediaDevices.getUserMedia', 'camera']],
      'camera-microphone': [
        ['mediaDevices.getUserMedia', 'camera'],
        ['mediaDevices.getUserMedia', 'microphone'],
      ],
      clipboard: [['clipboard.readText', 'clipboard-read']],
      'clipboard-read': [['clipboard.read', 'clipboard-read']],
      midi: [['navigator.requestMIDIAccess', 'midi']],
      idle: [['IdleDetector.requestPermission', 'idle-detection']],
      storage: [['document.requestStorageAccess', 'storage-access']],
      screens: [['window.getScreenDetails', 'window-management']],
      fonts: [['window.queryLocalFonts', 'local-fonts']],
      wakelock: [['wakeLock.request', 'screen-wake-lock']],
      usb: [['usb.requestDevice', 'usb']],
      serial: [['serial.requestPort', 'serial']],
      hid: [['hid.requestDevice', 'hid']],
      display: [['mediaDevices.getDisplayMedia', 'display-capture']],
    };
    const onLoadCalls = Object.keys(API_OF).filter((name) => name !== 'display');
    const onClickCalls = Object.keys(API_OF);
    const pairs = (list: PermissionRow[]) => list.map((r) => [r.api, r.permission]).sort();
    const wanted = (names: string[]) => names.flatMap((name) => API_OF[name] as [string, string][]).sort();
    /** The outcome the ledger must show, from what the page itself saw (calls.js's notes). */
    const outcomeFor = (result: PageResult): string => {
      const value = String(result.value);
      if (result.kind === 'ok') {
        if (result.name === 'query-notifications') return 'answered';
        if (value === 'string:denied') return 'denied';
        if (value === 'string:default') return 'dismissed';
        if (result.name === 'hid' && value === '[object Array]') return 'dismissed'; // no device chosen (headless: none to choose)
        return 'granted';
      }
      if (result.name === 'getCurrentPosition') return value === '1' ? 'denied' : 'error';
      if (value === 'NotAllowedError' || value === 'SecurityError') return 'denied';
      if (value === 'NotFoundError' && ['usb', 'serial', 'hid'].includes(result.name)) return 'dismissed';
      return 'error';
    };
    const check = async (phase: string, list: PermissionRow[], pageResults: PageResult[]) => {
      const now = new Map((await rows()).map((r) => [r.id, r]));
      for (const result of pageResults) {
        const name = result.name === 'getCurrentPosition' ? 'geolocation' : result.name;
        for (const [api, permission] of API_OF[name] ?? []) {
          const stored = list.map((r) => now.get(r.id) as PermissionRow).filter((r) => r.api === api && r.permission === permission);
          expect(stored.map((r) => r.outcome), `${phase}: ${name} (${JSON.stringify(result)})`).toContain(outcomeFor(result));
        }
      }
    };
    const page = await context.newPage();
    await page.goto(`${server.origin}/permissions/calls.html?load=${onLoadCalls.join(',')}&click=${onClickCalls.join(',')}`);
    const onLoad = await newRows('every API called on load', (r) => r.length >= wanted(onLoadCalls).length);
    expect(pairs(onLoad)).toEqual(wanted(onLoadCalls));
    expect(onLoad.every((r) => !r.gesture)).toBe(true);
    await page.waitForTimeout(2000); // the answers that come without a person
    const loadResults = await results(page);
    expect(loadResults.length).toBeGreaterThan(12);
    await check('on load', onLoad, loadResults);

    await page.click('#call');
    const onClick = await newRows('every API called after the click', (r) => r.length >= wanted(onClickCalls).length);
    expect(pairs(onClick)).toEqual(wanted(onClickCalls));
    expect(onClick.every((r) => r.gesture)).toBe(true);
    await page.waitForTimeout(2000);
    const clickResults = (await results(page)).slice(loadResults.length);
    expect(clickResults.length).toBeGreaterThan(12);
    await check('after the click', onClick, clickResults);
    // No call threw because of ConsentLens.
    expect((await results(page)).filter((r) => r.kind === 'throw')).toEqual([]);
    await page.close();
  });

  it('a cross-origin iframe: filed under the top site, third party, its own origin; `allow` decides the outcome', async () => {
    await context.clearPermissions();
    await context.grantPermissions(['geolocation'], { origin: server.origin });
    /** Opens the embedding page with one frame from the other loopback origin, which asks on load. */
    const embed = async (allow: string | null): Promise<[Page, PermissionRow]> => {
      const page = await context.newPage();
      await page.goto(`${server.origin}/permissions/embed.html`);
      await page.evaluate(
        ([src, policy]) => {
          const frame = document.createElement('iframe');
          frame.src = src as string;
          if (policy) frame.allow = policy;
          document.body.append(frame);
        },
        [`${frameOrigin}/permissions/frame.html?load=geolocation&click=geolocation`, allow],
      );
      const [row] = await newRows(`the frame's request (allow=${allow})`, (r) => r.length >= 1 && settled(r));
      expect(row).toMatchObject({ site: '127.0.0.1', url: `${server.origin}/permissions/embed.html`, frameOrigin, thirdParty: true, api: 'geolocation.getCurrentPosition', permission: 'geolocation', gesture: false });
      return [page, row as PermissionRow];
    };
    const [blockedPage, blocked] = await embed(null);
    // Without allow="geolocation" the permissions policy blocks it in the frame. (Chromium's
    // permissions.query still answers with the top site's grant there, in either world.)
    expect(blocked).toMatchObject({ outcome: 'denied', error: 'PERMISSION_DENIED' });
    await blockedPage.close();
    const [page, allowed] = await embed('geolocation');
    expect(allowed).toMatchObject({ stateBefore: 'granted', outcome: 'granted' });
    // A trusted click inside the frame: a gesture in that frame.
    await page.frameLocator('iframe').locator('#call').click();
    const [clicked] = await newRows('the request after the click in the frame', (r) => r.length >= 1 && settled(r));
    expect(clicked).toMatchObject({ frameOrigin, thirdParty: true, gesture: true, outcome: 'granted' });
    await page.close();
  });

  it('a notification soft-ask shown before the request: softAskBefore', async () => {
    await context.clearPermissions();
    const page = await context.newPage();
    await page.goto(`${server.origin}/permissions/soft-ask.html`);
    await waitFor('the soft-ask in the ledger', async () => ((await worker.evaluate(readLedgerInBrowser)).prompts.some((p) => p.kind === 'notification-soft-ask' && p.url.endsWith('/permissions/soft-ask.html')) ? true : undefined));
    await page.click('#allow');
    const [row] = await newRows('the notification request', (r) => r.length >= 1 && settled(r));
    expect(row).toMatchObject({ api: 'Notification.requestPermission', permission: 'notifications', gesture: true, softAskBefore: true, outcome: 'denied' });
    await page.close();
  });

  it('is invisible: the page computes the same fingerprint with and without ConsentLens', async () => {
    await context.clearPermissions();
    await context.grantPermissions(['geolocation'], { origin: server.origin });
    const fingerprint = (page: Page) => page.evaluate(() => (window as unknown as { __fingerprint: () => Promise<Record<string, unknown>> }).__fingerprint());
    const page = await context.newPage();
    await page.goto(`${server.origin}/permissions/calls.html`);
    const withExtension = await fingerprint(page);

    let plain: Browser | undefined;
    try {
      plain = await chromium.launch({ executablePath: executablePath as string, headless: true, args: ['--disable-gpu', '--disable-quic', '--no-first-run'] });
      const plainContext = await plain.newContext();
      await plainContext.grantPermissions(['geolocation'], { origin: server.origin });
      await plainContext.setGeolocation({ latitude: 48.85, longitude: 2.35 });
      const plainPage = await plainContext.newPage();
      await plainPage.goto(`${server.origin}/permissions/calls.html`);
      const without = await fingerprint(plainPage);
      // Make sure the comparison compares something: the hooked methods exist and were called.
      expect(Object.keys(without.methods as object).length).toBeGreaterThan(15);
      expect((without.promises as { callback: { ok: boolean } }).callback.ok).toBe(true);
      expect(withExtension).toEqual(without);
      expect(JSON.stringify(withExtension)).not.toMatch(/chrome-extension:/u);
    } finally {
      await plain?.close();
    }
    // ...while the calls it made were recorded.
    const fresh = await newRows('the fingerprint\'s own calls', (r) => r.some((x) => x.api === 'geolocation.getCurrentPosition'));
    expect(fresh.some((r) => r.api === 'permissions.query' && r.probe)).toBe(true);
    await page.close();
  });

  it('a fresh about:blank realm is hooked too: its pristine toString sees natives both ways, and its calls are recorded', async () => {
    await context.clearPermissions();
    await context.grantPermissions(['geolocation'], { origin: server.origin });
    const page = await context.newPage();
    await page.goto(`${server.origin}/permissions/blank-realm.html`);
    const realm = await waitFor('the about:blank realm probe', async () => {
      const r = await page.evaluate(() => (window as unknown as { __realm?: Record<string, string> }).__realm);
      return r && r.child !== 'pending' ? r : undefined;
    });
    expect(realm).toEqual({
      parentFromChild: 'function getCurrentPosition() { [native code] }',
      childFromParent: 'function getCurrentPosition() { [native code] }',
      childOwn: 'function requestPermission() { [native code] }',
      toStringFromChild: 'function toString() { [native code] }',
      childToStringFromParent: 'function toString() { [native code] }',
      grandchild: 'function query() { [native code] }',
      child: 'granted',
    });
    const fresh = await newRows('the call made through the about:blank realm', (r) => r.length >= 1 && settled(r));
    expect(fresh.map((r) => [r.api, r.outcome, r.frameOrigin, r.thirdParty, r.site])).toEqual([['geolocation.getCurrentPosition', 'granted', server.origin, false, '127.0.0.1']]);
    await page.close();
  });

  it('a page cannot forge a report on the bridge: fake handshakes and messages, patched built-ins, a posing sub-frame', async () => {
    await context.clearPermissions();
    const page = await context.newPage();
    await page.goto(`${server.origin}/permissions/forge.html`);
    await waitFor('600 forgery attempts', async () => ((await page.evaluate(() => (window as unknown as { __attempts: () => number }).__attempts())) > 600 ? true : undefined));
    await page.waitForTimeout(2500); // the frame's 200 attempts, and any report in flight
    const fresh = await newRows('the page\'s genuine requests', (r) => r.length >= 2 && settled(r));
    // Only the two genuine calls, as they were made (not rewritten by the page's patched built-ins).
    expect(fresh.map((r) => [r.api, r.permission, r.probe]).sort()).toEqual([
      ['geolocation.getCurrentPosition', 'geolocation', false],
      ['permissions.query', 'geolocation', true],
    ]);
    const geo = fresh.find((r) => r.api === 'geolocation.getCurrentPosition') as PermissionRow;
    expect(geo).toMatchObject({ outcome: 'denied', error: 'PERMISSION_DENIED', gesture: false });
    const probe = fresh.find((r) => r.probe) as PermissionRow;
    // The real state (cleared: "prompt"), not the "granted" of the page's Object.prototype.state getter.
    expect(probe).toMatchObject({ outcome: 'answered', stateBefore: 'prompt', stateAfter: 'prompt' });
    expect(probe.error).toBeUndefined();
    const all = await rows();
    expect(all.filter((r) => r.permission === 'camera' && r.url.includes('forge'))).toEqual([]);
    expect(all.filter((r) => r.permission === 'contacts')).toEqual([]);
    await page.close();
  });

  it('a page calling an API in a loop is capped per API and permission', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/permissions/calls.html`);
    await page.evaluate(() => {
      for (let i = 0; i < 500; i++) void navigator.permissions.query({ name: 'notifications' });
    });
    const fresh = await newRows('the capped probes', (r) => r.length >= 25 && settled(r));
    await page.waitForTimeout(1500);
    const more = (await rows()).filter((r) => !seen.has(r.id));
    expect(fresh.length + more.length).toBe(25);
    await page.close();
  });
  it('flags what the ledger holds (P1 on load without a click, P2 from the embedded site) and the popup shows them', async () => {
    const all = await rows();
    const ids = (r: PermissionRow) => r.flags.map((f) => f.id);
    const thirdParty = all.filter((r) => r.thirdParty && !r.probe);
    expect(thirdParty.length).toBeGreaterThan(0);
    for (const r of thirdParty) expect(ids(r)).toContain('P2');
    const onLoadAsked = all.filter((r) => !r.probe && !r.gesture && r.sinceNavigation < 5000 && r.stateBefore !== 'granted');
    expect(onLoadAsked.length).toBeGreaterThan(0);
    for (const r of onLoadAsked) expect(ids(r)).toContain('P1');
    for (const r of all.filter((x) => x.gesture && !x.thirdParty)) expect(ids(r)).not.toContain('P1');
    for (const r of all.filter((x) => x.probe)) expect(r.flags).toEqual([]);

    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 900 });
    await popup.goto(`chrome-extension://${browser.extensionId}/extension/ui/popup/index.html?site=127.0.0.1`);
    await popup.locator('.collection .perm-request').first().waitFor();
    // The newest 8 requests, the rest counted; the newest is the embedded site's last one (P2).
    const asked = all.filter((r) => !r.probe).sort((a, b) => b.time - a.time);
    expect(await popup.locator('.collection .perm-request').count()).toBe(Math.min(8, asked.length));
    if (asked.length > 8) await expect(popup.locator('.collection .more').textContent()).resolves.toContain(String(asked.length - 8));
    const shownP2 = asked.slice(0, 8).filter((r) => r.flags.some((f) => f.id === 'P2')).length;
    expect(await popup.locator('.perm-request .flag[data-flag="P2"]').count()).toBe(shownP2);
    await expect(popup.locator('.collection .revoke').textContent()).resolves.toContain('Site settings');
    await popup.screenshot({ path: artifactPath('chrome-popup-permissions.png'), fullPage: true });
    await popup.close();
  });
});
