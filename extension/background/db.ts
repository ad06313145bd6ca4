/**
 * The ledger database. Only the background opens it for writing: it is the single writer.
 * Versions are append-only: never edit a released `version(n)`; add `version(n + 1)` with an
 * upgrade function, and a migration test from a populated fixture of the previous version.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { DecisionRecord, PromptRecord } from '../../src/model.ts';

export const DB_NAME = 'consent-lens';

export interface SettingRow {
  key: string;
  value: unknown;
}

export class LedgerDb extends Dexie {
  prompts!: EntityTable<PromptRecord, 'id'>;
  decisions!: EntityTable<DecisionRecord, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      prompts: 'id, site, time, [site+time]',
      decisions: 'id, promptId, site, time',
      settings: 'key',
    });
  }
}
