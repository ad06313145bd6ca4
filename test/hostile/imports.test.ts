/**
 * Hostile backup files (issue #8, item 2.3): the dashboard's restore (extension/ui/components/
 * import-panel.tsx reads the file, extension/background/restore.ts writes it, src/ledger/import.ts
 * checks it) fed truncated, byte-mutated, wrong-version, wrongly typed, duplicated, oversized,
 * non-UTF-8 and prototype-polluting files, on a populated ledger in fake-indexeddb.
 *
 * Every refusal must carry a specific error and leave the ledger byte-for-byte as it was: every
 * table (records, policies, settings, links, ...) is dumped before and after and compared as
 * v8-serialized bytes. A file with XSS payloads in its text fields is valid: it is restored and
 * every payload comes back verbatim (stored as text; nothing renders it here).
 *
 * test/unit/extension/background/restore.test.ts and test/unit/ledger/import.test.ts cover the
 * same paths at a small scale (50 truncations, 100 one-character mutations); this suite is the
 * larger, byte-level version and adds the cases they do not have.
 */
import { serialize } from 'node:v8';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerDb } from '../../extension/background/db.ts';
import { uiHandlers, type HandlerDeps } from '../../extension/background/handlers.ts';
import { RESTORED_TABLES, restoreLedger, type RestoreResult } from '../../extension/background/restore.ts';
import { decodeLedgerFile, parseLedgerExport } from '../../src/ledger/import.ts';
import { LEDGER_SCHEMA_VERSION } from '../../src/ledger/records.ts';
import type { DecisionRecord, PromptRecord } from '../../src/model.ts';
import type { PolicyVersionRecord } from '../../src/policy/record.ts';
import { MAX_RESTORE_CHARS, uiSchemas, type LedgerExport } from '../../src/protocol/messages.ts';
import { buildExport, POLICY } from '../unit/ledger/ledger-export-fixture.ts';
import { prng } from '../support/prng.ts';

const T = 1_767_225_600_000;
const opened: LedgerDb[] = [];
let counter = 0;

function freshDb(): LedgerDb {
  const db = new LedgerDb(`hostile-import-${counter++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});


function exportOf(db: LedgerDb): Promise<LedgerExport> {
  const never = async () => {
    throw new Error('not here');
  };
  const deps: HandlerDeps = {
    db,
    version: '9.9.9',
    changed: () => undefined,
    now: () => new Date(T + 900_000),
    badge: () => undefined,
    openTab: async () => undefined,
    frames: { inject: async () => undefined, send: async () => undefined, runInMainWorld: async () => undefined, later: () => undefined },
    readPolicy: never,
    injectScript: async () => undefined,
    fetchPage: never,
  };
  return uiHandlers(deps)['ledger/export']({});
}

/** A populated ledger: every record table, a policy version with its text, settings and links. */
async function populate(db: LedgerDb): Promise<void> {
  const doc = buildExport();
  const extra: PromptRecord = { ...doc.prompts[0]!, id: 'prompt-hostile-0001', time: T + 700_000, flags: [], signals: [] };
  const withdrawn: DecisionRecord = { id: 'decision-hostile-01', promptId: extra.id, site: extra.site, kind: 'withdrawn', role: 'reject-all', label: 'Reject all', indicatedBy: 'user', time: T + 701_000 };
  const policy: PolicyVersionRecord = { ...POLICY, lang: 'en', text: 'We collect your email.', sentences: [[0, 22]], analysis: { lang: 'en' } as never, acknowledged: true };
  await db.prompts.bulkAdd([...doc.prompts, extra]);
  await db.decisions.bulkAdd([...doc.decisions, withdrawn]);
  await db.permissions.bulkAdd(doc.permissions);
  await db.forms.bulkAdd(doc.forms);
  await db.signIns.bulkAdd(doc.signIns.map((s) => ({ ...s, state: 'xyz' })));
  await db.policies.add(policy);
  await db.policyLinks.add({ site: 'example.co.uk', links: [] } as never);
  await db.settings.add({ key: 'settings', value: { recording: true } });
}

/** Every row of every table, serialized the way structured clone sees it: the ledger's bytes. */
async function dump(db: LedgerDb): Promise<Buffer> {
  const out: [string, unknown[]][] = [];
  for (const table of db.tables) out.push([table.name, await table.toArray()]);
  expect(out.length).toBeGreaterThanOrEqual(RESTORED_TABLES.length + 3);
  return serialize(out);
}

let backup: { text: string; doc: LedgerExport } | null = null;
async function backupText(): Promise<{ text: string; doc: LedgerExport }> {
  if (!backup) {
    const source = freshDb();
    await populate(source);
    const doc = await exportOf(source);
    backup = { text: JSON.stringify(doc, null, 2), doc };
  }
  return backup;
}

/** What the dashboard does with a chosen file: decode its bytes, then ask the background to restore. */
async function restoreFile(db: LedgerDb, bytes: Uint8Array, mode: 'merge' | 'replace'): Promise<RestoreResult> {
  const decoded = decodeLedgerFile(bytes);
  if (!decoded.ok) return { ok: false, errors: decoded.errors };
  return restoreLedger(db, decoded.text, mode);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A populated ledger; the file must be refused with a message matching `pattern` and change nothing. */
async function expectRefused(input: string | Uint8Array, pattern: RegExp, modes: ('merge' | 'replace')[] = ['replace', 'merge']) {
  let errors: { path: string; line: number | null; message: string }[] = [];
  for (const mode of modes) {
    const db = freshDb();
    await populate(db);
    const before = await dump(db);
    const result = typeof input === 'string' ? await restoreLedger(db, input, mode) : await restoreFile(db, input, mode);
    expect(result.ok, mode).toBe(false);
    if (result.ok) return [];
    errors = result.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).join('\n')).toMatch(pattern);
    expect((await dump(db)).equals(before), `${mode}: the ledger changed`).toBe(true);
  }
  return errors;
}

describe('truncated and byte-mutated backups (seeded)', () => {
  /** One ledger for a whole run: refused files must leave it as it was; restored ones are undone. */
  async function runner() {
    const db = freshDb();
    await populate(db);
    const base = await dump(db);
    const rows: Record<string, unknown[]> = {};
    for (const name of RESTORED_TABLES) rows[name] = await db.table(name).toArray();
    return {
      db,
      async check(bytes: Uint8Array, mode: 'merge' | 'replace', what: string): Promise<'restored' | 'refused'> {
        let result: RestoreResult;
        try {
          result = await restoreFile(db, bytes, mode);
        } catch (error) {
          throw new Error(`restore threw on ${what}: ${String(error)}`, { cause: error });
        }
        if (!result.ok) {
          // A specific error: a real sentence, located (line or path) unless it is about the whole file.
          for (const e of result.errors) {
            expect(e.message.length, what).toBeGreaterThan(12);
            expect(e.message, what).not.toMatch(/^(?:error|invalid|undefined|null|\[object Object\])/iu);
          }
          expect(result.errors.some((e) => e.line !== null || e.path !== '' || /empty|UTF-8|UTF-16|larger/u.test(e.message)), what).toBe(true);
          expect((await dump(db)).equals(base), `${what}: a refused file changed the ledger`).toBe(true);
          return 'refused';
        }
        // Restored: the record tables hold exactly what the parser read from the file.
        const parsed = parseLedgerExport((decodeLedgerFile(bytes) as { text: string }).text);
        if (!parsed.ok) throw new Error(`${what}: restored a file the parser refuses`);
        const doc = parsed.doc as unknown as Record<string, { id: string }[]>;
        for (const name of RESTORED_TABLES) {
          const fromFile = name === 'signIns' ? doc[name]!.map((s) => ({ ...s, state: null })) : doc[name]!;
          const kept = mode === 'merge' ? (rows[name] as { id: string }[]).filter((r) => !fromFile.some((f) => f.id === r.id)) : [];
          const expected = [...kept, ...(mode === 'merge' ? fromFile.filter((f) => !(rows[name] as { id: string }[]).some((r) => r.id === f.id)) : fromFile)];
          const after = (await db.table(name).toArray()) as { id: string }[];
          expect(after.length, `${what}: ${name}`).toBe(mode === 'merge' ? (rows[name] as unknown[]).length + expected.length - kept.length : fromFile.length);
          if (mode === 'replace') expect(sortById(after), `${what}: ${name}`).toStrictEqual(sortById(fromFile));
        }
        // Back to the populated ledger for the next file.
        await db.transaction('rw', db.tables, async () => {
          for (const name of RESTORED_TABLES) {
            await db.table(name).clear();
            await db.table(name).bulkAdd(rows[name]!);
          }
        });
        expect((await dump(db)).equals(base), `${what}: could not reset`).toBe(true);
        return 'restored';
      },
    };
  }

  const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  it('200 truncations at random offsets: each refused as truncated (or empty), nothing changed', async () => {
    const { text } = await backupText();
    const bytes = utf8(text);
    const r = await runner();
    const random = prng(0x7a11);
    const end = utf8(text.trimEnd()).length;
    const offsets = new Set<number>([0, 1, 2, end - 1]);
    while (offsets.size < 200) offsets.add(Math.floor(random() * end));
    for (const [k, at] of [...offsets].entries()) {
      const cut = bytes.slice(0, at);
      expect(await r.check(cut, k % 2 ? 'merge' : 'replace', `truncated at byte ${at}`)).toBe('refused');
      const result = await restoreFile(r.db, cut, 'replace');
      // The message says what happened, not just "syntax error".
      expect(!result.ok && result.errors[0]!.message, `truncated at byte ${at}`).toMatch(
        at === 0 ? /^the file is empty$/u : /truncated\?\)$|^the file is empty$|not valid UTF-8 .*ends in the middle of a character/u,
      );
    }
  });

  it('500 byte-level mutations (replace, insert, delete, swap, random bytes): restored whole or refused with nothing changed', async () => {
    const { text } = await backupText();
    const bytes = utf8(text);
    const r = await runner();
    const random = prng(0xb17e);
    const counts = { restored: 0, refused: 0 };
    const interesting = [0x00, 0x22, 0x2c, 0x3a, 0x5b, 0x5d, 0x7b, 0x7d, 0x5c, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf5, 0xfe, 0xff];
    for (let k = 0; k < 500; k++) {
      let m: Uint8Array = bytes.slice();
      const ops = 1 + Math.floor(random() * 3);
      const log: string[] = [];
      for (let o = 0; o < ops; o++) {
        const at = Math.floor(random() * m.length);
        const byte = random() < 0.5 ? interesting[Math.floor(random() * interesting.length)]! : Math.floor(random() * 256);
        switch (Math.floor(random() * 4)) {
          case 0:
            m[at] = byte;
            log.push(`set ${at}=${byte}`);
            break;
          case 1:
            m = new Uint8Array([...m.subarray(0, at), byte, ...m.subarray(at)]);
            log.push(`insert ${at}=${byte}`);
            break;
          case 2:
            m = new Uint8Array([...m.subarray(0, at), ...m.subarray(at + 1 + Math.floor(random() * 8))]);
            log.push(`delete ${at}`);
            break;
          default: {
            const other = Math.floor(random() * m.length);
            [m[at], m[other]] = [m[other]!, m[at]!];
            log.push(`swap ${at},${other}`);
          }
        }
      }
      counts[await r.check(m, k % 2 ? 'merge' : 'replace', `mutation #${k} (${log.join('; ')})`)]++;
    }
    // Both outcomes occur: a mutated label is still a valid backup; a mutated brace is not.
    expect(counts.restored).toBeGreaterThan(10);
    expect(counts.refused).toBeGreaterThan(250);
  });
});

describe('wrong version, wrong types, duplicates', () => {
  const withVersion = (text: string, value: string) => text.replace(/"schemaVersion": \d+/u, `"schemaVersion": ${value}`);

  it.each([
    ['the next version', String(LEDGER_SCHEMA_VERSION + 1), /^made by a newer ConsentLens \(ledger schema v6\); this version reads schema v2 to v5\. Update ConsentLens to read it\.$/u],
    ['a far future version', '1000000', /newer ConsentLens \(ledger schema v1000000\)/u],
    ['v1', '1', /^ledger schema v1 is not supported \(this version reads v2 to v5\)$/u],
    ['v0', '0', /^ledger schema v0 is not supported/u],
    ['a negative version', '-3', /^ledger schema v-3 is not supported/u],
    ['a string', '"5"', /^schemaVersion must be an integer, got "5"$/u],
    ['a fraction', '4.5', /^schemaVersion must be an integer, got 4\.5$/u],
    ['null', 'null', /^schemaVersion must be an integer, got null$/u],
    ['an object', '{"major": 5}', /^schemaVersion must be an integer, got \{"major":5\}$/u],
    ['a huge number', '1e400', /^schemaVersion must be an integer, got null$/u],
  ])('schemaVersion %s: refused, pointing at schemaVersion', async (_, value, pattern) => {
    const { text } = await backupText();
    const errors = await expectRefused(withVersion(text, value), pattern);
    expect(errors[0]).toMatchObject({ path: 'schemaVersion', line: 3 });
  });

  it('no schemaVersion at all', async () => {
    const { doc } = await backupText();
    const { schemaVersion: _drop, ...rest } = doc;
    await expectRefused(JSON.stringify(rest), /^schemaVersion must be an integer, got nothing$/u);
  });

  it.each([
    ['a toggle state that is a string', (d: Doc) => ((d.prompts[2]!.layers[0]!.toggles[0] as unknown as Record<string, unknown>).checked = 'yes'), 'prompts[2].layers[0].toggles[0].checked', /expected boolean but received "yes"/u],
    ['a form submission category that is a number', (d: Doc) => ((d.forms[0]!.submissions[0]!.categories as unknown[])[0] = 42), 'forms[0].submissions[0].categories[0]', /must be one of .*, got 42/u],
    ['a choice that is 1 instead of true', (d: Doc) => ((d.decisions[2]!.choices![0] as unknown as Record<string, unknown>).on = 1), 'decisions[2].choices[0].on', /expected boolean but received 1/u],
    ['an evidence value that is an object', (d: Doc) => ((d.prompts[0]!.flags[0]!.evidence.values as unknown as Record<string, unknown>).decision = { $gt: '' }), 'prompts[0].flags[0].evidence.values.decision', /./u],
    ['a sign-in scope label that is a number', (d: Doc) => ((d.signIns[0]!.scopes[0]!.label as unknown as Record<string, unknown>).en = 5), 'signIns[0].scopes[0].label.en', /expected string but received 5/u],
    ['a time that is a date string', (d: Doc) => ((d.decisions[0] as unknown as Record<string, unknown>).time = '2026-01-01'), 'decisions[0].time', /expected number but received "2026-01-01"/u],
    ['a time that is NaN-like (1e999 becomes null)', (d: Doc) => ((d.permissions[0] as unknown as Record<string, unknown>).time = null), 'permissions[0].time', /expected number but received null/u],
    ['a prompt whose actions is an object', (d: Doc) => ((d.prompts[1] as unknown as Record<string, unknown>).actions = { 0: { label: 'x', role: 'accept-all' } }), 'prompts[1].actions', /expected Array/u],
    ['a records array that is an object', (d: Doc) => ((d as unknown as Record<string, unknown>).decisions = { length: 1, 0: d.decisions[0] }), 'decisions', /expected Array/u],
    ['an unknown field deep inside', (d: Doc) => ((d.forms[0]!.fields[0] as unknown as Record<string, unknown>).onclick = 'alert(1)'), 'forms[0].fields[0].onclick', /^unknown field "onclick" \(not part of the ledger schema\)$/u],
  ])('valid JSON, wrong type deep inside: %s', async (_, change, path, pattern) => {
    const { doc } = await backupText();
    const bad = structuredClone(doc) as Doc;
    change(bad);
    const errors = await expectRefused(JSON.stringify(bad, null, 2), pattern);
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.find((e) => e.path === path)!.line).toBeGreaterThan(1);
  });

  it.each(['prompts', 'decisions', 'permissions', 'forms', 'signIns'] as const)('a duplicate id in %s', async (table) => {
    const { doc } = await backupText();
    const bad = structuredClone(doc) as unknown as Record<string, { id: string }[]>;
    const rows = bad[table]!;
    rows.push({ ...rows[0]!, time: T + 1 } as never);
    const errors = await expectRefused(JSON.stringify(bad, null, 2), new RegExp(`^duplicate id "${rows[0]!.id}" \\(also ${table}\\[0\\]\\)$`, 'u'));
    expect(errors[0]!.path).toBe(`${table}[${rows.length - 1}].id`);
  });

  it('a duplicate of an id already in the ledger is merged as "already there", not overwritten', async () => {
    const { doc } = await backupText();
    const db = freshDb();
    await populate(db);
    const changed = structuredClone(doc);
    changed.prompts[0]!.text = 'an attacker rewrote this prompt';
    const before = await db.prompts.get(changed.prompts[0]!.id);
    const result = await restoreLedger(db, JSON.stringify(changed), 'merge');
    expect(result.ok).toBe(true);
    expect(await db.prompts.get(changed.prompts[0]!.id)).toStrictEqual(before);
  });

  it('100,000 nested arrays in a field: refused, no stack overflow', async () => {
    const { text } = await backupText();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const errors = await expectRefused(text.replace('"reopenControl": true', `"reopenControl": ${deep}`), /expected \(boolean \| null\) but received Array|expected .*boolean/u);
    expect(errors[0]!.path).toMatch(/^prompts\[\d+\]\.reopenControl$/u);
  });
});

type Doc = LedgerExport;

describe('oversized files', () => {
  it(`more than MAX_RESTORE_CHARS (${MAX_RESTORE_CHARS.toLocaleString('en')} characters): refused before parsing, also by the message schema`, async () => {
    const { text } = await backupText();
    const huge = text + ' '.repeat(MAX_RESTORE_CHARS + 1 - text.length);
    await expectRefused(huge, /^the file is larger than the limit for a restore \(67,108,864 characters\); nothing was restored$/u, ['replace']);
    // The dashboard -> background message is checked against the same cap.
    expect(v.safeParse(uiSchemas['ledger/restore'], { text: huge, mode: 'replace' }).success).toBe(false);
  });

  it('a 60 MB file under the cap whose one prompt text is 60 MB: refused as too long, with its path', async () => {
    const { doc } = await backupText();
    const bad = structuredClone(doc);
    bad.prompts[1]!.text = 'A'.repeat(60 * 1024 * 1024);
    const text = JSON.stringify(bad);
    expect(text.length).toBeGreaterThan(60 * 1024 * 1024);
    expect(text.length).toBeLessThan(MAX_RESTORE_CHARS);
    const errors = await expectRefused(text, /^too long: 62914560 characters, at most \d+$/u, ['replace']);
    expect(errors[0]!.path).toBe('prompts[1].text');
  });
});

describe('encodings', () => {
  it('a UTF-8 byte order mark is ignored, with a warning', async () => {
    const { text } = await backupText();
    const db = freshDb();
    const result = await restoreFile(db, new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), 'replace');
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toContain('the file starts with a byte order mark; it was ignored');
  });

  it('a UTF-16 file (Windows "Unicode"): refused as UTF-16, not a wall of syntax errors', async () => {
    const { text } = await backupText();
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    await expectRefused(le, /^the file is UTF-16 text; a ledger export is UTF-8: save it as UTF-8 and try again$/u);
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    await expectRefused(be, /is UTF-16 text/u);
  });

  it('Latin-1 bytes inside a string (a file re-saved by an old editor): refused, naming the byte and line, never restored with U+FFFD', async () => {
    const { text } = await backupText();
    const at = text.indexOf('Reject all');
    const bytes = utf8(text);
    const offset = utf8(text.slice(0, at)).length;
    const latin1 = new Uint8Array([...bytes.subarray(0, offset), 0x52, 0xe9, 0x6a, ...bytes.subarray(offset + 3)]); // "Réj..." in Latin-1
    const line = text.slice(0, at).split('\n').length;
    const errors = await expectRefused(latin1, new RegExp(`^the file is not valid UTF-8 \\(byte 0xE9 at offset ${offset + 1}, line ${line}\\); nothing was restored$`, 'u'));
    expect(errors[0]!.line).toBe(line);
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['a UTF-16 surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['0xFF', [0xff]],
  ])('invalid UTF-8 (%s) inside a label: refused', async (_, seq) => {
    const { text } = await backupText();
    const offset = utf8(text.slice(0, text.indexOf('Accept all'))).length;
    const bytes = utf8(text);
    await expectRefused(new Uint8Array([...bytes.subarray(0, offset), ...seq, ...bytes.subarray(offset)]), /^the file is not valid UTF-8 \(byte 0x[0-9A-F]{2} at offset \d+, line \d+\); nothing was restored$/u);
  });

  it('NUL bytes (valid UTF-8, not JSON): a syntax error with its line', async () => {
    const { text } = await backupText();
    const at = text.indexOf('"decisions"');
    const errors = await expectRefused(`${text.slice(0, at)}\u0000${text.slice(at)}`, /^JSON syntax error at line \d+, column \d+: /u);
    expect(errors[0]!.line).toBe(text.slice(0, at).split('\n').length);
  });
});

describe('prototype pollution attempts', () => {
  const pristine = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  const before = pristine();
  afterEach(() => {
    // Object.prototype is exactly as it was, and no object picked up a property from the file.
    expect(pristine()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
  });

  it.each([
    ['"__proto__" at the top', (t: string) => t.replace('{', '{"__proto__": {"polluted": true},'), '__proto__', /^unknown field "__proto__" \(not part of the ledger schema\)$/u],
    ['"constructor.prototype" at the top', (t: string) => t.replace('{', '{"constructor": {"prototype": {"polluted": true}},'), 'constructor', /^unknown field "constructor"/u],
    ['"__proto__" in a prompt', (t: string) => t.replace('"reopenControl": true', '"reopenControl": true, "__proto__": {"polluted": true}'), /^prompts\[\d+\]\.__proto__$/u, /^unknown field "__proto__"/u],
    ['"prototype" next to a label', (t: string) => t.replace('"label": "Reject all"', '"label": "Reject all", "prototype": {"polluted": true}'), /^prompts\[\d+\]\.actions\[\d+\]\.prototype$/u, /^unknown field "prototype"/u],
    ['"__proto__" in a decision', (t: string) => t.replace('"indicatedBy": "user"', '"indicatedBy": "user", "__proto__": {"kind": "accept-all"}'), /^decisions\[\d+\]\.__proto__$/u, /^unknown field "__proto__"/u],
    ['"__proto__" among a flag\'s evidence values', (t: string) => t.replace('"values": {', '"values": {"__proto__": [1, 2, 3], '), /^prompts\[\d+\]\.flags\[\d+\]\.evidence\.values$/u, /"__proto__"/u],
    ['"constructor" among a flag\'s evidence values', (t: string) => t.replace('"values": {', '"values": {"constructor": "polluted", '), /^prompts\[\d+\]\.flags\[\d+\]\.evidence\.values$/u, /"constructor"/u],
  ])('%s: refused, nothing changed', async (_, change, path, pattern) => {
    const { text } = await backupText();
    const bad = change(text);
    expect(bad).not.toBe(text);
    const errors = await expectRefused(bad, pattern);
    expect(errors.some((e) => (typeof path === 'string' ? e.path === path : path.test(e.path))), JSON.stringify(errors)).toBe(true);
  });
});

describe('XSS payloads in text fields', () => {
  const PAYLOADS = [
    '<img src=x onerror=alert(1)>',
    '<script>globalThis.__xss = 1</script>',
    '"><svg/onload=alert(document.domain)>',
    "javascript:alert('x')",
    '{{constructor.constructor("alert(1)")()}}',
    '</textarea><iframe srcdoc="<script>alert(1)</script>">',
    '\u202e<b>gnp.exe</b>',
    '${alert(1)}',
  ];

  it('a valid backup full of payloads is restored, and every payload comes back verbatim (storage and export)', async () => {
    const { doc } = await backupText();
    const evil = structuredClone(doc);
    evil.prompts.forEach((p, i) => {
      p.text = PAYLOADS[i % PAYLOADS.length]!;
      p.actions.forEach((a, j) => (a.label = PAYLOADS[(i + j + 1) % PAYLOADS.length]!));
      p.url = `https://example.com/?q=${encodeURIComponent(PAYLOADS[i % PAYLOADS.length]!)}#<script>`;
    });
    evil.decisions.forEach((d, i) => (d.label = PAYLOADS[(i + 3) % PAYLOADS.length]!));
    evil.forms.forEach((f) => f.fields.forEach((field, i) => (field.label = PAYLOADS[(i + 5) % PAYLOADS.length]!)));
    evil.signIns.forEach((s) => (s.clientId = PAYLOADS[1]!));
    const db = freshDb();
    await populate(db);
    const result = await restoreFile(db, utf8(JSON.stringify(evil)), 'replace');
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);

    const texts = JSON.stringify(await Promise.all(RESTORED_TABLES.map((n) => db.table(n).toArray())));
    for (const p of PAYLOADS) expect(texts).toContain(JSON.stringify(p).slice(1, -1));
    for (const [i, p] of evil.prompts.entries()) expect((await db.prompts.get(p.id))!.text).toBe(PAYLOADS[i % PAYLOADS.length]);
    expect((await db.decisions.get(evil.decisions[0]!.id))!.label).toBe(PAYLOADS[3]);
    // Exported again: the same strings, byte for byte.
    const again = await exportOf(db);
    expect(again.prompts.map((p) => [p.text, p.url, p.actions.map((a) => a.label)])).toStrictEqual(evil.prompts.map((p) => [p.text, p.url, p.actions.map((a) => a.label)]));
    expect(again.decisions.map((d) => d.label)).toStrictEqual(evil.decisions.map((d) => d.label));
    expect(again.forms).toStrictEqual(evil.forms);
    // Nothing ran.
    expect((globalThis as { __xss?: unknown }).__xss).toBeUndefined();
  });
});

describe('the same checks outside the background', () => {
  it('consent-lens export validate refuses a Latin-1 file with the same message (it no longer reads it as U+FFFD)', async () => {
    const { main } = await import('../../cli/main.ts');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { text } = await backupText();
    const at = text.indexOf('Reject all');
    const bytes = utf8(text);
    const offset = utf8(text.slice(0, at)).length;
    const file = join(mkdtempSync(join(tmpdir(), 'cl-hostile-import-')), 'latin1.json');
    writeFileSync(file, new Uint8Array([...bytes.subarray(0, offset), 0x52, 0xe9, ...bytes.subarray(offset + 2)]));
    let stderr = '';
    const code = await main(['export', 'validate', file], { stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect(code).not.toBe(0);
    expect(stderr).toContain(`the file is not valid UTF-8 (byte 0xE9 at offset ${offset + 1}`);
  });
});
