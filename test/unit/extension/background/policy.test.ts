/**
 * Policies through the router, with the ledger on fake-indexeddb. The policy reader is the real
 * pipeline (Readability + src/policy) over a happy-dom parser, as the offscreen document runs it
 * over DOMParser.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPolicyFile } from '../../../../cli/policy.ts';
import { LedgerDb } from '../../../../extension/background/db.ts';
import { contentHandlers, uiHandlers, type HandlerDeps } from '../../../../extension/background/handlers.ts';
import { createRouter } from '../../../../extension/background/router.ts';

const EXT = 'chrome-extension://extid';
const POLICY = readFileSync(resolve(import.meta.dirname, '../../../e2e/pages/privacy.html'), 'utf8');
const CHANGED = POLICY.replace('We keep order records for 6 years', 'We keep order records for 10 years').replace(
  '<h2>Children</h2>',
  '<p>We also share your purchase history with data brokers.</p><h2>Children</h2>',
);

const COOKIE_POLICY = POLICY.replace('<title>Privacy Policy | Northwind Outfitters</title>', '<title>Cookie Policy | Northwind Outfitters</title>').replace('<h1>Privacy Policy</h1>', '<h1>Cookie Policy</h1>');

let db: LedgerDb;
let route: ReturnType<typeof createRouter>;
let fetched: string[];
let clock: number;
const ui = { id: 'extid', url: `${EXT}/extension/ui/popup/index.html` };
const page = (path: string, frameId = 0) => {
  const url = `https://shop.northwind.example${path}`;
  return { id: 'extid', url, frameId, tab: { id: 1, url: frameId === 0 ? url : 'https://shop.northwind.example/' } };
};

beforeEach(() => {
  db = new LedgerDb('policy-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  fetched = [];
  clock = Date.parse('2026-03-10T10:00:00Z');
  const deps: HandlerDeps = {
    db,
    version: '9.9.9',
    changed: () => undefined,
    now: () => new Date((clock += 1000)),
    badge: () => undefined,
    openTab: async () => undefined,
    frames: { inject: async () => undefined, send: async () => undefined, runInMainWorld: async () => undefined, later: () => undefined },
    readPolicy: async ({ html, url }) => readPolicyFile(url.endsWith('.txt') ? 'p.txt' : 'p.html', html),
    injectScript: async () => undefined,
    fetchPage: async (url) => {
      fetched.push(url);
      return { url, contentType: 'text/html', body: POLICY };
    },
  };
  route = createRouter({ extensionId: 'extid', extensionOrigin: EXT }, contentHandlers(deps), uiHandlers(deps));
});
afterEach(() => db.close());

const ok = <T,>(reply: unknown) => {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { data: T }).data;
};
const links = [
  { kind: 'privacy', text: 'Privacy Policy', url: 'https://shop.northwind.example/privacy.html' },
  { kind: 'terms', text: 'Terms of Service', url: 'https://shop.northwind.example/terms.html' },
];

describe('policy links per site', () => {
  it('records the links a top-level page shows, merged across pages; not from sub-frames', async () => {
    expect(ok(await route({ type: 'policy/links', payload: { links: [links[0]] } }, page('/')))).toEqual({ stored: true });
    ok(await route({ type: 'policy/links', payload: { links: [links[1]] } }, page('/shop')));
    expect(ok(await route({ type: 'policy/links', payload: { links: [{ ...links[0], url: 'https://ads.example/privacy' }] } }, page('/', 2)))).toEqual({ stored: false });
    const view = ok<{ links: unknown[] }>(await route({ type: 'policy/site', payload: { site: 'northwind.example' } }, ui));
    expect(view.links).toEqual([links[1], links[0]]);
  });

  it('refuses links that are not http(s) and more than 20 of them', async () => {
    expect(await route({ type: 'policy/links', payload: { links: [{ kind: 'privacy', text: 'x', url: 'javascript:alert(1)' }] } }, page('/'))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const many = Array.from({ length: 21 }, (_, i) => ({ ...links[0], url: `https://shop.northwind.example/p${i}` }));
    expect(await route({ type: 'policy/links', payload: { links: many } }, page('/'))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });
});

describe('policy versions', () => {
  it('reads a visited policy into a version with its analysis; the same text again is the same version', async () => {
    const first = ok<{ stored: boolean; version: string; changed: boolean }>(await route({ type: 'policy/page', payload: { html: POLICY } }, page('/privacy.html')));
    expect(first).toMatchObject({ stored: true, changed: false });
    const again = ok<{ version: string; changed: boolean }>(await route({ type: 'policy/page', payload: { html: POLICY.replace('<nav>', '<nav class="x">') } }, page('/privacy.html?ref=1')));
    expect(again).toEqual({ stored: true, version: first.version, changed: false });
    const view = ok<{ versions: unknown[]; latest: { url: string; source: string; title: string; analysis: { keyFacts: unknown[] } }; changed: boolean; diff: unknown }>(
      await route({ type: 'policy/site', payload: { site: 'northwind.example' } }, ui),
    );
    expect(view.versions).toHaveLength(1);
    expect(view.latest).toMatchObject({ url: 'https://shop.northwind.example/privacy.html', source: 'visited', title: 'Privacy Policy | Northwind Outfitters' });
    expect(view.latest.analysis.keyFacts.length).toBeGreaterThan(0);
    expect(view).toMatchObject({ changed: false, diff: null });
  });

  it('a changed text is a new version: alerted with a sentence diff until the person has seen it', async () => {
    ok(await route({ type: 'policy/page', payload: { html: POLICY } }, page('/privacy.html')));
    const second = ok<{ version: string; changed: boolean }>(await route({ type: 'policy/page', payload: { html: CHANGED } }, page('/privacy.html')));
    expect(second.changed).toBe(true);
    type View = { versions: { id: string }[]; changed: boolean; diff: { added: number; removed: number; parts: { op: string; sentences?: string[] }[] } };
    const view = ok<View>(await route({ type: 'policy/site', payload: { site: 'northwind.example' } }, ui));
    expect(view.versions.map((v) => v.id)).toEqual([second.version, expect.any(String)]);
    expect(view.changed).toBe(true);
    expect(view.diff).toMatchObject({ added: 2, removed: 1 });
    expect(view.diff.parts.filter((p) => p.op === 'added').flatMap((p) => p.sentences)).toEqual([
      'We keep order records for 10 years to meet our tax obligations.',
      'We also share your purchase history with data brokers.',
    ]);
    // Acknowledging needs the right site; then the alert is gone.
    expect(ok(await route({ type: 'policy/ack', payload: { site: 'other.example', id: second.version } }, ui))).toEqual({ acknowledged: false });
    expect(ok(await route({ type: 'policy/ack', payload: { site: 'northwind.example', id: second.version } }, ui))).toEqual({ acknowledged: true });
    expect(ok<View>(await route({ type: 'policy/site', payload: { site: 'northwind.example' } }, ui)).changed).toBe(false);
  });

  it('a cookie policy is its own series, not a new version of the privacy policy', async () => {
    ok(await route({ type: 'policy/page', payload: { html: POLICY } }, page('/privacy.html')));
    const cookie = ok<{ version: string; changed: boolean }>(await route({ type: 'policy/page', payload: { html: COOKIE_POLICY } }, page('/cookies.html')));
    expect(cookie.changed).toBe(false);
    expect((await db.policies.get(cookie.version))?.kind).toBe('cookie');
  });

  it('ignores pages that do not read as a policy, pages with too little text, and sub-frames', async () => {
    expect(ok(await route({ type: 'policy/page', payload: { html: '<p>Privacy policy coming soon.</p>' } }, page('/privacy.html')))).toMatchObject({ stored: false });
    const article = `<html><head><title>Our new privacy center</title></head><body><article><h1>Meet the new privacy center</h1>${'<p>Today we launch a redesigned help page with new illustrations, a friendlier search box and answers to the questions our customers ask most often about orders and deliveries.</p>'.repeat(6)}</article></body></html>`;
    expect(ok(await route({ type: 'policy/page', payload: { html: article } }, page('/privacy-center')))).toMatchObject({ stored: false });
    expect(ok(await route({ type: 'policy/page', payload: { html: POLICY } }, page('/privacy.html', 3)))).toMatchObject({ stored: false });
    expect(await db.policies.count()).toBe(0);
  });

  it('every decision records the policy version known when it was given', async () => {
    const prompt = { id: 'prompt-00000001', kind: 'cookie-banner', detector: 'generic', language: 'en', text: 'We use cookies', actions: [], facts: { toggles: [], blocksPage: false, policyLink: true }, time: 1 };
    const decide = (id: string) => route({ type: 'decision/made', payload: { id, promptId: prompt.id, kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: 2 } }, page('/'));
    ok(await route({ type: 'prompt/seen', payload: prompt }, page('/')));
    ok(await decide('decision-0000001'));
    expect((await db.decisions.get('decision-0000001'))?.policyVersion).toBeNull();
    const { version } = ok<{ version: string }>(await route({ type: 'policy/page', payload: { html: POLICY } }, page('/privacy.html')));
    ok(await decide('decision-0000002'));
    expect((await db.decisions.get('decision-0000002'))?.policyVersion).toMatchObject({ id: version, url: 'https://shop.northwind.example/privacy.html', hash: expect.stringMatching(/^[0-9a-f]{64}$/u) });
  });

  it('deleting the site deletes its policies and links', async () => {
    ok(await route({ type: 'policy/links', payload: { links } }, page('/')));
    ok(await route({ type: 'policy/page', payload: { html: POLICY } }, page('/privacy.html')));
    ok(await route({ type: 'ledger/delete-site', payload: { site: 'northwind.example' } }, ui));
    expect(await db.policies.count()).toBe(0);
    expect(await db.policyLinks.count()).toBe(0);
  });
});

describe('fetching a policy: only when the person asks', () => {
  it('fetches the site’s own privacy link on request, from an extension page only', async () => {
    expect(await route({ type: 'policy/fetch', payload: { site: 'northwind.example' } }, ui)).toMatchObject({ ok: false, error: { message: expect.stringContaining('no link to a privacy policy') } });
    ok(await route({ type: 'policy/links', payload: { links: [{ ...links[0], url: 'https://elsewhere.example/privacy' }, links[0]] } }, page('/')));
    expect(await route({ type: 'policy/fetch', payload: { site: 'northwind.example' } }, page('/'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fetched).toEqual([]);
    const result = ok<{ version: string }>(await route({ type: 'policy/fetch', payload: { site: 'northwind.example' } }, ui));
    expect(fetched).toEqual(['https://shop.northwind.example/privacy.html']); // the same-site link first
    expect((await db.policies.get(result.version))?.source).toBe('fetched');
  });

  it('at the moment of consent only when the setting is on (off by default)', async () => {
    ok(await route({ type: 'policy/links', payload: { links } }, page('/')));
    const prompt = { id: 'prompt-00000002', kind: 'cookie-banner', detector: 'generic', language: 'en', text: 'We use cookies', actions: [], facts: { toggles: [], blocksPage: false, policyLink: true }, time: 1 };
    ok(await route({ type: 'prompt/seen', payload: prompt }, page('/')));
    ok(await route({ type: 'decision/made', payload: { id: 'decision-0000003', promptId: prompt.id, kind: 'accept-all', role: 'accept-all', label: 'Accept', time: 2 } }, page('/')));
    await new Promise((r) => setTimeout(r, 50));
    expect(fetched).toEqual([]);
    ok(await route({ type: 'settings/set', payload: { fetchPolicyAtConsent: true } }, ui));
    ok(await route({ type: 'decision/made', payload: { id: 'decision-0000004', promptId: prompt.id, kind: 'accept-all', role: 'accept-all', label: 'Accept', time: 3 } }, page('/')));
    await expect.poll(async () => (await db.decisions.get('decision-0000004'))?.policyVersion?.url).toBe('https://shop.northwind.example/privacy.html');
    expect(fetched).toEqual(['https://shop.northwind.example/privacy.html']);
  });
});
