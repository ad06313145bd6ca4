/**
 * The streamed export: every format of formats.ts, built from the ledger read page by page through
 * a `LedgerReader` (in the extension: the export port to the background), with the same bytes as
 * the whole-document path (`documentChunks`, which works on one `LedgerExport` in memory).
 *
 * Order. `eventsOf` sorts all events by `eventTime`, ties in the order of its record lists (a
 * prompt, then its signals, by prompt (time, id); then decisions, permission requests, form
 * submissions, sign-ins, policy versions). Here each table is read in (time, id) order, its rows
 * become events with that same sort key, and a min-heap merges them: an event is written once no
 * table can still produce an earlier one. A table's next rows have `time` >= its last row's; its
 * events are at most `lead` ms earlier than their row's `time` (consent signals before their
 * prompt, form submissions before the form, nothing for the other tables), measured by the
 * background over the whole ledger before the export (`ExportPlan.leads`). So the heap holds the
 * events of about one page per table plus that lead. Times are compared as ISO strings, like
 * `eventsOf`, which matches epoch-ms order for the years 0-9999.
 *
 * Joins. A decision's event needs its prompt's site and text hash (a bounded cache of the prompts
 * read recently, the rest fetched by id per page); a Kantara receipt needs the whole prompt
 * (fetched by id per page) and the site's privacy policy (all policy summaries are read once: a few
 * per site, no text). DPV keeps the decisions' context prompts (`filterLedger`): a prompt that a
 * kept decision answers is found per page by `decisionsOf`.
 *
 * Memory: pages, the heap, the prompt cache and the policy summaries, except for two views that
 * aggregate before writing: `csv-sites` (one row per site) and `dpv` (every event with a consent
 * status, grouped per record, as `dpvRecords` does).
 */
import type { ExportPlan, ExportRows, ExportTable, LedgerExport, PolicyVersionSummary } from '../protocol/messages.ts';
import type { DecisionRecord, PromptRecord } from '../model.ts';
import { decisionEvent, eventsOf, formEvents, permissionEvent, policyEvent, promptEvent, signalEvent, signInEvent, statusOfDecision, studyConsentEvent, studySite } from '../ledger/event-stream.ts';
import type { StudyConsentRecord } from '../ledger/study-consent.ts';
import type { StudyMetadata } from '../research/study.ts';
import type { EventKind, LedgerEvent } from '../ledger/events.ts';
import {
  csv,
  csvEventRow,
  csvHeader,
  csvSites,
  dpvGroups,
  dpvRecords,
  JSON_DOCUMENT_END,
  jsonDocument,
  jsonDocumentEvent,
  jsonDocumentHead,
  jsonl,
  kantaraReceiptOf,
  kantaraReceipts,
  siteTable,
} from './formats.ts';
import { filterEvents, filterLedger, matcher, type ExportFilter } from './filter.ts';
import { pseudonymizer, siteLabeler, type PseudonymizeOptions } from './pseudonymize.ts';

export const EXPORT_FORMATS = ['ledger', 'jsonl', 'csv', 'csv-sites', 'json', 'kantara', 'dpv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to write: the format, its filter and pseudonymisation (both ignored by the `ledger` backup). */
export interface ExportJob {
  format: ExportFormat;
  filter: ExportFilter;
  pseudonymize: PseudonymizeOptions;
  /** Kantara and DPV: the data subject's pseudonym for this file. */
  piiPrincipalId: string;
  /**
   * Research mode: the study this export is for. The JSON formats carry it whole (`study`), and
   * every event of JSONL, CSV and the JSON-LD document names the study and the participant
   * (`detail.studyId`, `detail.participantId`), so merged files of several participants stay apart.
   */
  study?: StudyMetadata;
}

/** The per-event tag of a study export (identity without a study). */
function studyTag(job: ExportJob): (e: LedgerEvent) => LedgerEvent {
  const study = job.study;
  if (!study) return (e) => e;
  return (e) => ({ ...e, detail: { ...e.detail, studyId: study.studyId, participantId: study.participantId } });
}

export interface PageCursor {
  time: number;
  id: string;
}

export interface ReadScope {
  table: ExportTable;
  sites?: string[];
  /** Bounds on the rows' `time`, inclusive. */
  from?: number;
  to?: number;
}

/** Reads the ledger in pages; in the extension this is the export port to the background. */
export interface LedgerReader {
  plan(sites?: string[]): Promise<ExportPlan>;
  count(scope: ReadScope): Promise<number>;
  page<T extends ExportTable>(scope: ReadScope & { table: T; after: PageCursor | null; limit: number }): Promise<{ rows: ExportRows[T][]; done: boolean }>;
  prompts(ids: string[]): Promise<(PromptRecord | null)[]>;
  decisionsOf(promptIds: string[]): Promise<DecisionRecord[]>;
  policies(): Promise<PolicyVersionSummary[]>;
  /** Research mode's study consents: a few records, read whole like the policy summaries. */
  studyConsents(): Promise<StudyConsentRecord[]>;
}

export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
}

export interface StreamOptions {
  /** Rows per page (default 500). */
  pageSize?: number;
  /** Checked after every page: when it is set, the stream throws `ExportCancelled`. */
  signal?: { readonly aborted: boolean };
  /** Called once the total is known, and after every page with the rows read so far. */
  onProgress?: (done: number, total: number) => void;
  /** Called with the export's head (its `exportedAt` names the file). */
  onPlan?: (plan: ExportPlan) => void;
}

export const DEFAULT_PAGE_SIZE = 2000;
/** Prompts (site and text hash only) kept for the decisions that follow them. */
const PROMPT_CACHE = 5000;

// ---------------------------------------------------------------------------------------------
// The whole-document path (one LedgerExport in memory): the reference the stream must equal.

function mapped<T, U>(items: Iterable<T>, fn: (item: T) => U): Iterable<U> {
  return {
    *[Symbol.iterator]() {
      for (const item of items) yield fn(item);
    },
  };
}

/** The file of `job` from one LedgerExport: what the dashboard wrote before the export was streamed. */
export function documentChunks(doc: LedgerExport, job: ExportJob): Iterable<string> {
  if (job.study) doc = { ...doc, study: job.study };
  if (job.format === 'ledger') return [JSON.stringify(doc, null, 2)];
  const tag = studyTag(job);
  const anonymize = pseudonymizer(job.pseudonymize);
  const pseudonymize = (e: LedgerEvent) => tag(anonymize(e));
  const events = mapped(filterEvents(eventsOf(doc), job.filter), pseudonymize);
  switch (job.format) {
    case 'kantara':
      return kantaraReceipts(filterLedger(doc, job.filter), { piiPrincipalId: job.piiPrincipalId, siteLabel: siteLabeler(job.pseudonymize), keepUrls: job.pseudonymize.keepUrls });
    case 'dpv':
      return dpvRecords(filterLedger(doc, job.filter), { piiPrincipalId: job.piiPrincipalId, transform: pseudonymize });
    case 'jsonl':
      return jsonl(events);
    case 'csv':
      return csv(events);
    case 'csv-sites':
      return csvSites(events);
    case 'json':
      return jsonDocument(doc, events);
  }
}

// ---------------------------------------------------------------------------------------------
// The merge

interface Pending {
  t: string; // eventTime
  ms: number;
  group: number; // the record list in eventsOf's order
  time: number; // the record's time
  id: string;
  sub: number; // -1 for a prompt, then signal / submission index
  event: LedgerEvent;
}

function before(a: Pending, b: Pending): boolean {
  if (a.t !== b.t) return a.t < b.t;
  if (a.group !== b.group) return a.group < b.group;
  if (a.time !== b.time) return a.time < b.time;
  if (a.id !== b.id) return a.id < b.id;
  return a.sub < b.sub;
}

class Heap {
  private items: Pending[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Pending | undefined {
    return this.items[0];
  }
  push(item: Pending): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i] as Pending, a[parent] as Pending)) break;
      [a[i], a[parent]] = [a[parent] as Pending, a[i] as Pending];
      i = parent;
    }
  }
  pop(): Pending {
    const a = this.items;
    const top = a[0] as Pending;
    const last = a.pop() as Pending;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l] as Pending, a[m] as Pending)) m = l;
        if (r < a.length && before(a[r] as Pending, a[m] as Pending)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as Pending, a[i] as Pending];
        i = m;
      }
    }
    return top;
  }
}

const pending = (event: LedgerEvent, group: number, time: number, id: string, sub: number): Pending => ({
  t: event.eventTime,
  ms: Date.parse(event.eventTime),
  group,
  time,
  id,
  sub,
  event,
});

/** One table read in (time, id) order and turned into sortable events. */
interface Source {
  scope: ReadScope;
  /** Its events are at most this many ms before their row's time. */
  lead: number;
  toEvents(rows: never[]): Promise<Pending[]>;
}

interface Run {
  reader: LedgerReader;
  pageSize: number;
  signal?: { readonly aborted: boolean } | undefined;
  rowsRead: (n: number) => void;
}

function checkCancelled(run: Run): void {
  if (run.signal?.aborted) throw new ExportCancelled('export cancelled');
}

async function* merge(run: Run, sources: Source[], fixed: Pending[]): AsyncGenerator<LedgerEvent> {
  const heap = new Heap();
  for (const p of fixed) heap.push(p);
  type PageOf = { rows: { time: number; id: string }[]; done: boolean };
  const state = sources.map((source) => ({ source, after: null as PageCursor | null, done: false, bound: -Infinity, ahead: null as Promise<PageOf> | null }));
  const fetchPage = (s: (typeof state)[number]): Promise<PageOf> => {
    const p = run.reader.page({ ...s.source.scope, after: s.after, limit: run.pageSize }) as Promise<PageOf>;
    p.catch(() => undefined); // awaited below; this only keeps an unawaited prefetch from being "unhandled"
    return p;
  };
  for (;;) {
    let next: (typeof state)[number] | null = null;
    for (const s of state) if (!s.done && (next === null || s.bound < next.bound)) next = s;
    const bound = next ? next.bound : Infinity;
    while (heap.size && (heap.peek() as Pending).ms < bound) yield heap.pop().event;
    if (!next) break;
    const { rows, done } = await (next.ahead ?? fetchPage(next));
    next.ahead = null;
    checkCancelled(run);
    run.rowsRead(rows.length);
    const last = rows.at(-1);
    if (last) next.after = { time: last.time, id: last.id };
    next.done = done || !last;
    // Ask for this table's next page now, so the background reads it while this one is merged.
    if (!next.done) next.ahead = fetchPage(next);
    next.bound = next.done ? Infinity : (last as { time: number }).time - next.source.lead;
    for (const p of await next.source.toEvents(rows as never[])) heap.push(p);
    checkCancelled(run);
  }
  while (heap.size) yield heap.pop().event;
}

/** Prompts' site and text hash, most recent PROMPT_CACHE, then by id from the reader. */
function promptKeys(reader: LedgerReader) {
  const cache = new Map<string, Pick<PromptRecord, 'site' | 'textHash'>>();
  const remember = (p: PromptRecord) => {
    cache.set(p.id, { site: p.site, textHash: p.textHash });
    if (cache.size > PROMPT_CACHE) cache.delete(cache.keys().next().value as string);
  };
  const lookup = async (ids: string[]): Promise<Map<string, Pick<PromptRecord, 'site' | 'textHash'>>> => {
    const missing = [...new Set(ids.filter((id) => !cache.has(id)))];
    const found = new Map<string, Pick<PromptRecord, 'site' | 'textHash'>>();
    for (const id of ids) {
      const hit = cache.get(id);
      if (hit) found.set(id, hit);
    }
    if (missing.length) {
      const rows = await reader.prompts(missing);
      for (const p of rows) if (p) found.set(p.id, { site: p.site, textHash: p.textHash });
    }
    return found;
  };
  return { remember, lookup };
}

const widen = (f: ExportFilter, lead: { before: number; after: number }): { from?: number; to?: number } => ({
  ...(f.from !== undefined ? { from: f.from - lead.after } : {}),
  ...(f.to !== undefined ? { to: f.to + lead.before } : {}),
});
const exact = (f: ExportFilter): { from?: number; to?: number } => ({ ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) });

const wants = (f: ExportFilter, ...kinds: EventKind[]): boolean => !f.kinds || kinds.some((k) => f.kinds?.includes(k));

/**
 * The event view (`filterEvents(eventsOf(doc), filter)`), before pseudonymisation. Every event
 * still passes the filter here: the page bounds only narrow what is read.
 */
function eventSources(run: Run, plan: ExportPlan, f: ExportFilter): { sources: Source[]; policies: () => Promise<Pending[]> } {
  const sites = f.sites ? { sites: f.sites } : {};
  const prompts = promptKeys(run.reader);
  const sources: Source[] = [];
  if (wants(f, 'prompt-shown', 'consent-signal')) {
    sources.push({
      scope: { table: 'prompts', ...sites, ...widen(f, plan.leads.prompts) },
      lead: plan.leads.prompts.before,
      async toEvents(rows: PromptRecord[]) {
        const out: Pending[] = [];
        for (const p of rows) {
          prompts.remember(p);
          out.push(pending(promptEvent(p), 0, p.time, p.id, -1));
          for (const [i, s] of (p.signals ?? []).entries()) out.push(pending(signalEvent(p, s, i), 0, p.time, p.id, i));
        }
        return out;
      },
    });
  }
  if (wants(f, 'decision')) {
    sources.push({
      scope: { table: 'decisions', ...sites, ...exact(f) },
      lead: 0,
      async toEvents(rows: DecisionRecord[]) {
        const keys = await prompts.lookup(rows.map((d) => d.promptId));
        return rows.map((d) => pending(decisionEvent(d, keys.get(d.promptId)), 1, d.time, d.id, 0));
      },
    });
  }
  if (wants(f, 'permission-request')) {
    sources.push({
      scope: { table: 'permissions', ...sites, ...exact(f) },
      lead: 0,
      async toEvents(rows: ExportRows['permissions'][]) {
        return rows.map((r) => pending(permissionEvent(r), 2, r.time, r.id, 0));
      },
    });
  }
  if (wants(f, 'data-given')) {
    sources.push({
      scope: { table: 'forms', ...sites, ...widen(f, plan.leads.forms) },
      lead: plan.leads.forms.before,
      async toEvents(rows: ExportRows['forms'][]) {
        return rows.flatMap((form) => [...formEvents(form)].map((e, i) => pending(e, 3, form.time, form.id, i)));
      },
    });
  }
  if (wants(f, 'sign-in')) {
    sources.push({
      scope: { table: 'signIns', ...sites, ...widen(f, plan.leads.signIns) },
      lead: plan.leads.signIns.before,
      async toEvents(rows: ExportRows['signIns'][]) {
        return rows.map((s) => pending(signInEvent(s), 4, s.time, s.id, 0));
      },
    });
  }
  const policies = async (): Promise<Pending[]> => {
    const list = wants(f, 'policy-version') ? await run.reader.policies() : [];
    const studies = wants(f, 'decision') ? await run.reader.studyConsents() : [];
    run.rowsRead(list.length + studies.length);
    return [...list.map((p) => pending(policyEvent(p), 5, p.firstSeen, p.id, 0)), ...studies.map((r) => pending(studyConsentEvent(r), 6, r.time, r.id, 0))];
  };
  return { sources, policies };
}

async function* filtered(events: AsyncIterable<LedgerEvent>, f: ExportFilter): AsyncGenerator<LedgerEvent> {
  const keep = matcher(f);
  for await (const e of events) if (keep(e.site, Date.parse(e.eventTime), e.kind)) yield e;
}

/** Sums the counts of the sources (and the policy versions) for the progress bar. */
async function totalOf(run: Run, sources: Source[], policies: boolean): Promise<number> {
  let total = 0;
  for (const s of sources) total += await run.reader.count(s.scope);
  if (policies) total += (await run.reader.policies()).length;
  return total;
}

function startRun(reader: LedgerReader, options: StreamOptions): Run & { total: (n: number) => void } {
  let done = 0;
  let total = 0;
  return {
    reader,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    signal: options.signal,
    rowsRead(n) {
      done += n;
      options.onProgress?.(Math.min(done, total), total);
    },
    total(n) {
      total = n;
      options.onProgress?.(0, total);
    },
  };
}

/**
 * The events `job` previews (`previewOf` of the dashboard): filtered and pseudonymised, or, for the
 * `ledger` backup, every event as recorded.
 */
export async function* streamEvents(reader: LedgerReader, job: ExportJob, options: StreamOptions = {}): AsyncGenerator<LedgerEvent> {
  const backup = job.format === 'ledger';
  const f: ExportFilter = backup ? {} : job.filter;
  if (f.sites?.length === 0) return;
  const run = startRun(reader, options);
  const plan = await reader.plan(f.sites);
  options.onPlan?.(plan);
  const { sources, policies } = eventSources(run, plan, f);
  run.total(await totalOf(run, sources, wants(f, 'policy-version')));
  const events = filtered(merge(run, sources, await policies()), f);
  if (backup) {
    yield* events;
    return;
  }
  const pseudonymize = pseudonymizer(job.pseudonymize);
  for await (const e of events) yield pseudonymize(e);
}

/** The file of `job`, chunk by chunk, read page by page: the same bytes as `documentChunks`. */
export async function* streamChunks(reader: LedgerReader, job: ExportJob, options: StreamOptions = {}): AsyncGenerator<string> {
  if (job.format === 'ledger') {
    yield* backupChunks(reader, options, job.study);
    return;
  }
  if (job.format === 'kantara') {
    yield* kantaraChunks(reader, job, options);
    return;
  }
  if (job.format === 'dpv') {
    yield* dpvChunks(reader, job, options);
    return;
  }
  const tag = studyTag(job);
  const anonymize = pseudonymizer(job.pseudonymize);
  const pseudonymize = (e: LedgerEvent) => tag(anonymize(e));
  const f = job.filter;
  const run = startRun(reader, options);
  const plan = await reader.plan(f.sites?.length ? f.sites : undefined);
  options.onPlan?.(plan);
  const none = f.sites?.length === 0;
  const { sources, policies } = eventSources(run, plan, f);
  if (!none) run.total(await totalOf(run, sources, wants(f, 'policy-version')));
  const events = none ? (async function* () {})() : filtered(merge(run, sources, await policies()), f);
  switch (job.format) {
    case 'jsonl':
      for await (const e of events) yield `${JSON.stringify(pseudonymize(e))}\n`;
      return;
    case 'csv':
      yield csvHeader();
      for await (const e of events) yield csvEventRow(pseudonymize(e));
      return;
    case 'csv-sites': {
      const table = siteTable();
      for await (const e of events) table.add(pseudonymize(e));
      yield* table.chunks();
      return;
    }
    case 'json': {
      yield jsonDocumentHead({ format: 'consent-lens-ledger', schemaVersion: plan.schemaVersion, exportedAt: plan.exportedAt, generator: { name: 'ConsentLens', version: plan.version }, ...(job.study ? { study: job.study } : {}) });
      let first = true;
      for await (const e of events) {
        yield jsonDocumentEvent(pseudonymize(e), first);
        first = false;
      }
      yield JSON_DOCUMENT_END;
      return;
    }
  }
}

/** `JSON.stringify(ledgerExport, null, 2)`, one record per chunk. */
async function* backupChunks(reader: LedgerReader, options: StreamOptions, study?: StudyMetadata): AsyncGenerator<string> {
  const run = startRun(reader, options);
  const plan = await reader.plan();
  options.onPlan?.(plan);
  const tables: ExportTable[] = ['prompts', 'decisions', 'permissions', 'forms', 'signIns'];
  let total = 0;
  for (const table of tables) total += await reader.count({ table });
  const policies = await reader.policies();
  const studyConsents = await reader.studyConsents();
  run.total(total + policies.length + studyConsents.length);
  const head = { format: 'consent-lens-ledger', schemaVersion: plan.schemaVersion, exportedAt: plan.exportedAt, generator: { name: 'ConsentLens', version: plan.version } };
  yield JSON.stringify(head, null, 2).slice(0, -2); // without the closing "\n}"
  const element = (value: unknown, first: boolean) => `${first ? '' : ','}\n    ${JSON.stringify(value, null, 2).replaceAll('\n', '\n    ')}`;
  async function* array(name: string, rows: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<string> {
    let first = true;
    for await (const row of rows) {
      yield `${first ? `,\n  ${JSON.stringify(name)}: [` : ''}${element(row, first)}`;
      first = false;
    }
    yield first ? `,\n  ${JSON.stringify(name)}: []` : '\n  ]';
  }
  async function* rowsOf(table: ExportTable): AsyncGenerator<unknown> {
    let after: PageCursor | null = null;
    for (;;) {
      const { rows, done }: { rows: { time: number; id: string }[]; done: boolean } = await reader.page({ table, after, limit: run.pageSize });
      checkCancelled(run);
      run.rowsRead(rows.length);
      yield* rows;
      const last = rows.at(-1);
      if (done || !last) return;
      after = { time: last.time, id: last.id };
    }
  }
  yield* array('prompts', rowsOf('prompts'));
  yield* array('decisions', rowsOf('decisions'));
  yield* array('policies', policies);
  run.rowsRead(policies.length);
  yield* array('permissions', rowsOf('permissions'));
  yield* array('forms', rowsOf('forms'));
  yield* array('signIns', rowsOf('signIns'));
  yield* array('studyConsents', studyConsents);
  run.rowsRead(studyConsents.length);
  if (study) yield `,\n  "study": ${JSON.stringify(study, null, 2).replaceAll('\n', '\n  ')}`;
  yield '\n}';
}

/** The prompt as `filterLedger` keeps it for a kept decision: its consent signals filtered. */
function contextPrompt(p: PromptRecord, keep: ReturnType<typeof matcher>): PromptRecord {
  if (p.signals === undefined) return p;
  return { ...p, signals: p.signals.filter((s) => keep(p.site, s.time, 'consent-signal')) };
}

async function* kantaraChunks(reader: LedgerReader, job: ExportJob, options: StreamOptions): AsyncGenerator<string> {
  const f = job.filter;
  const keep = matcher(f);
  if (f.sites?.length === 0 || !wants(f, 'decision')) return;
  const run = startRun(reader, options);
  const plan = await reader.plan(f.sites);
  options.onPlan?.(plan);
  const scope: ReadScope = { table: 'decisions', ...(f.sites ? { sites: f.sites } : {}), ...exact(f) };
  run.total(await reader.count(scope));
  // filterLedger keeps, for a kept decision's site, the privacy policies first seen by the end of the range.
  const to = f.to ?? Infinity;
  const policies = (await reader.policies()).filter((p) => p.firstSeen <= to);
  const doc: LedgerExport = {
    format: 'consent-lens-ledger',
    schemaVersion: plan.schemaVersion,
    exportedAt: plan.exportedAt,
    generator: { name: 'ConsentLens', version: plan.version },
    prompts: [],
    decisions: [],
    policies,
    permissions: [],
    forms: [],
    signIns: [],
  };
  const receipt = { piiPrincipalId: job.piiPrincipalId, siteLabel: siteLabeler(job.pseudonymize), keepUrls: job.pseudonymize.keepUrls };
  let after: PageCursor | null = null;
  for (;;) {
    const { rows, done }: { rows: DecisionRecord[]; done: boolean } = await reader.page({ ...scope, table: 'decisions', after, limit: run.pageSize });
    checkCancelled(run);
    const kept = rows.filter((d) => keep(d.site, d.time, 'decision') && statusOfDecision(d) !== null);
    const ids = [...new Set(kept.map((d) => d.promptId))];
    const found = ids.length ? await reader.prompts(ids) : [];
    const byId = new Map(found.filter((p): p is PromptRecord => p !== null).map((p) => [p.id, contextPrompt(p, keep)]));
    for (const d of kept) yield `${JSON.stringify(kantaraReceiptOf(d, byId.get(d.promptId), doc, receipt))}\n`;
    run.rowsRead(rows.length);
    const last: DecisionRecord | undefined = rows.at(-1);
    if (done || !last) return;
    after = { time: last.time, id: last.id };
  }
}

/** `dpvRecords(filterLedger(doc, filter))`: only events with a consent status make records. */
async function* dpvChunks(reader: LedgerReader, job: ExportJob, options: StreamOptions): AsyncGenerator<string> {
  const f = job.filter;
  const keep = matcher(f);
  const pseudonymize = pseudonymizer(job.pseudonymize);
  // A prompt's notice version (as dpvRecords' set of prompt record keys): not a decision without its prompt, nor a study's consent.
  const isNotice = (raw: LedgerEvent) => raw.kind === 'prompt-shown' || raw.kind === 'consent-signal' || (raw.kind === 'decision' && raw.recordKey !== `${raw.site} decision` && !raw.eventId.startsWith('study-consent:'));
  const groups = dpvGroups({ piiPrincipalId: job.piiPrincipalId, transform: pseudonymize }, isNotice);
  if (f.sites?.length !== 0) {
    const run = startRun(reader, options);
    const plan = await reader.plan(f.sites);
    options.onPlan?.(plan);
    const sites = f.sites ? { sites: f.sites } : {};
    const prompts = promptKeys(reader);
    const sources: Source[] = [
      {
        // Not narrowed by date: a prompt out of range is kept when a kept decision answers it.
        scope: { table: 'prompts', ...sites },
        lead: plan.leads.prompts.before,
        async toEvents(rows: PromptRecord[]) {
          const views = rows.map((p) => ({ p: contextPrompt(p, keep), shown: keep(p.site, p.time, 'prompt-shown') }));
          const unsure = views.filter((x) => !x.shown && !x.p.signals?.length).map((x) => x.p.id);
          const context = new Set<string>();
          if (unsure.length && wants(f, 'decision')) {
            for (const d of await reader.decisionsOf(unsure)) if (keep(d.site, d.time, 'decision')) context.add(d.promptId);
          }
          const out: Pending[] = [];
          for (const { p, shown } of views) {
            if (!shown && !p.signals?.length && !context.has(p.id)) continue;
            prompts.remember(p);
            out.push(pending(promptEvent(p), 0, p.time, p.id, -1));
            for (const [i, s] of (p.signals ?? []).entries()) out.push(pending(signalEvent(p, s, i), 0, p.time, p.id, i));
          }
          return out;
        },
      },
    ];
    if (wants(f, 'decision')) {
      sources.push({
        scope: { table: 'decisions', ...sites, ...exact(f) },
        lead: 0,
        async toEvents(rows: DecisionRecord[]) {
          const kept = rows.filter((d) => keep(d.site, d.time, 'decision'));
          const keys = await prompts.lookup(kept.map((d) => d.promptId));
          return kept.map((d) => pending(decisionEvent(d, keys.get(d.promptId)), 1, d.time, d.id, 0));
        },
      });
    }
    if (wants(f, 'sign-in')) {
      sources.push({
        scope: { table: 'signIns', ...sites, ...widen(f, plan.leads.signIns) },
        lead: plan.leads.signIns.before,
        async toEvents(rows: ExportRows['signIns'][]) {
          return rows.filter((s) => keep(s.site, s.outcomeTime ?? s.time, 'sign-in')).map((s) => pending(signInEvent(s), 4, s.time, s.id, 0));
        },
      });
    }
    run.total(await totalOf(run, sources, false));
    // Permission requests, form submissions and policy versions carry no consent status: no record.
    // Study consents do (research mode): a few records, read whole.
    const studies = wants(f, 'decision') ? (await run.reader.studyConsents()).filter((r) => keep(studySite(r.studyId), r.time, 'decision')) : [];
    const extra = studies.map((r) => pending(studyConsentEvent(r), 6, r.time, r.id, 0));
    for await (const raw of merge(run, sources, extra)) groups.add(raw);
  }
  yield* groups.chunks();
}
