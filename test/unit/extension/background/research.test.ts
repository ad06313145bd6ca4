/** Research mode through the router, on fake-indexeddb: load, join, leave (delete / keep), export reminder, senders. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerDb } from '../../../../extension/background/db.ts';
import { contentHandlers, uiHandlers, type HandlerDeps } from '../../../../extension/background/handlers.ts';
import { createRouter } from '../../../../extension/background/router.ts';
import { eventsOf } from '../../../../src/ledger/event-stream.ts';
import type { LedgerExport, ResearchState } from '../../../../src/protocol/messages.ts';
import { DAY_MS } from '../../../../src/research/study.ts';
import { sha256Hex } from '../../../../src/text.ts';

const EXT = 'chrome-extension://extid';
const dashboard = { id: 'extid', url: `${EXT}/extension/ui/dashboard/index.html` };
const webPage = { id: 'extid', url: 'https://evil.example/', frameId: 0, tab: { id: 1, url: 'https://evil.example/' } };
const studyText = readFileSync(resolve(import.meta.dirname, '../../../../docs/examples/study.json'), 'utf8');
const example = JSON.parse(studyText) as { studyId: string; consent: { text: string; version: string } };
const HASH = sha256Hex(example.consent.text);
const JOINED = Date.parse('2026-11-10T09:00:00Z');
const HOUR = 60 * 60 * 1000;

let db: LedgerDb;
let route: ReturnType<typeof createRouter>;
let clock: number;
let ids: number;
let failIds: boolean;
let changes: (string | null)[];
const originalRandomUUID = globalThis.crypto.randomUUID.bind(globalThis.crypto);

beforeEach(() => {
  db = new LedgerDb('research-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  clock = JOINED;
  ids = 0;
  failIds = false;
  changes = [];
  const deps: HandlerDeps = {
    db,
    version: '9.9.9',
    changed: (site) => void changes.push(site),
    now: () => new Date(clock),
    badge: () => undefined,
    openTab: async () => undefined,
    frames: { inject: async () => undefined, send: async () => undefined, runInMainWorld: async () => undefined, later: () => undefined },
    readPolicy: async () => {
      throw new Error('not here');
    },
    injectScript: async () => undefined,
    fetchPage: async () => {
      throw new Error('not here');
    },
  };
  const ui = uiHandlers(deps);
  // Record ids come from crypto.randomUUID in the handlers; count them here instead so a test can make one fail.
  globalThis.crypto.randomUUID = () => {
    if (failIds) throw new Error('no more ids');
    ids++;
    return originalRandomUUID();
  };
  route = createRouter({ extensionId: 'extid', extensionOrigin: EXT }, contentHandlers(deps), ui);
});
afterEach(() => {
  globalThis.crypto.randomUUID = originalRandomUUID;
  db.close();
});

const ok = <T,>(reply: unknown): T => {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { data: T }).data;
};
const ask = <T,>(type: string, payload: unknown, sender: object = dashboard) => route({ type, payload }, sender).then((r) => ok<T>(r));

async function loadAndJoin(text = studyText, enteredId = 'P-017') {
  const loaded = await ask<{ ok: boolean; consentTextHash: string }>('research/load', { text });
  expect(loaded.ok).toBe(true);
  const studyId = (JSON.parse(text) as { studyId: string }).studyId;
  return ask<{ participantId: string }>('research/join', { studyId, consentTextHash: loaded.consentTextHash, enteredId });
}

/** A little of everything, before the study (kept) and during it. */
async function seed() {
  const prompt = (id: string, time: number, signals: number[] = []) => ({
    id, site: 'a.example', url: 'https://a.example/', frame: 'top', kind: 'cookie-banner', detector: 'generic', cmp: null, language: 'en', text: 'Cookies', textHash: 'a'.repeat(64), actions: [], time,
    facts: { toggles: [], blocksPage: false, policyLink: false }, layers: [], reopenControl: null, flags: [],
    signals: signals.map((t) => ({ source: 'tcf', time: t, purposeConsents: [1], purposeLegitimateInterests: [], specialFeatureOptins: [], vendorConsents: 0, grantedCategories: [] })),
  });
  const decision = (id: string, promptId: string, time: number) => ({ id, promptId, site: 'a.example', kind: 'accept-all', role: 'accept-all', label: 'OK', indicatedBy: 'user', time });
  await db.table('prompts').bulkAdd([prompt('prompt-before', JOINED - HOUR, [JOINED - HOUR, JOINED + HOUR]), prompt('prompt-during', JOINED + HOUR)]);
  await db.table('decisions').bulkAdd([
    decision('decision-before', 'prompt-before', JOINED - HOUR),
    decision('decision-during', 'prompt-before', JOINED + 2 * HOUR),
    decision('decision-on-during', 'prompt-during', JOINED + HOUR),
  ]);
  await db.table('permissions').bulkAdd([
    { id: 'permission-before', site: 'a.example', time: JOINED - HOUR, flags: [] },
    { id: 'permission-during', site: 'a.example', time: JOINED + HOUR, flags: [] },
  ]);
  // Kinds the example study does not include: never touched.
  await db.table('forms').add({ id: 'form-during', site: 'a.example', time: JOINED + HOUR, submissions: [{ time: JOINED + HOUR, categories: ['email'] }], flags: [] });
  await db.table('signIns').add({ id: 'signin-during', site: 'a.example', time: JOINED + HOUR, outcome: 'granted', outcomeTime: null, scopes: [], sensitive: [] });
  await db.table('policies').add({ id: `a.example privacy ${'c'.repeat(64)}`, site: 'a.example', kind: 'privacy', hash: 'c'.repeat(64), firstSeen: JOINED + HOUR, lastSeen: JOINED + HOUR });
  await db.settings.put({ key: 'user', value: { recording: true } });
}

async function snapshot() {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

describe('research/load', () => {
  it('keeps a valid study as pending and answers errors with paths for a broken one', async () => {
    const bad = await ask<{ ok: false; errors: { path: string; message: string }[] }>('research/load', { text: studyText.replace('"decision"', '"decisoin"') });
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toMatchObject({ path: 'include.kinds[1]' });
    expect(await db.studies.count()).toBe(0);

    const loaded = await ask<{ ok: true; consentTextHash: string }>('research/load', { text: studyText });
    expect(loaded).toMatchObject({ ok: true, consentTextHash: HASH, study: { studyId: example.studyId } });
    expect(await ask<ResearchState>('research/get', {})).toMatchObject({ state: 'pending', consentTextHash: HASH });
    expect(await db.studyConsents.count()).toBe(0); // loading is not consenting
  });

  it('"Not now" forgets the pending study', async () => {
    await ask('research/load', { text: studyText });
    expect(await ask('research/discard', { studyId: example.studyId })).toEqual({ discarded: true });
    expect(await ask('research/get', {})).toEqual({ state: 'none' });
  });
});

describe('research/join', () => {
  it('records the participant\'s consent in the ledger and makes the study active', async () => {
    expect(await loadAndJoin()).toEqual({ participantId: 'P-017' });
    const consents = await db.studyConsents.toArray();
    expect(consents).toEqual([
      { id: expect.any(String), studyId: example.studyId, participantId: 'P-017', action: 'joined', consentVersion: example.consent.version, consentTextHash: HASH, dataDeleted: null, time: JOINED },
    ]);
    expect(changes).toContain(null);
    const state = await ask<ResearchState>('research/get', {});
    expect(state).toMatchObject({ state: 'active', participation: { participantId: 'P-017', joinedAt: JOINED, leftAt: null, lastExportAt: null }, nextReminderAt: JOINED + 14 * DAY_MS, reminderDue: false });
    // In the ledger export and its event stream as the person's own consent.
    const doc = await ask<LedgerExport>('ledger/export', {});
    expect(doc.schemaVersion).toBe(5);
    expect(doc.studyConsents).toHaveLength(1);
    expect([...eventsOf(doc)]).toEqual([expect.objectContaining({ kind: 'decision', site: `study:${example.studyId}`, dpvStatus: 'dpv:ConsentGiven', indicatedBy: 'data-subject' })]);
  });

  it('refuses an id of the wrong form, a consent text other than the one stored, and a second study while one is active', async () => {
    await ask('research/load', { text: studyText });
    expect(await route({ type: 'research/join', payload: { studyId: example.studyId, consentTextHash: HASH, enteredId: 'someone' } }, dashboard)).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: /form the study expects/u } });
    expect(await route({ type: 'research/join', payload: { studyId: example.studyId, consentTextHash: 'f'.repeat(64), enteredId: 'P-017' } }, dashboard)).toMatchObject({ ok: false, error: { message: /consent text changed/u } });
    expect(await db.studyConsents.count()).toBe(0);
    await ask('research/join', { studyId: example.studyId, consentTextHash: HASH, enteredId: 'P-017' });
    const other = await ask<{ ok: boolean; errors: { message: string }[] }>('research/load', { text: studyText.replace('cookie-choices-2026', 'another-study') });
    expect(other).toMatchObject({ ok: false, errors: [{ message: /leave it before loading another/u }] });
  });

  it('is refused from a web page (only ConsentLens\'s own pages), and nothing is recorded', async () => {
    await ask('research/load', { text: studyText });
    for (const [type, payload] of [
      ['research/load', { text: studyText }],
      ['research/join', { studyId: example.studyId, consentTextHash: HASH, enteredId: 'P-017' }],
      ['research/leave', { studyId: example.studyId, confirm: true }],
      ['research/exported', { studyId: example.studyId }],
      ['research/get', {}],
    ] as const) {
      expect(await route({ type, payload }, webPage)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await db.studyConsents.count()).toBe(0);
    expect((await db.studies.get(example.studyId))?.status).toBe('pending');
  });
});

describe('research/leave', () => {
  it('with onLeave "delete-study-data": deletes the study\'s kinds from the participation window and nothing else, and records the withdrawal', async () => {
    await loadAndJoin();
    await seed();
    const before = await snapshot();
    clock = JOINED + DAY_MS;
    const result = await ask<{ dataDeleted: boolean; deleted: Record<string, number> }>('research/leave', { studyId: example.studyId, confirm: true });
    expect(result).toEqual({ dataDeleted: true, deleted: { 'prompt-shown': 1, decisionsOfPrompts: 1, decision: 1, 'consent-signal': 1, 'permission-request': 1 } });

    expect((await db.prompts.toArray()).map((p) => [p.id, p.signals.map((s) => s.time)])).toEqual([['prompt-before', [JOINED - HOUR]]]);
    expect((await db.decisions.toArray()).map((d) => d.id)).toEqual(['decision-before']);
    expect((await db.permissions.toArray()).map((p) => p.id)).toEqual(['permission-before']);
    // Not in the study's kinds: unchanged, as are settings.
    for (const table of ['forms', 'signIns', 'policies', 'settings', 'policyLinks', 'extensions']) expect(await db.table(table).toArray(), table).toEqual(before[table]);
    // The consent records stay: joined, then left.
    expect((await db.studyConsents.orderBy('time').toArray()).map((c) => [c.action, c.dataDeleted, c.time])).toEqual([
      ['joined', null, JOINED],
      ['left', true, JOINED + DAY_MS],
    ]);
    expect(await db.studies.get(example.studyId)).toMatchObject({ status: 'left', leftAt: JOINED + DAY_MS, participantId: 'P-017' });
    expect(await ask('research/get', {})).toEqual({ state: 'none' });
    const doc = await ask<LedgerExport>('ledger/export', {});
    expect([...eventsOf(doc)].filter((e) => e.site.startsWith('study:')).map((e) => e.dpvStatus)).toEqual(['dpv:ConsentGiven', 'dpv:ConsentWithdrawn']);
  });

  it('is one transaction: when it fails at the last write, nothing is deleted and the study stays active', async () => {
    await loadAndJoin();
    await seed();
    const before = await snapshot();
    clock = JOINED + DAY_MS;
    failIds = true; // the "left" record cannot get an id: after the deletions, before the commit
    expect(await route({ type: 'research/leave', payload: { studyId: example.studyId, confirm: true } }, dashboard)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await snapshot()).toEqual(before);
  });

  it('with onLeave "keep": records the withdrawal and keeps every record', async () => {
    await loadAndJoin(studyText.replace('"delete-study-data"', '"keep"'));
    await seed();
    const before = await snapshot();
    clock = JOINED + DAY_MS;
    expect(await ask('research/leave', { studyId: example.studyId, confirm: true })).toEqual({ dataDeleted: false, deleted: {} });
    const after = await snapshot();
    for (const table of ['prompts', 'decisions', 'permissions', 'forms', 'signIns', 'policies', 'settings']) expect(after[table], table).toEqual(before[table]);
    expect((await db.studyConsents.orderBy('time').toArray()).map((c) => [c.action, c.dataDeleted])).toEqual([
      ['joined', null],
      ['left', false],
    ]);
  });

  it('needs an explicit confirm and an active study', async () => {
    await ask('research/load', { text: studyText });
    expect(await route({ type: 'research/leave', payload: { studyId: example.studyId } }, dashboard)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await route({ type: 'research/leave', payload: { studyId: example.studyId, confirm: true } }, dashboard)).toMatchObject({ ok: false, error: { message: /not taking part/u } });
  });
});

describe('research/exported and the reminder', () => {
  it('the reminder falls due after exportReminderDays and an export resets it', async () => {
    await loadAndJoin();
    clock = JOINED + 14 * DAY_MS - 1;
    expect(await ask('research/get', {})).toMatchObject({ reminderDue: false });
    clock = JOINED + 14 * DAY_MS;
    expect(await ask('research/get', {})).toMatchObject({ reminderDue: true });
    expect(await ask('research/exported', { studyId: example.studyId })).toEqual({ lastExportAt: clock });
    expect(await ask('research/get', {})).toMatchObject({ reminderDue: false, nextReminderAt: clock + 14 * DAY_MS, participation: { lastExportAt: clock } });
    expect(ids).toBe(1); // only the "joined" record needed an id
  });
});
