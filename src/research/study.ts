/**
 * Research mode: a researcher's study file, read and checked here (pure: no browser, no storage).
 *
 * The file is JSON (docs/research.md, "Research mode"; example: docs/examples/study.json). It says
 * who runs the study, what the participant consents to (the consent text, shown as plain text and
 * never as HTML), how the participant is identified, which ledger event kinds the study's exports
 * carry, how they are pseudonymised, how often the participant is reminded to export, what leaving
 * the study does, and optionally when the study starts and ends.
 *
 * Everything here returns values; nothing throws on bad input: `parseStudyFile` gives
 * `{ ok: false, errors: [{ path, message }] }` for any text, however broken.
 */
import * as v from 'valibot';
import type { ExportFilter } from '../export/filter.ts';
import type { PseudonymizeOptions } from '../export/pseudonymize.ts';
import { EVENT_KINDS, type EventKind } from '../ledger/events.ts';
import { sha256Hex } from '../text.ts';

export const STUDY_FORMAT = 'consent-lens-study';
/** The study-file format version this ConsentLens reads. */
export const STUDY_FORMAT_VERSION = 1;
/** Largest study file read (characters). A study file is a page of text, not data. */
export const MAX_STUDY_FILE_CHARS = 64 * 1024;
/** Longest participant id a person may type. */
export const MAX_ENTERED_ID = 64;
export const DAY_MS = 24 * 60 * 60 * 1000;

export const PARTICIPANT_ID_SCHEMES = ['random', 'entered', 'hash-of-entered'] as const;
export type ParticipantIdScheme = (typeof PARTICIPANT_ID_SCHEMES)[number];
export const ON_LEAVE = ['delete-study-data', 'keep'] as const;
export type OnLeave = (typeof ON_LEAVE)[number];

const STUDY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/u;
const ENTERED_ID = /^[A-Za-z0-9._-]+$/u;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;

const Text = (min: number, max: number) => v.pipe(v.string(), v.trim(), v.minLength(min, `must not be empty`), v.maxLength(max, `at most ${max} characters`));
const Day = v.pipe(
  v.string(),
  v.regex(DAY, 'a date YYYY-MM-DD'),
  v.check((s) => dayStart(s) !== null, 'not a calendar date'),
);

export const StudyFileSchema = v.strictObject({
  format: v.literal(STUDY_FORMAT, `must be "${STUDY_FORMAT}"`),
  formatVersion: v.literal(STUDY_FORMAT_VERSION, `must be ${STUDY_FORMAT_VERSION} (the study-file version this ConsentLens reads)`),
  studyId: v.pipe(v.string(), v.regex(STUDY_ID, '3-64 characters A-Z a-z 0-9 . _ -, starting with a letter or digit')),
  title: Text(1, 200),
  researcher: v.strictObject({
    name: Text(1, 200),
    institution: Text(1, 200),
    contact: Text(3, 320),
  }),
  purpose: Text(1, 4000),
  consent: v.strictObject({
    /** The researcher's version of the consent text, e.g. "2026-11-01" or "1.2". */
    version: Text(1, 40),
    /** The text the participant reads and agrees to. Plain text: never rendered as HTML. */
    text: Text(1, 20_000),
  }),
  participantId: v.variant('scheme', [
    v.strictObject({ scheme: v.literal('random') }),
    v.strictObject({
      scheme: v.picklist(['entered', 'hash-of-entered'], 'must be "random", "entered" or "hash-of-entered"'),
      /** A regular expression the whole entered id must match (JavaScript syntax, `u` flag). */
      pattern: v.optional(v.pipe(v.string(), v.maxLength(200, 'at most 200 characters'), v.check(compiles, 'not a valid regular expression'))),
      /** Shown next to the input, e.g. "the code on your study card, like P-017". */
      hint: v.optional(Text(1, 200)),
    }),
  ], 'scheme must be "random", "entered" or "hash-of-entered"'),
  include: v.strictObject({
    kinds: v.pipe(
      v.array(v.picklist(EVENT_KINDS, `must be one of ${EVENT_KINDS.join(', ')}`)),
      v.minLength(1, 'list at least one event kind'),
      v.check((ks) => new Set(ks).size === ks.length, 'lists an event kind twice'),
    ),
  }),
  pseudonymization: v.strictObject({
    sites: v.picklist(['etld1', 'hash'], 'must be "etld1" or "hash"'),
    salt: v.optional(v.picklist(['per-study', 'per-export'], 'must be "per-study" or "per-export"')),
    /** The study's salt when `salt` is "per-study" (16-128 characters; every participant uses it). */
    studySalt: v.optional(v.pipe(v.string(), v.minLength(16, 'at least 16 characters'), v.maxLength(128, 'at most 128 characters'))),
    keepUrls: v.boolean(),
    keepText: v.boolean(),
  }),
  exportReminderDays: v.pipe(v.number(), v.integer('a whole number of days'), v.minValue(1, 'at least 1'), v.maxValue(365, 'at most 365')),
  onLeave: v.picklist(ON_LEAVE, 'must be "delete-study-data" or "keep"'),
  startDate: v.optional(Day),
  endDate: v.optional(Day),
});

export type StudyFile = v.InferOutput<typeof StudyFileSchema>;

export interface StudyFileError {
  /** JSON path of the value, e.g. `include.kinds[2]`; `""` for the file as a whole. */
  path: string;
  message: string;
}

export type ParseStudyResult = { ok: true; study: StudyFile } | { ok: false; errors: StudyFileError[] };

/** The participant's side of a study, as the background stores it. */
export interface Participation {
  participantId: string;
  joinedAt: number;
  leftAt: number | null;
  lastExportAt: number | null;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function matchesWhole(pattern: string, id: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(id);
  } catch {
    return false;
  }
}

/** Epoch ms of 00:00 UTC on a YYYY-MM-DD day; null when it is not a calendar date. */
function dayStart(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

/** The study window in epoch ms, inclusive: from 00:00 UTC of startDate to the end of endDate (UTC). */
export function studyWindow(study: Pick<StudyFile, 'startDate' | 'endDate'>): { from: number | undefined; to: number | undefined } {
  const from = study.startDate === undefined ? undefined : (dayStart(study.startDate) ?? undefined);
  const end = study.endDate === undefined ? null : dayStart(study.endDate);
  return { from, to: end === null ? undefined : end + DAY_MS - 1 };
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'never') return 'unknown field (a typo, or a field this version does not know)';
    if (issue.input === undefined) return 'missing';
  }
  if (issue.input === undefined && issue.kind === 'schema') return 'missing';
  if (issue.message.startsWith('Invalid ')) return issue.message.replace(/^Invalid (\w+): /u, '').replace(/^Expected/u, 'expected');
  return issue.message;
}

/** Reads a study file. Never throws: any failure is `{ ok: false, errors }` with paths. */
export function parseStudyFile(text: string): ParseStudyResult {
  try {
    if (typeof text !== 'string') return { ok: false, errors: [{ path: '', message: 'not text' }] };
    if (text.length > MAX_STUDY_FILE_CHARS) {
      return { ok: false, errors: [{ path: '', message: `the file is larger than ${MAX_STUDY_FILE_CHARS / 1024} KB; a study file is a page of settings, not data` }] };
    }
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (body.trim() === '') return { ok: false, errors: [{ path: '', message: 'the file is empty' }] };
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (error) {
      return { ok: false, errors: [{ path: '', message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` }] };
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return { ok: false, errors: [{ path: '', message: 'not a ConsentLens study file: the document is not a JSON object' }] };
    }
    const raw = data as Record<string, unknown>;
    if (raw['format'] !== STUDY_FORMAT) {
      return { ok: false, errors: [{ path: 'format', message: `not a ConsentLens study file (expected "format": "${STUDY_FORMAT}")` }] };
    }
    if (typeof raw['formatVersion'] === 'number' && raw['formatVersion'] > STUDY_FORMAT_VERSION) {
      return { ok: false, errors: [{ path: 'formatVersion', message: `made for a newer ConsentLens (study format ${raw['formatVersion']}); update ConsentLens to read it` }] };
    }
    const parsed = v.safeParse(StudyFileSchema, raw, { abortPipeEarly: true });
    if (!parsed.success) {
      return { ok: false, errors: parsed.issues.slice(0, 20).map((issue) => ({ path: pathOf(issue), message: messageOf(issue) })) };
    }
    const errors = crossChecks(parsed.output);
    return errors.length ? { ok: false, errors } : { ok: true, study: parsed.output };
  } catch (error) {
    // Not expected (valibot and JSON.parse report, they do not throw here); still never uncaught.
    return { ok: false, errors: [{ path: '', message: `the file could not be read (${error instanceof Error ? error.message : String(error)})` }] };
  }
}

function crossChecks(study: StudyFile): StudyFileError[] {
  const errors: StudyFileError[] = [];
  const p = study.pseudonymization;
  if (p.sites === 'hash' && p.salt === undefined) errors.push({ path: 'pseudonymization.salt', message: 'missing: hashed sites need "per-study" or "per-export"' });
  if (p.sites === 'etld1' && p.salt !== undefined) errors.push({ path: 'pseudonymization.salt', message: 'only used when "sites" is "hash"' });
  if (p.salt === 'per-study' && p.studySalt === undefined) errors.push({ path: 'pseudonymization.studySalt', message: 'missing: a "per-study" salt needs the study\'s salt (16-128 characters)' });
  if (p.salt !== 'per-study' && p.studySalt !== undefined) errors.push({ path: 'pseudonymization.studySalt', message: 'only used when "salt" is "per-study"' });
  const { from, to } = studyWindow(study);
  if (from !== undefined && to !== undefined && to < from) errors.push({ path: 'endDate', message: 'is before startDate' });
  return errors;
}

/** SHA-256 (hex) of the consent text the participant reads: what their consent record points at. */
export function consentTextHash(study: Pick<StudyFile, 'consent'>): string {
  return sha256Hex(study.consent.text);
}

export type ParticipantIdResult = { ok: true; participantId: string } | { ok: false; message: string };

/**
 * The participant id under the study's scheme:
 * - `random`: `newId()` (the background passes `crypto.randomUUID`); `entered` is ignored;
 * - `entered`: the id the researcher gave, as typed (trimmed; 1-64 characters A-Z a-z 0-9 . _ -;
 *   the whole of it must match `pattern` when there is one);
 * - `hash-of-entered`: the same check, then `h-` + the first 32 hex of SHA-256(studyId + "\n" + id),
 *   so the export never holds the typed id but the researcher can recompute it.
 */
export function participantIdFor(study: Pick<StudyFile, 'studyId' | 'participantId'>, entered: string | undefined, newId: () => string): ParticipantIdResult {
  const scheme = study.participantId;
  if (scheme.scheme === 'random') return { ok: true, participantId: newId() };
  const id = (entered ?? '').trim();
  if (id === '') return { ok: false, message: 'enter the participant id the researcher gave you' };
  if (id.length > MAX_ENTERED_ID || !ENTERED_ID.test(id)) return { ok: false, message: `a participant id is 1-${MAX_ENTERED_ID} characters A-Z a-z 0-9 . _ -` };
  if (scheme.pattern !== undefined) {
    if (!matchesWhole(scheme.pattern, id)) return { ok: false, message: 'this id does not have the form the study expects' };
  }
  if (scheme.scheme === 'entered') return { ok: true, participantId: id };
  return { ok: true, participantId: `h-${sha256Hex(`${study.studyId}\n${id}`).slice(0, 32)}` };
}

/** The part of the ledger a study covers for this participant: its event kinds in the participation window. */
export function studyCoverage(study: StudyFile, participation: Pick<Participation, 'joinedAt' | 'leftAt'>): { kinds: EventKind[]; from: number; to: number } {
  const window = studyWindow(study);
  const from = Math.max(window.from ?? 0, participation.joinedAt);
  const end = participation.leftAt ?? Infinity;
  const to = Math.min(window.to ?? Infinity, end);
  return { kinds: [...study.include.kinds], from, to };
}

export interface StudyExportOptions {
  filter: ExportFilter;
  pseudonymize: PseudonymizeOptions;
}

/**
 * The export filter and pseudonymisation a study asks for, in the shapes src/export/filter.ts and
 * src/export/pseudonymize.ts take. `exportSalt` is the caller's fresh salt for this one export (used
 * only when the study says "per-export"; the export panel already makes one per file).
 * The filter keeps the study's event kinds from the later of the study start and the moment the
 * participant joined, to the earlier of the study end and the moment they left.
 */
export function studyExportOptions(study: StudyFile, participation: Participation, exportSalt: string): StudyExportOptions {
  const coverage = studyCoverage(study, participation);
  const filter: ExportFilter = { kinds: coverage.kinds, from: coverage.from };
  if (Number.isFinite(coverage.to)) filter.to = coverage.to;
  const p = study.pseudonymization;
  const pseudonymize: PseudonymizeOptions =
    p.sites === 'etld1'
      ? { sites: 'etld1', keepUrls: p.keepUrls, keepText: p.keepText }
      : { sites: 'hash', salt: p.salt === 'per-study' ? (p.studySalt ?? '') : exportSalt, keepUrls: p.keepUrls, keepText: p.keepText };
  return { filter, pseudonymize };
}

const Iso = v.pipe(v.string(), v.maxLength(40), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/u, 'an ISO 8601 time in UTC'));
const Bounded = (max: number) => v.pipe(v.string(), v.maxLength(max));

/**
 * What every export made under a study carries about it (never the study salt). A valibot schema
 * so that a ledger export embedding it (`LedgerExport.study`) is validated on import like the rest.
 */
export const StudyMetadataSchema = v.strictObject({
  format: v.literal('consent-lens-study-metadata'),
  formatVersion: v.literal(STUDY_FORMAT_VERSION),
  studyId: v.pipe(v.string(), v.regex(STUDY_ID, '3-64 characters A-Z a-z 0-9 . _ -')),
  title: Bounded(200),
  researcher: v.strictObject({ name: Bounded(200), institution: Bounded(200), contact: Bounded(320) }),
  participantId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,64}$/u, '1-64 characters A-Z a-z 0-9 . _ -')),
  participantIdScheme: v.picklist(PARTICIPANT_ID_SCHEMES),
  consent: v.strictObject({ version: Bounded(40), textHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/u, 'a SHA-256 in hex')), joinedAt: Iso, leftAt: v.nullable(Iso) }),
  includedKinds: v.pipe(v.array(v.picklist(EVENT_KINDS)), v.maxLength(EVENT_KINDS.length)),
  pseudonymization: v.strictObject({
    sites: v.picklist(['etld1', 'hash']),
    salt: v.nullable(v.picklist(['per-study', 'per-export'])),
    keepUrls: v.boolean(),
    keepText: v.boolean(),
  }),
  /** The time range the export covers (ISO 8601, UTC); `to` null while the study runs on. */
  window: v.strictObject({ from: Iso, to: v.nullable(Iso) }),
  onLeave: v.picklist(ON_LEAVE),
});
export type StudyMetadata = v.InferOutput<typeof StudyMetadataSchema>;

export function studyMetadata(study: StudyFile, participation: Participation): StudyMetadata {
  const coverage = studyCoverage(study, participation);
  const p = study.pseudonymization;
  return {
    format: 'consent-lens-study-metadata',
    formatVersion: STUDY_FORMAT_VERSION,
    studyId: study.studyId,
    title: study.title,
    researcher: { ...study.researcher },
    participantId: participation.participantId,
    participantIdScheme: study.participantId.scheme,
    consent: {
      version: study.consent.version,
      textHash: consentTextHash(study),
      joinedAt: new Date(participation.joinedAt).toISOString(),
      leftAt: participation.leftAt === null ? null : new Date(participation.leftAt).toISOString(),
    },
    includedKinds: coverage.kinds,
    pseudonymization: { sites: p.sites, salt: p.sites === 'hash' ? (p.salt ?? null) : null, keepUrls: p.keepUrls, keepText: p.keepText },
    window: { from: new Date(coverage.from).toISOString(), to: Number.isFinite(coverage.to) ? new Date(coverage.to).toISOString() : null },
    onLeave: study.onLeave,
  };
}

/**
 * When the next export reminder falls due: `exportReminderDays` after the last export, or after
 * joining when there has been none. Once the study has ended, the reminder is due at its end if
 * the last export came before it (one final export), and never again after that.
 */
export function nextExportReminder(study: StudyFile, lastExportAt: number | null, joinedAt: number): number | null {
  const { to } = studyWindow(study);
  if (to !== undefined && lastExportAt !== null && lastExportAt > to) return null;
  const regular = (lastExportAt ?? joinedAt) + study.exportReminderDays * DAY_MS;
  return to !== undefined ? Math.min(regular, to + 1) : regular;
}

/** Whether the participant should be reminded to export now (`joinedAt`: when they joined). */
export function exportReminderDue(study: StudyFile, lastExportAt: number | null, now: number, joinedAt: number): boolean {
  const next = nextExportReminder(study, lastExportAt, joinedAt);
  return next !== null && now >= next;
}
