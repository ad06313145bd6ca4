/** Permission requests, forms and sign-in screens through the router, on fake-indexeddb. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerDb } from '../../../../extension/background/db.ts';
import { contentHandlers, uiHandlers, type HandlerDeps } from '../../../../extension/background/handlers.ts';
import { createRouter } from '../../../../extension/background/router.ts';

const EXT = 'chrome-extension://extid';
let db: LedgerDb;
let route: ReturnType<typeof createRouter>;
let clock: number;
let injected: { tabId: number; frameId: number; file: string }[];
const ui = { id: 'extid', url: `${EXT}/extension/ui/popup/index.html` };
const tab = (url: string, frameUrl = url, frameId = 0) => ({ id: 'extid', url: frameUrl, frameId, tab: { id: 1, url } });
const news = 'https://www.daily.example/story';

beforeEach(() => {
  db = new LedgerDb('collection-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  clock = Date.parse('2026-05-01T10:00:00Z');
  injected = [];
  const deps: HandlerDeps = {
    db,
    version: '9.9.9',
    changed: () => undefined,
    now: () => new Date(clock),
    badge: () => undefined,
    openTab: async () => undefined,
    frames: { inject: async () => undefined, send: async () => undefined, runInMainWorld: async () => undefined, later: () => undefined },
    readPolicy: async () => {
      throw new Error('not here');
    },
    injectScript: async (tabId, frameId, file) => void injected.push({ tabId, frameId, file }),
    fetchPage: async () => {
      throw new Error('not here');
    },
  };
  route = createRouter({ extensionId: 'extid', extensionOrigin: EXT }, contentHandlers(deps), uiHandlers(deps));
});
afterEach(() => db.close());

const ok = <T,>(reply: unknown): T => {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { data: T }).data;
};

function requested(id: string, over: Record<string, unknown> = {}) {
  return {
    type: 'permission/requested',
    payload: {
      id,
      api: 'geolocation.getCurrentPosition',
      permission: 'geolocation',
      probe: false,
      sinceNavigation: 300,
      gesture: false,
      softAskBefore: false,
      stateBefore: 'prompt',
      siteKind: 'news',
      siteKindSignals: ['schema.org NewsArticle'],
      time: clock,
      ...over,
    },
  };
}

describe('permission requests', () => {
  it('records a request with browser-given site and frame, then its outcome; flags it', async () => {
    ok(await route(requested('request-0000001'), tab(news)));
    let [row] = await db.permissions.toArray();
    expect(row).toMatchObject({ site: 'daily.example', url: 'https://www.daily.example/story', frameOrigin: 'https://www.daily.example', thirdParty: false, outcome: 'pending', stateAfter: null });
    const ids = row!.flags.map((f) => f.id);
    expect(ids).toContain('P1'); // on load, no click
    expect(ids).toContain('P5'); // a news site does not need location
    ok(await route({ type: 'permission/outcome', payload: { id: 'request-0000001', outcome: 'denied', stateAfter: 'denied', time: clock + 2000 } }, tab(news)));
    [row] = await db.permissions.toArray();
    expect(row).toMatchObject({ outcome: 'denied', stateAfter: 'denied' });
  });

  it('marks a request from an embedded site as third party (P2), and a repeat after a denial (P3)', async () => {
    ok(await route(requested('request-0000002', { gesture: true, sinceNavigation: 9000 }), tab(news, 'https://ads.tracker.example/frame', 5)));
    ok(await route({ type: 'permission/outcome', payload: { id: 'request-0000002', outcome: 'denied', stateAfter: 'denied', time: clock } }, tab(news, 'https://ads.tracker.example/frame', 5)));
    clock += 60_000;
    ok(await route(requested('request-0000003', { gesture: true, sinceNavigation: 20_000, time: clock }), tab(news)));
    const rows = await db.permissions.orderBy('time').toArray();
    expect(rows[0]).toMatchObject({ thirdParty: true, frameOrigin: 'https://ads.tracker.example' });
    expect(rows[0]!.flags.map((f) => f.id)).toContain('P2');
    expect(rows[1]!.flags.map((f) => f.id)).toContain('P3');
  });

  it('an about:blank frame is filed under the origin the browser gives it; without one it is refused', async () => {
    const blank = (origin?: string) => ({ ...tab(news, 'about:blank', 7), ...(origin ? { origin } : {}) });
    ok(await route(requested('request-0000010'), blank('https://ads.tracker.example')));
    ok(await route(requested('request-0000011'), blank('https://www.daily.example')));
    expect(await route(requested('request-0000012'), blank())).toMatchObject({ ok: false });
    expect(await route(requested('request-0000013'), blank('null'))).toMatchObject({ ok: false });
    // The browser's origin is used only for about: frames; a real address wins.
    ok(await route(requested('request-0000014'), { ...tab(news, 'https://cdn.other.example/f', 8), origin: 'https://www.daily.example' }));
    const rows = await db.permissions.orderBy('id').toArray();
    expect(rows.map((r) => [r.id, r.frameOrigin, r.thirdParty])).toEqual([
      ['request-0000010', 'https://ads.tracker.example', true],
      ['request-0000011', 'https://www.daily.example', false],
      ['request-0000014', 'https://cdn.other.example', true],
    ]);
  });

  it('the dashboard\'s list across sites follows every write at once (per-site summaries)', async () => {
    type Sites = { sites: { site: string; requests: number; flagged: number; permissions: string[] }[] };
    expect(ok<Sites>(await route({ type: 'collection/sites', payload: {} }, ui)).sites).toEqual([]);
    ok(await route(requested('request-0000020'), tab(news)));
    expect(ok<Sites>(await route({ type: 'collection/sites', payload: {} }, ui)).sites).toMatchObject([{ site: 'daily.example', requests: 1, flagged: 1, permissions: ['geolocation'] }]);
    ok(await route(requested('request-0000021', { api: 'Notification.requestPermission', permission: 'notifications', gesture: true, sinceNavigation: 60_000 }), tab(news)));
    expect(ok<Sites>(await route({ type: 'collection/sites', payload: {} }, ui)).sites).toMatchObject([{ site: 'daily.example', requests: 2, permissions: ['geolocation', 'notifications'] }]);
  });

  it('site/of: the site of an address, for the popup (extension pages only)', async () => {
    expect(ok(await route({ type: 'site/of', payload: { url: 'https://www.daily.example/story?x=1' } }, ui))).toEqual({ site: 'daily.example' });
    expect(ok(await route({ type: 'site/of', payload: { url: 'chrome://extensions/' } }, ui))).toEqual({ site: null });
    expect(await route({ type: 'site/of', payload: { url: 'https://www.daily.example/' } }, tab(news))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('an outcome for another site, or for an unknown id, changes nothing', async () => {
    ok(await route(requested('request-0000004'), tab(news)));
    expect(ok(await route({ type: 'permission/outcome', payload: { id: 'request-0000004', outcome: 'granted', stateAfter: 'granted', time: clock } }, tab('https://evil.example/')))).toEqual({ stored: false });
    expect(ok(await route({ type: 'permission/outcome', payload: { id: 'request-9999999', outcome: 'granted', stateAfter: 'granted', time: clock } }, tab(news)))).toEqual({ stored: false });
    expect((await db.permissions.get('request-0000004'))?.outcome).toBe('pending');
  });

  it('refuses malformed reports', async () => {
    expect(await route(requested('request-0000005', { api: 'eval' }), tab(news))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await route(requested('request-0000006', { siteKindSignals: Array(9).fill('x') }), tab(news))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await route(requested('request-0000007', { extra: 1 }), tab(news))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('"expected here" lifts P5 for the site, from an extension page only', async () => {
    ok(await route(requested('request-0000008'), tab(news)));
    expect(await route({ type: 'permissions/expected', payload: { site: 'daily.example', permission: 'geolocation', expected: true } }, tab(news))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    ok(await route({ type: 'permissions/expected', payload: { site: 'daily.example', permission: 'geolocation', expected: true } }, ui));
    expect((await db.permissions.get('request-0000008'))!.flags.map((f) => f.id)).not.toContain('P5');
    const view = ok<{ expected: string[]; permissions: unknown[] }>(await route({ type: 'collection/site', payload: { site: 'daily.example' } }, ui));
    expect(view.expected).toEqual(['geolocation']);
    expect(view.permissions).toHaveLength(1);
  });
});

describe('forms', () => {
  it('loads the form reader into the frame that has fields, only there', async () => {
    expect(ok(await route({ type: 'forms/candidate', payload: {} }, tab(news, 'https://comments.example/embed', 7)))).toEqual({ injected: true });
    expect(injected).toEqual([{ tabId: 1, frameId: 7, file: 'extension/content/forms.js' }]);
  });

  it('records a form with its field categories and flags, then what was given (categories only)', async () => {
    const form = {
      id: 'form-00000001',
      purpose: 'newsletter',
      fields: [
        { category: 'email', required: true, label: 'Email' },
        { category: 'phone', required: true, label: 'Phone' },
        { category: 'birth-date', required: true, label: 'Date of birth' },
      ],
      time: clock,
    };
    ok(await route({ type: 'form/seen', payload: form }, tab(news)));
    ok(await route({ type: 'form/submitted', payload: { formId: 'form-00000001', categories: ['email', 'phone', 'email'], time: clock + 5000 } }, tab(news)));
    const [row] = await db.forms.toArray();
    expect(row).toMatchObject({ site: 'daily.example', purpose: 'newsletter', submissions: [{ time: clock + 5000, categories: ['email', 'phone'] }] });
    expect(row!.flags.map((f) => f.category).sort()).toEqual(['birth-date', 'phone']);
    // Categories and labels only: there is no place for a value in the record.
    expect(row!.fields.map((f) => Object.keys(f).sort())).toEqual(Array(3).fill(['category', 'label', 'required', 'sensitive']));
    expect(row!.submissions.map((x) => Object.keys(x).sort())).toEqual([['categories', 'time']]);
  });
});

describe('sign-in scope screens', () => {
  it('records a Google authorization request and its grant at the redirect URI', async () => {
    const auth =
      'https://accounts.google.com/o/oauth2/v2/auth?client_id=1234-abc.apps.googleusercontent.com&redirect_uri=https%3A%2F%2Fapp.notes.example%2Fauth%2Fcallback&response_type=code&scope=openid%20email%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fcontacts.readonly&state=xyz123';
    ok(await route({ type: 'page/hello', payload: {} }, tab(auth)));
    let [row] = await db.signIns.toArray();
    expect(row).toMatchObject({ site: 'notes.example', provider: 'google', outcome: 'pending' });
    expect(row!.sensitive.length).toBeGreaterThan(0);
    clock += 30_000;
    ok(await route({ type: 'page/hello', payload: {} }, tab('https://app.notes.example/auth/callback?code=4/0Abc&state=xyz123')));
    [row] = await db.signIns.toArray();
    expect(row).toMatchObject({ outcome: 'granted', outcomeTime: clock });
  });
});

describe('deleting', () => {
  it('deleting a site, or everything, deletes its requests, forms, sign-ins and marks (and the audit)', async () => {
    ok(await route(requested('request-0000020'), tab(news)));
    ok(await route({ type: 'form/seen', payload: { id: 'form-00000020', purpose: 'contact', fields: [{ category: 'email', required: true, label: 'Email' }], time: clock } }, tab(news)));
    ok(await route({ type: 'permissions/expected', payload: { site: 'daily.example', permission: 'geolocation', expected: true } }, ui));
    ok(await route(requested('request-0000021'), tab('https://other.example/')));
    ok(await route({ type: 'ledger/delete-site', payload: { site: 'daily.example' } }, ui));
    expect((await db.permissions.toArray()).map((r) => r.site)).toEqual(['other.example']);
    expect(await db.forms.count()).toBe(0);
    expect(await db.settings.get('expected:daily.example')).toBeUndefined();
    await db.table('extensions').put({ id: 'abc', name: 'X' });
    ok(await route({ type: 'ledger/delete-all', payload: { confirm: true } }, ui));
    expect(await db.permissions.count()).toBe(0);
    expect(await db.table('extensions').count()).toBe(0);
  });
});

describe('automatic deletion of old records', () => {
  it('deletes records older than the chosen age when the setting changes and on later visits, at most hourly', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = clock - 40 * day;
    ok(await route(requested('request-0000030', { time: old }), tab(news)));
    ok(await route({ type: 'form/seen', payload: { id: 'form-00000030', purpose: 'contact', fields: [{ category: 'email', required: true, label: 'Email' }], time: old } }, tab(news)));
    ok(await route(requested('request-0000031', { time: clock - day }), tab(news)));
    // Off by default: nothing is deleted.
    ok(await route({ type: 'page/hello', payload: {} }, tab(news)));
    expect(await db.permissions.count()).toBe(2);
    ok(await route({ type: 'settings/set', payload: { retentionDays: 30 } }, ui));
    expect((await db.permissions.toArray()).map((r) => r.id)).toEqual(['request-0000031']);
    expect(await db.forms.count()).toBe(0);
    // Within the hour after a run, a visit does not run it again.
    ok(await route(requested('request-0000032', { time: old }), tab(news)));
    clock += 10 * 60 * 1000;
    ok(await route({ type: 'page/hello', payload: {} }, tab(news)));
    expect(await db.permissions.get('request-0000032')).toBeDefined();
    // 30 days later the other record is 31 days old: the next visit deletes both.
    clock += 30 * day;
    ok(await route({ type: 'page/hello', payload: {} }, tab(news)));
    expect(await db.permissions.count()).toBe(0);
    expect(await route({ type: 'settings/set', payload: { retentionDays: 0 } }, ui)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });
});
