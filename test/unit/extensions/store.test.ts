import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionHandlers, extensionsTable } from '../../../extension/background/extensions-store.ts';
import type { ExtensionInfo } from '../../../src/extensions/audit.ts';
import { extensionUiSchemas } from '../../../src/extensions/messages.ts';

let db: Dexie;
let clock: number;
let handlers: ReturnType<typeof extensionHandlers>;

beforeEach(() => {
  db = new Dexie('test-extensions', { indexedDB: new IDBFactory(), IDBKeyRange });
  db.version(1).stores({ extensions: 'id' });
  clock = 1_000;
  handlers = extensionHandlers(db, { now: () => clock, selfId: 'consentlens-self-id' });
});
afterEach(() => db.close());

const adblock: ExtensionInfo = {
  id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  name: 'Blocker',
  version: '1.2',
  enabled: true,
  installType: 'normal',
  type: 'extension',
  permissions: ['storage', 'declarativeNetRequest'],
  hostPermissions: [],
  mayDisable: true,
};
const notes: ExtensionInfo = {
  id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  name: 'Notes',
  version: '0.1',
  enabled: false,
  installType: 'development',
  type: 'extension',
  permissions: ['storage'],
  hostPermissions: ['https://notes.example/*'],
};

/** What the router does before calling a handler. */
const audit = (extensions: unknown[]) => handlers['extensions/audit'](v.parse(extensionUiSchemas['extensions/audit'], { extensions }));

describe('extensions audit in the ledger (fake-indexeddb)', () => {
  it('stores a snapshot, sorted by risk, leaving ConsentLens itself out', async () => {
    const self = { ...adblock, id: 'consentlens-self-id', name: 'ConsentLens', hostPermissions: ['<all_urls>'] };
    const { records } = await audit([notes, adblock, self]);
    expect(records.map((r) => [r.id, r.risk.score, r.risk.level])).toEqual([
      [notes.id, 25, 'medium'], // one site 15 + developer mode 10
      [adblock.id, 15, 'low'],
    ]);
    expect(await extensionsTable(db).count()).toBe(2);
    expect((await handlers['extensions/list']({})).records.map((r) => r.id)).toEqual([notes.id, adblock.id]);
  });

  it('a version bump that adds permissions is a history entry', async () => {
    await audit([adblock, notes]);
    clock = 2_000;
    const updated = { ...adblock, version: '1.3', permissions: [...adblock.permissions, 'tabs'], hostPermissions: ['<all_urls>'] };
    const { records } = await audit([updated, notes]);
    const stored = await extensionsTable(db).get(adblock.id);
    expect(stored).toMatchObject({
      version: '1.3',
      firstSeen: 1_000,
      lastSeen: 2_000,
      risk: { score: 75, level: 'high' }, // all websites 60 + block content 15 (tabs hidden by all websites)
      history: [{ time: 2_000, fromVersion: '1.2', toVersion: '1.3', added: ['tabs', '<all_urls>'], removed: [] }],
    });
    expect(records[0]?.id).toBe(adblock.id);
    expect((await extensionsTable(db).get(notes.id))?.history).toEqual([]);
  });

  it('keeps an uninstalled extension with removedAt, and clears it when it comes back', async () => {
    await audit([adblock, notes]);
    clock = 2_000;
    const { records } = await audit([adblock]);
    expect(records.map((r) => [r.id, r.removedAt])).toEqual([
      [adblock.id, undefined],
      [notes.id, 2_000],
    ]);
    clock = 3_000;
    await audit([]);
    expect((await extensionsTable(db).get(notes.id))?.removedAt).toBe(2_000); // the first audit that missed it
    clock = 4_000;
    await audit([{ ...notes, version: '0.2', permissions: ['storage', 'bookmarks'] }]);
    const back = await extensionsTable(db).get(notes.id);
    expect(back?.removedAt).toBeUndefined();
    expect(back?.history).toEqual([{ time: 4_000, fromVersion: '0.1', toVersion: '0.2', added: ['bookmarks'], removed: [] }]);
  });

  it('the schema refuses what the page never sends', () => {
    const parse = (payload: unknown) => v.safeParse(extensionUiSchemas['extensions/audit'], payload).success;
    expect(parse({ extensions: [adblock] })).toBe(true);
    expect(parse({ extensions: [{ ...adblock, installType: 'store' }] })).toBe(false);
    expect(parse({ extensions: [{ ...adblock, extra: 1 }] })).toBe(false);
    expect(parse({ extensions: [{ ...adblock, name: 'x'.repeat(513) }] })).toBe(false);
    expect(parse({ extensions: [{ ...adblock, hostPermissions: Array.from({ length: 1025 }, () => '<all_urls>') }] })).toBe(false);
    expect(parse({ extensions: Array.from({ length: 501 }, (_, i) => ({ ...adblock, id: `id-${i}` })) })).toBe(false);
    expect(parse({ extensions: [], more: true })).toBe(false);
    expect(v.safeParse(extensionUiSchemas['extensions/list'], {}).success).toBe(true);
    expect(v.safeParse(extensionUiSchemas['extensions/list'], { x: 1 }).success).toBe(false);
  });
});
