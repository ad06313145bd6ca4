/**
 * The ledger's record model: one record per site and notice version, each with its append-only list
 * of events (docs/ledger-schema.md, "The ledger model: records and events").
 *
 * The database keeps what the browser observed, in append-only tables per kind (prompts, decisions,
 * permission requests, forms, sign-ins, policy versions; `db.ts`). A record is the same data seen
 * per notice: everything that happened around one version of one site's consent prompt (the prompt
 * shown, the person's decisions and withdrawals, the consent signals the site stored), one version
 * of its privacy policy, its permission requests, the data given through its forms, its sign-in
 * screens. Events are derived from the rows (`eventsOf`, event-stream.ts) and grouped here by their
 * `recordKey`; rows are never rewritten into records, so the two views cannot disagree.
 */
import * as v from 'valibot';
import { DPV_STATUSES, EVENT_KINDS, type DpvStatus, type LedgerEvent } from './events.ts';

/** What a record's notice is. */
export const NOTICE_KINDS = ['consent-prompt', 'privacy-policy', 'permission-requests', 'data-collection', 'sign-in', 'unlinked-decisions'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeRecord {
  /** `${site} ${noticeVersion}`, as on every event of the record. */
  recordKey: string;
  site: string;
  notice: {
    kind: NoticeKind;
    /** The prompt's text hash (first 16 hex) or the policy version hash (first 16 hex); null for kinds without versions. */
    version: string | null;
  };
  firstEventTime: string;
  lastEventTime: string;
  /** The DPV status of the newest event the person (or ConsentLens for them) indicated: where the consent stands now. */
  currentStatus: DpvStatus | null;
  /** Oldest first; a later event never replaces an earlier one. */
  events: LedgerEvent[];
}

export const RECORDS_FORMAT = 'consent-lens-records/1';

const HEX16 = /^[0-9a-f]{16}$/u;

/** The notice a record key names (see promptRecordKey, policyRecordKey and the other keys in event-stream.ts). */
export function noticeOf(recordKey: string, site: string): NoticeRecord['notice'] {
  const rest = recordKey.startsWith(`${site} `) ? recordKey.slice(site.length + 1) : recordKey;
  if (HEX16.test(rest)) return { kind: 'consent-prompt', version: rest };
  if (rest.startsWith('policy:')) return { kind: 'privacy-policy', version: rest.slice('policy:'.length) };
  if (rest === 'permission-request') return { kind: 'permission-requests', version: null };
  if (rest === 'data-given') return { kind: 'data-collection', version: null };
  if (rest === 'sign-in') return { kind: 'sign-in', version: null };
  return { kind: 'unlinked-decisions', version: null };
}

const byTime = (a: LedgerEvent, b: LedgerEvent): number => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/**
 * Groups events into records, oldest event first within a record; records ordered by site, then
 * by their first event. Events with the same eventId (a merge of overlapping exports) count once.
 */
export function recordsOf(events: Iterable<LedgerEvent>): NoticeRecord[] {
  const groups = new Map<string, LedgerEvent[]>();
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.eventId)) continue;
    seen.add(e.eventId);
    const list = groups.get(e.recordKey);
    if (list) list.push(e);
    else groups.set(e.recordKey, [e]);
  }
  const records: NoticeRecord[] = [];
  for (const [recordKey, list] of groups) {
    list.sort(byTime);
    const first = list[0] as LedgerEvent;
    const last = list[list.length - 1] as LedgerEvent;
    let currentStatus: DpvStatus | null = null;
    for (const e of list) if (e.dpvStatus && (e.indicatedBy === 'data-subject' || e.indicatedBy === 'extension')) currentStatus = e.dpvStatus;
    records.push({ recordKey, site: first.site, notice: noticeOf(recordKey, first.site), firstEventTime: first.eventTime, lastEventTime: last.eventTime, currentStatus, events: list });
  }
  return records.sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.firstEventTime < b.firstEventTime ? -1 : a.firstEventTime > b.firstEventTime ? 1 : a.recordKey < b.recordKey ? -1 : 1));
}

export interface RecordsDocument {
  format: typeof RECORDS_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  records: NoticeRecord[];
}

/** The records view as one JSON document, written in chunks (one record per chunk). */
export function* recordsDocument(meta: { schemaVersion: number; exportedAt: string }, records: Iterable<NoticeRecord>): Generator<string> {
  yield `{"format":${JSON.stringify(RECORDS_FORMAT)},"schemaVersion":${meta.schemaVersion},"exportedAt":${JSON.stringify(meta.exportedAt)},"records":[`;
  let first = true;
  for (const r of records) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(r)}`;
    first = false;
  }
  yield first ? ']}\n' : '\n]}\n';
}

// ---- Schema (docs/ledger-records.schema.json is generated from it; tsc checks it against the types).
const Cell = v.nullable(v.union([v.string(), v.number(), v.boolean()]));
const Iso = v.pipe(v.string(), v.isoTimestamp());
export const LedgerEventSchema = v.strictObject({
  eventId: v.string(),
  eventTime: Iso,
  kind: v.picklist(EVENT_KINDS),
  site: v.string(),
  recordKey: v.string(),
  dpvStatus: v.nullable(v.picklist(DPV_STATUSES)),
  indicatedBy: v.nullable(v.picklist(['data-subject', 'extension', 'site'])),
  detail: v.record(v.string(), Cell),
});
export const NoticeRecordSchema = v.strictObject({
  recordKey: v.string(),
  site: v.string(),
  notice: v.strictObject({ kind: v.picklist(NOTICE_KINDS), version: v.nullable(v.string()) }),
  firstEventTime: Iso,
  lastEventTime: Iso,
  currentStatus: v.nullable(v.picklist(DPV_STATUSES)),
  events: v.pipe(v.array(LedgerEventSchema), v.minLength(1)),
});
export const RecordsDocumentSchema = v.strictObject({
  format: v.literal(RECORDS_FORMAT),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: Iso,
  records: v.array(NoticeRecordSchema),
});
