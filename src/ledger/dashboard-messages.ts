/**
 * The dashboard's ui -> background messages for its overview, sites list and site timeline. Spread
 * into `uiSchemas` and `UiResponses` in src/protocol/messages.ts.
 */
import * as v from 'valibot';
import type { NoticeRecord } from './record-view.ts';
import { SitesQuerySchema, type Overview, type SiteStats } from './site-stats.ts';

const Site = v.pipe(v.string(), v.minLength(1), v.maxLength(253));

/** The newest events a site timeline shows (the export has them all). */
export const MAX_TIMELINE_EVENTS = 500;

export const dashboardUiSchemas = {
  /** Totals and chart data, added up from the per-site summaries (decisions per day included). */
  'dashboard/overview': v.strictObject({}),
  /** Every site's summary, searched, filtered and sorted. */
  'dashboard/sites': SitesQuerySchema,
  /** One site: its summary and its records (site × notice version) with their events. */
  'dashboard/site': v.strictObject({ site: Site }),
} as const;

export interface DashboardUiResponses {
  'dashboard/overview': Overview;
  'dashboard/sites': { total: number; sites: SiteStats[] };
  'dashboard/site': { stats: SiteStats | null; records: NoticeRecord[]; truncated: boolean };
}
