/**
 * Background entry (Chrome: service worker; Firefox: event page). Listeners are registered
 * synchronously at the top level so that a message that wakes the worker is delivered. No state
 * is kept in module variables beyond handles that are rebuilt on every start.
 */
import { browser, type Runtime } from '../platform/browser.ts';
import { notifyUi } from '../platform/messaging.ts';
import { readPolicy } from '../platform/policy-reader.ts';
import { MAX_POLICY_HTML } from '../../src/protocol/messages.ts';
import { LedgerDb } from './db.ts';
import { contentHandlers, uiHandlers, type HandlerDeps } from './handlers.ts';
import { originOf } from '../../src/url.ts';
import { createRouter } from './router.ts';
import { acceptExportPort } from './export-port.ts';
import { coalescing } from './coalesce.ts';
import type { FlagRecord } from '../../src/model.ts';

/** Built from extension/content/autoconsent-engine.ts by the vite plugin in vite.config.ts. */
const AUTOCONSENT_SCRIPT = 'extension/content/autoconsent.js';

/** Open pages hear of a burst of changes once per site (coalesce.ts). */
const notify = coalescing((_key: string, site: string | null) => notifyUi('ledger/changed', { site }));
/** A tab's toolbar badge: the number of flags, red when one is serious; once per burst. */
const badge = coalescing((tabId: number, flags: FlagRecord[]) => {
  const high = flags.some((f) => f.severity === 'high');
  void browser.action.setBadgeText({ tabId, text: flags.length ? String(flags.length) : '' }).catch(() => undefined);
  void browser.action.setBadgeBackgroundColor({ tabId, color: high ? '#b42318' : '#8a5300' }).catch(() => undefined);
});

const deps: HandlerDeps = {
  db: new LedgerDb(),
  version: browser.runtime.getManifest().version,
  // The handlers refresh the site's summary first (handlers.ts, `summarizing`).
  changed: (site) => notify(site ?? '', site),
  now: () => new Date(),
  openTab: async (url) => {
    await browser.tabs.create({ url });
  },
  frames: {
    async inject(tabId, frameId) {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [AUTOCONSENT_SCRIPT] });
    },
    async send(tabId, frameId, message) {
      await browser.tabs.sendMessage(tabId, { type: 'autoconsent/to-content', payload: message }, { frameId });
    },
    async runInMainWorld(tabId, frameId, snippet) {
      const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, world: 'MAIN', func: snippet });
      return result?.result;
    },
    later: (ms, fn) => void setTimeout(fn, ms),
  },
  selfId: browser.runtime.id,
  readPolicy,
  async injectScript(tabId, frameId, file) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
  },
  async fetchPage(url) {
    // No cookies, no referrer, no cache: the site learns nothing about the person from this request.
    const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', redirect: 'follow' });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (!/text\/(?:html|plain)|application\/xhtml/iu.test(type)) throw new Error(`${url} is not a web page (${type || 'no type'})`);
    const body = await response.text();
    if (body.length > MAX_POLICY_HTML) throw new Error(`${url} is too large to read (${body.length} characters)`);
    return { url: response.url || url, contentType: /text\/plain/iu.test(type) ? 'text/plain' : 'text/html', body };
  },
  badge: (tabId, flags) => badge(tabId, flags),
};

const context = { extensionId: browser.runtime.id, extensionOrigin: originOf(browser.runtime.getURL('/')) ?? '' };
const route = createRouter(
  context,
  contentHandlers(deps),
  uiHandlers(deps),
);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));

/** The onboarding page, once, when ConsentLens is installed (not on updates or browser restarts). */
export const ONBOARDING_PAGE = 'extension/ui/onboarding/index.html';
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(ONBOARDING_PAGE) }).catch(() => undefined);
});

// The dashboard's streamed export (export-port.ts): pages of the ledger over a runtime.Port.
browser.runtime.onConnect.addListener((port: Runtime.Port) => {
  acceptExportPort(port, context, { db: deps.db, version: deps.version, now: deps.now });
});
