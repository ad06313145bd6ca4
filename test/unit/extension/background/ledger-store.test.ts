import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerDb } from '../../../../extension/background/db.ts';
import { contentHandlers, uiHandlers, type HandlerDeps } from '../../../../extension/background/handlers.ts';
import { createRouter } from '../../../../extension/background/router.ts';

const EXT = 'chrome-extension://extid';
let db: LedgerDb;
let changes: (string | null)[];
let route: ReturnType<typeof createRouter>;
let badges: { tabId: number; ids: string[] }[];
let opened: string[];
let clock = new Date('2026-01-02T03:04:05Z');

function sender(site: string) {
  const url = `https://www.${site}/page?q=1`;
  return { id: 'extid', url, frameId: 0, tab: { id: 1, url } };
}
const ui = { id: 'extid', url: `${EXT}/extension/ui/dashboard/index.html` };

function prompt(id: string, time: number) {
  return {
    id,
    kind: 'cookie-banner',
    detector: 'generic',
    language: 'en',
    text: `We use cookies for analytics ${id}`,
    actions: [{ label: 'Accept all', role: 'accept-all' }, { label: 'Reject all', role: 'reject-all' }, { label: 'Settings', role: 'settings' }],
    facts: { toggles: [], blocksPage: false, policyLink: true },
    time,
  };
}

beforeEach(() => {
  db = new LedgerDb('test-ledger', { indexedDB: new IDBFactory(), IDBKeyRange });
  changes = [];
  badges = [];
  opened = [];
  clock = new Date('2026-01-02T03:04:05Z');
  const deps: HandlerDeps = {
    db,
    version: '9.9.9',
    changed: (s) => changes.push(s),
    now: () => clock,
    badge: (tabId, flags) => badges.push({ tabId, ids: flags.map((f) => f.id) }),
    openTab: async (url) => {
      opened.push(url);
    },
    frames: { inject: async () => undefined, send: async () => undefined, runInMainWorld: async () => undefined, later: () => undefined },
    readPolicy: async () => {
      throw new Error('no policy reading in this test (see policy.test.ts)');
    },
    injectScript: async () => undefined,
    fetchPage: async () => {
      throw new Error('no network in this test');
    },
  };
  route = createRouter({ extensionId: 'extid', extensionOrigin: EXT }, contentHandlers(deps), uiHandlers(deps));
});
afterEach(() => db.close());

describe('ledger through the router (fake-indexeddb)', () => {
  it('stores a prompt and its decision once, however often a report is retried', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await route({ type: 'prompt/seen', payload: prompt('prompt-aaaaaaaa', 10) }, sender('news.example'))).toMatchObject({ ok: true });
      expect(
        await route({ type: 'decision/made', payload: { id: 'decision-bbbbbb', promptId: 'prompt-aaaaaaaa', kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: 11 } }, sender('news.example')),
      ).toMatchObject({ ok: true });
    }
    expect(await db.prompts.count()).toBe(1);
    expect(await db.decisions.count()).toBe(1);
    expect(changes).toEqual(['news.example', 'news.example']);

    const reply = await route({ type: 'ledger/site', payload: { site: 'news.example' } }, ui);
    expect(reply).toMatchObject({ ok: true, data: { site: 'news.example', entries: [{ prompt: { id: 'prompt-aaaaaaaa', url: 'https://www.news.example/page' }, decisions: [{ kind: 'reject-all', role: 'reject-all', indicatedBy: 'user' }] }] } });
  });

  it("ledger/site gives the site's newest prompts, at most `limit`, each with its decisions oldest first", async () => {
    for (let i = 1; i <= 5; i++) await route({ type: 'prompt/seen', payload: prompt(`prompt-0000000${i}`, i * 10) }, sender('a.example'));
    await route({ type: 'prompt/seen', payload: prompt('prompt-00000009', 100) }, sender('b.example'));
    await route({ type: 'decision/made', payload: { id: 'decision-late-01', promptId: 'prompt-00000004', kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: 45 } }, sender('a.example'));
    await route({ type: 'decision/made', payload: { id: 'decision-z-early', promptId: 'prompt-00000004', kind: 'accept-all', role: 'accept-all', label: 'Accept all', time: 41 } }, sender('a.example'));
    const reply = await route({ type: 'ledger/site', payload: { site: 'a.example', limit: 3 } }, ui);
    expect(reply.ok).toBe(true);
    const { entries } = (reply as { data: { entries: { prompt: { id: string }; decisions: { id: string }[] }[] } }).data;
    expect(entries.map((e) => e.prompt.id)).toEqual(['prompt-00000005', 'prompt-00000004', 'prompt-00000003']);
    expect(entries[1]?.decisions.map((d) => d.id)).toEqual(['decision-z-early', 'decision-late-01']);
    expect(entries[0]?.decisions).toEqual([]);
  });

  it('lists newest first, pages, filters by site, and deletes one site or everything', async () => {
    await route({ type: 'prompt/seen', payload: prompt('prompt-00000001', 1) }, sender('a.example'));
    await route({ type: 'prompt/seen', payload: prompt('prompt-00000002', 2) }, sender('b.example'));
    await route({ type: 'prompt/seen', payload: prompt('prompt-00000003', 3) }, sender('a.example'));

    const all = await route({ type: 'ledger/list', payload: { limit: 2 } }, ui);
    expect(all).toMatchObject({ ok: true, data: { total: 3 } });
    if (all.ok) expect((all.data as { entries: { prompt: { id: string } }[] }).entries.map((e) => e.prompt.id)).toEqual(['prompt-00000003', 'prompt-00000002']);

    const siteOnly = await route({ type: 'ledger/list', payload: { site: 'a.example' } }, ui);
    expect(siteOnly).toMatchObject({ ok: true, data: { total: 2 } });

    expect(await route({ type: 'ledger/delete-site', payload: { site: 'a.example' } }, ui)).toMatchObject({ ok: true, data: { deletedPrompts: 2 } });
    expect(await db.prompts.count()).toBe(1);
    expect(await route({ type: 'ledger/delete-all', payload: { confirm: true } }, ui)).toMatchObject({ ok: true, data: { deletedPrompts: 1 } });
    expect(await db.prompts.count()).toBe(0);
  });

  it('exports everything as one JSON document', async () => {
    await route({ type: 'prompt/seen', payload: prompt('prompt-00000001', 1) }, sender('a.example'));
    const reply = await route({ type: 'ledger/export', payload: {} }, ui);
    expect(reply).toMatchObject({
      ok: true,
      data: { format: 'consent-lens-ledger', schemaVersion: 5, exportedAt: '2026-01-02T03:04:05.000Z', generator: { version: '9.9.9' }, prompts: [{ id: 'prompt-00000001' }], decisions: [], policies: [], permissions: [], forms: [], signIns: [], studyConsents: [] },
    });
  });

  it('stores nothing while recording is paused, and remembers the setting', async () => {
    expect(await route({ type: 'settings/set', payload: { recording: false } }, ui)).toEqual({ ok: true, data: { recording: false, reminderDays: 180, autoReject: false, fetchPolicyAtConsent: false, retentionDays: null, language: 'auto' } });
    expect(await route({ type: 'prompt/seen', payload: prompt('prompt-00000001', 1) }, sender('a.example'))).toEqual({ ok: true, data: { stored: false } });
    expect(await db.prompts.count()).toBe(0);
    expect(await route({ type: 'settings/get', payload: {} }, ui)).toEqual({ ok: true, data: { recording: false, reminderDays: 180, autoReject: false, fetchPolicyAtConsent: false, retentionDays: null, language: 'auto' } });
  });

  it('refuses a decision for a prompt that is not stored, or that belongs to another site', async () => {
    await route({ type: 'prompt/seen', payload: prompt('prompt-00000001', 1) }, sender('a.example'));
    const decision = (promptId: string) => ({ type: 'decision/made', payload: { id: 'decision-0001', promptId, kind: 'accept-all', role: 'accept-all', label: 'Accept', time: 2 } });
    expect(await route(decision('prompt-missing1'), sender('a.example'))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await route(decision('prompt-00000001'), sender('b.example'))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await db.decisions.count()).toBe(0);
    expect(await route(decision('prompt-00000001'), sender('a.example'))).toMatchObject({ ok: true });
    expect(await db.decisions.count()).toBe(1);
  });

  it('keeps a page from writing settings or deleting', async () => {
    await route({ type: 'prompt/seen', payload: prompt('prompt-00000001', 1) }, sender('a.example'));
    expect(await route({ type: 'ledger/delete-all', payload: { confirm: true } }, sender('a.example'))).toMatchObject({ ok: false });
    expect(await route({ type: 'settings/set', payload: { recording: false } }, sender('a.example'))).toMatchObject({ ok: false });
    expect(await db.prompts.count()).toBe(1);
  });

  describe('flags as the story unfolds', () => {
    const site = sender('news.example');
    const flagIds = async (id: string) => ((await db.prompts.get(id))?.flags ?? []).map((f) => f.id);
    const cookie = (value: object, time: number) => ({
      type: 'signals/seen',
      payload: { promptId: 'prompt-flagged1', source: 'cmp-cookie', name: 'cc_cookie', value: JSON.stringify(value), time },
    });

    beforeEach(async () => {
      await route({ type: 'prompt/seen', payload: prompt('prompt-flagged1', 1000) }, site);
    });

    it('an honest prompt answered with a refusal that is respected raises nothing', async () => {
      await route({ type: 'decision/made', payload: { id: 'decision-hon01', promptId: 'prompt-flagged1', kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: 2000 } }, site);
      await route(cookie({ categories: ['necessary'] }, 3000), site);
      await route({ type: 'prompt/reopen-check', payload: { promptId: 'prompt-flagged1', found: true, label: 'Cookie settings' } }, site);
      expect(await flagIds('prompt-flagged1')).toEqual([]);
    });

    it('F5 when consent was stored before the choice, F6 when it was stored against a refusal', async () => {
      await route(cookie({ categories: ['necessary', 'analytics', 'ads'] }, 1500), site);
      expect(await flagIds('prompt-flagged1')).toContain('F5');
      await route({ type: 'decision/made', payload: { id: 'decision-rej01', promptId: 'prompt-flagged1', kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: 2000 } }, site);
      await route(cookie({ categories: ['necessary', 'analytics'] }, 3000), site);
      const flags = await flagIds('prompt-flagged1');
      expect(flags).toEqual(expect.arrayContaining(['F5', 'F6']));
      expect(badges.at(-1)).toEqual({ tabId: 1, ids: flags });
    });

    it('F3 from a settings layer with pre-ticked purposes; a custom decision keeps the choices', async () => {
      await route({
        type: 'prompt/layer',
        payload: { promptId: 'prompt-flagged1', actions: [{ label: 'Save', role: 'save-choices' }], toggles: [{ label: 'Advertising', checked: true, essential: false }], time: 1500 },
      }, site);
      expect(await flagIds('prompt-flagged1')).toContain('F3');
      await route({
        type: 'decision/made',
        payload: { id: 'decision-cus01', promptId: 'prompt-flagged1', kind: 'custom', role: 'save-choices', label: 'Save', choices: [{ label: 'Advertising', on: false }], time: 2000 },
      }, site);
      expect(await db.decisions.get('decision-cus01')).toMatchObject({ kind: 'custom', choices: [{ label: 'Advertising', on: false }] });
    });

    it('F12 when no reopen control was found; F14 when asked again within days of a refusal', async () => {
      await route({ type: 'decision/made', payload: { id: 'decision-rej02', promptId: 'prompt-flagged1', kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: 2000 } }, site);
      await route({ type: 'prompt/reopen-check', payload: { promptId: 'prompt-flagged1', found: false, label: '' } }, site);
      expect(await flagIds('prompt-flagged1')).toContain('F12');
      await route({ type: 'prompt/seen', payload: prompt('prompt-again01', 2000 + 3_600_000) }, site);
      expect(await flagIds('prompt-again01')).toContain('F14');
    });

    it('ignores signals and layers for a prompt of another site', async () => {
      const other = sender('elsewhere.example');
      expect(await route(cookie({ categories: ['ads'] }, 1500), other)).toEqual({ ok: true, data: { stored: false } });
      expect((await db.prompts.get('prompt-flagged1'))?.signals).toEqual([]);
    });
  });

  describe('withdrawal and reminders', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const site = sender('news.example');
    const decide = (id: string, kind: string, time: number, promptId = 'prompt-withdraw1') =>
      route({ type: 'decision/made', payload: { id, promptId, kind, role: kind === 'accept-all' ? 'accept-all' : 'reject-all', label: 'x', time } }, site);

    it('opens the site, and the next refusal there is recorded as a withdrawal (once)', async () => {
      const t0 = clock.getTime() - 200 * DAY;
      await route({ type: 'prompt/seen', payload: prompt('prompt-withdraw1', t0) }, site);
      await decide('decision-acc001', 'accept-all', t0 + 1000);
      expect(await route({ type: 'page/hello', payload: {} }, site)).toEqual({ ok: true, data: { withdrawPending: false } });

      expect(await route({ type: 'site/withdraw', payload: { site: 'news.example' } }, ui)).toEqual({ ok: true, data: { url: 'https://www.news.example/page' } });
      expect(opened).toEqual(['https://www.news.example/page']);
      expect(await route({ type: 'page/hello', payload: {} }, site)).toEqual({ ok: true, data: { withdrawPending: true } });
      expect(await route({ type: 'page/hello', payload: {} }, sender('other.example'))).toEqual({ ok: true, data: { withdrawPending: false } });

      await route({ type: 'prompt/seen', payload: prompt('prompt-withdraw2', clock.getTime()) }, site);
      await decide('decision-rej001', 'reject-all', clock.getTime() + 1, 'prompt-withdraw2');
      expect((await db.decisions.get('decision-rej001'))?.kind).toBe('withdrawn');
      await decide('decision-rej002', 'reject-all', clock.getTime() + 2, 'prompt-withdraw2');
      expect((await db.decisions.get('decision-rej002'))?.kind).toBe('reject-all');
    });

    it('a pending withdrawal expires after a day', async () => {
      await route({ type: 'prompt/seen', payload: prompt('prompt-withdraw1', 1) }, site);
      await route({ type: 'site/withdraw', payload: { site: 'news.example' } }, ui);
      clock = new Date(clock.getTime() + DAY + 1);
      expect(await route({ type: 'page/hello', payload: {} }, site)).toEqual({ ok: true, data: { withdrawPending: false } });
    });

    it('reminds about consents older than the chosen age, not about refusals or recent ones', async () => {
      const now = clock.getTime();
      await route({ type: 'prompt/seen', payload: prompt('prompt-old00001', now - 400 * DAY) }, sender('old.example'));
      await route({ type: 'decision/made', payload: { id: 'decision-old001', promptId: 'prompt-old00001', kind: 'accept-all', role: 'accept-all', label: 'OK', time: now - 400 * DAY } }, sender('old.example'));
      await route({ type: 'prompt/seen', payload: prompt('prompt-new00001', now - 10 * DAY) }, sender('new.example'));
      await route({ type: 'decision/made', payload: { id: 'decision-new001', promptId: 'prompt-new00001', kind: 'accept-all', role: 'accept-all', label: 'OK', time: now - 10 * DAY } }, sender('new.example'));
      await route({ type: 'prompt/seen', payload: prompt('prompt-ref00001', now - 400 * DAY) }, sender('refused.example'));
      await route({ type: 'decision/made', payload: { id: 'decision-ref001', promptId: 'prompt-ref00001', kind: 'reject-all', role: 'reject-all', label: 'No', time: now - 400 * DAY } }, sender('refused.example'));

      const reply = await route({ type: 'ledger/reminders', payload: {} }, ui);
      expect(reply).toMatchObject({ ok: true, data: { reminderDays: 180, sites: [{ site: 'old.example' }] } });
      await route({ type: 'settings/set', payload: { reminderDays: 7 } }, ui);
      const shorter = await route({ type: 'ledger/reminders', payload: {} }, ui);
      if (!shorter.ok) throw new Error('reminders failed');
      expect((shorter.data as { sites: { site: string }[] }).sites.map((s) => s.site)).toEqual(['old.example', 'new.example']);
    });
  });
});
