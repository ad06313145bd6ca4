/**
 * The message contract between ConsentLens's contexts, grouped by direction:
 *   content  -> background   (untrusted: any page can compromise its content script)
 *   ui       -> background   (extension pages only: popup, dashboard)
 *   background -> ui         (notifications)
 * Every payload has a valibot schema, checked where the message arrives; the TypeScript types are
 * inferred from the schemas, so the two cannot drift.
 */
import * as v from 'valibot';
import {
  ACTION_ROLES,
  REPORTED_DECISION_KINDS,
  MAX_ACTIONS,
  MAX_LABEL,
  MAX_PROMPT_TEXT,
  MAX_TOGGLES,
  PROMPT_KINDS,
  type UI_LANGUAGES,
  type DecisionRecord,
  type PromptRecord,
  type Settings,
} from '../model.ts';
import type { PolicyLinksRecord, PolicyVersionRecord } from '../policy/record.ts';
import { PERMISSION_APIS, PERMISSION_NAMES, PERMISSION_OUTCOMES, PERMISSION_STATES, SITE_KINDS } from '../permissions/model.ts';
import { FIELD_CATEGORIES, FORM_PURPOSES } from '../forms/model.ts';
import type { SentenceDiff } from '../policy/versions.ts';
import type { AnalyzedPolicy } from '../policy/record.ts';
import type { FormRecord, SignInRecord } from '../ledger/collection.ts';
import type { PermissionRequestRecord } from '../permissions/records.ts';
import type { StudyConsentRecord } from '../ledger/study-consent.ts';
import type { StudyFile, StudyFileError, StudyMetadata, Participation } from '../research/study.ts';
import { extensionUiSchemas, type ExtensionUiResponses } from '../extensions/messages.ts';
import { dashboardUiSchemas, type DashboardUiResponses } from '../ledger/dashboard-messages.ts';

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/u, 'an id of 8-64 url-safe characters'));
const Time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const Role = v.picklist(ACTION_ROLES);
const Label = v.pipe(v.string(), v.maxLength(MAX_LABEL));
const Site = v.pipe(v.string(), v.minLength(1), v.maxLength(253), v.regex(/^[\p{L}\p{N}.:[\]-]+$/u, 'a host name'));

const StudyId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/u, 'a study id'));
const Sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/u, 'a SHA-256 in hex'));
/** A study file is at most 64 KB (src/research/study.ts); the message allows a little more so the parser, not the router, explains. */
const MAX_STUDY_MESSAGE_CHARS = 1024 * 1024;

const Count = (max: number) => v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(max));
export const ProminenceSchema = v.strictObject({
  area: Count(1e8),
  contrast: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(21)),
  isLink: v.boolean(),
  fontWeight: Count(1000),
});
export const OfferedActionSchema = v.strictObject({ label: Label, role: Role, prominence: v.optional(ProminenceSchema) });
const ToggleSchema = v.strictObject({ label: Label, checked: v.boolean(), essential: v.boolean() });
const Toggles = v.pipe(v.array(ToggleSchema), v.maxLength(MAX_TOGGLES));
const Actions = v.pipe(v.array(OfferedActionSchema), v.maxLength(MAX_ACTIONS));
export const PromptFactsSchema = v.strictObject({ toggles: Toggles, blocksPage: v.boolean(), policyLink: v.boolean() });
const Url = v.pipe(v.string(), v.maxLength(2048));
const CmpName = v.pipe(v.string(), v.maxLength(100));
/** The autoconsent engine's own messages (its ContentScriptMessage), the ones ConsentLens uses. */
export const AutoconsentMessageSchema = v.variant('type', [
  v.object({ type: v.literal('init'), url: Url }),
  v.object({ type: v.literal('eval'), id: v.pipe(v.string(), v.maxLength(64)), snippetId: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
  v.object({ type: v.literal('cmpDetected'), cmp: CmpName, url: Url }),
  v.object({ type: v.literal('popupFound'), cmp: CmpName, url: Url }),
  v.object({ type: v.literal('optOutResult'), cmp: CmpName, result: v.boolean(), scheduleSelfTest: v.boolean(), url: Url }),
  v.object({ type: v.literal('selfTestResult'), cmp: CmpName, result: v.boolean(), url: Url }),
  v.object({ type: v.literal('autoconsentDone'), cmp: CmpName, url: Url }),
  v.object({ type: v.literal('autoconsentError') }),
]);
export type AutoconsentMessage = v.InferOutput<typeof AutoconsentMessageSchema>;

/** Longest policy page markup accepted (bytes of HTML, not words: pages carry much markup). */
export const MAX_POLICY_HTML = 8_000_000;
export const MAX_POLICY_LINKS = 20;
export const MAX_FORM_FIELDS = 60;
/** Largest backup the dashboard restores in one message (characters of JSON). */
export const MAX_RESTORE_CHARS = 64 * 1024 * 1024;

/** Longest consent value we read (a TC string with many vendors is a few KB; GPP a little more). */
export const MAX_SIGNAL_VALUE = 16_384;

export const contentSchemas = {
  'prompt/seen': v.strictObject({
    id: Id,
    kind: v.picklist(PROMPT_KINDS),
    detector: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/u)),
    cmp: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(100)))),
    selector: v.optional(v.pipe(v.string(), v.maxLength(300))),
    language: v.pipe(v.string(), v.regex(/^(?:[a-z]{2,3}|und)$/u)),
    text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PROMPT_TEXT)),
    actions: Actions,
    facts: PromptFactsSchema,
    time: Time,
  }),
  /** A settings layer opened from a prompt (the person clicked its settings control). */
  'prompt/layer': v.strictObject({ promptId: Id, actions: Actions, toggles: Toggles, time: Time }),
  'decision/made': v.strictObject({
    id: Id,
    promptId: Id,
    kind: v.picklist(REPORTED_DECISION_KINDS),
    role: v.nullable(Role),
    label: Label,
    choices: v.optional(v.pipe(v.array(v.strictObject({ label: Label, on: v.boolean() })), v.maxLength(MAX_TOGGLES))),
    time: Time,
  }),
  /** A prompt was found in this frame: load autoconsent here to name its platform (and, if set, refuse). */
  'autoconsent/candidate': v.strictObject({ promptId: Id }),
  /** A message from the autoconsent engine running in this frame, about the prompt it was loaded for. */
  'autoconsent/message': v.strictObject({ promptId: Id, message: AutoconsentMessageSchema }),
  /** A page loaded: is a withdrawal pending for its site (the person asked from the dashboard)? */
  'page/hello': v.strictObject({}),
  /** After a decision: whether the page still offers a way to reopen the choice. */
  'prompt/reopen-check': v.strictObject({ promptId: Id, found: v.boolean(), label: Label }),
  /** A consent signal read from the page (TC / GPP / USP string, a CMP's cookie, Consent Mode state). */
  'signals/seen': v.strictObject({
    promptId: v.nullable(Id),
    source: v.picklist(['tcf', 'gpp', 'usp', 'cmp-cookie', 'consent-mode']),
    name: v.pipe(v.string(), v.maxLength(64)), // cookie name, or the API it came from
    value: v.pipe(v.string(), v.maxLength(MAX_SIGNAL_VALUE)),
    eventStatus: v.optional(v.picklist(['tcloaded', 'cmpuishown', 'useractioncomplete'])),
    cmpId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4095))),
    time: Time,
  }),
  /** Links to the site's privacy policy, cookie policy and terms found on a page (top frame). */
  'policy/links': v.strictObject({
    links: v.pipe(
      v.array(v.strictObject({ kind: v.picklist(['privacy', 'cookie', 'terms']), text: Label, url: v.pipe(Url, v.regex(/^https?:\/\//iu, 'an http(s) address')) })),
      v.maxLength(MAX_POLICY_LINKS),
    ),
  }),
  /**
   * A page (this frame) called a powerful API: sent when the call is made, before the browser
   * answers. `sinceNavigation` is performance.now() at the call; `gesture` is
   * navigator.userActivation.isActive then; `stateBefore` the Permissions API state read by the
   * isolated world right after.
   */
  'permission/requested': v.strictObject({
    id: Id,
    api: v.picklist(PERMISSION_APIS),
    permission: v.picklist(PERMISSION_NAMES),
    probe: v.boolean(),
    sinceNavigation: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(8.64e10)),
    gesture: v.boolean(),
    softAskBefore: v.boolean(),
    stateBefore: v.picklist(PERMISSION_STATES),
    /** The kind of site this page looks like, and the page signals that said so (≤ 8). */
    siteKind: v.picklist(SITE_KINDS),
    siteKindSignals: v.pipe(v.array(v.pipe(v.string(), v.maxLength(80))), v.maxLength(8)),
    time: Time,
  }),
  /** How that request ended, and the permission state after it. */
  'permission/outcome': v.strictObject({
    id: Id,
    outcome: v.picklist(PERMISSION_OUTCOMES),
    stateAfter: v.picklist(PERMISSION_STATES),
    error: v.optional(v.pipe(v.string(), v.maxLength(120))),
    time: Time,
  }),
  /** This frame's page has form fields: load the form reader here (see extension/content/forms-engine.ts). */
  'forms/candidate': v.strictObject({}),
  /** A data-collection form on the page (top frame or not), its purpose and what its fields ask for. */
  'form/seen': v.strictObject({
    id: Id,
    purpose: v.picklist(FORM_PURPOSES),
    fields: v.pipe(
      v.array(v.strictObject({ category: v.picklist(FIELD_CATEGORIES), required: v.boolean(), label: Label })),
      v.maxLength(MAX_FORM_FIELDS),
    ),
    time: Time,
  }),
  /** The person submitted that form: which categories they filled in (never the values). */
  'form/submitted': v.strictObject({
    formId: Id,
    categories: v.pipe(v.array(v.picklist(FIELD_CATEGORIES)), v.maxLength(MAX_FORM_FIELDS)),
    time: Time,
  }),
  /** The page's title, headings or address name a policy: its markup, to be read and judged off the page's thread. */
  'policy/page': v.strictObject({
    html: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_POLICY_HTML)),
  }),
} as const;

/** Background -> analysis page (Chrome's offscreen document): read a policy's markup. */
export const analysisSchemas = {
  'policy/analyze': v.strictObject({
    html: v.pipe(v.string(), v.maxLength(MAX_POLICY_HTML)),
    url: Url,
    contentType: v.picklist(['text/html', 'text/plain']),
  }),
} as const;
export type AnalysisRequest = v.InferOutput<(typeof analysisSchemas)['policy/analyze']>;
export type AnalysisReply = { ok: true; data: AnalyzedPolicy } | { ok: false; error: string };

/** (A pure IIFE: a bundle that never reads it - the content script - drops it and every schema it spreads in.) */
export const uiSchemas = /* @__PURE__ */ (() => ({
  /** The site (eTLD+1) of an address: the popup asks rather than load the public-suffix list itself. */
  'site/of': v.strictObject({ url: v.pipe(v.string(), v.maxLength(4096)) }),
  /** Can the ledger still be written? (popup and dashboard ask on opening, to say so when storage is full) */
  'storage/check': v.strictObject({}),
  /** A site's prompts, newest first: `limit` of them (default 200; the popup asks for its first screen). */
  'ledger/site': v.strictObject({ site: Site, limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)), 200) }),
  'ledger/list': v.strictObject({
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)), 100),
    site: v.optional(Site),
  }),
  'ledger/delete-site': v.strictObject({ site: Site }),
  'ledger/delete-all': v.strictObject({ confirm: v.literal(true) }),
  'ledger/export': v.strictObject({}),
  'settings/get': v.strictObject({}),
  'settings/set': v.strictObject({
    recording: v.optional(v.boolean()),
    autoReject: v.optional(v.boolean()),
    reminderDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
    fetchPolicyAtConsent: v.optional(v.boolean()),
    retentionDays: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36500)))),
    language: v.optional(v.picklist(['auto', 'en', 'zh_CN', 'de', 'fr'] satisfies ('auto' | (typeof UI_LANGUAGES)[number])[])),
  }),
  /** What ConsentLens knows of a site's policy: links, versions, the latest analysis, the last change. */
  'policy/site': v.strictObject({ site: Site }),
  /** The person asked: fetch the site's privacy policy from a link found on its pages and read it. */
  'policy/fetch': v.strictObject({ site: Site }),
  /** Permission requests, data-collection forms and sign-in screens seen on a site. */
  'collection/site': v.strictObject({ site: Site }),
  /** Every site with permission requests, forms or sign-ins: the dashboard's view across sites. */
  'collection/sites': v.strictObject({}),
  /** The person marks a permission as expected on a site (lifts "not needed by this kind of site"). */
  'permissions/expected': v.strictObject({ site: Site, permission: v.picklist(PERMISSION_NAMES), expected: v.boolean() }),
  /**
   * Restore a ledger export (the dashboard's JSON download): validated with parseLedgerExport,
   * then written in one transaction — all of it, or nothing. `mode: "merge"` keeps what is there
   * and adds what is missing; `"replace"` empties the ledger first.
   */
  'ledger/restore': v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_RESTORE_CHARS)), mode: v.picklist(['merge', 'replace']) }),
  /** The installed-extensions audit (src/extensions/messages.ts). */
  ...extensionUiSchemas,
  ...dashboardUiSchemas,
  /** The person has seen the "policy changed" alert for this version. */
  'policy/ack': v.strictObject({ site: Site, id: v.pipe(v.string(), v.maxLength(400)) }),
  /** Withdraw consent on a site: open it, reopen its consent dialog, record the next refusal as a withdrawal. */
  'site/withdraw': v.strictObject({ site: Site }),
  /** Sites whose latest decision gave consent longer ago than the reminder age. */
  'ledger/reminders': v.strictObject({}),
  /** Research mode: check a study file and keep it as pending until the participant accepts it. */
  'research/load': v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_STUDY_MESSAGE_CHARS)) }),
  /** Research mode: the pending or active study, the participant, the export reminder. */
  'research/get': v.strictObject({}),
  /** The participant accepted the consent screen of the pending study (the text they saw, by hash). */
  'research/join': v.strictObject({
    studyId: StudyId,
    consentTextHash: Sha256,
    enteredId: v.optional(v.pipe(v.string(), v.maxLength(200))),
  }),
  /** The participant declined ("Not now"): forget the pending study. */
  'research/discard': v.strictObject({ studyId: StudyId }),
  /** The participant leaves the active study (confirmed in the dashboard). */
  'research/leave': v.strictObject({ studyId: StudyId, confirm: v.literal(true) }),
  /** An export of the active study was written: resets the export reminder. */
  'research/exported': v.strictObject({ studyId: StudyId }),
}) as const)();

export const backgroundToUiSchemas = {
  'ledger/changed': v.strictObject({ site: v.nullable(Site) }),
} as const;

export type ContentType = keyof typeof contentSchemas;
export type UiType = keyof typeof uiSchemas;
export type BackgroundToUiType = keyof typeof backgroundToUiSchemas;

export type ContentPayload<K extends ContentType> = v.InferOutput<(typeof contentSchemas)[K]>;
export type UiPayload<K extends UiType> = v.InferOutput<(typeof uiSchemas)[K]>;
export type UiInput<K extends UiType> = v.InferInput<(typeof uiSchemas)[K]>;
export type BackgroundToUiPayload<K extends BackgroundToUiType> = v.InferOutput<(typeof backgroundToUiSchemas)[K]>;

/** One prompt with the decisions given on it: a row of the ledger as the UI shows it. */
export interface LedgerEntry {
  prompt: PromptRecord;
  decisions: DecisionRecord[];
}

export interface LedgerExport {
  format: 'consent-lens-ledger';
  schemaVersion: number;
  exportedAt: string;
  generator: { name: 'ConsentLens'; version: string };
  prompts: PromptRecord[];
  decisions: DecisionRecord[];
  /** Since v3: the policy versions decisions point at (no text; the text stays in the browser). */
  policies: PolicyVersionSummary[];
  /** Since v4: powerful permission requests, forms (categories only, never values), sign-in screens. */
  permissions: PermissionRequestRecord[];
  forms: FormRecord[];
  signIns: Omit<SignInRecord, 'state'>[];
  /** Since v5: the person's consents to research studies and their withdrawals (research mode). Absent in older exports. */
  studyConsents?: StudyConsentRecord[];
  /**
   * Since v5, optional: the research study this export was made for (`studyMetadata` in
   * src/research/study.ts). The background never sets it; an export made for a study does.
   */
  study?: StudyMetadata;
}

/** What each request answers with. */
export interface ContentResponses {
  'prompt/seen': { stored: boolean };
  'prompt/layer': { stored: boolean };
  'decision/made': { stored: boolean };
  'prompt/reopen-check': { stored: boolean };
  'page/hello': { withdrawPending: boolean };
  'autoconsent/candidate': { injected: boolean };
  'autoconsent/message': { handled: boolean };
  'signals/seen': { stored: boolean };
  'permission/requested': { stored: boolean };
  'permission/outcome': { stored: boolean };
  'forms/candidate': { injected: boolean };
  'form/seen': { stored: boolean };
  'form/submitted': { stored: boolean };
  'policy/links': { stored: boolean };
  'policy/page': { stored: boolean; version: string | null; changed: boolean };
}

export interface PolicyVersionSummary {
  id: string;
  site: string;
  kind: 'privacy' | 'cookie';
  hash: string;
  url: string;
  title: string;
  source: PolicyVersionRecord['source'];
  firstSeen: number;
  lastSeen: number;
}

export interface PolicySiteView {
  site: string;
  links: PolicyLinksRecord['links'];
  /** Newest first. */
  versions: PolicyVersionSummary[];
  latest: PolicyVersionRecord | null;
  /** The change from the version before the latest, if there is one. */
  diff: SentenceDiff | null;
  /** The latest version changed the policy and the person has not seen it yet. */
  changed: boolean;
}

export interface UiResponses extends ExtensionUiResponses, DashboardUiResponses {
  'site/of': { site: string | null };
  'storage/check': { full: boolean };
  'ledger/site': { site: string; entries: LedgerEntry[] };
  'ledger/list': { total: number; entries: LedgerEntry[] };
  'ledger/delete-site': { deletedPrompts: number; deletedDecisions: number };
  'ledger/delete-all': { deletedPrompts: number; deletedDecisions: number };
  'ledger/export': LedgerExport;
  'settings/get': Settings;
  'settings/set': Settings;
  'site/withdraw': { url: string };
  'ledger/reminders': { reminderDays: number; sites: { site: string; decision: DecisionRecord }[] };
  'policy/site': PolicySiteView;
  'policy/fetch': { version: string; changed: boolean };
  'policy/ack': { acknowledged: boolean };
  'ledger/restore': { ok: true; added: Record<string, number>; warnings: string[] } | { ok: false; errors: { path: string; line: number | null; message: string }[] };
  'collection/site': CollectionSiteView;
  'collection/sites': { sites: CollectionSiteSummary[] };
  'permissions/expected': { site: string; expected: string[] };
  'research/load': { ok: true; study: StudyFile; consentTextHash: string } | { ok: false; errors: StudyFileError[] };
  'research/get': ResearchState;
  'research/join': { participantId: string };
  'research/discard': { discarded: boolean };
  'research/leave': { dataDeleted: boolean; deleted: Record<string, number> };
  'research/exported': { lastExportAt: number };
}

/** Research mode as the dashboard sees it (one study at a time: pending, then active). */
export type ResearchState =
  | { state: 'none' }
  | { state: 'pending'; study: StudyFile; consentTextHash: string }
  | {
      state: 'active';
      study: StudyFile;
      consentTextHash: string;
      participation: Participation;
      /** Epoch ms of the next export reminder (null: none any more, the study ended and was exported). */
      nextReminderAt: number | null;
      reminderDue: boolean;
    };

export interface CollectionSiteView {
  site: string;
  /** Newest first (at most 200). */
  permissions: PermissionRequestRecord[];
  forms: FormRecord[];
  signIns: SignInRecord[];
  /** Permissions the person marked as expected on this site. */
  expected: string[];
}

export interface CollectionSiteSummary {
  site: string;
  requests: number;
  flagged: number;
  permissions: string[];
  forms: number;
  signIns: number;
  last: number;
}

export interface Envelope<T extends string = string, P = unknown> {
  type: T;
  payload: P;
}

/** `storage-full`: the browser refused a write (QuotaExceededError: the disk or the storage quota is full). */
export type ErrorCode = 'bad-message' | 'unknown-type' | 'forbidden' | 'invalid-payload' | 'internal' | 'storage-full';

export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const isContentType = (type: string): type is ContentType => Object.hasOwn(contentSchemas, type);
export const isUiType = (type: string): type is UiType => Object.hasOwn(uiSchemas, type);

/** Short, human-readable description of why a payload failed its schema. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

// ---------------------------------------------------------------------------------------------
// The export port: the dashboard reads the ledger page by page over a runtime.Port (docs/architecture.md).

/** The runtime.connect name of the export port. */
export const EXPORT_PORT = 'ledger-export';
/** Most rows (or ids) one port request may ask for. */
export const MAX_EXPORT_PAGE = 2000;
export const EXPORT_TABLES = ['prompts', 'decisions', 'permissions', 'forms', 'signIns'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/**
 * UI -> background over the export port: `{ type, seq, payload }`; every answer carries the same `seq`.
 * (A pure IIFE, so the content script's bundle drops it.)
 */
export const exportPortSchemas = /* @__PURE__ */ (() => {
  const Bound = v.pipe(v.number(), v.finite());
  const ExportScope = {
    table: v.picklist(EXPORT_TABLES),
    sites: v.optional(v.pipe(v.array(Site), v.minLength(1), v.maxLength(1000))),
    /** Epoch ms on the record's `time` index, both inclusive. */
    from: v.optional(Bound),
    to: v.optional(Bound),
  };
  const PageIds = v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(400))), v.maxLength(MAX_EXPORT_PAGE));
  return {
    /** The export's head (exportedAt, version) and how far nested times stray from their record's `time`. */
    plan: v.strictObject({ sites: ExportScope.sites }),
    /** How many rows `page` will return in all for this scope. */
    count: v.strictObject(ExportScope),
    /** The next rows after `after` in (time, id) order. */
    page: v.strictObject({
      ...ExportScope,
      after: v.nullable(v.strictObject({ time: Bound, id: v.pipe(v.string(), v.maxLength(400)) })),
      limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_EXPORT_PAGE)),
    }),
    /** Prompts by id (null where none), for the decisions of a page. */
    prompts: v.strictObject({ ids: PageIds }),
    /** The decisions answering these prompts. */
    'decisions-of': v.strictObject({ promptIds: PageIds }),
    /** Every policy version summary (no text), oldest first: few per site. */
    policies: v.strictObject({}),
    /** Every study consent record (research mode), oldest first: a few per study. */
    'study-consents': v.strictObject({}),
  } as const;
})();
export type ExportPortType = keyof typeof exportPortSchemas;
export type ExportPortPayload<K extends ExportPortType> = v.InferOutput<(typeof exportPortSchemas)[K]>;
export type ExportPortInput<K extends ExportPortType> = v.InferInput<(typeof exportPortSchemas)[K]>;
export const ExportPortEnvelopeSchema = /* @__PURE__ */ v.strictObject({
  type: /* @__PURE__ */ v.picklist(/* @__PURE__ */ Object.keys(exportPortSchemas) as ExportPortType[]),
  seq: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  payload: v.unknown(),
});

/** The widest distance (ms, ≥ 0) a nested event's time lies before or after its record's `time`. */
export interface TimeLead {
  before: number;
  after: number;
}

export interface ExportPlan {
  exportedAt: string;
  schemaVersion: number;
  version: string;
  /** prompts: their consent signals; forms: their submissions; signIns: the outcome time. */
  leads: { prompts: TimeLead; forms: TimeLead; signIns: TimeLead };
}

export interface ExportRows {
  prompts: PromptRecord;
  decisions: DecisionRecord;
  permissions: PermissionRequestRecord;
  forms: FormRecord;
  signIns: Omit<SignInRecord, 'state'>;
}

/** Background -> UI over the export port: the answer to each request. */
export interface ExportPortResponses {
  plan: ExportPlan;
  count: { rows: number };
  page: { rows: ExportRows[ExportTable][]; done: boolean };
  prompts: { rows: (PromptRecord | null)[] };
  'decisions-of': { rows: DecisionRecord[] };
  policies: { rows: PolicyVersionSummary[] };
  'study-consents': { rows: StudyConsentRecord[] };
}

/** What the background posts on the export port. */
export type ExportPortReply = { seq: number | null; ok: true; data: unknown } | { seq: number | null; ok: false; error: { code: ErrorCode; message: string } };
export const ExportPortReplySchema = v.variant('ok', [
  v.object({ seq: v.nullable(v.number()), ok: v.literal(true), data: v.unknown() }),
  v.object({ seq: v.nullable(v.number()), ok: v.literal(false), error: v.object({ code: v.string(), message: v.string() }) }),
]);
