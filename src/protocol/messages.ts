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
  type DecisionRecord,
  type PromptRecord,
  type Settings,
} from '../model.ts';

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/u, 'an id of 8-64 url-safe characters'));
const Time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const Role = v.picklist(ACTION_ROLES);
const Label = v.pipe(v.string(), v.maxLength(MAX_LABEL));
const Site = v.pipe(v.string(), v.minLength(1), v.maxLength(253), v.regex(/^[\p{L}\p{N}.:[\]-]+$/u, 'a host name'));

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
} as const;

export const uiSchemas = {
  'ledger/site': v.strictObject({ site: Site }),
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
  }),
  /** Withdraw consent on a site: open it, reopen its consent dialog, record the next refusal as a withdrawal. */
  'site/withdraw': v.strictObject({ site: Site }),
  /** Sites whose latest decision gave consent longer ago than the reminder age. */
  'ledger/reminders': v.strictObject({}),
} as const;

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
}

export interface UiResponses {
  'ledger/site': { site: string; entries: LedgerEntry[] };
  'ledger/list': { total: number; entries: LedgerEntry[] };
  'ledger/delete-site': { deletedPrompts: number; deletedDecisions: number };
  'ledger/delete-all': { deletedPrompts: number; deletedDecisions: number };
  'ledger/export': LedgerExport;
  'settings/get': Settings;
  'settings/set': Settings;
  'site/withdraw': { url: string };
  'ledger/reminders': { reminderDays: number; sites: { site: string; decision: DecisionRecord }[] };
}

export interface Envelope<T extends string = string, P = unknown> {
  type: T;
  payload: P;
}

export type ErrorCode = 'bad-message' | 'unknown-type' | 'forbidden' | 'invalid-payload' | 'internal';

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
