/**
 * The ledger as a flat stream of events, the unit every export format is built from: one event
 * per thing that happened on a site (a prompt shown, a decision, a consent signal read, a permission
 * request, data given through a form, a sign-in grant, a policy version seen), each with its W3C DPV
 * consent status where it has one. Records are grouped by `recordKey` (site × notice version).
 */

export const EVENT_KINDS = ['prompt-shown', 'decision', 'consent-signal', 'permission-request', 'data-given', 'sign-in', 'policy-version'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** DPV consent statuses used (CURIEs; the JSON-LD @context maps `dpv:` to https://w3id.org/dpv#). */
export const DPV_STATUSES = [
  'dpv:ConsentRequested',
  'dpv:ConsentGiven',
  'dpv:ConsentRefused',
  'dpv:ConsentWithdrawn',
  'dpv:ConsentRequestDeferred',
  'dpv:ConsentUnknown',
] as const;
export type DpvStatus = (typeof DPV_STATUSES)[number];

/** A cell of a flat event: what JSONL, CSV, DuckDB and pandas read without nesting. */
export type Cell = string | number | boolean | null;

export interface LedgerEvent {
  /** Stable across exports of the same ledger (derived from the record ids), so merges de-duplicate. */
  eventId: string;
  /** ISO 8601, UTC. */
  eventTime: string;
  kind: EventKind;
  site: string;
  /** `${site} ${noticeVersion}`: the prompt's text hash, or the policy version hash. */
  recordKey: string;
  dpvStatus: DpvStatus | null;
  indicatedBy: 'data-subject' | 'extension' | 'site' | null;
  /** Kind-specific flat fields (decision kind, permission, outcome, categories joined by ";", flag ids...). */
  detail: Record<string, Cell>;
}
