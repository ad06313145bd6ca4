/**
 * The records view: one record per site and notice version, with its events, oldest first.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../src/ledger/event-stream.ts';
import type { LedgerEvent } from '../../../src/ledger/events.ts';
import { noticeOf, recordsDocument, recordsOf, RecordsDocumentSchema, type NoticeRecord, type RecordsDocument } from '../../../src/ledger/record-view.ts';
import { recordsJsonSchema } from '../../../src/ledger/records-json-schema.ts';
import { buildExport } from './ledger-export-fixture.ts';

// Checked by tsc: the schema's output type and the TypeScript types are assignable both ways.
type Validated = v.InferOutput<typeof RecordsDocumentSchema>;
export const typesToSchema = (doc: RecordsDocument): Validated => doc;
export const schemaToTypes = (doc: Validated): RecordsDocument => doc;

const events = (): LedgerEvent[] => [...eventsOf(buildExport())];
const kinds = (r: NoticeRecord | undefined): string[] => (r?.events ?? []).map((e) => e.kind);

describe('recordsOf', () => {
  it('puts every event in exactly one record, the record of its recordKey, oldest first', () => {
    const all = events();
    const records = recordsOf(all);
    expect(records.reduce((n, r) => n + r.events.length, 0)).toBe(all.length);
    expect(new Set(records.map((r) => r.recordKey)).size).toBe(records.length);
    for (const r of records) {
      expect(r.events.every((e) => e.recordKey === r.recordKey && e.site === r.site)).toBe(true);
      const times = r.events.map((e) => e.eventTime);
      expect(times).toEqual([...times].sort());
      expect(r.firstEventTime).toBe(times[0]);
      expect(r.lastEventTime).toBe(times[times.length - 1]);
    }
  });

  it('one record per consent-prompt version: the prompt shown, the decision and the signal the site stored', () => {
    const doc = buildExport();
    const records = recordsOf(eventsOf(doc));
    const p1 = doc.prompts[0]!;
    const record = records.find((r) => r.recordKey === `${p1.site} ${p1.textHash.slice(0, 16)}`);
    expect(record?.notice).toEqual({ kind: 'consent-prompt', version: p1.textHash.slice(0, 16) });
    expect(kinds(record)).toEqual(['prompt-shown', 'decision', 'consent-signal']);
    expect(record?.currentStatus).toBe('dpv:ConsentRefused'); // "Reject all"; the site's signal is its claim, not the person's
    // The German prompt: the person's custom choice, then ConsentLens's own rejection for them.
    const de = records.find((r) => r.site === 'example.de' && r.notice.kind === 'consent-prompt');
    expect(kinds(de)).toEqual(['prompt-shown', 'decision', 'decision']);
    expect(de?.events.at(-1)?.indicatedBy).toBe('extension');
  });

  it('policy versions, permission requests, data given and sign-ins each get their record', () => {
    const byKind = new Map(recordsOf(events()).map((r) => [r.notice.kind, r]));
    expect(byKind.get('privacy-policy')?.notice.version).toMatch(/^[0-9a-f]{16}$/u);
    expect(kinds(byKind.get('permission-requests'))).toEqual(['permission-request']);
    expect(kinds(byKind.get('data-collection'))).toEqual(['data-given']);
    expect(kinds(byKind.get('sign-in'))).toEqual(['sign-in']);
  });

  it('a withdrawal after consent leaves the record at ConsentWithdrawn; the earlier events stay', () => {
    const base = events().filter((e) => e.site === 'example.co.uk' && e.kind === 'decision' && e.dpvStatus === 'dpv:ConsentGiven')[0] as LedgerEvent;
    const withdrawal: LedgerEvent = { ...base, eventId: 'decision:withdrawal-1', eventTime: new Date(Date.parse(base.eventTime) + 1000).toISOString(), dpvStatus: 'dpv:ConsentWithdrawn', detail: { ...base.detail, decisionKind: 'withdrawn' } };
    const record = recordsOf([withdrawal, ...events()]).find((r) => r.recordKey === base.recordKey) as NoticeRecord;
    expect(record.currentStatus).toBe('dpv:ConsentWithdrawn');
    expect(record.events.map((e) => e.dpvStatus)).toEqual(['dpv:ConsentRequested', 'dpv:ConsentGiven', 'dpv:ConsentWithdrawn']);
  });

  it('counts an event once when merged exports repeat it', () => {
    const all = events();
    expect(recordsOf([...all, ...all])).toEqual(recordsOf(all));
  });

  it('names the notice from the record key', () => {
    expect(noticeOf('a.example 0123456789abcdef', 'a.example')).toEqual({ kind: 'consent-prompt', version: '0123456789abcdef' });
    expect(noticeOf('a.example policy:fedcba9876543210', 'a.example')).toEqual({ kind: 'privacy-policy', version: 'fedcba9876543210' });
    expect(noticeOf('a.example decision', 'a.example')).toEqual({ kind: 'unlinked-decisions', version: null });
    expect(noticeOf('a.example 0123', 'a.example')).toEqual({ kind: 'unlinked-decisions', version: null });
  });
});

describe('records document and its JSON Schema', () => {
  it('writes a document the schema accepts, holding exactly the records', () => {
    const records = recordsOf(events());
    const text = [...recordsDocument({ schemaVersion: 4, exportedAt: '2026-05-01T10:00:00.000Z' }, records)].join('');
    const parsed = v.safeParse(RecordsDocumentSchema, JSON.parse(text));
    expect(parsed.success ? null : parsed.issues).toBeNull();
    expect((JSON.parse(text) as RecordsDocument).records).toEqual(records);
    expect(JSON.parse([...recordsDocument({ schemaVersion: 4, exportedAt: '2026-05-01T10:00:00.000Z' }, [])].join(''))).toMatchObject({ records: [] });
  });

  it('the schema refuses a record without events or with an unknown field', () => {
    const [record] = recordsOf(events());
    const doc = { format: 'consent-lens-records/1', schemaVersion: 4, exportedAt: '2026-05-01T10:00:00.000Z', records: [record] };
    expect(v.safeParse(RecordsDocumentSchema, doc).success).toBe(true);
    expect(v.safeParse(RecordsDocumentSchema, { ...doc, records: [{ ...record, events: [] }] }).success).toBe(false);
    expect(v.safeParse(RecordsDocumentSchema, { ...doc, records: [{ ...record, extra: 1 }] }).success).toBe(false);
  });

  it('docs/ledger-records.schema.json is what `npm run schema` generates', () => {
    const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../docs/ledger-records.schema.json'), 'utf8'));
    expect(committed).toEqual(recordsJsonSchema());
  });
});
