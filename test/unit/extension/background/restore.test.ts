/**
 * Backup / restore of the whole ledger (extension/background/restore.ts) on fake-indexeddb: the
 * lossless round trip through the real `ledger/export` handler, merge semantics, refusals that
 * leave every table untouched, fuzzing (truncated and mutated backups), and a failure injected in
 * the middle of the write transaction.
 *
 * Policy versions are not restored (a backup holds only their summaries): the round trip compares
 * every exported array except `policies` (and `exportedAt`), and checks the policies table itself
 * is left as it was.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerDb } from '../../../../extension/background/db.ts';
import { uiHandlers, type HandlerDeps } from '../../../../extension/background/handlers.ts';
import { RESTORED_TABLES, restoreLedger, type RestoreResult } from '../../../../extension/background/restore.ts';
import { deleteAll } from '../../../../extension/background/ledger-store.ts';
import { parseLedgerExport } from '../../../../src/ledger/import.ts';
import { MAX_RESTORE_CHARS, type LedgerExport } from '../../../../src/protocol/messages.ts';
import type { PolicyVersionRecord } from '../../../../src/policy/record.ts';
import type { DecisionRecord, PromptRecord } from '../../../../src/model.ts';
import { buildExport, POLICY } from '../../ledger/ledger-export-fixture.ts';

const T = 1_767_225_600_000;
const opened: LedgerDb[] = [];
let counter = 0;

function freshDb(): LedgerDb {
  const db = new LedgerDb(`restore-test-${counter++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function exportOf(db: LedgerDb): Promise<LedgerExport> {
  const deps: HandlerDeps = {
    db,
    version: '9.9.9',
    changed: () => undefined,
    now: () => new Date(T + 900_000),
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
  return uiHandlers(deps)['ledger/export']({});
}

/** A full ledger: the shared fixture's records plus a withdrawal, a full policy version, settings, links. */
async function populate(db: LedgerDb): Promise<void> {
  const doc = buildExport();
  const p4: PromptRecord = { ...doc.prompts[0]!, id: 'prompt-uk-000004', time: T + 700_000, flags: [], signals: [] };
  const withdrawn: DecisionRecord = {
    id: 'decision-000005',
    promptId: p4.id,
    site: p4.site,
    kind: 'withdrawn',
    role: 'reject-all',
    label: 'Reject all',
    indicatedBy: 'user',
    time: T + 701_000,
  };
  const policy: PolicyVersionRecord = { ...POLICY, lang: 'en', text: 'We collect your email.', sentences: [[0, 22]], analysis: { lang: 'en' } as never, acknowledged: true };
  await db.prompts.bulkAdd([...doc.prompts, p4]);
  await db.decisions.bulkAdd([...doc.decisions, withdrawn]);
  await db.permissions.bulkAdd(doc.permissions);
  await db.forms.bulkAdd(doc.forms);
  await db.signIns.bulkAdd(doc.signIns.map((s) => ({ ...s, state: 'xyz' })));
  await db.policies.add(policy);
  await db.policyLinks.add({ site: 'example.co.uk', links: [] } as never);
  await db.settings.add({ key: 'settings', value: { recording: true } });
}

/** Every row of every table, in primary-key order: compared before and after a refused restore. */
async function snapshot(db: LedgerDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

async function backupText(): Promise<{ text: string; original: LedgerExport; source: LedgerDb }> {
  const source = freshDb();
  await populate(source);
  const original = await exportOf(source);
  return { text: JSON.stringify(original, null, 2), original, source };
}

const withoutVolatile = ({ exportedAt: _e, policies: _p, ...rest }: LedgerExport) => rest;

function expectOk(result: RestoreResult): Extract<RestoreResult, { ok: true }> {
  if (!result.ok) throw new Error(`restore refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result;
}

describe('restoreLedger: round trip', () => {
  it('export -> delete everything -> restore (replace) -> export gives the same ledger (except exportedAt and policies)', async () => {
    const { text, original, source } = await backupText();
    // The fixture covers what the brief asks for.
    expect(original.prompts.some((p) => p.signals.length > 0 && p.flags.length > 0)).toBe(true);
    expect(new Set(original.decisions.map((d) => d.kind))).toEqual(new Set(['reject-all', 'accept-all', 'custom', 'withdrawn']));
    expect(original.decisions.some((d) => d.autoconsent !== undefined)).toBe(true);
    expect(original.forms[0]!.submissions.length).toBeGreaterThan(0);
    expect(original.signIns).toHaveLength(1);
    expect(original.permissions).toHaveLength(1);
    expect(original.policies).toHaveLength(1);

    const rowsBefore = await snapshot(source);
    await deleteAll(source);
    expect(await source.prompts.count()).toBe(0);

    const result = expectOk(await restoreLedger(source, text, 'replace'));
    expect(result.added).toEqual({ prompts: 4, decisions: 5, permissions: 1, forms: 1, signIns: 1, studyConsents: 0 });
    expect(result.warnings).toEqual([expect.stringMatching(/^1 policy version\(s\) not restored/u)]);

    const again = await exportOf(source);
    expect(withoutVolatile(again)).toStrictEqual(withoutVolatile(original));
    expect(again.policies).toEqual([]); // deleteAll removed the policy text; a backup cannot bring it back
    // Rows themselves, not only their export: identical, except the sign-in's state (never exported).
    const rowsAfter = await snapshot(source);
    for (const name of ['prompts', 'decisions', 'permissions', 'forms'] as const) expect(rowsAfter[name]).toStrictEqual(rowsBefore[name]);
    expect(rowsAfter['signIns']).toStrictEqual(rowsBefore['signIns']!.map((s) => ({ ...(s as object), state: null })));
  });

  it('replace empties the record tables first, and leaves policies, policy links and settings alone', async () => {
    const { text } = await backupText();
    const db = freshDb();
    await populate(db);
    await db.prompts.add({ ...buildExport().prompts[0]!, id: 'prompt-only-here-1' });
    await db.forms.update('form-000000001', { submissions: [] });
    const before = await snapshot(db);
    const result = expectOk(await restoreLedger(db, text, 'replace'));
    expect(result.added['prompts']).toBe(4);
    expect(await db.prompts.get('prompt-only-here-1')).toBeUndefined();
    expect((await db.forms.get('form-000000001'))!.submissions).toHaveLength(1);
    const after = await snapshot(db);
    for (const name of ['policies', 'policyLinks', 'settings', 'extensions']) expect(after[name]).toStrictEqual(before[name]);
  });
});

describe('restoreLedger: merge', () => {
  it('adds only the ids not present and never overwrites an existing row', async () => {
    const { text, original } = await backupText();
    const db = freshDb();
    const mine: PromptRecord = { ...original.prompts[0]!, text: 'my own copy, edited' };
    const extra = { ...original.prompts[1]!, id: 'prompt-only-here-1' };
    await db.prompts.bulkAdd([mine, extra]);
    await db.decisions.add({ ...original.decisions[0]!, label: 'kept label' });
    await db.forms.add({ ...original.forms[0]!, submissions: [] });

    const result = expectOk(await restoreLedger(db, text, 'merge'));
    expect(result.added).toEqual({ prompts: 3, decisions: 4, permissions: 1, forms: 0, signIns: 1, studyConsents: 0 });
    expect(await db.prompts.count()).toBe(5);
    expect((await db.prompts.get(mine.id))!.text).toBe('my own copy, edited');
    expect(await db.prompts.get('prompt-only-here-1')).toStrictEqual(extra);
    expect((await db.decisions.get(original.decisions[0]!.id))!.label).toBe('kept label');
    expect((await db.forms.get(original.forms[0]!.id))!.submissions).toEqual([]);
    expect((await db.signIns.toArray())[0]).toMatchObject({ id: original.signIns[0]!.id, state: null });

    // A second merge of the same file adds nothing.
    const twice = expectOk(await restoreLedger(db, text, 'merge'));
    expect(twice.added).toEqual({ prompts: 0, decisions: 0, permissions: 0, forms: 0, signIns: 0, studyConsents: 0 });
  });
});

describe('restoreLedger: refused files leave the ledger byte-for-byte unchanged', () => {
  async function expectRefused(text: string, mode: 'merge' | 'replace', pattern: RegExp) {
    const db = freshDb();
    await populate(db);
    const before = await snapshot(db);
    const result = await restoreLedger(db, text, mode);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(pattern);
    expect(await snapshot(db)).toStrictEqual(before);
    return result.errors;
  }

  it('corrupt JSON, with a line number', async () => {
    const { text } = await backupText();
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"reopenControl": true'));
    lines[at] = lines[at]!.replace('true', 'tru');
    for (const mode of ['merge', 'replace'] as const) {
      const errors = await expectRefused(lines.join('\n'), mode, /JSON syntax error/u);
      expect(errors![0]!.line).toBe(at + 1);
    }
  });

  it('a record that fails the schema (one bad record among valid ones: none is written)', async () => {
    const { text } = await backupText();
    const doc = JSON.parse(text) as { decisions: { kind: string }[]; prompts: { id: string }[] };
    doc.decisions[3]!.kind = 'agreed-somehow';
    doc.prompts.push({ ...doc.prompts[0]!, id: 'prompt-new-00000001' });
    const errors = await expectRefused(JSON.stringify(doc, null, 2), 'merge', /must be one of/u);
    expect(errors![0]!.path).toBe('decisions[3].kind');
    expect(errors![0]!.line).toBeGreaterThan(1);
  });

  it('truncated', async () => {
    const { text } = await backupText();
    await expectRefused(text.slice(0, Math.floor(text.length * 0.6)), 'replace', /truncated/u);
  });

  it('wrong version (newer, too old) and another format', async () => {
    const { text } = await backupText();
    await expectRefused(text.replace(/"schemaVersion": \d+/u, '"schemaVersion": 99'), 'replace', /newer ConsentLens/u);
    await expectRefused(text.replace(/"schemaVersion": \d+/u, '"schemaVersion": 1'), 'replace', /v1 is not supported/u);
    await expectRefused(text.replace('"consent-lens-ledger"', '"har"'), 'replace', /not a ConsentLens ledger export/u);
    await expectRefused('', 'replace', /empty/u);
  });

  it(`oversized (more than MAX_RESTORE_CHARS = ${MAX_RESTORE_CHARS} characters), without parsing it`, async () => {
    const { text } = await backupText();
    const huge = text + ' '.repeat(MAX_RESTORE_CHARS + 1 - text.length); // valid JSON, one character too many
    expect(huge.length).toBe(MAX_RESTORE_CHARS + 1);
    await expectRefused(huge, 'replace', /larger than the limit/u);
    // The limit is the limit: the same file one character shorter is restored.
    const db = freshDb();
    expectOk(await restoreLedger(db, huge.slice(0, -1), 'replace'));
    expect(await db.prompts.count()).toBe(4);
  });
});

describe('restoreLedger: all or nothing inside the transaction', () => {
  it('a failure in the last bulk write rolls back the clears and the earlier writes', async () => {
    const { text } = await backupText();
    for (const mode of ['replace', 'merge'] as const) {
      const db = freshDb();
      await populate(db);
      await db.prompts.add({ ...buildExport().prompts[0]!, id: 'prompt-only-here-1' });
      await db.decisions.delete('decision-000003'); // so that merge has something to add
      const signIns = db.table('signIns');
      const real = signIns.bulkAdd.bind(signIns);
      let called = 0;
      signIns.bulkAdd = (async (...args: Parameters<typeof real>) => {
        called++;
        await real(...args);
        throw new Error('disk full (injected)');
      }) as unknown as typeof signIns.bulkAdd;
      await db.signIns.clear(); // so that the backup's sign-in is written in both modes
      const before = await snapshot(db);
      expect(before['signIns']).toEqual([]);
      expect(before['prompts']).toHaveLength(5);

      const result = await restoreLedger(db, text, mode);
      expect(called).toBe(1);
      expect(result).toEqual({ ok: false, errors: [{ path: '', line: null, message: expect.stringMatching(/disk full \(injected\).*nothing was restored/u) }] });
      expect(await snapshot(db)).toStrictEqual(before);
    }
  });

  it('a duplicate id in the database index is not possible from the file (the parser refuses duplicate ids)', async () => {
    const { text } = await backupText();
    const doc = JSON.parse(text) as { prompts: unknown[] };
    doc.prompts.push(doc.prompts[0]);
    const db = freshDb();
    const result = await restoreLedger(db, JSON.stringify(doc), 'replace');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.message).toMatch(/duplicate id/u);
    expect(await db.prompts.count()).toBe(0);
  });
});

describe('restoreLedger: fuzzing (truncated and mutated backups)', () => {
  /** A small deterministic PRNG (mulberry32): the same mutations on every run. */
  function rng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** A ledger that shares no id with the backup: what a refused restore must leave, and a merge keep. */
  async function sentinel(db: LedgerDb) {
    const p = { ...buildExport().prompts[2]!, id: 'sentinel-prompt-01' };
    await db.prompts.add(p);
    await db.decisions.add({ id: 'sentinel-decision-01', promptId: p.id, site: p.site, kind: 'accept-all', role: 'accept-all', label: 'OK', indicatedBy: 'user', time: T });
    await db.settings.add({ key: 'settings', value: { recording: false } });
  }

  const byId = (rows: unknown[]) => [...(rows as { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  async function check(db: LedgerDb, text: string, mode: 'merge' | 'replace', sentinelRows: Record<string, unknown[]>): Promise<boolean> {
    const before = await snapshot(db);
    let result: RestoreResult;
    try {
      result = await restoreLedger(db, text, mode);
    } catch (error) {
      throw new Error(`restoreLedger threw (${mode}) on ${JSON.stringify(text.slice(0, 40))}...: ${String(error)}`, { cause: error });
    }
    const after = await snapshot(db);
    if (!result.ok) {
      expect(after).toStrictEqual(before);
      return false;
    }
    // Restored: the record tables hold exactly the parsed backup (plus the sentinel when merging).
    const parsed = parseLedgerExport(text);
    if (!parsed.ok) throw new Error('restore succeeded on a file the parser refuses');
    const doc = parsed.doc as unknown as Record<string, unknown[]>;
    for (const name of RESTORED_TABLES) {
      const fromFile = name === 'signIns' ? doc[name]!.map((s) => ({ ...(s as object), state: null })) : doc[name]!;
      const expected = mode === 'merge' ? [...sentinelRows[name]!, ...fromFile] : fromFile;
      expect(byId(after[name]!)).toStrictEqual(byId(expected));
    }
    expect(after['settings']).toStrictEqual(before['settings']);
    // Back to the sentinel ledger for the next case.
    await db.transaction('rw', db.tables, async () => {
      for (const name of RESTORED_TABLES) await db.table(name).clear();
      for (const name of RESTORED_TABLES) await db.table(name).bulkAdd(sentinelRows[name]!);
    });
    return true;
  }

  it('50 truncations: never throws, always refused, nothing changed', async () => {
    const { text } = await backupText();
    const db = freshDb();
    await sentinel(db);
    const rows = await snapshot(db);
    let refused = 0;
    for (let k = 0; k < 50; k++) {
      const cut = Math.floor((k * (text.length - 1)) / 50);
      if (!(await check(db, text.slice(0, cut), k % 2 === 0 ? 'replace' : 'merge', rows))) refused++;
    }
    expect(refused).toBe(50);
  });

  it('100 single-byte mutations: never throws; each is restored whole or changes nothing', async () => {
    const { text } = await backupText();
    const db = freshDb();
    await sentinel(db);
    const rows = await snapshot(db);
    const random = rng(20260501);
    const alphabet = '{}[]",:0123456789-.eEtrufalsn \nabcdefxyzABCZ_\\/\u00e9\u4e2d';
    let restored = 0;
    let refused = 0;
    const seen = new Set<string>();
    while (seen.size < 100) {
      const at = Math.floor(random() * text.length);
      const ch = alphabet[Math.floor(random() * alphabet.length)]!;
      if (ch === text[at] || seen.has(`${at}:${ch}`)) continue;
      seen.add(`${at}:${ch}`);
      const mutated = text.slice(0, at) + ch + text.slice(at + 1);
      if (await check(db, mutated, seen.size % 2 === 0 ? 'replace' : 'merge', rows)) restored++;
      else refused++;
    }
    expect(restored + refused).toBe(100);
    // Both outcomes happen (a mutated label is still a valid backup; a mutated brace is not).
    expect(restored).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
