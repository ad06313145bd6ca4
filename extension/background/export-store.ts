/**
 * The export's reads, page by page (src/export/stream.ts): every table in (time, id) order by its
 * `time` index, or `[site+time]` where the table has one and sites are asked for. A page starts
 * after a cursor (the last row's time and id), never at an offset, and no table is read whole.
 */
import type { Collection, Table } from 'dexie';
import type { ExportPlan, ExportRows, ExportTable, PolicyVersionSummary, TimeLead } from '../../src/protocol/messages.ts';
import { LEDGER_SCHEMA_VERSION } from '../../src/ledger/records.ts';
import type { DecisionRecord, PromptRecord } from '../../src/model.ts';
import type { StudyConsentRecord } from '../../src/ledger/study-consent.ts';
import type { PageCursor, ReadScope } from '../../src/export/stream.ts';
import type { LedgerDb } from './db.ts';
import { summary } from './policy-store.ts';

/** Tables with a `[site+time]` index. */
const SITE_TIME = new Set<ExportTable>(['prompts', 'permissions']);
const LEAD_PAGE = 1000;

interface Row {
  id: string;
  site: string;
  time: number;
}

const tableOf = (db: LedgerDb, table: ExportTable) => db.table(table) as Table<Row, string>;

/** The OAuth `state` is the site's anti-forgery token: never exported. */
function exported<T extends ExportTable>(table: T, rows: Row[]): ExportRows[T][] {
  if (table !== 'signIns') return rows as unknown as ExportRows[T][];
  return rows.map((row) => {
    const { state: _state, ...rest } = row as Row & { state?: unknown };
    return rest;
  }) as unknown as ExportRows[T][];
}

/** Rows of `scope` with time in [lo, hi] (lo exclusive when `open`), in (time, id) order, per site or all. */
function ranges(db: LedgerDb, scope: ReadScope, lo: number, hi: number, open: boolean): Collection<Row, string>[] {
  const table = tableOf(db, scope.table);
  if (hi < lo || (open && hi === lo)) return [];
  if (scope.sites && SITE_TIME.has(scope.table)) {
    return scope.sites.map((site) => table.where('[site+time]').between([site, lo], [site, hi], !open, true));
  }
  const all = table.where('time').between(lo, hi, !open, true);
  if (!scope.sites) return [all];
  const sites = new Set(scope.sites);
  return [all.filter((row) => sites.has(row.site))];
}

/** The rows at exactly `time` after `id` (a page may end among rows of the same time). */
function ties(db: LedgerDb, scope: ReadScope, time: number, id: string): Collection<Row, string>[] {
  return ranges(db, scope, time, time, false).map((c) => c.filter((row) => row.id > id));
}

const byTimeId = (a: Row, b: Row) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function exportPage<T extends ExportTable>(
  db: LedgerDb,
  query: ReadScope & { table: T; after: PageCursor | null; limit: number },
): Promise<{ rows: ExportRows[T][]; done: boolean }> {
  const lo = query.from ?? -Infinity;
  const hi = query.to ?? Infinity;
  return db.transaction('r', tableOf(db, query.table), async () => {
    const rows: Row[] = [];
    let more = false;
    const after = query.after;
    if (after) {
      if (after.time >= lo && after.time <= hi) {
        for (const c of ties(db, query, after.time, after.id)) rows.push(...(await c.limit(query.limit + 1).toArray()));
      }
    }
    const start = after ? Math.max(after.time, lo) : lo;
    const open = after !== null && after.time >= lo;
    for (const c of ranges(db, query, start, hi, open)) rows.push(...(await c.limit(query.limit + 1).toArray()));
    rows.sort(byTimeId);
    if (rows.length > query.limit) {
      more = true;
      rows.length = query.limit;
    }
    return { rows: exported(query.table, rows), done: !more };
  });
}

export async function exportCount(db: LedgerDb, scope: ReadScope): Promise<number> {
  let n = 0;
  for (const c of ranges(db, scope, scope.from ?? -Infinity, scope.to ?? Infinity, false)) n += await c.count();
  return n;
}

/** Every row of the scope, a page at a time. */
async function eachRow<T extends ExportTable>(db: LedgerDb, scope: ReadScope & { table: T }, fn: (row: ExportRows[T]) => void): Promise<void> {
  let after: PageCursor | null = null;
  for (;;) {
    const { rows, done }: { rows: ExportRows[T][]; done: boolean } = await exportPage(db, { ...scope, after, limit: LEAD_PAGE });
    for (const row of rows) fn(row);
    const last: ExportRows[T] | undefined = rows.at(-1);
    if (done || !last) return;
    after = { time: last.time, id: last.id };
  }
}

function leadOf(): TimeLead & { see(recordTime: number, eventTime: number): void } {
  return {
    before: 0,
    after: 0,
    see(recordTime, eventTime) {
      if (recordTime - eventTime > this.before) this.before = recordTime - eventTime;
      if (eventTime - recordTime > this.after) this.after = eventTime - recordTime;
    },
  };
}

/**
 * The export's head and, over every row of the sites asked for, how far nested event times lie
 * from their record's `time` (see src/export/stream.ts). A pass over prompts, forms and sign-ins.
 */
export async function exportPlan(db: LedgerDb, sites: string[] | undefined, head: { version: string; now: Date }): Promise<ExportPlan> {
  const scope = sites ? { sites } : {};
  const prompts = leadOf();
  const forms = leadOf();
  const signIns = leadOf();
  // The three tables side by side: the reads wait on IndexedDB, not on this thread.
  await Promise.all([
    eachRow(db, { table: 'prompts', ...scope }, (p) => {
      for (const s of p.signals ?? []) prompts.see(p.time, s.time);
    }),
    eachRow(db, { table: 'forms', ...scope }, (f) => {
      for (const s of f.submissions) forms.see(f.time, s.time);
    }),
    eachRow(db, { table: 'signIns', ...scope }, (s) => signIns.see(s.time, s.outcomeTime ?? s.time)),
  ]);
  const lead = (l: TimeLead): TimeLead => ({ before: l.before, after: l.after });
  return {
    exportedAt: head.now.toISOString(),
    schemaVersion: LEDGER_SCHEMA_VERSION,
    version: head.version,
    leads: { prompts: lead(prompts), forms: lead(forms), signIns: lead(signIns) },
  };
}

export async function exportPrompts(db: LedgerDb, ids: string[]): Promise<(PromptRecord | null)[]> {
  return (await db.prompts.bulkGet(ids)).map((p) => p ?? null);
}

export async function exportDecisionsOf(db: LedgerDb, promptIds: string[]): Promise<DecisionRecord[]> {
  return db.decisions.where('promptId').anyOf(promptIds).toArray();
}

/** Every study consent record, oldest first (a few per study joined or left). */
export async function exportStudyConsents(db: LedgerDb): Promise<StudyConsentRecord[]> {
  return db.studyConsents.orderBy('time').toArray();
}

/** Every policy version summary, oldest first (as allPolicySummaries), read by primary key in pages (the versions hold their text). */
export async function exportPolicies(db: LedgerDb): Promise<PolicyVersionSummary[]> {
  const all: PolicyVersionSummary[] = [];
  let last: string | null = null;
  for (;;) {
    const page: PolicyVersionSummary[] = await (last === null ? db.policies.orderBy(':id') : db.policies.where(':id').above(last)).limit(100).toArray().then((rows) => rows.map(summary));
    all.push(...page);
    if (page.length < 100) break;
    last = (page.at(-1) as { id: string }).id;
  }
  return all.sort((a, b) => a.firstSeen - b.firstSeen);
}

