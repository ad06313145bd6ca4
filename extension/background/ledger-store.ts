/**
 * Reads and writes of the ledger. Writes are idempotent by record id, so a report retried after a
 * lost acknowledgement is stored once.
 */
import Dexie from 'dexie';
import { flagsFor, REFUSALS } from '../../src/ledger/flags-for.ts';
import type { ConsentSnapshotRecord, DecisionRecord, FlagRecord, PromptLayer, PromptRecord, Settings } from '../../src/model.ts';
import type { SiteStats } from '../../src/ledger/site-stats.ts';
import { DEFAULT_SETTINGS, givesConsent, MAX_LAYERS, MAX_SIGNALS } from '../../src/model.ts';
import type { LedgerEntry } from '../../src/protocol/messages.ts';
import { RecordError } from '../../src/ledger/records.ts';
import type { LedgerDb } from './db.ts';
import { promptTotal } from './site-stats.ts';

const SETTINGS_KEY = 'user';

/** Stores a prompt with its first flags and returns them; null when that id was already stored (a retry). */
export async function putPrompt(db: LedgerDb, record: PromptRecord): Promise<FlagRecord[] | null> {
  return db.transaction('rw', db.prompts, db.decisions, async () => {
    if (await db.prompts.get(record.id)) return null;
    const flags = flagsFor(record, [], await previousRefusal(db, record));
    await db.prompts.add({ ...record, flags });
    return flags;
  });
}

/**
 * The latest refusal on the prompt's site before it was shown (for F14): the site's decisions read
 * newest first from just before the prompt, stopping at the first refusal (not all of the site's).
 */
async function previousRefusal(db: LedgerDb, prompt: PromptRecord): Promise<DecisionRecord | null> {
  const found = await db.decisions
    .where('[site+time]')
    .between([prompt.site, Dexie.minKey], [prompt.site, prompt.time], true, false)
    .reverse()
    .filter((d) => REFUSALS.has(d.kind) && d.promptId !== prompt.id)
    .first();
  return found ?? null;
}

/**
 * Changes a stored prompt of `site` and re-evaluates its flags, in one transaction. Returns the
 * new flags, or null when no such prompt is stored for that site.
 */
export async function updatePrompt(
  db: LedgerDb,
  promptId: string,
  site: string,
  change: (prompt: PromptRecord) => Partial<PromptRecord> | null,
): Promise<FlagRecord[] | null> {
  return db.transaction('rw', db.prompts, db.decisions, async () => {
    const prompt = await db.prompts.get(promptId);
    if (!prompt || prompt.site !== site) return null;
    const patch = change(prompt);
    const next = { ...prompt, ...(patch ?? {}) };
    const decisions = await db.decisions.where('promptId').equals(promptId).toArray();
    next.flags = flagsFor(next, decisions, await previousRefusal(db, next));
    await db.prompts.put(next);
    return next.flags;
  });
}

export const addLayer = (db: LedgerDb, promptId: string, site: string, layer: PromptLayer) =>
  updatePrompt(db, promptId, site, (p) => (p.layers.length >= MAX_LAYERS ? null : { layers: [...p.layers, layer] }));

export const addSignal = (db: LedgerDb, promptId: string, site: string, snapshot: ConsentSnapshotRecord) =>
  updatePrompt(db, promptId, site, (p) => {
    const last = p.signals.at(-1);
    // The same value again (a CMP re-announcing, a second read) adds nothing.
    if (last && last.source === snapshot.source && last.raw === snapshot.raw && last.eventStatus === snapshot.eventStatus) return null;
    return { signals: [...p.signals, snapshot].slice(-MAX_SIGNALS) };
  });

export const setReopenControl = (db: LedgerDb, promptId: string, site: string, found: boolean) =>
  updatePrompt(db, promptId, site, () => ({ reopenControl: found }));

/**
 * Stores a decision and returns its prompt's new flags; null when that id was already stored (a
 * retry). A decision must answer a stored prompt of the same site: a page cannot attach decisions
 * to another site's prompt.
 */
export async function putDecision(db: LedgerDb, record: DecisionRecord): Promise<FlagRecord[] | null> {
  return db.transaction('rw', db.prompts, db.decisions, async () => {
    const prompt = await db.prompts.get(record.promptId);
    if (!prompt || prompt.site !== record.site) throw new RecordError('decision for an unknown prompt');
    if (await db.decisions.get(record.id)) return null;
    await db.decisions.add(record);
    const decisions = await db.decisions.where('promptId').equals(prompt.id).toArray();
    const flags = flagsFor(prompt, decisions, await previousRefusal(db, prompt));
    await db.prompts.put({ ...prompt, flags });
    return flags;
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

/**
 * A site's newest prompts with their decisions (the popup): no count of the rest (counting a
 * site's thousands of prompts is most of the cost), each prompt's decisions by its own key.
 */
export async function newestEntries(db: LedgerDb, site: string, limit: number): Promise<LedgerEntry[]> {
  return db.transaction('r', db.prompts, db.decisions, async () => {
    const prompts = await db.prompts.where('[site+time]').between([site, Dexie.minKey], [site, Dexie.maxKey]).reverse().limit(limit).toArray();
    const decisions = await Promise.all(prompts.map((p) => db.decisions.where('promptId').equals(p.id).sortBy('time')));
    return prompts.map((prompt, i) => ({ prompt, decisions: decisions[i] ?? [] }));
  });
}

/**
 * Newest first; by site when one is given (uses the [site+time] index). The total comes from the
 * per-site summaries (site-stats.ts promptTotal), not from counting rows, unless the summaries
 * cannot be built.
 */
export async function listEntries(
  db: LedgerDb,
  query: { offset: number; limit: number; site?: string | undefined },
): Promise<{ total: number; entries: LedgerEntry[] }> {
  // The summaries are (re)built on first use; when that cannot be written (storage full), count.
  const total = await promptTotal(db, query.site).catch(() =>
    query.site === undefined ? db.prompts.count() : db.prompts.where('[site+time]').between([query.site, Dexie.minKey], [query.site, Dexie.maxKey]).count(),
  );
  const entries = await db.transaction('r', db.prompts, db.decisions, async () => {
    const collection =
      query.site === undefined
        ? db.prompts.orderBy('time').reverse()
        : db.prompts
            .where('[site+time]')
            .between([query.site, Dexie.minKey], [query.site, Dexie.maxKey])
            .reverse();
    return withDecisions(db, await collection.offset(query.offset).limit(query.limit).toArray());
  });
  return { total, entries };
}

export async function deleteSite(db: LedgerDb, site: string) {
  return db.transaction('rw', [db.prompts, db.decisions, db.policies, db.policyLinks, db.permissions, db.forms, db.signIns, db.settings], async () => {
    const deletedPrompts = await db.prompts.where('site').equals(site).delete();
    const deletedDecisions = await db.decisions.where('site').equals(site).delete();
    await db.policies.where('site').equals(site).delete();
    await db.policyLinks.delete(site);
    await db.permissions.where('site').equals(site).delete();
    await db.forms.where('site').equals(site).delete();
    await db.signIns.where('site').equals(site).delete();
    await db.settings.delete(`expected:${site}`);
    return { deletedPrompts, deletedDecisions };
  });
}

export async function deleteAll(db: LedgerDb) {
  return db.transaction('rw', [db.prompts, db.decisions, db.policies, db.policyLinks, db.permissions, db.forms, db.signIns, db.table('extensions')], async () => {
    const deletedPrompts = await db.prompts.count();
    const deletedDecisions = await db.decisions.count();
    await db.prompts.clear();
    await db.decisions.clear();
    await db.policies.clear();
    await db.policyLinks.clear();
    await db.permissions.clear();
    await db.forms.clear();
    await db.signIns.clear();
    await db.table('extensions').clear();
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

/** How often the automatic deletion runs at most (it is triggered by page visits and settings changes). */
export const PURGE_EVERY_MS = 60 * 60 * 1000;
const PURGE_KEY = 'purge';

/**
 * Deletes every record older than `cutoff` (epoch ms): prompts, decisions, permission requests,
 * forms, sign-ins by their time; policy versions last seen before it. One transaction.
 */
export async function purgeOlderThan(db: LedgerDb, cutoff: number): Promise<number> {
  return db.transaction('rw', [db.prompts, db.decisions, db.permissions, db.forms, db.signIns, db.policies], async () => {
    let deleted = 0;
    deleted += await db.prompts.where('time').below(cutoff).delete();
    deleted += await db.decisions.where('time').below(cutoff).delete();
    deleted += await db.permissions.where('time').below(cutoff).delete();
    deleted += await db.forms.where('time').below(cutoff).delete();
    deleted += await db.signIns.where('time').below(cutoff).delete();
    deleted += await db.policies.filter((p) => p.lastSeen < cutoff).delete();
    return deleted;
  });
}

/** The person's automatic deletion, run at most once per PURGE_EVERY_MS (the last run is persisted). */
export async function purgeIfDue(db: LedgerDb, now: number, force = false): Promise<number> {
  const { retentionDays } = await getSettings(db);
  if (retentionDays === null) return 0;
  const last = ((await db.settings.get(PURGE_KEY))?.value as number | undefined) ?? 0;
  if (!force && now - last < PURGE_EVERY_MS) return 0;
  await db.settings.put({ key: PURGE_KEY, value: now });
  return purgeOlderThan(db, now - retentionDays * 24 * 60 * 60 * 1000);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A withdrawal the person asked for from the dashboard, kept until it happens (or a day passes). */
export const WITHDRAWAL_TTL_MS = 24 * 60 * 60 * 1000;
const withdrawalKey = (site: string) => `withdraw:${site}`;

export async function markWithdrawal(db: LedgerDb, site: string, since: number): Promise<void> {
  await db.settings.put({ key: withdrawalKey(site), value: { since } });
}

/** Whether a withdrawal is pending for the site at `now`. */
export async function withdrawalPending(db: LedgerDb, site: string, now: number): Promise<boolean> {
  const row = await db.settings.get(withdrawalKey(site));
  const since = (row?.value as { since?: unknown } | undefined)?.since;
  return typeof since === 'number' && now - since < WITHDRAWAL_TTL_MS;
}

export async function clearWithdrawal(db: LedgerDb, site: string): Promise<void> {
  await db.settings.delete(withdrawalKey(site));
}

/** The newest prompt's page for a site (where to go to withdraw), or null. */
export async function latestPromptUrl(db: LedgerDb, site: string): Promise<string | null> {
  const latest = await db.prompts.where('[site+time]').between([site, Dexie.minKey], [site, Dexie.maxKey]).last();
  return latest?.url ?? null;
}

/**
 * Per site, the latest decision when it gave consent and is older than `before`: from the per-site
 * summaries (site-stats.ts), then only those decisions are read.
 */
export async function consentsOlderThan(db: LedgerDb, before: number, stats: readonly SiteStats[]): Promise<{ site: string; decision: DecisionRecord }[]> {
  const due = stats.filter((s) => s.latestDecision?.gaveConsent && s.latestDecision.time < before);
  const decisions = await db.decisions.bulkGet(due.map((s) => s.latestDecision?.id as string));
  return due
    .map((s, i) => ({ site: s.site, decision: decisions[i] }))
    .filter((r): r is { site: string; decision: DecisionRecord } => r.decision !== undefined && givesConsent(r.decision))
    .sort((a, b) => a.decision.time - b.decision.time);
}
