/**
 * Keeps the `siteStats` table: one summary row per site (src/ledger/site-stats.ts), recomputed from
 * that site's rows through the `site` indexes after the site changes (the handlers' `changed` marks
 * it, see `trackRefresh`), rebuilt whole after changes to everything (delete all, restore, automatic
 * deletion) and when missing (a database upgraded to v6). The dashboard reads only these rows, so it
 * draws 100,000 events without reading them.
 */
import { eventsOf } from '../../src/ledger/event-stream.ts';
import { MAX_TIMELINE_EVENTS, type DashboardUiResponses } from '../../src/ledger/dashboard-messages.ts';
import { ledgerExport } from '../../src/ledger/records.ts';
import { recordsOf } from '../../src/ledger/record-view.ts';
import { overviewOf, querySites, siteStatsOf, type Overview, type SiteStats, type SitesQuery, type SiteRows } from '../../src/ledger/site-stats.ts';
import type { PolicyVersionRecord } from '../../src/policy/record.ts';
import type { LedgerDb } from './db.ts';
import { summary } from './policy-store.ts';

const BUILT_KEY = 'siteStatsBuilt';

async function siteRows(db: LedgerDb, site: string): Promise<SiteRows & { policyRows: PolicyVersionRecord[] }> {
  const [prompts, decisions, permissions, forms, signIns, policyRows] = await Promise.all([
    db.prompts.where('site').equals(site).toArray(),
    db.decisions.where('site').equals(site).toArray(),
    db.permissions.where('site').equals(site).toArray(),
    db.forms.where('site').equals(site).toArray(),
    db.signIns.where('site').equals(site).toArray(),
    db.policies.where('site').equals(site).toArray(),
  ]);
  return { prompts, decisions, permissions, forms, signIns, policies: policyRows, policyRows };
}

/** Recomputes one site's summary (deletes it when the site has no rows left). */
export async function refreshSite(db: LedgerDb, site: string): Promise<void> {
  await db.transaction('rw', [db.prompts, db.decisions, db.permissions, db.forms, db.signIns, db.policies, db.siteStats], async () => {
    const stats = siteStatsOf(site, await siteRows(db, site));
    if (stats) await db.siteStats.put(stats);
    else await db.siteStats.delete(site);
  });
}

/** Rebuilds every summary from the rows (one site at a time: bounded memory). */
export async function rebuildSiteStats(db: LedgerDb): Promise<number> {
  const sites = new Set<string>();
  for (const table of [db.prompts, db.decisions, db.permissions, db.forms, db.signIns, db.policies] as const) {
    for (const key of await table.orderBy('site').uniqueKeys()) sites.add(String(key));
  }
  await db.siteStats.clear();
  for (const site of sites) await refreshSite(db, site);
  await db.settings.put({ key: BUILT_KEY, value: { sites: sites.size } });
  return sites.size;
}

/**
 * Refreshes are batched: a write marks its site, and the marked sites are refreshed together a
 * moment later (REFRESH_DELAY_MS), one after another. A burst of writes to a site (a page's prompt,
 * its layers, signals and the decision; or a bench of thousands) then costs one refresh, not one per
 * write. Every read of the summaries first runs the marked refreshes, so a page that reads right
 * after a write sees it. (In memory only: if the worker stops before the refresh, that site's
 * summary is repaired by its next write or a rebuild.)
 */
export const REFRESH_DELAY_MS = 1000;
const ALL = '\u0000all';
let queue: Promise<void> = Promise.resolve();
const marked = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;

function flush(db: LedgerDb): Promise<void> {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (marked.size === 0) return queue;
  const sites = [...marked];
  marked.clear();
  queue = queue
    .then(async () => {
      if (sites.includes(ALL)) await rebuildSiteStats(db);
      else for (const site of sites) await refreshSite(db, site);
    })
    .catch(() => undefined);
  return queue;
}

export function trackRefresh(db: LedgerDb, site: string | null): void {
  marked.add(site ?? ALL);
  timer ??= setTimeout(() => void flush(db), REFRESH_DELAY_MS);
}

async function ensureBuilt(db: LedgerDb): Promise<void> {
  await flush(db);
  if (!(await db.settings.get(BUILT_KEY))) await rebuildSiteStats(db);
}

export async function overview(db: LedgerDb, now: number): Promise<Overview> {
  await ensureBuilt(db);
  return overviewOf(await db.siteStats.toArray(), now);
}

/** Every summary (built first if missing): what the dashboard's lists read instead of the rows. */
export async function allSiteStats(db: LedgerDb): Promise<SiteStats[]> {
  await ensureBuilt(db);
  return db.siteStats.toArray();
}

/**
 * How many prompts the ledger holds (of one site, or all), from the summaries: counting the
 * `prompts` rows themselves walks every key (half a second at 100,000 events).
 */
export async function promptTotal(db: LedgerDb, site?: string): Promise<number> {
  await ensureBuilt(db);
  if (site !== undefined) return (await db.siteStats.get(site))?.prompts ?? 0;
  let total = 0;
  await db.siteStats.each((s) => {
    total += s.prompts;
  });
  return total;
}

export async function sites(db: LedgerDb, query: SitesQuery): Promise<DashboardUiResponses['dashboard/sites']> {
  await ensureBuilt(db);
  const found = querySites(await db.siteStats.toArray(), query);
  return { total: await db.siteStats.count(), sites: found };
}

/** One site: a fresh summary and its records with the newest MAX_TIMELINE_EVENTS events. */
export async function siteTimeline(db: LedgerDb, site: string, version: string, now: Date): Promise<DashboardUiResponses['dashboard/site']> {
  await refreshSite(db, site);
  const rows = await siteRows(db, site);
  const doc = ledgerExport([...rows.prompts], [...rows.decisions], version, now, rows.policyRows.map(summary), {
    permissions: [...rows.permissions],
    forms: [...rows.forms],
    signIns: [...rows.signIns],
  });
  const events = [...eventsOf(doc)];
  const truncated = events.length > MAX_TIMELINE_EVENTS;
  return { stats: (await db.siteStats.get(site)) ?? null, records: recordsOf(truncated ? events.slice(-MAX_TIMELINE_EVENTS) : events), truncated };
}
