/**
 * Issue #8, item 2 (a dying worker), in Debian Chromium with the built extension (dist/chrome):
 * 100 ledger events (50 `prompt/seen` + 50 `decision/made`, ids known) are sent from the
 * content-script worlds of 5 tabs through the product's own content channel (ordered, acknowledged,
 * retried: extension/platform/messaging.ts), while the service worker is stopped over and over
 * (CDP ServiceWorker.stopAllWorkers). Every event must be in the ledger exactly once: none lost,
 * none doubled, every send acknowledged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, browserOrSkip, waitFor } from '../e2e/support/browsers.ts';
import { bundlePageScript } from '../e2e/support/bundle.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../e2e/support/chromium.ts';
import { readLedgerInBrowser, type RawLedger } from '../e2e/support/ledger.ts';
import { startServer, type TestServer } from '../e2e/support/server.ts';
import { isolatedWorldOf, type IsolatedWorld } from './support/isolated.ts';

const executablePath = browserOrSkip('chromium');
const TABS = 5;
const PER_TAB = 10; // prompts per tab, each with one decision: 5 x 10 x 2 = 100 events

describe.skipIf(!executablePath)('hostile (Chromium): the service worker stopped while 100 events are in flight', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: ExtensionBrowser;
  let extensionId: string;
  let channelScript: string;

  beforeAll(async () => {
    channelScript = readFileSync(await bundlePageScript(join(ROOT, 'test', 'hostile', 'support', 'content-channel.entry.ts')), 'utf8');
    server = await startServer();
    for (let t = 0; t < TABS; t++) server.setPage(`/tab${t}.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tab ${t}</title></head><body><p>Tab ${t}.</p></body></html>`);
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context, extensionId } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('every event is stored exactly once, every send is acknowledged, though the worker was stopped again and again', async () => {
    // The reader page: reads the ledger and owns the CDP session that stops the worker.
    const reader = await context.newPage();
    await reader.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#overview`);
    const read = (): Promise<RawLedger> => reader.evaluate(readLedgerInBrowser);
    const cdp: CDPSession = await context.newCDPSession(reader);
    const status = new Map<string, string>();
    let stops = 0;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (!v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
        if (v.runningStatus === 'stopped' && status.get(v.versionId) !== 'stopped') stops++;
        status.set(v.versionId, v.runningStatus);
      }
    });
    await cdp.send('ServiceWorker.enable');

    const worlds: IsolatedWorld[] = [];
    for (let t = 0; t < TABS; t++) {
      const page = await context.newPage();
      const world = await isolatedWorldOf(context, page, extensionId, `${server.origin}/tab${t}.html`);
      // Count the sends and the failed ones (the channel retries those), under the polyfill.
      await world.evaluate(`(() => {
        const original = chrome.runtime.sendMessage.bind(chrome.runtime);
        globalThis.__sends = { calls: 0, failed: 0 };
        chrome.runtime.sendMessage = (...args) => {
          globalThis.__sends.calls++;
          const callback = args[args.length - 1];
          if (typeof callback === 'function') {
            args[args.length - 1] = (reply) => {
              if (chrome.runtime.lastError) globalThis.__sends.failed++;
              callback(reply);
            };
          }
          const result = original(...args);
          if (result && typeof result.then === 'function') {
            result.then((reply) => { if (!reply || reply.ok !== true) globalThis.__sends.failed++; }, () => { globalThis.__sends.failed++; });
          }
          return result;
        };
      })()`);
      await world.evaluate(channelScript);
      worlds.push(world);
    }

    const promptIds: string[] = [];
    const decisionIds: string[] = [];
    for (let t = 0; t < TABS; t++) {
      for (let i = 0; i < PER_TAB; i++) {
        promptIds.push(`stop-prompt-${t}-${i}`);
        decisionIds.push(`stop-decision-${t}-${i}`);
      }
    }
    // Each tab queues its 20 events at once (prompt, then its decision); the channel delivers them in order.
    const sent = worlds.map((world, t) =>
      world.evaluate<string[]>(`(async () => {
        const channel = globalThis.__consentLensTestChannel, t = ${t}, n = ${PER_TAB}, now = Date.now();
        const posts = [];
        for (let i = 0; i < n; i++) {
          posts.push(channel.post('prompt/seen', { id: 'stop-prompt-' + t + '-' + i, kind: 'cookie-banner', detector: 'generic', language: 'en',
            text: 'We use cookies (tab ' + t + ', prompt ' + i + ').', actions: [{ label: 'Reject all', role: 'reject-all' }, { label: 'Accept all', role: 'accept-all' }],
            facts: { toggles: [], blocksPage: false, policyLink: false }, time: now + i }));
          posts.push(channel.post('decision/made', { id: 'stop-decision-' + t + '-' + i, promptId: 'stop-prompt-' + t + '-' + i, kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: now + i + 1 }));
        }
        const results = await Promise.allSettled(posts);
        return results.map((r) => (r.status === 'fulfilled' ? (r.value && r.value.stored === true ? 'stored' : 'answered ' + JSON.stringify(r.value)) : 'lost: ' + String(r.reason && r.reason.message)));
      })()`),
    );
    let done = false;
    const all = Promise.all(sent).finally(() => {
      done = true;
    });
    // Stop the worker every 250 ms while the events are in flight (up to 20 times).
    for (let i = 0; i < 20 && !done; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers').catch(() => undefined);
      await new Promise((ok) => setTimeout(ok, 250));
    }
    const results = await all;
    expect(stops).toBeGreaterThanOrEqual(3); // the worker really was stopped under the senders
    const sends = await Promise.all(worlds.map((w) => w.evaluate<{ calls: number; failed: number }>('globalThis.__sends')));
    const failed = sends.reduce((n, s) => n + s.failed, 0);
    console.log(`[worker-stop] ${stops} stops; ${sends.reduce((n, s) => n + s.calls, 0)} sends, ${failed} failed and retried`);
    expect(failed).toBeGreaterThan(0); // some sends did meet a stopped worker
    expect(results.flat()).toEqual(Array.from({ length: TABS * PER_TAB * 2 }, () => 'stored'));

    const ledger = await waitFor('all 100 events in the ledger', async () => {
      const now = await read();
      const prompts = now.prompts.filter((p) => p.id.startsWith('stop-prompt-'));
      const decisions = now.decisions.filter((d) => d.id.startsWith('stop-decision-'));
      return prompts.length >= promptIds.length && decisions.length >= decisionIds.length ? { prompts, decisions } : undefined;
    });
    // Exactly once each (ids are the primary keys; the counts catch any copy under another key too).
    expect(ledger.prompts.map((p) => p.id).sort()).toEqual([...promptIds].sort());
    expect(ledger.decisions.map((d) => d.id).sort()).toEqual([...decisionIds].sort());
    expect((await read()).prompts).toHaveLength(promptIds.length);
    expect((await read()).decisions).toHaveLength(decisionIds.length);
    for (const d of ledger.decisions) expect(d.promptId).toBe(d.id.replace('stop-decision-', 'stop-prompt-'));
  });
});
