/**
 * The streamed export writes the same bytes as the whole-document path, for every format, with and
 * without filters, at page sizes that cut through ties and nested times; and it reads in pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiHandlers, type HandlerDeps } from '../../../extension/background/handlers.ts';
import type { LedgerDb } from '../../../extension/background/db.ts';
import { documentChunks, EXPORT_FORMATS, ExportCancelled, streamChunks, streamEvents, type ExportJob } from '../../../src/export/stream.ts';
import type { ExportFilter } from '../../../src/export/filter.ts';
import { previewOf, pseudonymizer } from '../../../src/export/pseudonymize.ts';
import { eventsOf } from '../../../src/ledger/event-stream.ts';
import type { LedgerExport } from '../../../src/protocol/messages.ts';
import { filterEvents } from '../../../src/export/filter.ts';
import { parseStudyFile, studyMetadata } from '../../../src/research/study.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

function parseStudyFileOrThrow() {
  const parsed = parseStudyFile(readFileSync(resolve(import.meta.dirname, '../../../docs/examples/study.json'), 'utf8'));
  if (!parsed.ok) throw new Error('docs/examples/study.json does not parse');
  return parsed.study;
}
import { newDb, NOW, populatedExport, seed, storeReader, T0, VERSION } from './stream-support.ts';

let db: LedgerDb;
let whole: LedgerExport;

beforeAll(async () => {
  db = newDb('stream-identical');
  await seed(db, populatedExport());
  const deps = { db, version: VERSION, now: () => NOW } as unknown as HandlerDeps;
  // The old path: one `ledger/export` message (JSON-serialised by runtime messaging).
  whole = JSON.parse(JSON.stringify(await uiHandlers(deps)['ledger/export']({}))) as LedgerExport;
});
afterAll(() => db.close());

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

const FILTERS: [string, ExportFilter][] = [
  ['no filter', {}],
  ['a date range', { from: T0 + 3_000_000, to: T0 + 8_000_000 }],
  ['a range that starts at a tie', { from: T0 + 3_600_000, to: T0 + 3_600_000 }],
  ['a range that holds the early signal but not its prompt', { from: T0 - 6_000, to: T0 - 4_000 }],
  ['a range after the prompts (context prompts)', { from: T0 + 400_000_000 }],
  ['two sites', { sites: ['shop.example', 'blog.example'] }],
  ['one site and a range', { sites: ['example.co.uk'], to: T0 + 25_000 }],
  ['decisions and signals only', { kinds: ['decision', 'consent-signal'] }],
  ['signals only, dated', { kinds: ['consent-signal'], from: T0 - 5_000, to: T0 + 9_200 }],
  ['a range that holds a late signal but not its prompt', { from: T0 + 5_000, to: T0 + 9_200 }],
  ['nothing', { kinds: [] }],
];
const PSEUDONYMS: ExportJob['pseudonymize'][] = [
  { sites: 'hash', salt: 'study-1' },
  { sites: 'etld1', keepUrls: true, keepText: true },
];

describe('streamed export = whole-document export', () => {
  it('the fixture has what makes streaming hard', () => {
    const events = [...eventsOf(whole)];
    expect(events.some((e) => e.kind === 'consent-signal' && e.detail.raw === 'early')).toBe(true);
    expect(new Set(events.filter((e) => e.eventTime === new Date(T0 + 3_600_000).toISOString()).map((e) => e.kind)).size).toBeGreaterThan(2);
    expect(whole.prompts.length + whole.decisions.length).toBeGreaterThan(12);
  });

  for (const format of EXPORT_FORMATS) {
    for (const [name, filter] of FILTERS) {
      for (const [i, pseudonymize] of PSEUDONYMS.entries()) {
        if (format === 'ledger' && (name !== 'no filter' || i > 0)) continue; // the backup takes no options
        it(`${format}, ${name}, ${pseudonymize.sites}`, async () => {
          const job: ExportJob = { format, filter, pseudonymize, piiPrincipalId: 'person-1' };
          const expected = [...documentChunks(whole, job)].join('');
          for (const pageSize of [1, 2, 7, 500]) {
            let last = { done: -1, total: -1 };
            const got = await text(streamChunks(storeReader(db), job, { pageSize, onProgress: (done, total) => (last = { done, total }) }));
            expect(got, `page size ${pageSize}`).toBe(expected);
            expect(last.done, 'the progress bar reaches its end').toBe(last.total);
          }
          if (format === 'json' && name === 'no filter') expect(JSON.parse(expected)).toMatchObject({ schemaVersion: 'consent-lens-events/1', '@context': expect.any(Object) });
        });
      }
    }
  }

  it('a study export: the same bytes streamed; the JSON formats carry the study, every event names study and participant', async () => {
    const study = studyMetadata(parseStudyFileOrThrow(), { participantId: 'P-017', joinedAt: T0 - 1000, leftAt: null, lastExportAt: null });
    for (const format of ['ledger', 'jsonl', 'json', 'csv'] as const) {
      const job: ExportJob = { format, filter: {}, pseudonymize: PSEUDONYMS[0] as ExportJob['pseudonymize'], piiPrincipalId: 'P-017', study };
      const expected = [...documentChunks(whole, job)].join('');
      expect(await text(streamChunks(storeReader(db), job, { pageSize: 3 })), format).toBe(expected);
      if (format === 'ledger') expect(JSON.parse(expected).study).toEqual(study);
      if (format === 'json') expect(JSON.parse(expected).study).toEqual(study);
      if (format === 'jsonl') {
        const lines = expected.trim().split('\n').map((l) => JSON.parse(l) as { detail: Record<string, unknown> });
        expect(lines.every((l) => l.detail.studyId === study.studyId && l.detail.participantId === 'P-017')).toBe(true);
      }
    }
  });

  it('the preview stream is the preview of the whole document', async () => {
    for (const [, filter] of FILTERS) {
      const job: ExportJob = { format: 'csv', filter, pseudonymize: { sites: 'hash', salt: 'x' }, piiPrincipalId: 'p' };
      const streamed = [];
      for await (const e of streamEvents(storeReader(db), job, { pageSize: 2 })) streamed.push(e);
      const pseudonymize = pseudonymizer(job.pseudonymize);
      expect(streamed).toEqual([...filterEvents(eventsOf(whole), filter)].map(pseudonymize));
    }
    const backup: ExportJob = { format: 'ledger', filter: { kinds: [] }, pseudonymize: { sites: 'etld1' }, piiPrincipalId: 'p' };
    const all = [];
    for await (const e of streamEvents(storeReader(db), backup, { pageSize: 3 })) all.push(e);
    expect(previewOf(all, 5)).toEqual(previewOf(eventsOf(whole), 5));
  });

  it('reads in pages, never more than a page per request', async () => {
    const calls: string[] = [];
    const reader = storeReader(db, calls);
    const sizes: number[] = [];
    const paged = { ...reader, page: async (q: Parameters<typeof reader.page>[0]) => {
      const r = await reader.page(q);
      sizes.push(r.rows.length);
      return r;
    } } as typeof reader;
    await text(streamChunks(paged, { format: 'jsonl', filter: {}, pseudonymize: { sites: 'etld1' }, piiPrincipalId: 'p' }, { pageSize: 3 }));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(calls.filter((c) => c === 'page:prompts').length).toBeGreaterThanOrEqual(Math.ceil(whole.prompts.length / 3));
  });

  it('stops with ExportCancelled when cancelled', async () => {
    const signal = { aborted: false };
    const chunks: string[] = [];
    const run = async () => {
      for await (const c of streamChunks(storeReader(db), { format: 'jsonl', filter: {}, pseudonymize: { sites: 'etld1' }, piiPrincipalId: 'p' }, { pageSize: 1, signal })) {
        chunks.push(c);
        signal.aborted = true;
      }
    };
    await expect(run()).rejects.toBeInstanceOf(ExportCancelled);
    expect(chunks.length).toBeLessThan(whole.prompts.length);
  });
});
