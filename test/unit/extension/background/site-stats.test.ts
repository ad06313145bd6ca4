/**
 * The dashboard's per-site summaries: computed from a site's rows, kept in step with them,
 * rebuilt when missing, and added up into the overview; the sites list and the site timeline.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerDb } from '../../../../extension/background/db.ts';
import { overview, rebuildSiteStats, refreshSite, siteTimeline, sites } from '../../../../extension/background/site-stats.ts';
import { eventsOf } from '../../../../src/ledger/event-stream.ts';
import { querySites, siteStatsOf, type SiteStats } from '../../../../src/ledger/site-stats.ts';
import { buildExport } from '../../ledger/ledger-export-fixture.ts';

let db: LedgerDb;
const doc = buildExport();
const T = doc.prompts[0]!.time;

beforeEach(async () => {
  db = new LedgerDb('site-stats-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.prompts.bulkAdd(doc.prompts);
  await db.decisions.bulkAdd(doc.decisions);
  await db.permissions.bulkAdd(doc.permissions);
  await db.forms.bulkAdd(doc.forms);
  await db.signIns.bulkAdd(doc.signIns.map((s) => ({ ...s, state: 'x' })));
});
afterEach(() => db.close());

describe('per-site summaries', () => {
  it('sums up one site: prompts, decisions by DPV status, flags by severity, the latest decision', async () => {
    const uk = doc.prompts[0]!.site;
    const stats = siteStatsOf(uk, {
      prompts: doc.prompts.filter((p) => p.site === uk),
      decisions: doc.decisions.filter((d) => d.site === uk),
      permissions: [],
      forms: doc.forms.filter((f) => f.site === uk),
      signIns: [],
      policies: [],
    }) as SiteStats;
    expect(stats).toMatchObject({ site: uk, prompts: 2, decisions: 2, given: 1, refused: 1, withdrawn: 0, flags: 2, highFlags: 1, forms: 1 });
    expect(stats.latestDecision).toMatchObject({ kind: 'accept-all', gaveConsent: true });
    expect(stats.firstSeen).toBe(T);
    expect(siteStatsOf('none.example', { prompts: [], decisions: [], permissions: [], forms: [], signIns: [], policies: [] })).toBeNull();
  });

  it('are built on first use, one row per site with rows, and follow a site whose rows change', async () => {
    const first = await sites(db, { search: '', sort: 'site', filter: 'all' });
    const expected = new Set([...doc.prompts, ...doc.decisions, ...doc.permissions, ...doc.forms, ...doc.signIns].map((r) => r.site));
    expect(first.sites.map((s) => s.site)).toEqual([...expected].sort());
    const maps = doc.permissions[0]!.site;
    expect(first.sites.find((s) => s.site === maps)).toMatchObject({ permissions: 1, permissionsByName: { geolocation: 1 }, flags: 1 });
    // The site's rows go: its summary goes.
    await db.permissions.where('site').equals(maps).delete();
    await refreshSite(db, maps);
    expect(await db.siteStats.get(maps)).toBeUndefined();
    // A new decision shows at once.
    const de = doc.prompts[2]!.site;
    await db.decisions.add({ ...doc.decisions[0]!, id: 'decision-new', site: de, promptId: doc.prompts[2]!.id, kind: 'accept-all', role: 'accept-all', time: T + 900_000 });
    await refreshSite(db, de);
    expect(await db.siteStats.get(de)).toMatchObject({ decisions: 3, given: 1, latestDecision: { kind: 'accept-all' } });
  });

  it('the overview adds the summaries up, with decisions per day over the last 30 days', async () => {
    await rebuildSiteStats(db);
    const now = T + 2 * 86_400_000;
    const o = await overview(db, now);
    expect(o).toMatchObject({ sites: 4, prompts: 3, decisions: 4, given: 1, refused: 3, permissions: 1 }); // the custom choice turned everything off
    expect(o.permissionsByName).toEqual([{ permission: 'geolocation', count: 1 }]);
    expect(o.mostFlagged[0]).toMatchObject({ site: doc.prompts[0]!.site, flags: 2, highFlags: 1 });
    expect(o.perDay).toHaveLength(30);
    const day = new Date(T).toISOString().slice(0, 10);
    expect(o.perDay.find((d) => d.day === day)).toEqual({ day, given: 1, refused: 3, other: 0 }); // the custom choice by its switches
    expect(o.perDay.reduce((n, d) => n + d.given + d.refused + d.other, 0)).toBe(4);
    // Decisions older than the window are not drawn.
    expect((await overview(db, T + 40 * 86_400_000)).perDay.every((d) => d.given + d.refused + d.other === 0)).toBe(true);
  });

  it('the sites list searches, filters and sorts', async () => {
    await rebuildSiteStats(db);
    const all = await db.siteStats.toArray();
    expect(querySites(all, { search: 'CO.UK', sort: 'site', filter: 'all' }).map((s) => s.site)).toEqual(['example.co.uk']);
    expect(querySites(all, { search: '', sort: 'flags', filter: 'flagged' }).map((s) => s.site)).toEqual(['example.co.uk', 'maps.example']);
    expect(querySites(all, { search: '', sort: 'lastSeen', filter: 'consent-given' }).map((s) => s.site)).toEqual(['example.co.uk']);
    expect(querySites(all, { search: '', sort: 'decisions', filter: 'permissions' }).map((s) => s.site)).toEqual(['maps.example']);
    expect(querySites(all, { search: '', sort: 'lastSeen', filter: 'all' })[0]?.site).toBe(doc.signIns[0]!.site);
  });

  it('a site timeline: its records with every event of the site', async () => {
    const uk = doc.prompts[0]!.site;
    const view = await siteTimeline(db, uk, '1.0.0', new Date(T + 1000));
    const expected = [...eventsOf(doc)].filter((e) => e.site === uk && e.kind !== 'policy-version');
    expect(view.records.reduce((n, r) => n + r.events.length, 0)).toBe(expected.length);
    expect(view.records.map((r) => r.notice.kind).sort()).toEqual(['consent-prompt', 'consent-prompt', 'data-collection']);
    expect(view.stats).toMatchObject({ site: uk, prompts: 2 });
    expect(view.truncated).toBe(false);
  });
});
