/**
 * Issue #8, item 2 (forgery), in Debian Chromium with the built extension (dist/chrome):
 *   - a page script forges the main-world <-> isolated-world bridge (fake handshakes, a second
 *     READY, bridge events on the document/window, postMessage) 1,000 times of each kind, and tries
 *     chrome.runtime from the page world;
 *   - a content-script world (CDP Runtime.evaluate in ConsentLens's isolated world, i.e. a
 *     compromised content script) sends every UI-only type 1,000 times -> 'forbidden', and 1,000
 *     malformed payloads of every content type -> 'invalid-payload'; it opens the export port;
 *   - oversized messages (10 MB, 70 MB) are refused with an error and the worker still answers.
 * After each attack the whole IndexedDB ledger (every object store) must be what it was.
 */
import * as v from 'valibot';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSchemas, uiSchemas, type ContentType } from '../../src/protocol/messages.ts';
import { browserOrSkip, waitFor } from '../e2e/support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../e2e/support/chromium.ts';
import { readLedgerInBrowser, readStoreInBrowser } from '../e2e/support/ledger.ts';
import { startServer, type TestServer } from '../e2e/support/server.ts';
import { forgerPage } from './support/forger-page.ts';
import { isolatedWorldOf, snapshotDbInBrowser, type IsolatedWorld } from './support/isolated.ts';

const executablePath = browserOrSkip('chromium');
const ATTEMPTS = 1000;

/** A page without banner, links or forms: the content script has nothing genuine to report. */
const PLAIN = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title></head><body><p>Nothing here.</p></body></html>';

/** A valid payload of every content type (checked against its schema below); the malformed ones are made from it. */
const now = Date.now();
const VALID: { [K in ContentType]: unknown } = {
  'prompt/seen': { id: 'forge-prompt-0001', kind: 'cookie-banner', detector: 'generic', language: 'en', text: 'We use cookies.', actions: [{ label: 'Accept', role: 'accept-all' }], facts: { toggles: [], blocksPage: false, policyLink: false }, time: now },
  'prompt/layer': { promptId: 'forge-prompt-0001', actions: [], toggles: [], time: now },
  'decision/made': { id: 'forge-decision-01', promptId: 'forge-prompt-0001', kind: 'accept-all', role: 'accept-all', label: 'Accept', time: now },
  'autoconsent/candidate': { promptId: 'forge-prompt-0001' },
  'autoconsent/message': { promptId: 'forge-prompt-0001', message: { type: 'autoconsentError' } },
  'page/hello': {},
  'prompt/reopen-check': { promptId: 'forge-prompt-0001', found: true, label: 'Cookie settings' },
  'signals/seen': { promptId: 'forge-prompt-0001', source: 'tcf', name: '__tcfapi', value: 'CPforged', time: now },
  'policy/links': { links: [{ kind: 'privacy', text: 'Privacy', url: 'https://evil.example/privacy' }] },
  'permission/requested': { id: 'forge-permission-1', api: 'mediaDevices.getUserMedia', permission: 'camera', probe: false, sinceNavigation: 1, gesture: true, softAskBefore: false, stateBefore: 'prompt', siteKind: 'news', siteKindSignals: [], time: now },
  'permission/outcome': { id: 'forge-permission-1', outcome: 'granted', stateAfter: 'granted', time: now },
  'forms/candidate': {},
  'form/seen': { id: 'forge-form-00001', purpose: 'sign-up', fields: [{ category: 'email', required: true, label: 'E-mail' }], time: now },
  'form/submitted': { formId: 'forge-form-00001', categories: ['email'], time: now },
  'policy/page': { html: '<h1>Privacy policy</h1>' },
};

/** The i-th malformed variant of a payload: wrong shapes, extra keys, bad ids, wrong types, oversized fields. */
function malformed(base: Record<string, unknown>, i: number): unknown {
  const keys = Object.keys(base);
  const first = keys[i % Math.max(1, keys.length)];
  switch (i % 10) {
    case 0:
      return null;
    case 1:
      return [base, i];
    case 2:
      return `payload ${i}`;
    case 3:
      return i;
    case 4:
      return { ...base, [`extra${i}`]: true };
    case 5:
      return first ? { ...base, [first]: { nested: i } } : { nested: i };
    case 6:
      return { ...(first ? { ...base, [first]: `<img src=x onerror=alert(${i})>`.repeat(200) } : base), onerror: `alert(${i})` };
    case 7:
      return { ...JSON.parse(`{"__proto__": {"polluted": ${i}}}`), ...base, constructor: { prototype: { polluted: i } } };
    case 8:
      return first ? Object.fromEntries(keys.filter((k) => k !== first).map((k) => [k, base[k]])) : { ['x'.repeat(64)]: i };
    default:
      return first ? { ...base, [first]: [i, null, true] } : { [`k${i}`]: null };
  }
}

describe.skipIf(!executablePath)('hostile (Chromium): forged bridge and runtime messages', () => {
  let server: TestServer;
  let context: BrowserContext;
  let worker: Worker;
  let browser: ExtensionBrowser;
  let extensionId: string;
  let world: IsolatedWorld;
  let plain: Page;

  /** The service worker may have been restarted: always ask the context for the live one. */
  const liveWorker = (): Worker => context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? worker;
  const snapshot = () => liveWorker().evaluate(snapshotDbInBrowser);
  /**
   * A snapshot once the background has finished its own follow-up writes: site summaries are
   * refreshed REFRESH_DELAY_MS (1 s, extension/background/site-stats.ts) after a write, so two equal
   * snapshots must lie further apart than that.
   */
  const settledSnapshot = async () => {
    let last = JSON.stringify(await snapshot());
    for (let i = 0; i < 20; i++) {
      await new Promise((ok) => setTimeout(ok, 1500));
      const next = JSON.stringify(await snapshot());
      if (next === last) return JSON.parse(next) as Awaited<ReturnType<typeof snapshot>>;
      last = next;
    }
    throw new Error('the ledger did not settle');
  };

  beforeAll(async () => {
    server = await startServer();
    server.setPage('/forger.html', forgerPage(ATTEMPTS));
    server.setPage('/plain.html', PLAIN);
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, worker, extensionId } = browser);
    plain = await context.newPage();
    world = await isolatedWorldOf(context, plain, extensionId, `${server.origin}/plain.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the valid payloads used as bases are valid, and every malformed variant is invalid by its schema', () => {
    for (const [type, base] of Object.entries(VALID) as [ContentType, Record<string, unknown>][]) {
      expect(v.safeParse(contentSchemas[type], base).success, type).toBe(true);
      for (let i = 0; i < ATTEMPTS; i++) expect(v.safeParse(contentSchemas[type], malformed(base, i)).success, `${type} #${i}`).toBe(false);
    }
  });

  it('a page forging the bridge 1,000 times of every kind files nothing: no permission request, no signal, the bridge never handed over', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/forger.html?ext=${extensionId}`);
    const stats = await waitFor('the forger to finish', async () => {
      const s = await page.evaluate(() => (window as unknown as { __forgery?: Record<string, unknown> }).__forgery);
      return s && s.runtime !== 'present' ? s : undefined;
    });
    expect(stats).toMatchObject({ handshake: ATTEMPTS, ready: ATTEMPTS, documentEvents: ATTEMPTS, postMessage: ATTEMPTS, caughtNodes: 0 });
    // A web page has no way to the extension's runtime (no externally_connectable).
    expect(String(stats.runtime)).toMatch(/^(absent|threw:)/u);
    // The genuine banner is recorded (the content script works on this page) ...
    const prompts = await waitFor('the genuine banner', async () => {
      const found = (await liveWorker().evaluate(readLedgerInBrowser)).prompts.filter((p) => p.url.includes('/forger.html'));
      return found.length > 0 ? found : undefined;
    });
    await page.waitForTimeout(3000); // anything forged in flight
    expect(prompts).toHaveLength(1);
    // ... and nothing the page forged: no permission request, no consent signal, no decision.
    const permissions = (await liveWorker().evaluate(readStoreInBrowser, 'permissions')) as { url: string }[];
    expect(permissions.filter((p) => p.url.includes('/forger.html'))).toEqual([]);
    const stored = (await liveWorker().evaluate(readStoreInBrowser, 'prompts')) as { id: string; signals?: unknown[] }[];
    expect(stored.find((p) => p.id === prompts[0]?.id)?.signals ?? []).toEqual([]);
    expect((await liveWorker().evaluate(readLedgerInBrowser)).decisions).toEqual([]);
    await page.close();
  });

  it('a content-script world sending every UI-only type 1,000 times is refused with "forbidden", and nothing changes', async () => {
    await plain.waitForTimeout(1500); // page/hello of the plain page has been answered
    const before = await settledSnapshot();
    // Valid payloads for the destructive ones, so only the sender check can refuse them.
    const payloads: Record<string, unknown> = {
      'ledger/delete-all': { confirm: true },
      'ledger/delete-site': { site: '127.0.0.1' },
      'ledger/restore': { text: '{}', mode: 'replace' },
      'settings/set': { recording: false, autoReject: true, fetchPolicyAtConsent: true },
      'site/withdraw': { site: '127.0.0.1' },
      'policy/fetch': { site: '127.0.0.1' },
      'ledger/list': {},
      'ledger/export': {},
    };
    const types = Object.keys(uiSchemas);
    expect(types).toEqual(expect.arrayContaining(Object.keys(payloads)));
    const results = await world.evaluate<Record<string, Record<string, number>>>(`(async () => {
      const types = ${JSON.stringify(types)}, payloads = ${JSON.stringify(payloads)}, N = ${ATTEMPTS};
      const out = {};
      for (const type of types) {
        const count = {};
        for (let i = 0; i < N; i += 250) {
          const batch = [];
          for (let j = i; j < Math.min(N, i + 250); j++) batch.push(chrome.runtime.sendMessage({ type, payload: payloads[type] ?? {} }).then(
            (r) => (r && r.ok === false ? r.error.code : r && r.ok === true ? 'ACCEPTED' : 'no reply'),
            (e) => 'threw: ' + e.message));
          for (const code of await Promise.all(batch)) count[code] = (count[code] ?? 0) + 1;
        }
        out[type] = count;
      }
      return out;
    })()`);
    for (const type of types) expect(results[type], type).toEqual({ forbidden: ATTEMPTS });
    expect(await snapshot()).toEqual(before);
  });

  it('1,000 malformed payloads of every content type are refused with "invalid-payload", and nothing is stored', async () => {
    const before = await settledSnapshot();
    const results: Record<string, Record<string, number>> = {};
    for (const [type, base] of Object.entries(VALID) as [ContentType, Record<string, unknown>][]) {
      const payloads = Array.from({ length: ATTEMPTS }, (_, i) => malformed(base, i));
      results[type] = await world.evaluate<Record<string, number>>(`(async () => {
        const type = ${JSON.stringify(type)}, payloads = ${JSON.stringify(payloads)};
        const count = {};
        for (let i = 0; i < payloads.length; i += 250) {
          const replies = await Promise.all(payloads.slice(i, i + 250).map((payload) => chrome.runtime.sendMessage({ type, payload }).then(
            (r) => (r && r.ok === false ? r.error.code : r && r.ok === true ? 'ACCEPTED' : 'no reply'),
            (e) => 'threw: ' + e.message)));
          for (const code of replies) count[code] = (count[code] ?? 0) + 1;
        }
        return count;
      })()`);
    }
    for (const type of Object.keys(VALID)) expect(results[type], type).toEqual({ 'invalid-payload': ATTEMPTS });
    expect(await snapshot()).toEqual(before);
  });

  it('100 policy pages sent at once (a flood from one content script) are each answered, none with an internal error', async () => {
    // Each one needs Chrome's offscreen document; they all ask for it at the same moment.
    const counts = await world.evaluate<Record<string, number>>(`(async () => {
      const html = '<title>Privacy</title><h1>Privacy policy</h1><p>' + 'We collect your e-mail address. '.repeat(50) + '</p>';
      const replies = await Promise.all(Array.from({ length: 100 }, () => chrome.runtime.sendMessage({ type: 'policy/page', payload: { html } }).then(
        (r) => (r && r.ok === false ? r.error.code + ': ' + r.error.message : r && r.ok === true ? 'ok' : 'no reply'), (e) => 'threw: ' + e.message)));
      const count = {};
      for (const r of replies) count[r] = (count[r] ?? 0) + 1;
      return count;
    })()`);
    expect(counts).toEqual({ ok: 100 });
  });

  it('a content script cannot read the ledger over the export port', async () => {
    const answers = await world.evaluate<unknown[]>(`(async () => {
      const answers = [];
      for (let i = 0; i < 20; i++) {
        const port = chrome.runtime.connect({ name: 'ledger-export' });
        const got = new Promise((ok) => {
          port.onMessage.addListener((m) => ok(m));
          port.onDisconnect.addListener(() => ok('disconnected'));
          setTimeout(() => ok('silence'), 2000);
        });
        port.postMessage({ type: 'page', seq: i, payload: { table: 'prompts', after: null, limit: 2000 } });
        answers.push(await got);
        try { port.disconnect(); } catch {}
      }
      return answers;
    })()`);
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain('"rows"');
      expect(answer === 'disconnected' || answer === 'silence' || (answer as { ok?: boolean }).ok === false).toBe(true);
    }
  });

  it('oversized messages (10 MB of text, a 10 MB policy page, a 70 MB message) are refused with an error; the worker answers afterwards', async () => {
    const before = await settledSnapshot();
    const replies = await world.evaluate<Record<string, string>>(`(async () => {
      const code = (p) => p.then((r) => (r && r.ok === false ? r.error.code : r && r.ok === true ? 'ACCEPTED' : 'no reply'), (e) => 'threw: ' + e.message);
      const send = (message) => { try { return chrome.runtime.sendMessage(message); } catch (e) { return Promise.reject(e); } };
      const big = 'x'.repeat(10 * 1024 * 1024);
      const now = Date.now();
      const out = {};
      out.promptText = await code(chrome.runtime.sendMessage({ type: 'prompt/seen', payload: { id: 'forge-big-prompt-1', kind: 'cookie-banner', detector: 'generic', language: 'en', text: big, actions: [], facts: { toggles: [], blocksPage: false, policyLink: false }, time: now } }));
      out.policyPage = await code(chrome.runtime.sendMessage({ type: 'policy/page', payload: { html: big } }));
      out.signal = await code(chrome.runtime.sendMessage({ type: 'signals/seen', payload: { promptId: null, source: 'tcf', name: '__tcfapi', value: big, time: now } }));
      out.restore = await code(chrome.runtime.sendMessage({ type: 'ledger/restore', payload: { text: big, mode: 'replace' } }));
      out.type = await code(chrome.runtime.sendMessage({ type: big, payload: {} }));
      out.huge = await code(send({ type: 'prompt/seen', payload: { text: 'y'.repeat(70 * 1024 * 1024) } }));
      out.after = await code(chrome.runtime.sendMessage({ type: 'page/hello', payload: {} }));
      return out;
    })()`);
    expect(replies).toMatchObject({ promptText: 'invalid-payload', policyPage: 'invalid-payload', signal: 'invalid-payload', restore: 'forbidden', type: 'bad-message' });
    // Larger than the browser's message limit (64 MB): the send itself fails, nothing reaches the worker.
    expect(replies.huge).toMatch(/^(threw: |invalid-payload)/u);
    // The worker still answers a content script ...
    expect(replies.after).toBe('ACCEPTED');
    expect(await snapshot()).toEqual(before);
    // ... and its own pages.
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#overview`);
    const settings = await dashboard.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'settings/get', payload: {} }),
    );
    expect(settings).toMatchObject({ ok: true, data: { recording: true } });
    await dashboard.close();
  });
});
