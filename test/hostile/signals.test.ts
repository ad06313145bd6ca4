/**
 * Hostile consent strings (issue #8, item 2.1): 10,000 seeded random and mutated TC, GPP and US
 * Privacy strings through every decoder entry point of src/signals (decodeTcString,
 * decodeGppString, decodeGppSection, decodeUspString, decodeSignal). Each answer must be either a
 * clear `invalid` (format + one-line reason) or a decode that holds together: ids in range and
 * sorted, counts matching lists, the same answer a second time, and the same answer through
 * `decodeSignal`. Nothing may throw. A 1 MB string is `invalid` with the length reason.
 *
 * Seeds come from the IAB libraries' own encoders (test/unit/signals/fixtures.ts), plus the IAB
 * decoder test vectors in ../shared/corpus when that checkout is present (the test runs without it).
 * No timing is asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GppModel } from '@iabgpp/cmpapi';
import { describe, expect, it, vi } from 'vitest';
import {
  decodeGppSection,
  decodeGppString,
  decodeSignal,
  decodeTcString,
  decodeUspString,
  GPP_SECTIONS,
  MAX_EXPANDED_IDS,
  MAX_RESTRICTION_ENTRIES,
  MAX_SIGNAL_LENGTH,
  sniffSignal,
} from '../../src/signals/index.ts';
import { fullGppString, fullTcString, minimalTcString, tcfV1String, usnatSection } from '../unit/signals/fixtures.ts';
import { prng } from '../support/prng.ts';

const TOTAL = 10_000;
const SEED = 0x8badf00d;
const MEGABYTE = 1024 * 1024;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ODD = ['.', '~', '=', ' ', '+', '/', '%', 'é', 'Ω', '中', '😀', '\ud800', '\u0000', '\n', '\u202e', '\ufeff'];


// ---------------------------------------------------------------------------------------------
// Seed strings: valid, made with the libraries' encoders (and the shared IAB vectors if present).

function gppSeeds(): string[] {
  vi.useFakeTimers({ now: new Date('2024-03-05T10:20:30.400Z'), toFake: ['Date'] });
  try {
    const usOnly = new GppModel();
    usOnly.setFieldValue('usca', 'SaleOptOutNotice', 1);
    usOnly.setFieldValue('usca', 'SaleOptOut', 2);
    usOnly.setFieldValue('usva', 'TargetedAdvertisingOptOut', 1);
    return [fullGppString(), usOnly.encode(), `DBABLA~${usnatSection()}`, 'DBABTA~1YNN'];
  } finally {
    vi.useRealTimers();
  }
}

/** Strings from the IAB decoder vectors (../shared/corpus), if that checkout exists: real CMP output. */
function corpusSeeds(): { tcf: string[]; gpp: string[] } {
  const file = resolve(import.meta.dirname, '../../../shared/corpus/iab-vectors/vectors_extracted_java.jsonl');
  const out = { tcf: [] as string[], gpp: [] as string[] };
  if (!existsSync(file)) return out;
  const strings = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const walk = (value: unknown) => {
      if (typeof value === 'string') {
        if (value.length >= 8 && value.length <= 4096 && /^[A-Za-z0-9_.~-]+$/u.test(value)) strings.add(value);
      } else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
    };
    walk((JSON.parse(line) as { inputs?: unknown }).inputs);
  }
  // The vectors also hold single GPP sections and deliberately broken strings: keep the valid ones.
  for (const s of strings) {
    if (sniffSignal(s) === 'tcf' && decodeTcString(s).kind === 'tcf') out.tcf.push(s);
    else if (sniffSignal(s) === 'gpp' && decodeGppString(s).kind === 'gpp') out.gpp.push(s);
  }
  return out;
}

const corpus = corpusSeeds();
const TCF_SEEDS = [
  fullTcString(),
  minimalTcString(),
  tcfV1String({ bitField: [1, 4, 9], maxVendorId: 10 }),
  tcfV1String({ ranges: [[2, 5]], defaultConsent: 0, maxVendorId: 12 }),
  ...corpus.tcf.slice(0, 20),
];
const GPP_SEEDS = [...gppSeeds(), ...corpus.gpp.slice(0, 20)];
const USP_SEEDS = ['1YNN', '1NYY', '1---', '1YY-'];
const SECTION_SEEDS: [string, string][] = [['usnat', usnatSection()], ['uspv1', '1YNN'], ['tcfeuv2', fullTcString().split('.')[0]!]];

// ---------------------------------------------------------------------------------------------
// Mutations

function mutate(s: string, random: () => number): string {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const char = () => (random() < 0.8 ? B64.charAt(int(64)) : pick(ODD));
  let out = s;
  const steps = 1 + int(4);
  for (let step = 0; step < steps; step++) {
    const i = int(out.length + 1);
    switch (int(12)) {
      case 0: // replace one character
        out = out.slice(0, i) + char() + out.slice(i + 1);
        break;
      case 1: // delete a run
        out = out.slice(0, i) + out.slice(i + 1 + int(6));
        break;
      case 2: // insert a run
        out = out.slice(0, i) + Array.from({ length: 1 + int(5) }, char).join('') + out.slice(i);
        break;
      case 3: // truncate
        out = out.slice(0, i);
        break;
      case 4: {
        // flip one bit of one base64url character: header fields, counts, range flags change
        const c = B64.indexOf(out.charAt(i));
        if (c >= 0) out = out.slice(0, i) + B64.charAt(c ^ (1 << int(6))) + out.slice(i + 1);
        break;
      }
      case 5: {
        // duplicate, drop or empty a segment / section
        const sep = out.includes('~') ? '~' : '.';
        const parts = out.split(sep);
        const k = int(parts.length);
        const r = random();
        if (r < 0.33) parts.splice(k, 0, parts[k] ?? '');
        else if (r < 0.66) parts.splice(k, 1);
        else parts[k] = '';
        out = parts.join(sep);
        break;
      }
      case 6: // base64url garbage appended (maybe as a new segment or section)
        out += (random() < 0.5 ? pick(['.', '~']) : '') + Array.from({ length: 1 + int(200) }, () => B64.charAt(int(64))).join('');
        break;
      case 7: // all-ones / all-zeros runs: maximal counts, range flags and Fibonacci codes
        out = out.slice(0, i) + (random() < 0.5 ? '_' : 'A').repeat(1 + int(60)) + out.slice(i);
        break;
      case 8: // unicode noise
        out = out.slice(0, i) + pick(ODD) + pick(ODD) + out.slice(i);
        break;
      case 9: // huge: around and over the length limit
        if (random() < 0.15) out = out + B64.charAt(int(64)).repeat(Math.max(0, MAX_SIGNAL_LENGTH - out.length + int(3) - 1));
        break;
      case 10: // splice a piece of another format in (a TC core inside a GPP string and back)
        out = out.slice(0, i) + pick([...TCF_SEEDS, ...GPP_SEEDS]).slice(0, 1 + int(40)) + out.slice(i);
        break;
      default: // pure random base64url of the same length
        if (random() < 0.2) out = out.charAt(0) + Array.from({ length: Math.max(0, out.length - 1) }, () => B64.charAt(int(64))).join('');
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What every answer must be

type Counts = Record<string, number>;
/** How a failing input is named in the assertion message: short, and reproducible from the seed. */
const label = (s: string) => JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}... (${s.length} characters)` : s);
const isIdList = (xs: unknown, max = Number.MAX_SAFE_INTEGER) =>
  Array.isArray(xs) && xs.every((x, k) => Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= max && (k === 0 || (x as number) > (xs[k - 1] as number)));
const isIso = (s: unknown) => typeof s === 'string' && !Number.isNaN(Date.parse(s));

function expectInvalid(r: { kind: string; format?: string; reason?: unknown }, format: string, raw: string) {
  const input = label(raw);
  expect(r.format, input).toBe(format);
  expect(typeof r.reason, input).toBe('string');
  const reason = r.reason as string;
  expect(reason.length, input).toBeGreaterThan(0);
  expect(reason.length, input).toBeLessThanOrEqual(300); // never the whole (possibly huge) input echoed back
  expect(reason, input).not.toMatch(/[\n\r]/u);
  expect(reason, input).not.toMatch(/^(?:undefined|null|\[object Object\]|unknown error)$/u);
}

/** A decoded TC string must hold together (what a caller shows a person). */
function expectCoherentTcf(r: Record<string, unknown>, raw: string) {
  const input = label(raw);
  expect([1, 2], input).toContain(r.version);
  expect(isIso(r.created) && isIso(r.lastUpdated), input).toBe(true);
  expect(isIdList(r.purposeConsents, 24), input).toBe(true);
  expect(isIdList(r.vendorConsents, 65_535), input).toBe(true);
  expect(r.vendorConsentCount, input).toBe((r.vendorConsents as unknown[]).length);
  expect((r.vendorConsents as unknown[]).length, input).toBeLessThanOrEqual(MAX_EXPANDED_IDS);
  if (r.version === 2) {
    expect(isIdList(r.vendorLegitimateInterests, 65_535), input).toBe(true);
    expect(r.vendorLegitimateInterestCount, input).toBe((r.vendorLegitimateInterests as unknown[]).length);
    expect(isIdList(r.specialFeatureOptins, 12) && isIdList(r.purposeLegitimateInterests, 24), input).toBe(true);
    const restrictions = r.publisherRestrictions as unknown[];
    expect(restrictions.length, input).toBeLessThanOrEqual(MAX_RESTRICTION_ENTRIES);
    expect(r.publisherRestrictionsTruncated, input).toBe((r.publisherRestrictionCount as number) > restrictions.length);
    expect((r.segments as string[])[0], input).toBe('core');
    expect(new Set(r.segments as string[]).size, input).toBe((r.segments as string[]).length);
  }
}

function expectCoherentGpp(r: Record<string, unknown>, raw: string) {
  const input = label(raw);
  expect(r.version, input).toBe(1);
  const ids = r.sectionIds as number[];
  expect(ids.length, input).toBe(raw.split('~').length - 1);
  const known = new Set(GPP_SECTIONS.map((s) => s.id));
  expect(r.unsupportedSectionIds, input).toEqual(ids.filter((id) => !known.has(id)));
  for (const name of Object.keys(r.sections as object)) expect(GPP_SECTIONS.map((s) => s.prefix), input).toContain(name);
}

function check(decode: (s: string) => unknown, raw: string, kind: string, format: string, counts: Counts): void {
  const input = label(raw);
  let result: unknown;
  expect(() => (result = decode(raw)), input).not.toThrow();
  const r = result as { kind: string; format?: string; reason?: unknown } & Record<string, unknown>;
  expect([kind, 'invalid'], input).toContain(r.kind);
  // Plain data: survives JSON unchanged (it is stored in the ledger and sent between contexts).
  expect(JSON.parse(JSON.stringify(r)), input).toStrictEqual(r);
  if (r.kind === 'invalid') expectInvalid(r, format, raw);
  else {
    // Valid after mutation: it must re-validate, i.e. decode to exactly the same thing again.
    expect(decode(raw), input).toStrictEqual(r);
    if (r.kind === 'tcf') expectCoherentTcf(r, raw);
    if (r.kind === 'gpp') expectCoherentGpp(r, raw);
  }
  // The format sniffer routes to the same decoder (or says "unknown" / invalid), never throws.
  let sniffed: unknown;
  expect(() => (sniffed = decodeSignal(raw)), input).not.toThrow();
  const s = sniffed as { kind: string; format?: string };
  if (s.kind === 'invalid') expect(['tcf', 'gpp', 'usp', 'unknown']).toContain(s.format);
  else if (s.kind === r.kind) expect(s).toStrictEqual(r);
  counts[r.kind] = (counts[r.kind] ?? 0) + 1;
}

describe('signal decoders on 10,000 hostile strings (seeded)', () => {
  // Shares of the 10,000: TC strings, GPP strings, single GPP sections, US Privacy strings, and
  // noise that is not derived from any valid string.
  const plan = { tcf: 3500, gpp: 3500, section: 1500, usp: 1000, noise: 500 };

  it('the plan adds up to 10,000 inputs', () => {
    expect(Object.values(plan).reduce((a, b) => a + b, 0)).toBe(TOTAL);
    // Every seed is valid to begin with (else the mutations prove nothing).
    for (const s of TCF_SEEDS) expect(decodeTcString(s).kind, s).toBe('tcf');
    for (const s of GPP_SEEDS) expect(decodeGppString(s).kind, s).toBe('gpp');
    for (const s of USP_SEEDS) expect(decodeUspString(s).kind, s).toBe('usp');
    for (const [name, s] of SECTION_SEEDS) expect(decodeGppSection(name, s).kind, s).toBe('gpp-section');
  });

  it(`decodeTcString: ${plan.tcf} mutations of valid TC strings`, () => {
    const random = prng(SEED);
    const counts: Counts = {};
    for (let i = 0; i < plan.tcf; i++) check(decodeTcString, mutate(TCF_SEEDS[i % TCF_SEEDS.length]!, random), 'tcf', 'tcf', counts);
    // Both outcomes occur: mutations reach the library decoder instead of stopping at the first check.
    expect(counts.tcf).toBeGreaterThan(plan.tcf / 20);
    expect(counts.invalid).toBeGreaterThan(plan.tcf / 4);
  });

  it(`decodeGppString: ${plan.gpp} mutations of valid GPP strings`, () => {
    const random = prng(SEED + 1);
    const counts: Counts = {};
    for (let i = 0; i < plan.gpp; i++) check(decodeGppString, mutate(GPP_SEEDS[i % GPP_SEEDS.length]!, random), 'gpp', 'gpp', counts);
    expect(counts.gpp).toBeGreaterThan(plan.gpp / 20);
    expect(counts.invalid).toBeGreaterThan(plan.gpp / 4);
  });

  it(`decodeGppSection: ${plan.section} mutated section strings, by prefix and by id`, () => {
    const random = prng(SEED + 2);
    const counts: Counts = {};
    for (let i = 0; i < plan.section; i++) {
      const [name, seed] = SECTION_SEEDS[i % SECTION_SEEDS.length]!;
      const id = GPP_SECTIONS.find((s) => s.prefix === name)!.id;
      const input = mutate(seed, random);
      check((s) => decodeGppSection(i % 2 ? name : id, s), input, 'gpp-section', 'gpp', counts);
    }
    expect(counts['gpp-section']).toBeGreaterThan(plan.section / 20);
    expect(counts.invalid).toBeGreaterThan(plan.section / 4);
  });

  it(`decodeUspString: ${plan.usp} mutated US Privacy strings`, () => {
    const random = prng(SEED + 3);
    const counts: Counts = {};
    for (let i = 0; i < plan.usp; i++) {
      const input = mutate(USP_SEEDS[i % USP_SEEDS.length]!, random);
      check(decodeUspString, input, 'usp', 'usp', counts);
      // Only the exact grammar decodes.
      if (decodeUspString(input).kind === 'usp') expect(input).toMatch(/^1[YN-]{3}$/u);
    }
    expect(counts.usp).toBeGreaterThan(0);
    expect(counts.invalid).toBeGreaterThan(plan.usp / 2);
  });

  it(`decodeSignal and every decoder: ${plan.noise} random strings of every kind of character`, () => {
    const random = prng(SEED + 4);
    const pools = [B64, `${B64}.~`, '\u0000\u0001\u007f\u0080\u00ff', 'CDB1~.', ODD.join('')];
    for (let i = 0; i < plan.noise; i++) {
      const pool = pools[i % pools.length]!;
      const chars = Array.from(pool);
      const length = i % 50 === 0 ? MAX_SIGNAL_LENGTH + 1 : Math.floor(random() * 300);
      const input = Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
      const counts: Counts = {};
      check(decodeTcString, input, 'tcf', 'tcf', counts);
      check(decodeGppString, input, 'gpp', 'gpp', counts);
      check(decodeUspString, input, 'usp', 'usp', counts);
      check((s) => decodeGppSection('usnat', s), input, 'gpp-section', 'gpp', counts);
    }
  });
});

describe('signal decoders on huge and degenerate strings', () => {
  const huge = (first: string) => first + B64.repeat(Math.ceil(MEGABYTE / 64)).slice(0, MEGABYTE - first.length);

  it('a 1 MB string is invalid for every decoder, with the length in the reason', () => {
    const reason = `string is ${MEGABYTE} characters long; the limit is ${MAX_SIGNAL_LENGTH}`;
    expect(decodeTcString(huge('C'))).toEqual({ kind: 'invalid', format: 'tcf', reason });
    expect(decodeGppString(huge('D'))).toEqual({ kind: 'invalid', format: 'gpp', reason });
    expect(decodeUspString(huge('1'))).toEqual({ kind: 'invalid', format: 'usp', reason });
    expect(decodeGppSection('usnat', huge('B'))).toEqual({ kind: 'invalid', format: 'gpp', reason });
    expect(decodeSignal(huge('C'))).toEqual({ kind: 'invalid', format: 'tcf', reason });
    expect(decodeSignal(huge('D'))).toEqual({ kind: 'invalid', format: 'gpp', reason });
    // 1 MB of GPP sections ("D~D~D~..."): refused by length before it is split.
    expect(decodeGppString('DBABMA' + '~A'.repeat(MEGABYTE / 2))).toMatchObject({ kind: 'invalid', format: 'gpp', reason: expect.stringMatching(/limit is/u) });
  });

  it('just under the limit: long but legal-looking strings are refused by content, not by length', () => {
    const tcf = decodeTcString(huge('C').slice(0, MAX_SIGNAL_LENGTH));
    expect(tcf.kind).toBe('invalid');
    expect((tcf as { reason: string }).reason).not.toMatch(/limit is/u);
    const gpp = decodeGppString(`DBABMA~${'M'.repeat(MAX_SIGNAL_LENGTH - 7)}`);
    expect(gpp).toEqual({ kind: 'invalid', format: 'gpp', reason: expect.stringMatching(/^section 1 \(tcfeuv2\): the first segment must be the core segment/u) });
  });

  it('a TCF section without its core segment is invalid, not "created now, nothing consented" (bug found by this suite)', () => {
    // @iabgpp/cmpapi picks a TCF section's segment decoders by first character and fills absent
    // segments with defaults, Created = the current time among them. Before the fix both calls
    // "decoded", each with another Created.
    const disclosedOnly = fullTcString().split('.')[1]!; // the disclosed-vendors segment, "I".."P"
    expect(decodeGppSection('tcfeuv2', disclosedOnly)).toEqual({ kind: 'invalid', format: 'gpp', reason: expect.stringMatching(/first segment must be the core segment/u) });
    expect(decodeGppSection('tcfcav1', 'YAAAAAAAAAA')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/core segment/u) });
    expect(decodeGppString(`DBABMA~${disclosedOnly}`)).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/^section 1 \(tcfeuv2\): /u) });
    const core = fullTcString().split('.')[0]!;
    expect(decodeGppSection('tcfeuv2', `${core}.${core}`)).toMatchObject({ kind: 'invalid', reason: 'tcfeuv2: segment 2 repeats segment type 0' });
    expect(decodeGppSection('tcfeuv2', `${core}..${disclosedOnly}`)).toMatchObject({ kind: 'invalid', reason: 'tcfeuv2: segment 2 is empty' });
    // With its core segment first, the same section decodes, and twice to the same thing.
    const ok = decodeGppSection('tcfeuv2', `${core}.${disclosedOnly}`);
    expect(ok.kind).toBe('gpp-section');
    expect(decodeGppSection('tcfeuv2', `${core}.${disclosedOnly}`)).toStrictEqual(ok);
  });

  it.each([
    ['empty', ''],
    ['only separators', '..~~..'],
    ['empty GPP sections', 'DBABMA~~~'],
    ['empty TC segments', 'CPx...'],
    ['a lone surrogate', 'C\ud800'],
    ['a BOM', '\ufeffCPxA'],
    ['a right-to-left override', 'D\u202eBABMA~1YNN'],
  ])('%s: invalid, never a throw', (_, input) => {
    for (const decode of [decodeTcString, decodeGppString, decodeUspString, (s: string) => decodeGppSection('usnat', s), decodeSignal]) {
      const r = decode(input) as { kind: string; reason?: string };
      expect(r.kind).toBe('invalid');
      expect(r.reason).toBeTruthy();
    }
  });

  it('non-strings (what a hostile page can hand over the bridge) are invalid, never a throw', () => {
    for (const input of [null, undefined, 0, 1n, {}, [], ['C'], { toString: () => 'CPx' }, Symbol('x')]) {
      for (const decode of [decodeTcString, decodeGppString, decodeUspString, decodeSignal]) {
        let r: { kind: string } | undefined;
        expect(() => (r = decode(input as never))).not.toThrow();
        expect(r!.kind).toBe('invalid');
      }
    }
  });
});
