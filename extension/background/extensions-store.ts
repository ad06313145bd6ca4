/**
 * The installed-extensions audit in the ledger database (background only: the single writer).
 * Table `extensions`, primary key `id`: one ExtensionRecord per extension ever audited.
 *
 * An extension missing from a later audit is kept, with `removedAt` (the first audit that did not
 * find it), so its history of permission increases survives an uninstall; if it comes back, the
 * next audit clears `removedAt` and records any change of permissions since. Deleting these records
 * is part of "delete all" only if the ledger's delete-all includes this table.
 */
import type Dexie from 'dexie';
import { compareRecords, mergeSnapshot, type ExtensionInfo, type ExtensionRecord } from '../../src/extensions/audit.ts';
import type { ExtensionUiResponses } from '../../src/extensions/messages.ts';

export const extensionsTable = (db: Dexie) => db.table<ExtensionRecord, string>('extensions');

export async function listExtensions(db: Dexie): Promise<ExtensionRecord[]> {
  return (await extensionsTable(db).toArray()).sort(compareRecords);
}

/** Merges one `management.getAll()` snapshot into the stored records; answers all records, sorted. */
export async function auditExtensions(db: Dexie, infos: readonly ExtensionInfo[], now: number, selfId?: string): Promise<ExtensionRecord[]> {
  const table = extensionsTable(db);
  return db.transaction('rw', table, async () => {
    const stored = new Map((await table.toArray()).map((r) => [r.id, r]));
    const seen = new Set<string>();
    const changed: ExtensionRecord[] = [];
    for (const info of infos) {
      if (info.id === selfId || seen.has(info.id)) continue;
      seen.add(info.id);
      const record = mergeSnapshot(stored.get(info.id), info, now);
      stored.set(record.id, record);
      changed.push(record);
    }
    for (const record of stored.values()) {
      if (seen.has(record.id) || record.removedAt !== undefined) continue;
      const gone = { ...record, removedAt: now };
      stored.set(record.id, gone);
      changed.push(gone);
    }
    await table.bulkPut(changed);
    return [...stored.values()].sort(compareRecords);
  });
}

export interface ExtensionHandlerOptions {
  /** Milliseconds since the epoch (the handlers' clock). */
  now?: () => number;
  /** ConsentLens's own id: never audited, even if a snapshot includes it. */
  selfId?: string;
}

export function extensionHandlers(db: Dexie, options: ExtensionHandlerOptions = {}) {
  const now = options.now ?? (() => Date.now());
  return {
    async 'extensions/audit'(payload: { extensions: ExtensionInfo[] }): Promise<ExtensionUiResponses['extensions/audit']> {
      return { records: await auditExtensions(db, payload.extensions, now(), options.selfId) };
    },
    async 'extensions/list'(_payload?: unknown): Promise<ExtensionUiResponses['extensions/list']> {
      return { records: await listExtensions(db) };
    },
  };
}
