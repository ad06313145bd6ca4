/**
 * Dexie versions are append-only: a database written by schema v1 (ConsentLens 0.1.0) opens under
 * the current schema with every row kept and filled in.
 */
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { LedgerDb } from '../../../../extension/background/db.ts';

/** Exactly the v1 schema and rows as 0.1.0 wrote them. */
async function populateV1(indexedDB: IDBFactory) {
  const v1 = new Dexie('consent-lens', { indexedDB, IDBKeyRange });
  v1.version(1).stores({ prompts: 'id, site, time, [site+time]', decisions: 'id, promptId, site, time', settings: 'key' });
  await v1.table('prompts').bulkAdd([
    { id: 'prompt-v1-0001', site: 'a.example', url: 'https://a.example/', frame: 'top', kind: 'cookie-banner', detector: 'generic', language: 'en', text: 'We use cookies', textHash: 'x'.repeat(64), actions: [{ label: 'Accept', role: 'accept-all' }], time: 1 },
    { id: 'prompt-v1-0002', site: 'b.example', url: 'https://b.example/', frame: 'top', kind: 'consent-dialog', detector: 'generic', language: 'de', text: 'Cookies', textHash: 'y'.repeat(64), actions: [], time: 2 },
  ]);
  await v1.table('decisions').bulkAdd([
    { id: 'decision-v1-01', promptId: 'prompt-v1-0001', site: 'a.example', role: 'reject-all', label: 'Reject', indicatedBy: 'user', time: 3 },
    { id: 'decision-v1-02', promptId: 'prompt-v1-0001', site: 'a.example', role: 'settings', label: 'Settings', indicatedBy: 'user', time: 4 },
    { id: 'decision-v1-03', promptId: 'prompt-v1-0002', site: 'b.example', role: 'save-choices', label: 'Save', indicatedBy: 'user', time: 5 },
  ]);
  await v1.table('settings').put({ key: 'user', value: { recording: false } });
  v1.close();
}

describe('ledger schema migration', () => {
  it('upgrades a populated v1 database to the latest schema without losing a row', async () => {
    const indexedDB = new IDBFactory();
    await populateV1(indexedDB);
    const db = new LedgerDb('consent-lens', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.prompts.count()).toBe(2);
    expect(await db.decisions.count()).toBe(3);
    expect(await db.prompts.get('prompt-v1-0001')).toMatchObject({
      text: 'We use cookies',
      facts: { toggles: [], blocksPage: false, policyLink: false },
      layers: [],
      signals: [],
      reopenControl: null,
      flags: [],
    });
    const kinds = Object.fromEntries((await db.decisions.toArray()).map((d) => [d.id, d.kind]));
    expect(kinds).toEqual({ 'decision-v1-01': 'reject-all', 'decision-v1-02': 'opened-settings', 'decision-v1-03': 'custom' });
    // The new index works on upgraded rows.
    expect(await db.decisions.where('kind').equals('reject-all').count()).toBe(1);
    expect(await db.settings.get('user')).toEqual({ key: 'user', value: { recording: false } });
    // v3's and v4's tables exist, empty, with their indexes.
    expect(await db.policies.where('[site+kind+firstSeen]').between(['a.example', 'privacy', 0], ['a.example', 'privacy', Infinity]).count()).toBe(0);
    expect(await db.policyLinks.count()).toBe(0);
    expect(await db.permissions.where('[site+time]').between(['a.example', 0], ['a.example', Infinity]).count()).toBe(0);
    expect(await db.forms.count()).toBe(0);
    expect(await db.signIns.count()).toBe(0);
    db.close();
  });

  it('opens a populated v2 database under the latest schema (v6) with every row unchanged', async () => {
    const indexedDB = new IDBFactory();
    const v2 = new Dexie('consent-lens', { indexedDB, IDBKeyRange });
    v2.version(2).stores({ prompts: 'id, site, time, [site+time]', decisions: 'id, promptId, site, time, kind', settings: 'key' });
    const decision = { id: 'decision-v2-01', promptId: 'prompt-v2-0001', site: 'a.example', kind: 'accept-all', role: 'accept-all', label: 'OK', indicatedBy: 'user', time: 3 };
    await v2.table('decisions').add(decision);
    await v2.table('settings').put({ key: 'user', value: { autoReject: true } });
    v2.close();
    const db = new LedgerDb('consent-lens', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.decisions.get('decision-v2-01')).toEqual(decision);
    expect(await db.settings.get('user')).toEqual({ key: 'user', value: { autoReject: true } });
    db.close();
  });

  it('opens a populated v4 database under v6 with every row of every table unchanged, the study and site-summary tables empty', async () => {
    const indexedDB = new IDBFactory();
    const v4 = new Dexie('consent-lens', { indexedDB, IDBKeyRange });
    v4.version(4).stores({
      prompts: 'id, site, time, [site+time]',
      decisions: 'id, promptId, site, time, kind',
      settings: 'key',
      policies: 'id, site, [site+kind+firstSeen]',
      policyLinks: 'site',
      permissions: 'id, site, time, [site+time]',
      forms: 'id, site, time',
      signIns: 'id, site, time',
      extensions: 'id',
    });
    const rows: Record<string, Record<string, unknown>[]> = {
      prompts: [
        { id: 'prompt-v4-0001', site: 'a.example', url: 'https://a.example/', frame: 'top', kind: 'cookie-banner', detector: 'generic', cmp: null, language: 'en', text: 'We use cookies', textHash: 'a'.repeat(64), actions: [], time: 10, facts: { toggles: [], blocksPage: false, policyLink: true }, layers: [], signals: [{ source: 'tcf', time: 11, purposeConsents: [1], purposeLegitimateInterests: [], specialFeatureOptins: [], vendorConsents: 3, grantedCategories: [] }], reopenControl: true, flags: [] },
        { id: 'prompt-v4-0002', site: 'b.example', url: 'https://b.example/x', frame: 'sub', kind: 'consent-dialog', detector: 'generic', language: 'de', text: 'Cookies', textHash: 'b'.repeat(64), actions: [], time: 20, facts: { toggles: [], blocksPage: true, policyLink: false }, layers: [], signals: [], reopenControl: null, flags: [] },
      ],
      decisions: [{ id: 'decision-v4-01', promptId: 'prompt-v4-0001', site: 'a.example', kind: 'accept-all', role: 'accept-all', label: 'OK', indicatedBy: 'user', time: 12, policyVersion: null }],
      settings: [{ key: 'user', value: { recording: true, reminderDays: 90 } }, { key: 'withdraw:a.example', value: { since: 5 } }],
      policies: [{ id: `a.example privacy ${'c'.repeat(64)}`, site: 'a.example', kind: 'privacy', hash: 'c'.repeat(64), firstSeen: 1, lastSeen: 2, text: 'Policy' }],
      policyLinks: [{ site: 'a.example', links: [{ kind: 'privacy', text: 'Privacy', url: 'https://a.example/privacy' }], updatedAt: 3 }],
      permissions: [{ id: 'perm-v4-0001', site: 'a.example', permission: 'geolocation', time: 13 }],
      forms: [{ id: 'form-v4-0001', site: 'b.example', time: 21, submissions: [{ time: 22, categories: ['email'] }] }],
      signIns: [{ id: 'signin-v4-01', site: 'b.example', provider: 'google', time: 23, outcome: 'granted' }],
      extensions: [{ id: 'abcdefghijklmnop', name: 'Other extension' }],
    };
    for (const [table, list] of Object.entries(rows)) await v4.table(table).bulkAdd(list);
    v4.close();

    const db = new LedgerDb('consent-lens', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(6);
    for (const [table, list] of Object.entries(rows)) {
      const key = table === 'settings' ? 'key' : table === 'policyLinks' ? 'site' : 'id';
      const stored = await db.table(table).toArray();
      const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]));
      expect(stored.sort(byKey), table).toEqual([...list].sort(byKey));
    }
    // The old indexes still answer, and v5's tables exist, empty, with their indexes.
    expect(await db.prompts.where('[site+time]').between(['a.example', 0], ['a.example', Infinity]).count()).toBe(1);
    expect(await db.studies.where('status').equals('active').count()).toBe(0);
    expect(await db.studyConsents.where('studyId').equals('any-study').count()).toBe(0);
    // v6: the site summaries exist, empty (built on first use), with their indexes.
    expect(await db.siteStats.count()).toBe(0);
    expect(await db.siteStats.orderBy('flags').count()).toBe(0);
    db.close();
  });
});
