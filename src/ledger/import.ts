/**
 * Reading a ledger export back (the dashboard's "Export" download, `LedgerExport`): size limit,
 * JSON syntax with line and column, format and schema version, and a valibot schema for every
 * record. Older exports (schema 2 to 4) are upgraded in memory to the current shape. Nothing here
 * writes anywhere: the restore itself is the background's job.
 *
 * Error format: `{ path, line, message }`.
 * - `path` is the JSON path of the offending value: `decisions[3].kind`, `prompts[0].actions[2].role`,
 *   `schemaVersion`; `""` for the document as a whole (size, syntax).
 * - `line` is the 1-based line in the file. For syntax errors it is where the parser stopped. For
 *   schema errors a single scan of the text (only run when there are errors) records the offset
 *   where each wanted path's value starts, so the line is exact whether or not the file is
 *   pretty-printed; a missing field gets the line of its nearest enclosing value. `null` only when
 *   nothing could be located.
 */
import * as v from 'valibot';
import {
  ACTION_ROLES,
  DECISION_KINDS,
  FLAG_IDS,
  MAX_ACTIONS,
  MAX_LABEL,
  MAX_LAYERS,
  MAX_PROMPT_TEXT,
  MAX_SIGNALS,
  MAX_TOGGLES,
  PROMPT_KINDS,
} from '../model.ts';
import { MAX_FORM_FIELDS, type LedgerExport } from '../protocol/messages.ts';
import { PERMISSION_APIS, PERMISSION_NAMES, PERMISSION_OUTCOMES, PERMISSION_STATES, SITE_KINDS } from '../permissions/model.ts';
import { PERMISSION_FLAG_IDS } from '../permissions/flags.ts';
import { FIELD_CATEGORIES, FORM_PURPOSES } from '../forms/model.ts';
import { OAUTH_PROVIDERS, SCOPE_CATEGORIES } from '../oauth/scopes.ts';
import { MAX_SUBMISSIONS } from './collection.ts';
import { STUDY_CONSENT_ACTIONS } from './study-consent.ts';
import { StudyMetadataSchema } from '../research/study.ts';
import { LEDGER_SCHEMA_VERSION } from './records.ts';

export { decodeLedgerFile } from './file-encoding.ts';

export const DEFAULT_MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** Schema versions this reader accepts; older ones are upgraded in memory. */
export const MIN_IMPORT_SCHEMA_VERSION = 2;
/** At most this many errors are reported (the last one says how many were left out). */
export const MAX_IMPORT_ERRORS = 50;

export interface ImportError {
  path: string;
  line: number | null;
  message: string;
}

export type ParseLedgerResult = { ok: true; doc: LedgerExport; warnings: string[] } | { ok: false; errors: ImportError[] };

// ---------------------------------------------------------------------------------------------
// Record schemas. Strict objects: an unknown field is an error (a typo or a record from another
// program should not be restored silently). Limits follow the content-script schemas
// (src/protocol/messages.ts) and the caps the background applies; free-text fields the browser
// supplies (URLs) get generous but finite caps.

const ID_RULE = /^[A-Za-z0-9_-]{8,64}$/u;
const Id = v.pipe(v.string(), v.regex(ID_RULE, 'an id of 8-64 characters A-Z a-z 0-9 _ -'));
/** Decision ids: a content-script id, or `autoconsent-<promptId>` for refusals made through autoconsent. */
const DecisionId = v.pipe(v.string(), v.regex(/^(?:autoconsent-)?[A-Za-z0-9_-]{8,64}$/u, 'an id of 8-64 characters A-Z a-z 0-9 _ - (optionally "autoconsent-" + a prompt id)'));
const Time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const Site = v.pipe(v.string(), v.minLength(1), v.maxLength(253), v.regex(/^[\p{L}\p{N}.:[\]-]+$/u, 'a host name'));
const Url = v.pipe(v.string(), v.maxLength(8192));
const Hash = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/u, '64 lowercase hex characters (SHA-256)'));
const Str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const List = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
const Num = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const Int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const Severity = v.picklist(['high', 'medium', 'low']);
const Label = Str(MAX_LABEL);

const Prominence = v.strictObject({ area: Num(0, 1e8), contrast: Num(0, 21), isLink: v.boolean(), fontWeight: Num(0, 1000) });
const Action = v.strictObject({ label: Label, role: v.picklist(ACTION_ROLES), prominence: v.optional(Prominence) });
const Toggle = v.strictObject({ label: Label, checked: v.boolean(), essential: v.boolean() });
const Actions = List(Action, MAX_ACTIONS);
const Toggles = List(Toggle, MAX_TOGGLES);

const Snapshot = v.strictObject({
  source: v.picklist(['tcf', 'gpp', 'usp', 'cmp-cookie', 'consent-mode']),
  time: Time,
  eventStatus: v.optional(v.picklist(['tcloaded', 'cmpuishown', 'useractioncomplete'])),
  purposeConsents: List(Int(0, 1000), 1000),
  purposeLegitimateInterests: List(Int(0, 1000), 1000),
  specialFeatureOptins: List(Int(0, 1000), 1000),
  vendorConsents: Int(0, 1e7),
  grantedCategories: List(Str(200), 200),
  raw: v.optional(Str(2048)),
  cmpId: v.optional(Int(0, 4095)),
});

/**
 * The one place a file chooses its own keys is a flag's `evidence.values`. valibot's record()
 * silently skips "__proto__", "constructor" and "prototype" keys (so nothing is polluted), which
 * would restore a record that differs from the file without a word: refuse them instead.
 */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];
const RESERVED_KEYS_MESSAGE = 'keys "__proto__", "constructor" and "prototype" are not allowed';
function noReservedKeys(input: unknown): boolean {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && !RESERVED_KEYS.some((k) => Object.prototype.hasOwnProperty.call(input, k));
}

const EvidenceValue = v.union([Str(2048), v.pipe(v.number(), v.finite()), v.boolean(), List(v.pipe(v.number(), v.finite()), 1000), List(Str(2048), 1000)]);
const Flag = v.strictObject({
  id: v.picklist(FLAG_IDS),
  severity: Severity,
  evidence: v.strictObject({
    text: v.optional(Str(300)),
    selector: v.optional(Str(300)),
    values: v.optional(v.pipe(v.custom<object>(noReservedKeys, RESERVED_KEYS_MESSAGE), v.record(Str(100), EvidenceValue), v.maxEntries(100))),
  }),
  legal: List(Str(300), 30),
});

export const PromptRecordSchema = v.strictObject({
  id: Id,
  site: Site,
  url: Url,
  frame: v.picklist(['top', 'sub']),
  kind: v.picklist(PROMPT_KINDS),
  detector: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/u, '1-40 characters a-z 0-9 -')),
  cmp: v.optional(v.nullable(Str(100))),
  selector: v.optional(Str(300)),
  language: v.pipe(v.string(), v.regex(/^(?:[a-z]{2,3}|und)$/u, 'a language subtag or "und"')),
  text: Str(MAX_PROMPT_TEXT),
  textHash: Hash,
  actions: Actions,
  time: Time,
  facts: v.strictObject({ toggles: Toggles, blocksPage: v.boolean(), policyLink: v.boolean() }),
  layers: List(v.strictObject({ actions: Actions, toggles: Toggles, time: Time }), MAX_LAYERS),
  signals: List(Snapshot, MAX_SIGNALS),
  reopenControl: v.nullable(v.boolean()),
  flags: List(Flag, FLAG_IDS.length * 4),
});

const PolicyVersionId = v.pipe(v.string(), v.maxLength(400), v.regex(/^\S+ (?:privacy|cookie) [0-9a-f]{64}$/u, '"<site> <privacy|cookie> <sha-256>"'));

export const DecisionRecordSchema = v.strictObject({
  id: DecisionId,
  promptId: Id,
  site: Site,
  kind: v.picklist(DECISION_KINDS),
  role: v.nullable(v.picklist(ACTION_ROLES)),
  label: Label,
  choices: v.optional(List(v.strictObject({ label: Label, on: v.boolean() }), MAX_TOGGLES)),
  indicatedBy: v.picklist(['user', 'extension']),
  autoconsent: v.optional(v.strictObject({ cmp: Str(100), optOut: v.boolean(), selfTest: v.nullable(v.boolean()) })),
  policyVersion: v.optional(v.nullable(v.strictObject({ id: PolicyVersionId, hash: Hash, url: Url, firstSeen: Time }))),
  time: Time,
});

export const PolicyVersionSummarySchema = v.strictObject({
  id: PolicyVersionId,
  site: Site,
  kind: v.picklist(['privacy', 'cookie']),
  hash: Hash,
  url: Url,
  title: Str(300),
  source: v.picklist(['visited', 'fetched']),
  firstSeen: Time,
  lastSeen: Time,
});

const PermissionState = v.picklist(PERMISSION_STATES);
export const PermissionRequestRecordSchema = v.strictObject({
  id: Id,
  site: Site,
  url: Url,
  frameOrigin: Url,
  thirdParty: v.boolean(),
  api: v.picklist(PERMISSION_APIS),
  permission: v.picklist(PERMISSION_NAMES),
  probe: v.boolean(),
  sinceNavigation: Num(0, 8.64e10),
  gesture: v.boolean(),
  softAskBefore: v.boolean(),
  stateBefore: PermissionState,
  outcome: v.picklist([...PERMISSION_OUTCOMES, 'pending']),
  stateAfter: v.nullable(PermissionState),
  error: v.optional(Str(120)),
  siteKind: v.picklist(SITE_KINDS),
  siteKindSignals: List(Str(80), 8),
  time: Time,
  flags: List(
    v.strictObject({ id: v.picklist(PERMISSION_FLAG_IDS), severity: Severity, title: Str(300), explanation: Str(2000), legal: List(Str(300), 30) }),
    PERMISSION_FLAG_IDS.length * 4,
  ),
});

const FieldCategory = v.picklist(FIELD_CATEGORIES);
export const FormRecordSchema = v.strictObject({
  id: Id,
  site: Site,
  url: Url,
  frameOrigin: Url,
  thirdParty: v.boolean(),
  purpose: v.picklist(FORM_PURPOSES),
  fields: List(v.strictObject({ category: FieldCategory, required: v.boolean(), label: Label, sensitive: v.boolean() }), MAX_FORM_FIELDS),
  flags: List(v.strictObject({ category: FieldCategory, label: Label, sensitive: v.boolean(), explanation: Str(2000), legal: Str(1000) }), MAX_FORM_FIELDS),
  time: Time,
  submissions: List(v.strictObject({ time: Time, categories: List(FieldCategory, MAX_FORM_FIELDS) }), MAX_SUBMISSIONS),
});

export const SignInRecordSchema = v.strictObject({
  id: Id,
  site: Site,
  provider: v.picklist(OAUTH_PROVIDERS),
  clientId: Str(200),
  redirectUri: v.nullable(Url),
  scopes: List(v.strictObject({ scope: Str(2048), label: v.strictObject({ en: Str(500), zh: Str(500) }), category: v.picklist(SCOPE_CATEGORIES), sensitive: v.boolean(), write: v.boolean() }), 200),
  sensitive: List(Str(2048), 200),
  time: Time,
  outcome: v.picklist(['pending', 'granted', 'denied', 'error']),
  outcomeTime: v.nullable(Time),
});

const StudyConsentRecordSchema = v.strictObject({
  id: Id,
  studyId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/u, '3-64 characters A-Z a-z 0-9 . _ -')),
  participantId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,64}$/u, '1-64 characters A-Z a-z 0-9 . _ -')),
  action: v.picklist(STUDY_CONSENT_ACTIONS),
  consentVersion: Str(40),
  consentTextHash: Hash,
  dataDeleted: v.nullable(v.boolean()),
  time: Time,
});

export const LedgerExportSchema = v.strictObject({
  format: v.literal('consent-lens-ledger'),
  schemaVersion: v.number(),
  exportedAt: v.pipe(v.string(), v.maxLength(40), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/u, 'an ISO 8601 date and time')),
  generator: v.strictObject({ name: v.literal('ConsentLens'), version: Str(50) }),
  prompts: v.array(PromptRecordSchema),
  decisions: v.array(DecisionRecordSchema),
  policies: v.array(PolicyVersionSummarySchema),
  permissions: v.array(PermissionRequestRecordSchema),
  forms: v.array(FormRecordSchema),
  signIns: v.array(SignInRecordSchema),
  /** Since v5; optional so the v2-v4 shapes stay valid documents (the reader fills in []). */
  studyConsents: v.optional(v.array(StudyConsentRecordSchema)),
  /** Since v5, optional: the study an export was made for. Read and checked; a restore ignores it. */
  study: v.optional(StudyMetadataSchema),
});

/** The arrays each schema version has; older exports get the missing ones as []. */
const ARRAYS_SINCE: Record<string, number> = { prompts: 2, decisions: 2, policies: 3, permissions: 4, forms: 4, signIns: 4, studyConsents: 5 };

// ---------------------------------------------------------------------------------------------

export function parseLedgerExport(text: string, options: { maxBytes?: number } = {}): ParseLedgerResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const size = utf8LengthUpTo(text, maxBytes);
  if (size > maxBytes) {
    return fail('', 1, `the file is larger than the ${formatBytes(maxBytes)} limit for a ledger export; not read`);
  }
  const warnings: string[] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    warnings.push('the file starts with a byte order mark; it was ignored');
  }
  if (text.trim() === '') return fail('', 1, 'the file is empty');

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [syntaxError(text, error)] };
  }

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('', 1, `not a ConsentLens ledger export: the document is ${Array.isArray(data) ? 'an array' : data === null ? 'null' : `a ${typeof data}`}, not an object`);
  }
  const raw = data as Record<string, unknown>;
  const at = (path: string) => locatePaths(text, [path]).get(path) ?? null;
  if (raw['format'] !== 'consent-lens-ledger') {
    const got = raw['format'] === undefined ? 'no "format" field' : `format ${JSON.stringify(raw['format']).slice(0, 60)}`;
    return fail('format', raw['format'] === undefined ? 1 : at('format'), `not a ConsentLens ledger export (${got}; expected "consent-lens-ledger")`);
  }
  const version = raw['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail('schemaVersion', version === undefined ? 1 : at('schemaVersion'), `schemaVersion must be an integer, got ${version === undefined ? 'nothing' : JSON.stringify(version).slice(0, 60)}`);
  }
  if (version > LEDGER_SCHEMA_VERSION) {
    return fail(
      'schemaVersion',
      at('schemaVersion'),
      `made by a newer ConsentLens (ledger schema v${version}); this version reads schema v${MIN_IMPORT_SCHEMA_VERSION} to v${LEDGER_SCHEMA_VERSION}. Update ConsentLens to read it.`,
    );
  }
  if (version < MIN_IMPORT_SCHEMA_VERSION) {
    return fail('schemaVersion', at('schemaVersion'), `ledger schema v${version} is not supported (this version reads v${MIN_IMPORT_SCHEMA_VERSION} to v${LEDGER_SCHEMA_VERSION})`);
  }

  // Upgrade in memory: arrays a version did not have become []. Records need no change: fields
  // added since (decisions' policyVersion) are optional.
  const upgraded: Record<string, unknown> = { ...raw };
  for (const [key, since] of Object.entries(ARRAYS_SINCE)) {
    if (upgraded[key] === undefined && version < since) upgraded[key] = [];
    else if (upgraded[key] !== undefined && version < since) warnings.push(`a schema v${version} export has "${key}" (added in v${since}); read anyway`);
  }
  if (version < LEDGER_SCHEMA_VERSION) warnings.push(`ledger schema v${version} upgraded to v${LEDGER_SCHEMA_VERSION} in memory`);

  const result = v.safeParse(LedgerExportSchema, upgraded, { abortPipeEarly: true });
  const problems: { path: string; message: string }[] = [];
  if (!result.success) {
    for (const issue of result.issues) problems.push({ path: pathOf(issue.path), message: messageOf(issue) });
  }
  const doc = upgraded as unknown as LedgerExport;
  if (result.success) problems.push(...crossChecks(doc, warnings));
  if (problems.length > 0) return { ok: false, errors: withLines(text, problems) };
  const output = result.output as LedgerExport;
  return { ok: true, doc: { ...output, schemaVersion: LEDGER_SCHEMA_VERSION, studyConsents: output.studyConsents ?? [] }, warnings };
}

/** Duplicate ids are errors (a restore would silently keep one); dangling references are warnings. */
function crossChecks(doc: LedgerExport, warnings: string[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const tables = ['prompts', 'decisions', 'policies', 'permissions', 'forms', 'signIns', 'studyConsents'] as const;
  for (const table of tables) {
    const seen = new Map<string, number>();
    ((doc[table] ?? []) as { id: string }[]).forEach((record, i) => {
      const first = seen.get(record.id);
      if (first !== undefined) problems.push({ path: `${table}[${i}].id`, message: `duplicate id "${record.id}" (also ${table}[${first}])` });
      else seen.set(record.id, i);
    });
  }
  const promptSite = new Map(doc.prompts.map((p) => [p.id, p.site]));
  let orphans = 0;
  let otherSite = 0;
  for (const d of doc.decisions) {
    const site = promptSite.get(d.promptId);
    if (site === undefined) orphans++;
    else if (site !== d.site) otherSite++;
  }
  if (orphans > 0) warnings.push(`${orphans} decision(s) answer a prompt that is not in the file`);
  if (otherSite > 0) warnings.push(`${otherSite} decision(s) have another site than their prompt`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Errors

function fail(path: string, line: number | null, message: string): ParseLedgerResult {
  return { ok: false, errors: [{ path, line, message }] };
}

function syntaxError(text: string, error: unknown): ImportError {
  const message = error instanceof Error ? error.message : String(error);
  // V8 says "… in JSON at position N" (Node 20; Node 22 adds "(line L column C)"), "Unexpected end
  // of JSON input" for a truncated file, and, for an unexpected token, only a snippet of the
  // text. Our own scanner (scanJson) finds the offset whenever V8 does not give one.
  const match = /at position (\d+)/u.exec(message);
  let offset: number;
  if (match) offset = Number(match[1]);
  else if (/unexpected end/iu.test(message)) offset = text.length;
  else offset = scanJson(text).error ?? text.length;
  // At the end of the file: report the last line that has content (a truncated download's last line).
  const end = offset >= text.trimEnd().length;
  if (end) offset = text.trimEnd().length;
  const { line, column } = lineColumn(text, offset);
  const reason = end ? 'the file ends in the middle of the JSON (truncated?)' : cleanJsonMessage(message, text, offset);
  return { path: '', line, message: `JSON syntax error at line ${line}, column ${column}: ${reason}` };
}

function cleanJsonMessage(message: string, text: string, offset: number): string {
  const base = message.replace(/\s*\(line \d+ column \d+\)/u, '').replace(/ in JSON at position \d+/u, '');
  if (/is not valid JSON/u.test(base)) return `unexpected ${JSON.stringify(text.slice(offset, offset + 1))}`;
  return base.charAt(0).toLowerCase() + base.slice(1);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function pathOf(path: v.IssuePathItem[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/u.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === 'never' && issue.path?.length) {
    return `unknown field ${JSON.stringify(String(issue.path[issue.path.length - 1]?.key))} (not part of the ledger schema)`;
  }
  if (issue.kind === 'schema' && issue.received === 'undefined') return `missing (expected ${issue.expected ?? 'a value'})`;
  if (issue.kind === 'validation' && (issue.type === 'max_length' || issue.type === 'max_entries')) {
    const len = typeof issue.input === 'string' || Array.isArray(issue.input) ? issue.input.length : issue.received;
    return `too long: ${len} ${typeof issue.input === 'string' ? 'characters' : 'items'}, at most ${issue.requirement as number}`;
  }
  if (issue.kind === 'validation' && issue.type === 'regex') return `must be ${issue.message.startsWith('Invalid') ? issue.expected : issue.message}, got ${preview(issue.input)}`;
  if (issue.type === 'picklist' || issue.type === 'literal') return `must be one of ${issue.expected}, got ${preview(issue.input)}`;
  return issue.message.replace(/^Invalid (\w+): /u, '').replace(/^Expected/u, 'expected');
}

function preview(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function withLines(text: string, problems: { path: string; message: string }[]): ImportError[] {
  const shown = problems.slice(0, MAX_IMPORT_ERRORS - (problems.length > MAX_IMPORT_ERRORS ? 1 : 0));
  const wanted = new Set<string>();
  for (const p of shown) for (const prefix of prefixesOf(p.path)) wanted.add(prefix);
  const offsets = locatePaths(text, [...wanted]);
  const errors: ImportError[] = shown.map((p) => {
    const found = prefixesOf(p.path)
      .reverse()
      .map((q) => offsets.get(q))
      .find((o) => o !== undefined);
    return { path: p.path, line: found ?? null, message: p.message };
  });
  // In file order (valibot reports an object's unknown keys after its known ones).
  errors.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  if (problems.length > shown.length) errors.push({ path: '', line: null, message: `... and ${problems.length - shown.length} more errors` });
  return errors;
}

/** "a.b[2].c" -> ["", "a", "a.b", "a.b[2]", "a.b[2].c"]. */
function prefixesOf(path: string): string[] {
  const out = [''];
  const re = /\.?[^.[]+|\[[^\]]*\]/gu;
  let acc = '';
  for (const m of path.matchAll(re)) {
    acc += m[0];
    out.push(acc.startsWith('.') ? acc.slice(1) : acc);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A one-pass JSON scanner: finds where values start (line numbers for schema errors) and, when V8
// names no position, where the syntax breaks.

/** Lines where the values at these paths start (paths in the error format above). */
export function locatePaths(text: string, paths: string[]): Map<string, number> {
  const wanted = new Set(paths);
  const offsets = scanJson(text, wanted).found;
  const lines = new Map<string, number>();
  if (offsets.size === 0) return lines;
  const sorted = [...offsets.entries()].sort((a, b) => a[1] - b[1]);
  let line = 1;
  let pos = 0;
  for (const [path, offset] of sorted) {
    for (let i = text.indexOf('\n', pos); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      pos = i + 1;
    }
    lines.set(path, line);
  }
  return lines;
}

function scanJson(text: string, wanted: Set<string> = new Set()): { found: Map<string, number>; error: number | null } {
  const found = new Map<string, number>();
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  class Stop extends Error {}
  const bad = (): never => {
    throw new Stop();
  };
  const str = () => {
    const start = i;
    if (text[i] !== '"') bad();
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return text.slice(start, i);
      }
      if (c < 0x20) bad();
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/u.test(text.slice(i + 2, i + 6))) {
            i += 2;
            bad();
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          bad();
        }
      } else i++;
    }
    return bad();
  };
  const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (path: string, depth: number): void => {
    ws();
    if (wanted.has(path)) found.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const keyJson = str();
        const key = JSON.parse(keyJson) as string;
        ws();
        if (text[i] !== ':') bad();
        i++;
        const child = /^[A-Za-z_$][\w$]*$/u.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`;
        value(child, depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        bad();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        value(`${path}[${k}]`, depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        bad();
      }
    }
    if (c === '"') {
      str();
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (!m) bad();
    i += (m as RegExpExecArray)[0].length;
  };
  try {
    value('', 0);
    ws();
    if (i < n) bad();
    return { found, error: null };
  } catch (error) {
    if (error instanceof Stop || error instanceof RangeError) return { found, error: Math.min(i, n) };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------

/** UTF-8 length of `text`, counting only until it passes `max` (a huge file is refused cheaply). */
function utf8LengthUpTo(text: string, max: number): number {
  if (text.length > max) return text.length;
  if (text.length * 3 <= max) return text.length; // at most 3 UTF-8 bytes per UTF-16 unit
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
    if (bytes > max) return bytes;
  }
  return bytes;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}
