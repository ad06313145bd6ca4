/**
 * Export writers. Each one is a generator of string chunks: the caller writes the chunks to a file
 * (or a Blob, or a stream) as they come, so no writer ever builds the whole output in memory.
 * The event writers take any iterable of events (usually `eventsOf(doc)` mapped through a
 * pseudonymizer); the Kantara and DPV views are built from the export itself.
 *
 * - `jsonl`: one event per line, `JSON.stringify` of the LedgerEvent, `\n` line ends.
 * - `csv`: RFC 4180 (CRLF line ends; a field containing `,` `"` CR or LF is quoted and its quotes
 *   doubled), one event per row: the base columns, then `DETAIL_COLUMNS`, then `extra` (a JSON
 *   object of any other detail keys, empty when none). null is an empty cell; booleans are
 *   `true`/`false`; numbers are written as numbers.
 *   Formula injection (CWE-1236): a *string* cell that starts with `=` `+` `-` `@`, TAB or CR gets
 *   a leading apostrophe `'`, so a spreadsheet shows it as text instead of running it. Numbers are
 *   never changed (a JSON number such as -3 stays `-3`); only strings are, so the string "-3"
 *   becomes `'-3`. A reader that wants the original strips one leading `'` from a cell whose next
 *   character is one of those six.
 * - `csvSites`: a per-site summary table (same CSV rules); it aggregates first (one row of counts
 *   per site), then writes.
 * - `jsonDocument`: `{ schemaVersion, "@context", source, events: [...] }`, written chunk by chunk.
 * - `kantaraReceipts`: one Kantara Consent Receipt v1.1.0 per decision, one JSON object per line.
 * - `dpvRecords`: a JSON-LD document with one `dpv:ConsentRecord` per recordKey (site × notice
 *   version), each with its events as `dpv:hasConsentStatus` nodes with `dct:date`.
 */
import type { LedgerExport } from '../protocol/messages.ts';
import type { Cell, DpvStatus, LedgerEvent } from '../ledger/events.ts';
import { DETAIL_COLUMNS, eventsOf, promptRecordKey, statusOfDecision } from '../ledger/event-stream.ts';
import type { DecisionRecord, PromptRecord, PurposeToggle } from '../model.ts';
import { sha256Hex } from '../text.ts';

// ---------------------------------------------------------------------------------------------
// JSONL

export function* jsonl(events: Iterable<LedgerEvent>): Generator<string> {
  for (const e of events) yield `${JSON.stringify(e)}\n`;
}

// ---------------------------------------------------------------------------------------------
// CSV

const FORMULA_START = /^[=+\-@\t\r]/u;
const NEEDS_QUOTES = /[",\r\n]/u;

/** One CSV cell: formula-neutralised (strings only), then quoted when RFC 4180 requires it. */
export function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvRow = (cells: readonly (Cell | undefined)[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const CSV_BASE_COLUMNS = ['eventId', 'eventTime', 'kind', 'site', 'recordKey', 'dpvStatus', 'indicatedBy'] as const;
export const CSV_COLUMNS: readonly string[] = [...CSV_BASE_COLUMNS, ...DETAIL_COLUMNS, 'extra'];
const KNOWN_DETAIL = new Set<string>(DETAIL_COLUMNS);

/** The CSV header row (CRLF-terminated). */
export const csvHeader = (): string => csvRow(CSV_COLUMNS);

/** One event as a CSV row (CRLF-terminated): what `csv` writes per event. */
export function csvEventRow(e: LedgerEvent): string {
  const extra: Record<string, Cell> = {};
  let hasExtra = false;
  for (const [k, v] of Object.entries(e.detail)) {
    if (!KNOWN_DETAIL.has(k)) {
      extra[k] = v;
      hasExtra = true;
    }
  }
  return csvRow([
    e.eventId,
    e.eventTime,
    e.kind,
    e.site,
    e.recordKey,
    e.dpvStatus,
    e.indicatedBy,
    ...DETAIL_COLUMNS.map((c) => e.detail[c]),
    hasExtra ? JSON.stringify(extra) : null,
  ]);
}

export function* csv(events: Iterable<LedgerEvent>): Generator<string> {
  yield csvHeader();
  for (const e of events) yield csvEventRow(e);
}

export const CSV_SITE_COLUMNS = [
  'site',
  'events',
  'prompts',
  'decisions',
  'decisionsGiven',
  'decisionsRefused',
  'decisionsWithdrawn',
  'decisionsDeferred',
  'decisionsOther',
  'consentSignals',
  'permissionRequests',
  'permissionsGranted',
  'dataGiven',
  'signIns',
  'policyVersions',
  'flags',
  'firstEvent',
  'lastEvent',
] as const;
type SiteRow = Record<(typeof CSV_SITE_COLUMNS)[number], string | number>;

const DECISION_COLUMN: Partial<Record<DpvStatus, keyof SiteRow>> = {
  'dpv:ConsentGiven': 'decisionsGiven',
  'dpv:ConsentRefused': 'decisionsRefused',
  'dpv:ConsentWithdrawn': 'decisionsWithdrawn',
  'dpv:ConsentRequestDeferred': 'decisionsDeferred',
};

/**
 * One row per site, sites in order of first appearance. `flags` counts the flag ids on the site's
 * prompts, permission requests and forms (a form's flags are counted once per submission event).
 */
export function* csvSites(events: Iterable<LedgerEvent>): Generator<string> {
  const table = siteTable();
  for (const e of events) table.add(e);
  yield* table.chunks();
}

/** The per-site table of `csvSites`, filled one event at a time (memory: one row per site). */
export function siteTable(): { add(e: LedgerEvent): void; chunks(): Generator<string> } {
  const rows = new Map<string, SiteRow>();
  const add = (e: LedgerEvent): void => {
    let row = rows.get(e.site);
    if (!row) {
      row = Object.fromEntries(CSV_SITE_COLUMNS.map((c) => [c, 0])) as SiteRow;
      row.site = e.site;
      row.firstEvent = e.eventTime;
      row.lastEvent = e.eventTime;
      rows.set(e.site, row);
    }
    const inc = (c: keyof SiteRow, by = 1): void => {
      row[c] = (row[c] as number) + by;
    };
    inc('events');
    if (e.eventTime < (row.firstEvent as string)) row.firstEvent = e.eventTime;
    if (e.eventTime > (row.lastEvent as string)) row.lastEvent = e.eventTime;
    switch (e.kind) {
      case 'prompt-shown':
        inc('prompts');
        break;
      case 'decision':
        inc('decisions');
        inc((e.dpvStatus && DECISION_COLUMN[e.dpvStatus]) || 'decisionsOther');
        break;
      case 'consent-signal':
        inc('consentSignals');
        break;
      case 'permission-request':
        inc('permissionRequests');
        if (e.detail.outcome === 'granted') inc('permissionsGranted');
        break;
      case 'data-given':
        inc('dataGiven');
        break;
      case 'sign-in':
        inc('signIns');
        break;
      case 'policy-version':
        inc('policyVersions');
        break;
    }
    const flags = e.detail.flags;
    if (typeof flags === 'string' && flags) inc('flags', flags.split(';').length);
  };
  return {
    add,
    *chunks() {
      yield csvRow(CSV_SITE_COLUMNS);
      for (const row of rows.values()) yield csvRow(CSV_SITE_COLUMNS.map((c) => row[c]));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// JSON document (JSON-LD compatible)

export const EVENTS_SCHEMA_VERSION = 'consent-lens-events/1';

/** ConsentLens's own terms: a URN namespace (no resolvable vocabulary is published). */
const CL = 'urn:consentlens:term:';

/**
 * JSON-LD 1.1 context for the event document: DPV for statuses and indication, Dublin Core for
 * ids and dates, ConsentLens URNs for the rest. `detail` is a JSON literal (`@json`).
 */
export const EVENTS_CONTEXT = {
  '@version': 1.1,
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#',
  dct: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  cl: CL,
  schemaVersion: 'dct:conformsTo',
  events: { '@id': 'cl:events', '@container': '@list' },
  eventId: 'dct:identifier',
  eventTime: { '@id': 'dct:date', '@type': 'xsd:dateTime' },
  kind: 'cl:kind',
  site: 'cl:site',
  recordKey: 'cl:recordKey',
  dpvStatus: { '@id': 'dpv:hasConsentStatus', '@type': '@vocab' },
  indicatedBy: 'dpv:isIndicatedBy',
  detail: { '@id': 'cl:detail', '@type': '@json' },
  source: { '@id': 'cl:source', '@type': '@json' },
} as const;

/** The export's own facts the JSON document's `source` names. */
export type ExportHead = Pick<LedgerExport, 'format' | 'schemaVersion' | 'exportedAt' | 'generator' | 'study'>;

/** The JSON document's opening, up to and including `"events":[`. */
export function jsonDocumentHead(doc: ExportHead): string {
  const source = { format: doc.format, ledgerSchemaVersion: doc.schemaVersion, exportedAt: doc.exportedAt, generator: doc.generator };
  // Research mode: the study this export is for (src/research/study.ts, studyMetadata).
  const study = doc.study ? `,"study":${JSON.stringify(doc.study)}` : '';
  return `{"schemaVersion":${JSON.stringify(EVENTS_SCHEMA_VERSION)},"@context":${JSON.stringify(EVENTS_CONTEXT)},"source":${JSON.stringify(source)}${study},"events":[`;
}
export const jsonDocumentEvent = (e: LedgerEvent, first: boolean): string => `${first ? '\n' : ',\n'}${JSON.stringify(e)}`;
export const JSON_DOCUMENT_END = '\n]}\n';

export function* jsonDocument(doc: LedgerExport, events: Iterable<LedgerEvent>): Generator<string> {
  yield jsonDocumentHead(doc);
  let first = true;
  for (const e of events) {
    yield jsonDocumentEvent(e, first);
    first = false;
  }
  yield JSON_DOCUMENT_END;
}

// ---------------------------------------------------------------------------------------------
// Kantara Consent Receipt v1.1

export interface ReceiptOptions {
  /** The data subject's pseudonym (Kantara piiPrincipalId, required by §4.4.1); rotate it per export. */
  piiPrincipalId: string;
  /** Jurisdiction of the controller; unknown to ConsentLens, so "" unless the caller knows it. */
  jurisdiction?: string;
  /** Site → name written as controller and service (e.g. `siteLabeler` of pseudonymize.ts). */
  siteLabel?: (site: string) => string;
  /** Write the policy URL (default: only when sites are not relabelled, since a URL names the site). */
  keepUrls?: boolean;
}

export interface KantaraPurpose {
  purpose: string;
  purposeCategory: string[];
  consentType: string;
  piiCategory: string[];
  primaryPurpose: boolean;
  termination: string;
  thirdPartyDisclosure: boolean;
  thirdPartyName?: string;
}

export interface KantaraReceipt {
  version: 'KI-CR-v1.1.0';
  jurisdiction: string;
  consentTimestamp: number;
  collectionMethod: string;
  consentReceiptID: string;
  publicKey?: string;
  language: string;
  piiPrincipalId: string;
  piiControllers: { piiController: string; onBehalf: boolean; contact: string; address: Record<string, string>; email: string; phone: string }[];
  policyUrl: string;
  services: { service: string; purposes: KantaraPurpose[] }[];
  sensitive: boolean;
  spiCat: string[];
}

/** A coarse DPV purpose for a purpose label (English, German, French keywords); [] when unsure. */
function purposeCategoryOf(label: string): string[] {
  const l = label.toLowerCase();
  if (/necessar|essential|notwendig|nécessaire|required|strictly/u.test(l)) return ['dpv:ServiceProvision'];
  if (/analytic|statisti|performance|measure|mesure/u.test(l)) return ['dpv:ServiceUsageAnalytics'];
  if (/target|advertis|marketing|werbung|publicit|\bads?\b/u.test(l)) return ['dpv:Marketing'];
  if (/social/u.test(l)) return ['dpv:SocialMediaMarketing'];
  if (/function|preference|personali|präferenz/u.test(l)) return ['dpv:ServicePersonalisation'];
  return [];
}

const TERMINATION = "Withdraw through the site's consent settings, or ConsentLens's Withdraw on this site";

/**
 * Kantara `consentType` per decision kind. §4.5.6: "EXPLICIT" by default; anything else MUST
 * describe the method. A receipt of a decision that gave no consent says so here, per purpose.
 */
function consentTypeFor(kind: DecisionRecord['kind'], on: boolean): string {
  if (!on) {
    if (kind === 'dismissed') return 'NONE: prompt dismissed without a decision (consent request deferred)';
    if (kind === 'withdrawn') return 'NONE: consent withdrawn by the data subject';
    return `NONE: consent refused (${kind})`;
  }
  if (kind === 'implied') return 'IMPLIED: the site took consent from scrolling or navigating on';
  if (kind === 'acknowledged') return 'IMPLIED: "OK" on a notice that offered no choice (uninformed consent)';
  return 'EXPLICIT';
}

/** Whether the decision switched a purpose on: accept-like → all; custom → its choice; else only essentials. */
function purposesOf(d: DecisionRecord, prompt: PromptRecord | undefined): { label: string; on: boolean; essential: boolean }[] {
  const given = statusOfDecision(d) === 'dpv:ConsentGiven';
  const isEssential = (label: string): boolean => /necessar|essential|notwendig|nécessaire|必要/iu.test(label);
  if (d.choices?.length) return d.choices.map((c) => ({ label: c.label, on: c.on, essential: isEssential(c.label) }));
  const toggles: PurposeToggle[] = [...(prompt?.facts?.toggles ?? []), ...(prompt?.layers ?? []).flatMap((l) => l.toggles)];
  const seen = new Set<string>();
  const unique = toggles.filter((t) => !seen.has(t.label) && seen.add(t.label));
  if (unique.length) return unique.map((t) => ({ label: t.label, on: t.essential || given, essential: t.essential || isEssential(t.label) }));
  return [{ label: 'All purposes the prompt asked consent for (not itemised on the prompt)', on: given, essential: false }];
}

/** A UUID-shaped id derived from the pseudonym and decision id: RFC 9562 version 8 (custom). */
function receiptIdOf(piiPrincipalId: string, decisionId: string): string {
  const h = sha256Hex(`${piiPrincipalId}\u0000${decisionId}`);
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function kantaraReceiptOf(d: DecisionRecord, prompt: PromptRecord | undefined, doc: LedgerExport, options: ReceiptOptions): KantaraReceipt {
  const label = options.siteLabel ?? ((s: string) => s);
  const keepUrls = options.keepUrls ?? !options.siteLabel;
  const name = label(d.site);
  const policy = d.policyVersion?.url ?? (doc.policies ?? []).find((p) => p.site === d.site && p.kind === 'privacy')?.url ?? '';
  const vendors = Math.max(0, ...(prompt?.signals ?? []).map((s) => s.vendorConsents));
  const indication = d.indicatedBy === 'extension' ? `ConsentLens on the person's setting${d.autoconsent ? ` (autoconsent ${d.autoconsent.cmp})` : ''}` : 'the data subject';
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: options.jurisdiction ?? '',
    consentTimestamp: Math.floor(d.time / 1000),
    collectionMethod: `${prompt?.kind ?? 'consent prompt'} on the web site; decision ${d.kind} indicated by ${indication}`,
    consentReceiptID: receiptIdOf(options.piiPrincipalId, d.id),
    language: prompt?.language ?? 'und',
    piiPrincipalId: options.piiPrincipalId,
    piiControllers: [{ piiController: name, onBehalf: false, contact: '', address: {}, email: '', phone: '' }],
    policyUrl: keepUrls ? policy : '',
    services: [
      {
        service: name,
        purposes: purposesOf(d, prompt).map((p) => {
          const third = vendors > 0 && p.on && !p.essential;
          return {
            purpose: p.label,
            purposeCategory: purposeCategoryOf(p.label),
            consentType: consentTypeFor(d.kind, p.on),
            piiCategory: [],
            primaryPurpose: p.essential,
            termination: TERMINATION,
            thirdPartyDisclosure: third,
            ...(third ? { thirdPartyName: `${vendors} IAB TCF vendors (per the site's consent string)` } : {}),
          };
        }),
      },
    ],
    sensitive: false,
    spiCat: [],
  };
}

/**
 * One receipt per decision, as JSON lines. `opened-settings` records (v1 upgrades: not decisions)
 * get none. ConsentLens cannot know the controller's contact, address, e-mail or phone: those
 * fields are present and empty, as are `piiCategory`, `spiCat` and `jurisdiction` (unless given).
 */
export function* kantaraReceipts(doc: LedgerExport, options: ReceiptOptions): Generator<string> {
  const prompts = new Map((doc.prompts ?? []).map((p) => [p.id, p]));
  const decisions = [...(doc.decisions ?? [])].sort((a, b) => a.time - b.time);
  for (const d of decisions) {
    if (statusOfDecision(d) === null) continue;
    yield `${JSON.stringify(kantaraReceiptOf(d, prompts.get(d.promptId), doc, options))}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// DPV / ISO/IEC TS 27560 records (JSON-LD)

export const DPV_CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#',
  dct: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  cl: CL,
  'dct:date': { '@type': 'xsd:dateTime' },
  'dct:created': { '@type': 'xsd:dateTime' },
  'dct:modified': { '@type': 'xsd:dateTime' },
  'dct:conformsTo': { '@type': '@id' },
  'dpv:isIndicatedBy': { '@type': '@id' },
} as const;

export interface DpvOptions {
  /** The data subject's pseudonym (27560 pii_principal_id, mandatory). */
  piiPrincipalId: string;
  /** Applied to every event first (e.g. a pseudonymizer), so sites and keys come out pseudonymised. */
  transform?: (event: LedgerEvent) => LedgerEvent;
}

const INDICATED_BY: Record<NonNullable<LedgerEvent['indicatedBy']>, string> = {
  'data-subject': 'dpv:DataSubject',
  extension: 'cl:ConsentLens',
  site: 'dpv:DataController',
};

/**
 * One `dpv:ConsentRecord` per recordKey that has at least one event with a consent status
 * (permission requests, forms and policy versions carry none and make no record). The notice is a
 * `dpv:ConsentNotice` identified by the prompt text hash prefix, or a `dpv:PrivacyNotice` for
 * policy records. Written as `{ "@context", "@graph": [ record, ... ] }`, one record per chunk.
 */
export function* dpvRecords(doc: LedgerExport, options: DpvOptions): Generator<string> {
  const noticeKeys = new Set((doc.prompts ?? []).map((p) => promptRecordKey(p)));
  const groups = dpvGroups(options, (raw) => noticeKeys.has(raw.recordKey));
  for (const raw of eventsOf(doc)) groups.add(raw);
  yield* groups.chunks();
}

/**
 * The records of `dpvRecords`, filled one (untransformed) event at a time. `isNotice(raw)`: the
 * event's recordKey is a prompt's notice version. The records are grouped by recordKey and written
 * at the end, so this holds every event that has a consent status: the one export view whose
 * memory grows with the ledger.
 */
export function dpvGroups(options: DpvOptions, isNotice: (raw: LedgerEvent) => boolean): { add(raw: LedgerEvent): void; chunks(): Generator<string> } {
  const groups = new Map<string, LedgerEvent[]>();
  const promptKeyOf = new Map<string, boolean>();
  const add = (raw: LedgerEvent): void => {
    const e = options.transform ? options.transform(raw) : raw;
    promptKeyOf.set(e.recordKey, isNotice(raw));
    if (e.dpvStatus === null) return;
    const list = groups.get(e.recordKey);
    if (list) list.push(e);
    else groups.set(e.recordKey, [e]);
  };
  return { add, chunks };
  function* chunks(): Generator<string> {
    yield `{"@context":${JSON.stringify(DPV_CONTEXT)},"dct:conformsTo":"https://w3id.org/dpv/schema/dpv-27560#record","@graph":[`;
    let first = true;
    for (const [recordKey, events] of groups) {
      const head = events[0] as LedgerEvent;
      const version = recordKey.slice(recordKey.indexOf(' ') + 1);
      const record = {
        '@id': `urn:consentlens:record:${sha256Hex(recordKey).slice(0, 32)}`,
        '@type': 'dpv:ConsentRecord',
        'dct:identifier': recordKey,
        'dct:conformsTo': 'https://w3id.org/dpv/schema/dpv-27560#record',
        'dct:created': head.eventTime,
        'dct:modified': (events[events.length - 1] as LedgerEvent).eventTime,
        'dpv:hasDataSubject': { '@type': 'dpv:DataSubject', 'dct:identifier': options.piiPrincipalId },
        'dpv:hasDataController': { '@type': 'dpv:DataController', 'dct:identifier': head.site },
        'dpv:hasNotice': { '@type': promptKeyOf.get(recordKey) ? 'dpv:ConsentNotice' : version.startsWith('policy:') ? 'dpv:PrivacyNotice' : 'dpv:Notice', 'dct:identifier': version },
        'dpv:hasConsentStatus': events.map((e) => ({
          '@type': e.dpvStatus,
          'dct:identifier': e.eventId,
          'dct:date': e.eventTime,
          ...(e.indicatedBy ? { 'dpv:isIndicatedBy': INDICATED_BY[e.indicatedBy] } : {}),
          'cl:kind': e.kind,
          ...(typeof e.detail.consentType === 'string' ? { 'dpv:hasLegalBasis': e.detail.consentType } : {}),
        })),
      };
      yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
      first = false;
    }
    yield '\n]}\n';
  }
}
