import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_IMPORT_ERRORS, parseLedgerExport, type ParseLedgerResult } from '../../../src/ledger/import.ts';
import { LEDGER_SCHEMA_VERSION } from '../../../src/ledger/records.ts';
import { buildExport, exportText, lineOf } from './ledger-export-fixture.ts';

type Json = Record<string, unknown>;
const mutable = (): Json & { prompts: Json[]; decisions: Json[]; signIns: Json[] } => JSON.parse(exportText()) as never;

function errorsOf(result: ParseLedgerResult) {
  if (result.ok) throw new Error(`expected errors, got a valid document (warnings: ${result.warnings.join('; ')})`);
  return result.errors;
}

/** Every error is well-formed: a path string, a line within the file (or null), a non-empty message. */
function expectClearErrors(result: ParseLedgerResult, text: string) {
  const errors = errorsOf(result);
  const lines = text.split('\n').length;
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e.path).toBe('string');
    expect(e.message.length).toBeGreaterThan(5);
    if (e.line !== null) {
      expect(Number.isInteger(e.line)).toBe(true);
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(lines);
    }
  }
  return errors;
}

afterEach(() => vi.restoreAllMocks());

describe('parseLedgerExport: valid documents', () => {
  it('reads back a v4 export made by ledgerExport, unchanged (pretty-printed and minified)', () => {
    const doc = buildExport();
    for (const text of [JSON.stringify(doc, null, 2), JSON.stringify(doc)]) {
      const result = parseLedgerExport(text);
      expect(result).toEqual({ ok: true, doc, warnings: [] });
    }
    expect(doc.prompts).toHaveLength(3);
    expect(doc.decisions).toHaveLength(4);
    expect(doc.signIns[0]).not.toHaveProperty('state');
  });

  it('upgrades a v2 export in memory: missing arrays become [], decisions without policyVersion are fine', () => {
    const doc = mutable();
    doc['schemaVersion'] = 2;
    for (const key of ['policies', 'permissions', 'forms', 'signIns']) delete doc[key];
    for (const d of doc.decisions) delete d['policyVersion'];
    const result = parseLedgerExport(JSON.stringify(doc, null, 2));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.doc.schemaVersion).toBe(LEDGER_SCHEMA_VERSION);
    expect(result.doc).toMatchObject({ policies: [], permissions: [], forms: [], signIns: [] });
    expect(result.doc.prompts).toHaveLength(3);
    expect(result.doc.decisions.every((d) => !('policyVersion' in d))).toBe(true);
    expect(result.warnings).toContain(`ledger schema v2 upgraded to v${LEDGER_SCHEMA_VERSION} in memory`);
  });

  it('upgrades a v3 export: policies kept, the v4 arrays become []', () => {
    const doc = mutable();
    doc['schemaVersion'] = 3;
    for (const key of ['permissions', 'forms', 'signIns']) delete doc[key];
    const result = parseLedgerExport(JSON.stringify(doc));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.doc.policies).toHaveLength(1);
    expect(result.doc).toMatchObject({ schemaVersion: LEDGER_SCHEMA_VERSION, permissions: [], forms: [], signIns: [], studyConsents: [] });
  });

  it('refuses a v3 export that lacks the v3 policies array, and a v4 export that lacks forms', () => {
    const v3 = mutable();
    v3['schemaVersion'] = 3;
    delete v3['policies'];
    expect(errorsOf(parseLedgerExport(JSON.stringify(v3)))[0]).toMatchObject({ path: 'policies', message: expect.stringContaining('missing') });
    const v4 = mutable();
    delete v4['forms'];
    expect(errorsOf(parseLedgerExport(JSON.stringify(v4)))[0]).toMatchObject({ path: 'forms' });
  });

  it('ignores a byte order mark, with a warning', () => {
    const result = parseLedgerExport(`\ufeff${exportText()}`);
    expect(result.ok && result.warnings).toEqual(['the file starts with a byte order mark; it was ignored']);
  });
});

describe('parseLedgerExport: format and version', () => {
  it('refuses an export from a newer ConsentLens, pointing at schemaVersion', () => {
    const doc = mutable();
    doc['schemaVersion'] = LEDGER_SCHEMA_VERSION + 1;
    const text = JSON.stringify(doc, null, 2);
    const [e] = errorsOf(parseLedgerExport(text));
    expect(e).toEqual({ path: 'schemaVersion', line: lineOf(text, '"schemaVersion"'), message: expect.stringMatching(/made by a newer ConsentLens \(ledger schema v6\).*v2 to v5/u) });
  });

  it('refuses v1, a non-integer version, another format and a document that is not an object', () => {
    for (const [patch, path, pattern] of [
      [{ schemaVersion: 1 }, 'schemaVersion', /v1 is not supported/u],
      [{ schemaVersion: '4' }, 'schemaVersion', /must be an integer, got "4"/u],
      [{ format: 'har' }, 'format', /not a ConsentLens ledger export \(format "har"/u],
    ] as const) {
      const [e] = errorsOf(parseLedgerExport(JSON.stringify({ ...mutable(), ...patch })));
      expect(e?.path).toBe(path);
      expect(e?.message).toMatch(pattern);
    }
    expect(errorsOf(parseLedgerExport('[1, 2]'))[0]?.message).toMatch(/the document is an array/u);
    expect(errorsOf(parseLedgerExport('  \n'))[0]?.message).toBe('the file is empty');
  });
});

describe('parseLedgerExport: JSON syntax', () => {
  const text = exportText();

  it('truncated at 20 cut points: never throws, always a syntax error on the last line of what is left', () => {
    const cuts = Array.from({ length: 20 }, (_, k) => Math.max(1, Math.floor(((k + 1) * (text.length - 1)) / 21)));
    expect(new Set(cuts).size).toBe(20);
    for (const cut of cuts) {
      const truncated = text.slice(0, cut);
      const result = parseLedgerExport(truncated);
      const [e] = expectClearErrors(result, truncated);
      expect(e?.path).toBe('');
      expect(e?.message).toMatch(/^JSON syntax error at line \d+, column \d+: /u);
      // Whatever V8 says, a truncated file errs at its end (or, mid-token, on the last line).
      expect(e?.line).toBe(truncated.trimEnd().split('\n').length);
    }
  });

  it('gives the line and column from V8\'s "at position N" and when V8 names no position', () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"reopenControl": true'));
    const comma = [...lines];
    comma[at] = `${comma[at]},`; // then a key follows -> "Expected double-quoted property name" or similar
    const commaText = comma.join('\n');
    const [e1] = errorsOf(parseLedgerExport(comma.slice(0, at + 1).concat('}', ']}').join('\n')));
    expect(e1?.message).toMatch(/^JSON syntax error at line \d+, column \d+/u);
    expect(errorsOf(parseLedgerExport(commaText))[0]?.line).not.toBeNull();

    const token = [...lines];
    token[at] = token[at]!.replace('true', 'tru');
    const [e2] = errorsOf(parseLedgerExport(token.join('\n')));
    expect(e2?.line).toBe(at + 1);
    expect(e2?.message).toContain(`line ${at + 1}, column ${token[at]!.indexOf('tru') + 1}`);
  });

  it('200 random single-byte mutations: no crash; either valid or clear errors', () => {
    let seed = 0x2545f491;
    const random = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const alphabet = '{}[]:,"\\ 0123456789-eE.tfnulxaZ\n\u0001é';
    let invalid = 0;
    for (let k = 0; k < 200; k++) {
      const pos = Math.floor(random() * text.length);
      const ch = alphabet[Math.floor(random() * alphabet.length)] as string;
      const mutated = text.slice(0, pos) + ch + text.slice(pos + 1);
      let result: ParseLedgerResult | undefined;
      expect(() => (result = parseLedgerExport(mutated)), `mutation ${k} at ${pos}`).not.toThrow();
      if (!result!.ok) {
        invalid++;
        expectClearErrors(result!, mutated);
      }
    }
    expect(invalid).toBeGreaterThan(100);
  });
});

describe('parseLedgerExport: record schemas', () => {
  it('refuses wrong types, reporting the JSON path and the line of the value', () => {
    const doc = mutable();
    doc.decisions[2]!['time'] = 'yesterday';
    (doc.prompts[1]!['facts'] as Json)['blocksPage'] = 'yes';
    const text = JSON.stringify(doc, null, 2);
    const errors = errorsOf(parseLedgerExport(text));
    expect(errors).toEqual([
      { path: 'prompts[1].facts.blocksPage', line: lineOf(text, '"blocksPage": "yes"'), message: 'expected boolean but received "yes"' },
      { path: 'decisions[2].time', line: lineOf(text, '"time": "yesterday"'), message: 'expected number but received "yesterday"' },
    ]);
  });

  it('refuses an unknown decision kind', () => {
    const doc = mutable();
    doc.decisions[1]!['kind'] = 'maybe';
    const text = JSON.stringify(doc, null, 2);
    const [e] = errorsOf(parseLedgerExport(text));
    expect(e).toMatchObject({ path: 'decisions[1].kind', line: lineOf(text, '"kind": "maybe"') });
    expect(e?.message).toMatch(/^must be one of \("accept-all" \| .*"opened-settings"\), got "maybe"$/u);
  });

  it('refuses ids that break the id rule, and accepts autoconsent-<promptId> only for decisions', () => {
    for (const bad of ['short', 'has space in it', 'x'.repeat(65), 'slash/ids/are/out']) {
      const doc = mutable();
      doc.prompts[0]!['id'] = bad;
      const [e] = errorsOf(parseLedgerExport(JSON.stringify(doc)));
      expect(e).toMatchObject({ path: 'prompts[0].id', message: expect.stringContaining('an id of 8-64 characters') });
    }
    const long = `autoconsent-${'p'.repeat(64)}`; // 76 characters: only the decision rule allows it
    const decision = mutable();
    decision.decisions[3]!['id'] = long;
    expect(parseLedgerExport(JSON.stringify(decision)).ok).toBe(true);
    const prompt = mutable();
    prompt.prompts[0]!['id'] = long;
    expect(errorsOf(parseLedgerExport(JSON.stringify(prompt)))[0]?.path).toBe('prompts[0].id');
  });

  it('refuses oversize strings and arrays', () => {
    const doc = mutable();
    doc.decisions[0]!['label'] = 'x'.repeat(121);
    doc.prompts[2]!['text'] = 'y'.repeat(4001);
    const errors = errorsOf(parseLedgerExport(JSON.stringify(doc)));
    expect(errors).toEqual([
      { path: 'prompts[2].text', line: 1, message: 'too long: 4001 characters, at most 4000' },
      { path: 'decisions[0].label', line: 1, message: 'too long: 121 characters, at most 120' },
    ]);
  });

  it('refuses unknown fields (strict), e.g. a sign-in\'s OAuth state, which exports leave out', () => {
    const doc = mutable();
    doc.signIns[0]!['state'] = 'xyz';
    doc['comment'] = 'hand-edited';
    const text = JSON.stringify(doc, null, 2);
    const errors = errorsOf(parseLedgerExport(text));
    expect(errors).toEqual([
      { path: 'signIns[0].state', line: lineOf(text, '"state": "xyz"'), message: 'unknown field "state" (not part of the ledger schema)' },
      { path: 'comment', line: lineOf(text, '"comment"'), message: 'unknown field "comment" (not part of the ledger schema)' },
    ]);
  });

  it('gives a missing field the line of the record that lacks it', () => {
    const doc = mutable();
    delete doc.decisions[3]!['indicatedBy'];
    const text = JSON.stringify(doc, null, 2);
    const [e] = errorsOf(parseLedgerExport(text));
    expect(e).toMatchObject({ path: 'decisions[3].indicatedBy', message: expect.stringMatching(/^missing/u) });
    // decisions[3] starts on the line of the "{" before its "id".
    expect(e?.line).toBe(lineOf(text, '"id": "autoconsent-prompt-de-000003"') - 1);
  });

  it('refuses duplicate ids within a table; warns about decisions whose prompt is missing', () => {
    const dup = mutable();
    dup.decisions[1]!['id'] = dup.decisions[0]!['id'];
    expect(errorsOf(parseLedgerExport(JSON.stringify(dup)))).toEqual([
      { path: 'decisions[1].id', line: 1, message: 'duplicate id "decision-000001" (also decisions[0])' },
    ]);
    const orphan = mutable();
    orphan.prompts.splice(2, 1);
    const result = parseLedgerExport(JSON.stringify(orphan));
    expect(result.ok && result.warnings).toEqual(['2 decision(s) answer a prompt that is not in the file']);
  });

  it(`reports at most ${MAX_IMPORT_ERRORS} errors, the last saying how many more`, () => {
    const doc = mutable();
    const d = doc.decisions[0]!;
    doc.decisions = Array.from({ length: 80 }, (_, k) => ({ ...d, id: `decision-${String(k).padStart(6, '0')}`, kind: 'nope' }));
    const errors = errorsOf(parseLedgerExport(JSON.stringify(doc, null, 2)));
    expect(errors).toHaveLength(MAX_IMPORT_ERRORS);
    expect(errors.at(-1)).toEqual({ path: '', line: null, message: `... and ${80 - (MAX_IMPORT_ERRORS - 1)} more errors` });
  });
});

describe('parseLedgerExport: size limit', () => {
  it('refuses input above maxBytes before parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const text = exportText();
    const [e] = errorsOf(parseLedgerExport(text, { maxBytes: 1000 }));
    expect(e).toEqual({ path: '', line: 1, message: 'the file is larger than the 1000 bytes limit for a ledger export; not read' });
    expect(parse).not.toHaveBeenCalled();
  });

  it('counts UTF-8 bytes, not characters', () => {
    const text = `{"a":"${'€'.repeat(40)}"}`; // 48 characters, 128 bytes
    expect(errorsOf(parseLedgerExport(text, { maxBytes: 100 }))[0]?.message).toMatch(/larger than the 100 bytes limit/u);
    expect(errorsOf(parseLedgerExport(text, { maxBytes: 200 }))[0]?.message).toMatch(/no "format" field/u);
  });

  it('defaults to 200 MB', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const big = ' '.repeat(200 * 1024 * 1024 + 1);
    expect(errorsOf(parseLedgerExport(big))[0]?.message).toBe('the file is larger than the 200 MB limit for a ledger export; not read');
    expect(parse).not.toHaveBeenCalled();
  });
});
