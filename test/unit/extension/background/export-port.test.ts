/**
 * The export port and its pages: who may connect, which messages are refused, and keyset paging
 * at its boundaries (empty ledger, one row, exactly one page, a page and one more, rows sharing a
 * time across a page boundary, date bounds, sites with and without a [site+time] index).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerDb } from '../../../../extension/background/db.ts';
import { acceptExportPort, type PortLike } from '../../../../extension/background/export-port.ts';
import { exportCount, exportPage } from '../../../../extension/background/export-store.ts';
import type { DecisionRecord, PromptRecord } from '../../../../src/model.ts';
import { EXPORT_PORT, type ExportTable } from '../../../../src/protocol/messages.ts';
import { LEDGER_SCHEMA_VERSION } from '../../../../src/ledger/records.ts';
import type { PageCursor } from '../../../../src/export/stream.ts';
import { newDb, NOW, populatedExport, seed } from '../../export/stream-support.ts';
import { promptOneTrust } from '../../export/fixture.ts';

const EXT = 'chrome-extension://extid';
const context = { extensionId: 'extid', extensionOrigin: EXT };
const dashboard = { id: 'extid', url: `${EXT}/extension/ui/dashboard/index.html`, tab: { id: 3, url: `${EXT}/extension/ui/dashboard/index.html` } };

let db: LedgerDb;
beforeEach(() => {
  db = newDb(`port-${Math.random()}`);
});
afterEach(() => db.close());

function fakePort(sender: PortLike['sender'], name = EXPORT_PORT) {
  const posted: unknown[] = [];
  const listeners: ((m: unknown) => void)[] = [];
  let disconnected = false;
  const port: PortLike = {
    name,
    sender,
    postMessage: (m) => posted.push(m),
    disconnect: () => {
      disconnected = true;
    },
    onMessage: { addListener: (fn) => listeners.push(fn) },
  };
  return {
    port,
    posted,
    listeners,
    get disconnected() {
      return disconnected;
    },
    async send(message: unknown) {
      const before = posted.length;
      for (const fn of listeners) fn(message);
      for (let i = 0; i < 50 && posted.length === before; i++) await new Promise((r) => setTimeout(r, 5));
      return posted.at(-1) as { seq: number | null; ok: boolean; data?: unknown; error?: { code: string } };
    },
  };
}

const accept = (p: ReturnType<typeof fakePort>) => acceptExportPort(p.port, context, { db, version: '1.0.0', now: () => NOW });

describe('export port: senders', () => {
  it('accepts the dashboard (an extension page, in a tab or not)', () => {
    expect(accept(fakePort(dashboard))).toBe(true);
    expect(accept(fakePort({ id: 'extid', url: `${EXT}/extension/ui/popup/index.html` }))).toBe(true);
  });

  it.each([
    ['a content script (web page in a tab)', { id: 'extid', url: 'https://evil.example/', frameId: 0, tab: { id: 1, url: 'https://evil.example/' } }],
    ['an extension frame inside a web page', { id: 'extid', url: `${EXT}/extension/ui/dashboard/index.html`, frameId: 2, tab: { id: 1, url: 'https://evil.example/' } }],
    ['another extension', { id: 'other', url: 'chrome-extension://other/page.html' }],
    ['another extension claiming our origin', { id: 'other', url: `${EXT}/x.html` }],
    ['no sender', undefined],
    ['no url', { id: 'extid' }],
  ])('refuses %s: tells it, disconnects, reads nothing', (_name, sender) => {
    const p = fakePort(sender as PortLike['sender']);
    expect(accept(p)).toBe(false);
    expect(p.disconnected).toBe(true);
    expect(p.listeners).toHaveLength(0);
    expect(p.posted).toEqual([{ seq: null, ok: false, error: { code: 'forbidden', message: expect.any(String) } }]);
  });

  it('leaves ports of other names alone', () => {
    const p = fakePort(dashboard, 'something-else');
    expect(accept(p)).toBe(false);
    expect(p.disconnected).toBe(false);
    expect(p.posted).toEqual([]);
  });
});

describe('export port: messages', () => {
  beforeEach(async () => {
    await seed(db, populatedExport());
  });

  it.each([
    ['not an object', 'page', 'bad-message', null],
    ['no seq', { type: 'page', payload: {} }, 'bad-message', null],
    ['an unknown type', { type: 'ledger/delete-all', seq: 1, payload: {} }, 'bad-message', 1],
    ['an extra envelope key', { type: 'policies', seq: 2, payload: {}, sql: 'x' }, 'bad-message', 2],
    ['a limit of 0', { type: 'page', seq: 3, payload: { table: 'prompts', after: null, limit: 0 } }, 'invalid-payload', 3],
    ['a limit over the maximum', { type: 'page', seq: 4, payload: { table: 'prompts', after: null, limit: 1e6 } }, 'invalid-payload', 4],
    ['an unknown table', { type: 'page', seq: 5, payload: { table: 'settings', after: null, limit: 10 } }, 'invalid-payload', 5],
    ['an unknown payload key', { type: 'count', seq: 6, payload: { table: 'prompts', where: '1=1' } }, 'invalid-payload', 6],
    ['a bad site', { type: 'count', seq: 7, payload: { table: 'prompts', sites: ['<script>'] } }, 'invalid-payload', 7],
    ['an empty site list', { type: 'plan', seq: 8, payload: { sites: [] } }, 'invalid-payload', 8],
    ['a bound that is not a number', { type: 'count', seq: 9, payload: { table: 'prompts', from: '0' } }, 'invalid-payload', 9],
    ['too many ids', { type: 'prompts', seq: 10, payload: { ids: Array.from({ length: 2001 }, (_, i) => `id-${i}`) } }, 'invalid-payload', 10],
  ])('refuses %s', async (_name, message, code, seq) => {
    const p = fakePort(dashboard);
    accept(p);
    const reply = await p.send(message);
    expect(reply).toMatchObject({ seq, ok: false, error: { code } });
    expect(p.disconnected).toBe(false);
  });

  it('answers valid requests with the same seq', async () => {
    const p = fakePort(dashboard);
    accept(p);
    const page = await p.send({ type: 'page', seq: 41, payload: { table: 'prompts', after: null, limit: 2 } });
    expect(page).toMatchObject({ seq: 41, ok: true, data: { done: false } });
    expect((page.data as { rows: unknown[] }).rows).toHaveLength(2);
    const plan = await p.send({ type: 'plan', seq: 42, payload: {} });
    expect(plan).toMatchObject({ seq: 42, ok: true, data: { exportedAt: NOW.toISOString(), version: '1.0.0', schemaVersion: LEDGER_SCHEMA_VERSION } });
    expect((plan.data as { leads: { prompts: { before: number } } }).leads.prompts.before).toBe(25_000);
    const signIns = await p.send({ type: 'page', seq: 43, payload: { table: 'signIns', after: null, limit: 10 } });
    for (const s of (signIns.data as { rows: object[] }).rows) expect(s).not.toHaveProperty('state');
  });
});

/** Every row of a table through exportPage at `limit`, and the pages' sizes. */
async function readAll(table: ExportTable, limit: number, scope: { sites?: string[]; from?: number; to?: number } = {}) {
  const rows: { id: string; time: number }[] = [];
  const pages: number[] = [];
  let after: PageCursor | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: { rows: { id: string; time: number }[]; done: boolean } = await exportPage(db, { table, ...scope, after, limit });
    pages.push(page.rows.length);
    rows.push(...page.rows);
    const last = page.rows.at(-1);
    if (page.done || !last) return { rows, pages };
    after = { time: last.time, id: last.id };
  }
  throw new Error('paging did not end');
}

const prompt = (id: string, time: number, site = 'example.co.uk'): PromptRecord => ({ ...promptOneTrust, id, site, time });
const order = (rows: { id: string; time: number }[]) => [...rows].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1)).map((r) => r.id);

describe('export paging', () => {
  it('an empty ledger: one empty page, done', async () => {
    expect(await exportPage(db, { table: 'prompts', after: null, limit: 5 })).toEqual({ rows: [], done: true });
    expect(await exportCount(db, { table: 'prompts' })).toBe(0);
  });

  it('one row', async () => {
    await db.prompts.add(prompt('p-only-0001', 5));
    expect(await readAll('prompts', 5)).toEqual({ rows: [expect.objectContaining({ id: 'p-only-0001' })], pages: [1] });
  });

  it('exactly one page: done on the first', async () => {
    await db.prompts.bulkAdd([1, 2, 3].map((t) => prompt(`p-${t}-000000`, t)));
    expect((await readAll('prompts', 3)).pages).toEqual([3]);
  });

  it('a page and one more row', async () => {
    await db.prompts.bulkAdd([1, 2, 3, 4].map((t) => prompt(`p-${t}-000000`, t)));
    const { rows, pages } = await readAll('prompts', 3);
    expect(pages).toEqual([3, 1]);
    expect(rows.map((r) => r.id)).toEqual(['p-1-000000', 'p-2-000000', 'p-3-000000', 'p-4-000000']);
  });

  it('rows sharing one time across page boundaries: each once, in (time, id) order', async () => {
    const rows = [...'edcbagf'].map((c, i) => prompt(`p-${c}-000000`, i < 5 ? 100 : 50 + i));
    await db.prompts.bulkAdd(rows);
    for (const limit of [1, 2, 3, 4, 7, 8]) {
      const got = await readAll('prompts', limit);
      expect(got.rows.map((r) => r.id), `limit ${limit}`).toEqual(order(rows));
      expect(Math.max(...got.pages)).toBeLessThanOrEqual(limit);
    }
  });

  it('date bounds are inclusive, on every page', async () => {
    const rows = [10, 20, 20, 30, 40].map((t, i) => prompt(`p-${i}-000000`, t));
    await db.prompts.bulkAdd(rows);
    for (const limit of [1, 2, 10]) {
      const got = await readAll('prompts', limit, { from: 20, to: 30 });
      expect(got.rows.map((r) => r.time)).toEqual([20, 20, 30]);
    }
    expect(await exportCount(db, { table: 'prompts', from: 20, to: 30 })).toBe(3);
    expect(await exportCount(db, { table: 'prompts', from: 31, to: 30 })).toBe(0);
  });

  it('sites: by [site+time] (prompts) and by filter (decisions), merged in time order', async () => {
    const prompts = [prompt('p-a-000001', 5, 'a.example'), prompt('p-b-000001', 4, 'b.example'), prompt('p-a-000002', 3, 'a.example'), prompt('p-c-000001', 1, 'c.example'), prompt('p-b-000002', 5, 'b.example')];
    await db.prompts.bulkAdd(prompts);
    const decisions: DecisionRecord[] = prompts.map((p, i) => ({ id: `d-${i}-000000`, promptId: p.id, site: p.site, kind: 'accept-all', role: null, label: '', indicatedBy: 'user', time: p.time }));
    await db.decisions.bulkAdd(decisions);
    const wanted = (rows: { id: string; time: number; site?: string }[]) => order(rows.filter((r) => r.site !== 'c.example'));
    for (const limit of [1, 2, 5]) {
      expect((await readAll('prompts', limit, { sites: ['a.example', 'b.example'] })).rows.map((r) => r.id)).toEqual(wanted(prompts));
      expect((await readAll('decisions', limit, { sites: ['b.example', 'a.example'] })).rows.map((r) => r.id)).toEqual(wanted(decisions));
    }
    expect(await exportCount(db, { table: 'prompts', sites: ['a.example', 'b.example'] })).toBe(4);
    expect(await exportCount(db, { table: 'decisions', sites: ['a.example'], from: 4 })).toBe(1);
  });
});
