/**
 * Hostile and broken input: every decoder answers `invalid` with a reason and never throws.
 */
import { describe, expect, it } from 'vitest';
import { decodeGppSection, decodeGppString, decodeSignal, decodeTcString, decodeUspString, MAX_SIGNAL_LENGTH, sniffSignal } from '../../../src/signals/index.ts';
import { fullGppString, fullTcString } from './fixtures.ts';

const TC = fullTcString();
const GPP = fullGppString();
const MEGABYTE = 1024 * 1024;

/** Deterministic pseudo-random bytes (mulberry32). */
function randomBytes(seed: number, n: number): string {
  let a = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out += String.fromCharCode(((t ^ (t >>> 14)) >>> 0) % 256);
  }
  return out;
}

function expectInvalid(result: unknown, format: string, reason?: RegExp | string) {
  expect(result).toMatchObject({ kind: 'invalid', format });
  const r = (result as { reason: unknown }).reason;
  expect(typeof r).toBe('string');
  expect((r as string).length).toBeGreaterThan(0);
  expect(r as string).not.toMatch(/\n/u);
  if (typeof reason === 'string') expect(r).toBe(reason);
  else if (reason) expect(r).toMatch(reason);
}

describe('decodeTcString on malformed input', () => {
  it.each([
    ['empty', '', 'empty string'],
    ['wrong prefix (a GPP string)', GPP, /^not a TC string: .*found version 3 \(this looks like a GPP string\)$/u],
    ['wrong prefix (plain text)', 'hello world', /^not a TC string: .*found version 33$/u],
    ['wrong prefix (not base64url)', '!C', /^not a TC string: .*found a string starting with "!"$/u],
    ['truncated core segment', TC.slice(0, 20), /^truncated or malformed TC string/u],
    ['truncated after a dot', `${TC.split('.')[0]}.`, 'segment 2 is empty'],
    ['random bytes', randomBytes(1, 200), /^not a TC string/u],
    ['random bytes after a "C"', `C${randomBytes(1, 200)}`, 'segment 1 is not base64url (only A-Z a-z 0-9 - _ are allowed)'],
    ['1 MB string', `C${'A'.repeat(MEGABYTE)}`, `string is ${MEGABYTE + 1} characters long; the limit is ${MAX_SIGNAL_LENGTH}`],
    ['unicode', 'CPé😀xyz', 'segment 1 is not base64url (only A-Z a-z 0-9 - _ are allowed)'],
    ['an unknown segment type', `${TC.split('.')[0]}.${'_'.repeat(8)}`, 'segment 2 has unknown segment type 7'],
    ['a repeated segment', `${TC}.${TC.split('.')[1]}`, 'segment 4 repeats the vendorsDisclosed segment'],
    ['a second core segment', `${TC.split('.')[0]}.${TC.split('.')[0]}`, 'segment 2 is a second core segment'],
    ['a version 3 core segment', `D${TC.slice(1)}`, /found version 3$/u],
  ])('%s', (_, input, reason) => {
    expectInvalid(decodeTcString(input), 'tcf', reason);
  });

  it.each([null, undefined, 42, {}, ['C']])('a non-string %j', (input) => {
    expectInvalid(decodeTcString(input as never), 'tcf', /^expected a string, got /u);
  });
});

describe('decodeGppString on malformed input', () => {
  const [header, ...sections] = GPP.split('~');
  it.each([
    ['empty', '', 'empty string'],
    ['wrong prefix (a TC string)', TC, 'not a GPP string: it must start with the header section ("D...")'],
    ['a header claiming sections that are absent', header as string, 'the header lists 4 section(s) [2,6,7,8] but the string has 0'],
    ['one section missing', [header, ...sections.slice(0, 3)].join('~'), 'the header lists 4 section(s) [2,6,7,8] but the string has 3'],
    ['an extra section', `${GPP}~1YNN`, 'the header lists 4 section(s) [2,6,7,8] but the string has 5'],
    ['an empty section', `${header}~~~~`, 'section 1 is empty'],
    ['a truncated section', [header, sections[0]?.slice(0, 10), ...sections.slice(1)].join('~'), /./u],
    ['a corrupt uspv1 section', [header, sections[0], '1YXN', ...sections.slice(2)].join('~'), 'uspv1 section: character 3 (opt-out-of-sale) must be Y, N or -, got "X"'],
    ['random bytes', `D${randomBytes(2, 200)}`, 'the header contains characters outside base64url'],
    ['1 MB string', `${GPP}${'A'.repeat(MEGABYTE)}`, /^string is \d+ characters long; the limit is 65536$/u],
    ['unicode', 'DBABMA~CPé😀', 'section 1 contains characters outside base64url'],
    ['a header with GPP version 2', `DC${header?.slice(2)}`, 'unsupported GPP header version 2'],
    ['a truncated header', 'D', /HeaderV1/u],
  ])('%s', (_, input, reason) => {
    expectInvalid(decodeGppString(input), 'gpp', reason);
  });

  it.each([null, undefined, 42, {}])('a non-string %j', (input) => {
    expectInvalid(decodeGppString(input as never), 'gpp', /^expected a string, got /u);
  });

  it('decodeGppSection rejects broken section strings', () => {
    expectInvalid(decodeGppSection('usnat', ''), 'gpp', 'empty string');
    expectInvalid(decodeGppSection('usnat', 'Bé'), 'gpp', 'the section contains characters outside base64url');
    expectInvalid(decodeGppSection('uspv1', '1YNNN'), 'gpp', /UspV1/u);
    expectInvalid(decodeGppSection('tcfeuv2', 'CPSG'), 'gpp', /./u);
    expectInvalid(decodeGppSection('usnat', 'A'.repeat(MEGABYTE)), 'gpp', /the limit is 65536$/u);
  });
});

describe('decodeUspString on malformed input', () => {
  it.each([
    ['random bytes', randomBytes(3, 4)],
    ['1 MB string', `1YNN${'N'.repeat(MEGABYTE)}`],
    ['unicode', '1Y😀'],
    ['a TC string', TC],
  ])('%s', (_, input) => {
    expectInvalid(decodeUspString(input), 'usp');
  });
});

describe('decodeSignal', () => {
  it('sniffs the format from the first character', () => {
    expect(sniffSignal(TC)).toBe('tcf');
    expect(sniffSignal('BOOzQoAOOzQoAAPAFSENCW-AIBACBAAABCA')).toBe('tcf');
    expect(sniffSignal(GPP)).toBe('gpp');
    expect(sniffSignal('1YNN')).toBe('usp');
    expect(sniffSignal('1YXN')).toBe('usp');
    expect(sniffSignal('hello')).toBeNull();
  });

  it('decodes each format through its decoder', () => {
    expect(decodeSignal(TC)).toEqual(decodeTcString(TC));
    expect(decodeSignal(GPP)).toEqual(decodeGppString(GPP));
    expect(decodeSignal('1YNN')).toEqual(decodeUspString('1YNN'));
  });

  it('reports the sniffed format when a string does not decode', () => {
    expectInvalid(decodeSignal('1YXN'), 'usp');
    expectInvalid(decodeSignal('C!!'), 'tcf');
    expectInvalid(decodeSignal('DBABM'), 'gpp');
  });

  it.each(['', 'hello', 'Xyz', null as never])('says %j is no known signal', (input) => {
    expectInvalid(decodeSignal(input), 'unknown');
  });
});
