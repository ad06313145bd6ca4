/**
 * Per-site summaries and the dashboard's overview aggregates. The dashboard never scans the whole
 * ledger to draw itself: the background keeps one `SiteStats` row per site, recomputed from that
 * site's rows (through the `site` indexes) whenever the site changes, and the overview adds those
 * rows up. Everything here is pure; extension/background/site-stats.ts stores and refreshes it.
 */
import * as v from 'valibot';
import { givesConsent, type DecisionKind, type DecisionRecord, type PromptRecord } from '../model.ts';
import type { PermissionRequestRecord } from '../permissions/records.ts';
import type { FormRecord, SignInRecord } from './collection.ts';
import { statusOfDecision } from './event-stream.ts';

export interface SiteStats {
  site: string;
  firstSeen: number;
  lastSeen: number;
  prompts: number;
  decisions: number;
  /** Decisions that gave consent (DPV ConsentGiven), refused it, or withdrew it. */
  given: number;
  refused: number;
  withdrawn: number;
  /** Validity flags on its prompts and permission requests; `highFlags` the high-severity ones. */
  flags: number;
  highFlags: number;
  permissions: number;
  /** Permission requests (probes left out) per permission name. */
  permissionsByName: Record<string, number>;
  forms: number;
  signIns: number;
  policies: number;
  latestDecision: { id: string; kind: DecisionKind; time: number; gaveConsent: boolean } | null;
  /** Permission requests including probes, those with flags, and the newest permission/form/sign-in time (0: none). */
  permissionRows: number;
  permissionsFlagged: number;
  collectionLast: number;
  /** Decisions per UTC day (YYYY-MM-DD -> [given, refused, other]) for the year before the newest one; custom choices by their switches. */
  days: Record<string, [number, number, number]>;
}

const DAY_MS = 86_400_000;
const DAYS_KEPT = 400;

export interface SiteRows {
  prompts: readonly PromptRecord[];
  decisions: readonly DecisionRecord[];
  permissions: readonly PermissionRequestRecord[];
  forms: readonly FormRecord[];
  signIns: readonly SignInRecord[];
  policies: readonly { firstSeen: number; lastSeen?: number }[];
}

/** The summary of one site's rows; null when the site has none left. */
export function siteStatsOf(site: string, rows: SiteRows): SiteStats | null {
  const times: number[] = [];
  let flags = 0;
  let highFlags = 0;
  for (const p of rows.prompts) {
    times.push(p.time);
    for (const f of p.flags ?? []) {
      flags += 1;
      if (f.severity === 'high') highFlags += 1;
    }
  }
  let given = 0;
  let refused = 0;
  let withdrawn = 0;
  let latest: DecisionRecord | null = null;
  const days: Record<string, [number, number, number]> = {};
  const newest = rows.decisions.reduce((m, d) => Math.max(m, d.time), 0);
  for (const d of rows.decisions) {
    times.push(d.time);
    const status = statusOfDecision(d);
    if (status === 'dpv:ConsentGiven') given += 1;
    else if (status === 'dpv:ConsentRefused') refused += 1;
    else if (status === 'dpv:ConsentWithdrawn') withdrawn += 1;
    if (d.kind !== 'opened-settings' && (!latest || d.time >= latest.time)) latest = d;
    if (d.kind !== 'opened-settings' && d.time > newest - DAYS_KEPT * DAY_MS) {
      const day = new Date(Math.floor(d.time / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
      const bucket = (days[day] ??= [0, 0, 0]);
      bucket[status === 'dpv:ConsentGiven' ? 0 : status === 'dpv:ConsentRefused' ? 1 : 2] += 1;
    }
  }
  const permissionsByName: Record<string, number> = {};
  let permissions = 0;
  let permissionsFlagged = 0;
  let collectionLast = 0;
  for (const r of rows.permissions) {
    times.push(r.time);
    collectionLast = Math.max(collectionLast, r.time);
    if (r.flags.length > 0) permissionsFlagged += 1;
    for (const f of r.flags) {
      flags += 1;
      if (f.severity === 'high') highFlags += 1;
    }
    if (r.probe) continue;
    permissions += 1;
    permissionsByName[r.permission] = (permissionsByName[r.permission] ?? 0) + 1;
  }
  for (const f of rows.forms) {
    times.push(f.time);
    collectionLast = Math.max(collectionLast, f.time);
  }
  for (const s of rows.signIns) {
    times.push(s.time);
    collectionLast = Math.max(collectionLast, s.time);
  }
  for (const p of rows.policies) times.push(p.lastSeen ?? p.firstSeen, p.firstSeen);
  if (times.length === 0) return null;
  return {
    site,
    firstSeen: Math.min(...times),
    lastSeen: Math.max(...times),
    prompts: rows.prompts.length,
    decisions: rows.decisions.length,
    given,
    refused,
    withdrawn,
    flags,
    highFlags,
    permissions,
    permissionsByName,
    forms: rows.forms.length,
    signIns: rows.signIns.length,
    policies: rows.policies.length,
    latestDecision: latest ? { id: latest.id, kind: latest.kind, time: latest.time, gaveConsent: givesConsent(latest) } : null,
    permissionRows: rows.permissions.length,
    permissionsFlagged,
    collectionLast,
    days,
  };
}

export interface Overview {
  sites: number;
  prompts: number;
  decisions: number;
  given: number;
  refused: number;
  withdrawn: number;
  flags: number;
  permissions: number;
  /** The 8 sites with the most flags (ties: high flags, then newest). */
  mostFlagged: { site: string; flags: number; highFlags: number }[];
  /** Permission requests per permission name, most first. */
  permissionsByName: { permission: string; count: number }[];
  /** Decisions per UTC day for the last `days` days, oldest first (days without any included). */
  perDay: { day: string; given: number; refused: number; other: number }[];
}

export const OVERVIEW_DAYS = 30;

export function overviewOf(stats: Iterable<SiteStats>, now: number, days = OVERVIEW_DAYS): Overview {
  const o: Overview = { sites: 0, prompts: 0, decisions: 0, given: 0, refused: 0, withdrawn: 0, flags: 0, permissions: 0, mostFlagged: [], permissionsByName: [], perDay: [] };
  const byName = new Map<string, number>();
  const flagged: SiteStats[] = [];
  const today = Math.floor(now / DAY_MS);
  const perDay = new Map<string, { given: number; refused: number; other: number }>();
  for (let d = today - days + 1; d <= today; d++) perDay.set(new Date(d * DAY_MS).toISOString().slice(0, 10), { given: 0, refused: 0, other: 0 });
  for (const s of stats) {
    o.sites += 1;
    o.prompts += s.prompts;
    o.decisions += s.decisions;
    o.given += s.given;
    o.refused += s.refused;
    o.withdrawn += s.withdrawn;
    o.flags += s.flags;
    o.permissions += s.permissions;
    for (const [name, n] of Object.entries(s.permissionsByName)) byName.set(name, (byName.get(name) ?? 0) + n);
    if (s.flags > 0) flagged.push(s);
    for (const [day, [g, r, o]] of Object.entries(s.days)) {
      const bucket = perDay.get(day);
      if (!bucket) continue;
      bucket.given += g;
      bucket.refused += r;
      bucket.other += o;
    }
  }
  o.mostFlagged = flagged
    .sort((a, b) => b.flags - a.flags || b.highFlags - a.highFlags || b.lastSeen - a.lastSeen)
    .slice(0, 8)
    .map((s) => ({ site: s.site, flags: s.flags, highFlags: s.highFlags }));
  o.permissionsByName = [...byName].map(([permission, count]) => ({ permission, count })).sort((a, b) => b.count - a.count || (a.permission < b.permission ? -1 : 1));
  o.perDay = [...perDay].map(([day, b]) => ({ day, ...b }));
  return o;
}

/** Sites list: search, filter and sort, applied to the stats rows. */
export const SITE_SORTS = ['lastSeen', 'flags', 'decisions', 'site'] as const;
export const SITE_FILTERS = ['all', 'flagged', 'consent-given', 'permissions'] as const;
export const SitesQuerySchema = v.strictObject({
  search: v.optional(v.pipe(v.string(), v.maxLength(253)), ''),
  sort: v.optional(v.picklist(SITE_SORTS), 'lastSeen'),
  filter: v.optional(v.picklist(SITE_FILTERS), 'all'),
});
export type SitesQuery = v.InferOutput<typeof SitesQuerySchema>;

export function querySites(stats: Iterable<SiteStats>, query: SitesQuery): SiteStats[] {
  const needle = query.search.trim().toLowerCase();
  const kept: SiteStats[] = [];
  for (const s of stats) {
    if (needle && !s.site.includes(needle)) continue;
    if (query.filter === 'flagged' && s.flags === 0) continue;
    if (query.filter === 'consent-given' && !s.latestDecision?.gaveConsent) continue;
    if (query.filter === 'permissions' && s.permissions === 0) continue;
    kept.push(s);
  }
  const by: Record<SitesQuery['sort'], (a: SiteStats, b: SiteStats) => number> = {
    lastSeen: (a, b) => b.lastSeen - a.lastSeen,
    flags: (a, b) => b.flags - a.flags || b.highFlags - a.highFlags || b.lastSeen - a.lastSeen,
    decisions: (a, b) => b.decisions - a.decisions || b.lastSeen - a.lastSeen,
    site: (a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0),
  };
  return kept.sort(by[query.sort]);
}
