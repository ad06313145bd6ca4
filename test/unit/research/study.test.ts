/** Research mode's study file (src/research/study.ts): parsing, participant ids, export options, reminders. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filterEvents } from '../../../src/export/filter.ts';
import { pseudonymizer } from '../../../src/export/pseudonymize.ts';
import { eventsOf } from '../../../src/ledger/event-stream.ts';
import { parseLedgerExport } from '../../../src/ledger/import.ts';
import type { LedgerEvent } from '../../../src/ledger/events.ts';
import type { StudyConsentRecord } from '../../../src/ledger/study-consent.ts';
import type { LedgerExport } from '../../../src/protocol/messages.ts';
import {
  DAY_MS,
  MAX_STUDY_FILE_CHARS,
  consentTextHash,
  exportReminderDue,
  nextExportReminder,
  parseStudyFile,
  participantIdFor,
  studyExportOptions,
  studyMetadata,
  type StudyFile,
} from '../../../src/research/study.ts';
import { sha256Hex } from '../../../src/text.ts';

const exampleText = readFileSync(resolve(import.meta.dirname, '../../../docs/examples/study.json'), 'utf8');
const example = (): Record<string, unknown> => JSON.parse(exampleText) as Record<string, unknown>;
const DELETE = Symbol('delete');
/** The example with each `path` ("a.b.c") set to its value, or removed for DELETE. */
const withChange = (...edits: [string, unknown][]): string => {
  const doc = example();
  for (const [path, value] of edits) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let at = doc;
    for (const key of keys) at = at[key] as Record<string, unknown>;
    if (value === DELETE) delete at[last];
    else at[last] = value;
  }
  return JSON.stringify(doc, null, 2);
};
function studyOf(text: string): StudyFile {
  const parsed = parseStudyFile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.study;
}
function errorsOf(text: string) {
  const parsed = parseStudyFile(text);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.errors;
}

describe('parseStudyFile', () => {
  it('reads the documented example (docs/examples/study.json)', () => {
    const study = studyOf(exampleText);
    expect(study).toMatchObject({
      studyId: 'cookie-choices-2026',
      participantId: { scheme: 'entered', pattern: 'P-[0-9]{3}' },
      include: { kinds: ['prompt-shown', 'decision', 'consent-signal', 'permission-request'] },
      pseudonymization: { sites: 'hash', salt: 'per-study', keepUrls: false, keepText: false },
      exportReminderDays: 14,
      onLeave: 'delete-study-data',
    });
    expect(study.consent.text).toContain('I agree to take part');
  });

  it('keeps markup in the consent text as text (it is never HTML)', () => {
    const study = studyOf(withChange(['consent.text', '<img src=x onerror=alert(1)> I agree']));
    expect(study.consent.text).toBe('<img src=x onerror=alert(1)> I agree');
  });

  it.each([
    ['a missing title', ['title', DELETE], 'title', /missing/u],
    ['an unknown event kind', ['include.kinds', ['decision', 'page-visit']], 'include.kinds[1]', /must be one of prompt-shown/u],
    ['an event kind twice', ['include.kinds', ['decision', 'decision']], 'include.kinds', /twice/u],
    ['no event kind', ['include.kinds', []], 'include.kinds', /at least one/u],
    ['an unknown field', ['salary', 1], 'salary', /unknown field/u],
    ['an unknown scheme', ['participantId', { scheme: 'email' }], 'participantId.scheme', /random/u],
    ['a pattern that is not a regular expression', ['participantId.pattern', 'P-[0-9'], 'participantId.pattern', /regular expression/u],
    ['hashed sites without a salt mode', ['pseudonymization.salt', DELETE], 'pseudonymization.salt', /missing/u],
    ['a per-study salt without the salt', ['pseudonymization.studySalt', DELETE], 'pseudonymization.studySalt', /missing/u],
    ['a short study salt', ['pseudonymization.studySalt', 'short'], 'pseudonymization.studySalt', /at least 16/u],
    ['a reminder of 0 days', ['exportReminderDays', 0], 'exportReminderDays', /at least 1/u],
    ['a reminder of 1.5 days', ['exportReminderDays', 1.5], 'exportReminderDays', /whole number/u],
    ['an unknown onLeave', ['onLeave', 'archive'], 'onLeave', /delete-study-data/u],
    ['a date that is not in the calendar', ['startDate', '2026-02-30'], 'startDate', /calendar/u],
    ['an end before the start', ['endDate', '2025-12-31'], 'endDate', /before startDate/u],
    ['a bad study id', ['studyId', 'a b'], 'studyId', /3-64 characters/u],
    ['an empty consent text', ['consent.text', '   '], 'consent.text', /empty/u],
    ['another format', ['format', 'consent-lens-ledger'], 'format', /not a ConsentLens study file/u],
    ['a newer format version', ['formatVersion', 2], 'formatVersion', /newer ConsentLens/u],
  ] as [string, [string, unknown], string, RegExp][])('refuses %s, naming the path', (_name, edit, path, message) => {
    const errors = errorsOf(withChange(edit));
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.find((e) => e.path === path)?.message).toMatch(message);
  });

  it('refuses text that is not a study file, with a message for the whole file', () => {
    for (const [text, message] of [
      ['', /empty/u],
      ['{"format": ', /not valid JSON/u],
      ['[1, 2]', /not a JSON object/u],
      ['null', /not a JSON object/u],
      [`{"pad": "${'x'.repeat(MAX_STUDY_FILE_CHARS)}"}`, /larger than 64 KB/u],
    ] as const) {
      const [error] = errorsOf(text);
      expect(error).toMatchObject({ path: '' });
      expect(error?.message).toMatch(message);
    }
  });

  it('fuzz: 300 truncations and single-character mutations never throw; each is valid or says where and what', () => {
    let seed = 20261123;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pretty = JSON.stringify(example(), null, 2);
    const alphabet = ['"', '{', '}', '[', ']', ',', ':', '0', '-', 'x', ' ', '\\', 'é', '\u0000', 'null'];
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      let text: string;
      if (i % 2 === 0) {
        text = pretty.slice(0, Math.floor(random() * pretty.length));
      } else {
        const at = Math.floor(random() * pretty.length);
        text = pretty.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + pretty.slice(at + 1);
      }
      const result = parseStudyFile(text);
      if (result.ok) continue;
      refused++;
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) {
        expect(typeof e.path).toBe('string');
        expect(e.message.length).toBeGreaterThan(3);
        expect(e.message).not.toMatch(/^Invalid (type|key)/u); // valibot's raw wording is replaced or explained
      }
    }
    expect(refused).toBeGreaterThan(150); // every truncation is refused
  });
});

describe('participantIdFor', () => {
  const study = studyOf(exampleText);
  const newId = () => '6f1c2a0e-1234-4abc-8def-0123456789ab';

  it('random: a generated id, whatever was typed', () => {
    const random = studyOf(withChange(['participantId', { scheme: 'random' }]));
    expect(participantIdFor(random, 'P-017', newId)).toEqual({ ok: true, participantId: newId() });
  });

  it('entered: the typed id (trimmed) when the whole of it matches the pattern', () => {
    expect(participantIdFor(study, '  P-017 ', newId)).toEqual({ ok: true, participantId: 'P-017' });
    expect(participantIdFor(study, 'P-0171', newId)).toMatchObject({ ok: false, message: /form the study expects/u });
    expect(participantIdFor(study, 'xP-017', newId)).toMatchObject({ ok: false });
    expect(participantIdFor(study, '', newId)).toMatchObject({ ok: false, message: /enter the participant id/u });
    expect(participantIdFor(study, 'P 017', newId)).toMatchObject({ ok: false, message: /characters/u });
  });

  it('hash-of-entered: h- and 32 hex of SHA-256(studyId, id); the typed id is not in it', () => {
    const hashed = studyOf(withChange(['participantId.scheme', 'hash-of-entered']));
    const result = participantIdFor(hashed, 'P-017', newId);
    expect(result).toEqual({ ok: true, participantId: `h-${sha256Hex('cookie-choices-2026\nP-017').slice(0, 32)}` });
    expect(participantIdFor(hashed, 'P-018', newId)).not.toEqual(result);
  });
});

const JOINED = Date.parse('2026-11-10T09:00:00Z');
const participation = { participantId: 'P-017', joinedAt: JOINED, leftAt: null, lastExportAt: null };

describe('studyExportOptions', () => {
  it('filters to the study kinds from joining to the end of the last study day, and hashes sites with the study salt', () => {
    const study = studyOf(exampleText);
    const options = studyExportOptions(study, participation, 'fresh-export-salt');
    expect(options.filter).toEqual({
      kinds: ['prompt-shown', 'decision', 'consent-signal', 'permission-request'],
      from: JOINED,
      to: Date.parse('2027-06-30T23:59:59.999Z'),
    });
    expect(options.pseudonymize).toEqual({ sites: 'hash', salt: 'c00k1e-ch01ces-2026-s4lt', keepUrls: false, keepText: false });
  });

  it('starts at the study start when the participant joined before it; no end when the study has none', () => {
    const study = studyOf(withChange(['startDate', '2026-12-01'], ['endDate', DELETE]));
    expect(studyExportOptions(study, participation, 's'.repeat(16)).filter).toEqual({ kinds: study.include.kinds, from: Date.parse('2026-12-01T00:00:00Z') });
  });

  it('uses the caller\'s salt for per-export hashing, and no salt for etld1', () => {
    const perExport = studyOf(withChange(['pseudonymization.salt', 'per-export'], ['pseudonymization.studySalt', DELETE]));
    expect(studyExportOptions(perExport, participation, 'salt-of-this-file').pseudonymize).toEqual({ sites: 'hash', salt: 'salt-of-this-file', keepUrls: false, keepText: false });
    const plain = studyOf(withChange(['pseudonymization', { sites: 'etld1', keepUrls: true, keepText: true }]));
    expect(studyExportOptions(plain, participation, 'unused').pseudonymize).toEqual({ sites: 'etld1', keepUrls: true, keepText: true });
  });

  it('gives options the export filter and pseudonymizer apply as they are', () => {
    const study = studyOf(exampleText);
    const { filter, pseudonymize } = studyExportOptions(study, participation, 'x');
    const events: LedgerEvent[] = [
      { eventId: 'a', eventTime: new Date(JOINED - 1).toISOString(), kind: 'decision', site: 'a.example', recordKey: 'a.example k', dpvStatus: null, indicatedBy: null, detail: { url: 'https://a.example/' } },
      { eventId: 'b', eventTime: new Date(JOINED + 1).toISOString(), kind: 'decision', site: 'a.example', recordKey: 'a.example k', dpvStatus: null, indicatedBy: null, detail: { url: 'https://a.example/', label: 'OK', decisionKind: 'accept-all' } },
      { eventId: 'c', eventTime: new Date(JOINED + 1).toISOString(), kind: 'sign-in', site: 'a.example', recordKey: 'a.example k', dpvStatus: null, indicatedBy: null, detail: {} },
    ];
    const out = [...filterEvents(events, filter)].map(pseudonymizer(pseudonymize));
    expect(out.map((e) => e.eventId)).toEqual(['b']);
    expect(out[0]?.site).toBe(`h:${sha256Hex('c00k1e-ch01ces-2026-s4lt' + 'a.example').slice(0, 16)}`);
    expect(out[0]?.detail).toEqual({ decisionKind: 'accept-all' });
  });
});

describe('studyMetadata', () => {
  it('describes the study, the participant and their consent, and never carries the study salt', () => {
    const study = studyOf(exampleText);
    const meta = studyMetadata(study, { ...participation, leftAt: JOINED + DAY_MS });
    expect(meta).toEqual({
      format: 'consent-lens-study-metadata',
      formatVersion: 1,
      studyId: 'cookie-choices-2026',
      title: study.title,
      researcher: study.researcher,
      participantId: 'P-017',
      participantIdScheme: 'entered',
      consent: { version: '1.0 (2026-11-01)', textHash: sha256Hex(study.consent.text), joinedAt: '2026-11-10T09:00:00.000Z', leftAt: '2026-11-11T09:00:00.000Z' },
      includedKinds: ['prompt-shown', 'decision', 'consent-signal', 'permission-request'],
      pseudonymization: { sites: 'hash', salt: 'per-study', keepUrls: false, keepText: false },
      window: { from: '2026-11-10T09:00:00.000Z', to: '2026-11-11T09:00:00.000Z' },
      onLeave: 'delete-study-data',
    });
    expect(JSON.stringify(meta)).not.toContain('c00k1e-ch01ces-2026-s4lt');
    expect(consentTextHash(study)).toBe(meta.consent.textHash);
  });

  it('can be embedded in a ledger export as `study`: the importer checks it (and refuses a tampered one)', () => {
    const study = studyOf(exampleText);
    const doc = { format: 'consent-lens-ledger', schemaVersion: 5, exportedAt: '2026-11-23T00:00:00.000Z', generator: { name: 'ConsentLens', version: '0' }, prompts: [], decisions: [], policies: [], permissions: [], forms: [], signIns: [], studyConsents: [], study: studyMetadata(study, participation) };
    const read = parseLedgerExport(JSON.stringify(doc));
    expect(read.ok).toBe(true);
    expect(read.ok && read.doc.study).toEqual(doc.study);
    const tampered = parseLedgerExport(JSON.stringify({ ...doc, study: { ...doc.study, studySalt: 'c00k1e-ch01ces-2026-s4lt' } }));
    expect(tampered).toMatchObject({ ok: false, errors: [{ path: 'study.studySalt' }] });
  });
});

describe('export reminder', () => {
  const study = studyOf(exampleText); // every 14 days, ends 2027-06-30
  const day = (n: number) => JOINED + n * DAY_MS;

  it('is due exportReminderDays after joining, then after each export', () => {
    expect(exportReminderDue(study, null, day(13), JOINED)).toBe(false);
    expect(exportReminderDue(study, null, day(14), JOINED)).toBe(true);
    expect(exportReminderDue(study, day(14), day(20), JOINED)).toBe(false);
    expect(nextExportReminder(study, day(14), JOINED)).toBe(day(28));
    expect(exportReminderDue(study, day(14), day(28), JOINED)).toBe(true);
  });

  it('once the study has ended: due at its end until an export after the end, then never', () => {
    const end = Date.parse('2027-06-30T23:59:59.999Z');
    const lastExport = end - 2 * DAY_MS;
    expect(nextExportReminder(study, lastExport, JOINED)).toBe(end + 1);
    expect(exportReminderDue(study, lastExport, end + 1, JOINED)).toBe(true);
    expect(nextExportReminder(study, end + 5, JOINED)).toBeNull();
    expect(exportReminderDue(study, end + 5, end + 400 * DAY_MS, JOINED)).toBe(false);
  });
});

describe('study consents in the event stream', () => {
  const base: LedgerExport = { format: 'consent-lens-ledger', schemaVersion: 5, exportedAt: '2026-11-23T00:00:00.000Z', generator: { name: 'ConsentLens', version: '0' }, prompts: [], decisions: [], policies: [], permissions: [], forms: [], signIns: [] };
  const record = (action: 'joined' | 'left', time: number): StudyConsentRecord => ({
    id: `study-consent-${action}`,
    studyId: 'cookie-choices-2026',
    participantId: 'P-017',
    action,
    consentVersion: '1.0',
    consentTextHash: 'a'.repeat(64),
    dataDeleted: action === 'left' ? true : null,
    time,
  });

  it('joined -> dpv:ConsentGiven (expressed), left -> dpv:ConsentWithdrawn, by the data subject', () => {
    const events = [...eventsOf({ ...base, studyConsents: [record('left', day2()), record('joined', JOINED)] })];
    expect(events.map((e) => [e.eventId, e.kind, e.site, e.dpvStatus, e.indicatedBy, e.detail['decisionKind'], e.detail['consentType']])).toEqual([
      ['study-consent:study-consent-joined', 'decision', 'study:cookie-choices-2026', 'dpv:ConsentGiven', 'data-subject', 'study-joined', 'dpv:ExpressedConsent'],
      ['study-consent:study-consent-left', 'decision', 'study:cookie-choices-2026', 'dpv:ConsentWithdrawn', 'data-subject', 'study-left', null],
    ]);
    expect(events[1]?.detail).toMatchObject({ studyId: 'cookie-choices-2026', participantId: 'P-017', consentVersion: '1.0', textHash: 'a'.repeat(64), dataDeleted: true });
  });

  it('an export without studyConsents (v4 and older) gives no study events', () => {
    expect([...eventsOf(base)]).toEqual([]);
  });
});

function day2(): number {
  return JOINED + 2 * DAY_MS;
}
