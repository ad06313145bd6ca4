/**
 * Reads and writes of the ledger. Writes are idempotent by record id, so a report retried after a
 * lost acknowledgement is stored once.
 */
import Dexie from 'dexie';
import type { DecisionRecord, PromptRecord, Settings } from '../../src/model.ts';
import { DEFAULT_SETTINGS } from '../../src/model.ts';
import type { LedgerEntry } from '../../src/protocol/messages.ts';
import { RecordError } from '../../src/ledger/records.ts';
import type { LedgerDb } from './db.ts';

const SETTINGS_KEY = 'user';

/** Stores a prompt; returns false when that id was already stored (a retry). */
export async function putPrompt(db: LedgerDb, record: PromptRecord): Promise<boolean> {
  return db.transaction('rw', db.prompts, async () => {
    if (await db.prompts.get(record.id)) return false;
    await db.prompts.add(record);
    return true;
  });
}

/**
 * Stores a decision; returns false when that id was already stored (a retry). A decision must
 * answer a stored prompt of the same site: a page cannot attach decisions to another site's prompt.
 */
export async function putDecision(db: LedgerDb, record: DecisionRecord): Promise<boolean> {
  return db.transaction('rw', db.prompts, db.decisions, async () => {
    const prompt = await db.prompts.get(record.promptId);
    if (!prompt || prompt.site !== record.site) throw new RecordError('decision for an unknown prompt');
    if (await db.decisions.get(record.id)) return false;
    await db.decisions.add(record);
    return true;
  });
}

async function withDecisions(db: LedgerDb, prompts: PromptRecord[]): Promise<LedgerEntry[]> {
  const decisions = await db.decisions
    .where('promptId')
    .anyOf(prompts.map((p) => p.id))
    .toArray();
  const byPrompt = new Map<string, DecisionRecord[]>();
  for (const d of decisions.sort((a, b) => a.time - b.time)) {
    const list = byPrompt.get(d.promptId) ?? [];
    list.push(d);
    byPrompt.set(d.promptId, list);
  }
  return prompts.map((prompt) => ({ prompt, decisions: byPrompt.get(prompt.id) ?? [] }));
}

/** Newest first; by site when one is given (uses the [site+time] index). */
export async function listEntries(
  db: LedgerDb,
  query: { offset: number; limit: number; site?: string | undefined },
): Promise<{ total: number; entries: LedgerEntry[] }> {
  return db.transaction('r', db.prompts, db.decisions, async () => {
    const collection =
      query.site === undefined
        ? db.prompts.orderBy('time').reverse()
        : db.prompts
            .where('[site+time]')
            .between([query.site, Dexie.minKey], [query.site, Dexie.maxKey])
            .reverse();
    const total = await collection.clone().count();
    const prompts = await collection.offset(query.offset).limit(query.limit).toArray();
    return { total, entries: await withDecisions(db, prompts) };
  });
}

export async function deleteSite(db: LedgerDb, site: string) {
  return db.transaction('rw', db.prompts, db.decisions, async () => {
    const deletedPrompts = await db.prompts.where('site').equals(site).delete();
    const deletedDecisions = await db.decisions.where('site').equals(site).delete();
    return { deletedPrompts, deletedDecisions };
  });
}

export async function deleteAll(db: LedgerDb) {
  return db.transaction('rw', db.prompts, db.decisions, async () => {
    const deletedPrompts = await db.prompts.count();
    const deletedDecisions = await db.decisions.count();
    await db.prompts.clear();
    await db.decisions.clear();
    return { deletedPrompts, deletedDecisions };
  });
}

export async function allRecords(db: LedgerDb) {
  return db.transaction('r', db.prompts, db.decisions, async () => ({
    prompts: await db.prompts.orderBy('time').toArray(),
    decisions: await db.decisions.orderBy('time').toArray(),
  }));
}

export async function getSettings(db: LedgerDb): Promise<Settings> {
  const row = await db.settings.get(SETTINGS_KEY);
  const stored = (row?.value ?? {}) as Partial<Settings>;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function updateSettings(db: LedgerDb, change: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const next = { ...(await getSettings(db)), ...stripUndefined(change) };
    await db.settings.put({ key: SETTINGS_KEY, value: next });
    return next;
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
