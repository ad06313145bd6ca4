/**
 * Pseudonymisation of ledger events before they leave the browser, and the preview the person sees
 * before an export file is written.
 *
 * Sites: `'etld1'` keeps the site as recorded (the ledger already stores the registrable domain,
 * eTLD+1, never the full host or URL); `'hash'` replaces it with `h:` + the first 16 hex digits
 * of SHA-256(salt + site). The salt comes from the caller (one per export to make exports
 * unlinkable, or one per study to let a researcher join a participant's exports); none is
 * generated here, and `'hash'` refuses to run without one: an unsalted hash of a domain is undone
 * by hashing a list of popular domains. The site prefix of `recordKey` is replaced the same way.
 *
 * Detail fields dropped unless kept (fields not listed here are kept):
 * - `keepUrls` false (default): `url`, `path`, `query`, `frameOrigin`, `redirectUri`, `policyUrl`
 *   and `clientId` (an OAuth client id names the site's app as surely as its URL);
 * - `keepText` false (default): `text`, `title`, `label`, `choices` (page wording, which can name
 *   the site), and `raw` (the consent string as stored: a TC string can be personal data, CJEU
 *   C-604/22). Hashes (`textHash`, `hash`) are kept: they prove what was shown without showing it.
 * A dropped field is removed, not blanked, so JSONL shows its absence and CSV an empty cell.
 */
import type { Cell, EventKind, LedgerEvent } from '../ledger/events.ts';
import { sha256Hex } from '../text.ts';

export interface PseudonymizeOptions {
  sites: 'etld1' | 'hash';
  salt?: string;
  keepUrls?: boolean;
  keepText?: boolean;
}

export const URL_FIELDS: readonly string[] = ['url', 'path', 'query', 'frameOrigin', 'redirectUri', 'policyUrl', 'clientId'];
export const TEXT_FIELDS: readonly string[] = ['text', 'title', 'label', 'choices', 'raw'];

/** The label a site gets under these options (also used by the Kantara and DPV views). */
export function siteLabeler(options: Pick<PseudonymizeOptions, 'sites' | 'salt'>): (site: string) => string {
  if (options.sites === 'etld1') return (site) => site;
  const salt = options.salt;
  if (salt === undefined) throw new Error('pseudonymizer: hashing sites needs a salt (an unsalted domain hash is reversible)');
  const cache = new Map<string, string>();
  return (site) => {
    let label = cache.get(site);
    if (label === undefined) {
      label = `h:${sha256Hex(salt + site).slice(0, 16)}`;
      cache.set(site, label);
    }
    return label;
  };
}

export function pseudonymizer(options: PseudonymizeOptions): (event: LedgerEvent) => LedgerEvent {
  const label = siteLabeler(options);
  const drop = new Set<string>([...(options.keepUrls ? [] : URL_FIELDS), ...(options.keepText ? [] : TEXT_FIELDS)]);
  return (event) => {
    const site = label(event.site);
    const recordKey = event.recordKey.startsWith(`${event.site} `) ? `${site}${event.recordKey.slice(event.site.length)}` : event.recordKey;
    const detail: Record<string, Cell> = {};
    for (const [key, value] of Object.entries(event.detail)) if (!drop.has(key)) detail[key] = value;
    return { ...event, site, recordKey, detail };
  };
}

export interface ExportPreview {
  total: number;
  byKind: Partial<Record<EventKind, number>>;
  bySite: Record<string, number>;
  /** The first `n` events, as they will be written. */
  rows: LedgerEvent[];
}

/** Counts per kind and per site and the first `n` rows, for "preview before the file is written". */
export function previewOf(events: Iterable<LedgerEvent>, n: number): ExportPreview {
  const preview = emptyPreview();
  for (const e of events) addToPreview(preview, e, n);
  return preview;
}

export const emptyPreview = (): ExportPreview => ({ total: 0, byKind: {}, bySite: {}, rows: [] });

/** Counts one more event into a preview (keeping the first `n` rows): previewOf, one event at a time. */
export function addToPreview(preview: ExportPreview, e: LedgerEvent, n: number): void {
  preview.total += 1;
  preview.byKind[e.kind] = (preview.byKind[e.kind] ?? 0) + 1;
  preview.bySite[e.site] = (preview.bySite[e.site] ?? 0) + 1;
  if (preview.rows.length < n) preview.rows.push(e);
}
