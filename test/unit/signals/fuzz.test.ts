/**
 * Seeded fuzzing: random mutations of valid TC and GPP strings never make a decoder throw, and
 * every answer is either a decoded signal or `invalid` with a reason, as plain JSON.
 */
import { describe, expect, it } from 'vitest';
import { decodeGppString, decodeSignal, decodeTcString } from '../../../src/signals/index.ts';
import { fullGppString, fullTcString, minimalTcString, tcfV1String, usnatSection } from './fixtures.ts';
import { prng } from '../../support/prng.ts';

const SEED = 0xc0ffee;
const MUTATIONS = 2000;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ODD = ['.', '~', '=', ' ', '+', '/', 'é', '😀', '\u0000', '\n'];


function mutate(s: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const at = () => Math.floor(random() * (s.length + 1));
  const char = () => (random() < 0.85 ? B64.charAt(Math.floor(random() * 64)) : pick(ODD));
  let out = s;
  const steps = 1 + Math.floor(random() * 3);
  for (let step = 0; step < steps; step++) {
    const i = Math.min(at(), out.length);
    switch (Math.floor(random() * 7)) {
      case 0: // replace a character
        out = out.slice(0, i) + char() + out.slice(i + 1);
        break;
      case 1: // delete a run
        out = out.slice(0, i) + out.slice(i + 1 + Math.floor(random() * 4));
        break;
      case 2: // insert
        out = out.slice(0, i) + char() + out.slice(i);
        break;
      case 3: // truncate
        out = out.slice(0, i);
        break;
      case 4: {
        // duplicate or drop a segment / section
        const sep = out.includes('~') ? '~' : '.';
        const parts = out.split(sep);
        const k = Math.floor(random() * parts.length);
        if (random() < 0.5) parts.splice(k, 0, parts[k] as string);
        else parts.splice(k, 1);
        out = parts.join(sep);
        break;
      }
      case 5: // flip the bits of one character (changes header fields, counts, range flags)
        out = out.slice(0, i) + B64.charAt(B64.indexOf(out.charAt(i)) ^ (1 << Math.floor(random() * 6)) & 63) + out.slice(i + 1);
        break;
      default: // append random base64url
        out += Array.from({ length: 1 + Math.floor(random() * 40) }, char).join('');
    }
  }
  return out;
}

function check(result: unknown, decodedKind: string, format: string, counts: Record<string, number>) {
  const r = result as { kind: string; format?: string; reason?: string };
  expect([decodedKind, 'invalid']).toContain(r.kind);
  if (r.kind === 'invalid') {
    expect(r.format).toBe(format);
    expect(typeof r.reason).toBe('string');
    expect(r.reason?.length).toBeGreaterThan(0);
  }
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  counts[r.kind] = (counts[r.kind] ?? 0) + 1;
}

describe('fuzz (seeded)', () => {
  it(`decodeTcString survives ${MUTATIONS} mutations of valid TC strings`, () => {
    const random = prng(SEED);
    const seeds = [fullTcString(), minimalTcString(), tcfV1String({ bitField: [1, 4, 9], maxVendorId: 10 }), tcfV1String({ ranges: [[2, 5]], defaultConsent: 0, maxVendorId: 12 })];
    const counts: Record<string, number> = {};
    for (let i = 0; i < MUTATIONS; i++) {
      const input = mutate(seeds[i % seeds.length] as string, random);
      let result: unknown;
      expect(() => (result = decodeTcString(input)), input).not.toThrow();
      check(result, 'tcf', 'tcf', counts);
      expect(() => decodeSignal(input)).not.toThrow();
    }
    // Both outcomes occur: the mutations reach past the first checks into the library decoder.
    expect(counts.tcf).toBeGreaterThan(MUTATIONS / 20);
    expect(counts.invalid).toBeGreaterThan(MUTATIONS / 20);
  });

  it(`decodeGppString survives ${MUTATIONS} mutations of valid GPP strings`, () => {
    const random = prng(SEED + 1);
    const seeds = [fullGppString(), `DBABLA~${usnatSection()}`, 'DBABTA~1YNN'];
    const counts: Record<string, number> = {};
    for (let i = 0; i < MUTATIONS; i++) {
      const input = mutate(seeds[i % seeds.length] as string, random);
      let result: unknown;
      expect(() => (result = decodeGppString(input)), input).not.toThrow();
      check(result, 'gpp', 'gpp', counts);
      expect(() => decodeSignal(input)).not.toThrow();
    }
    expect(counts.gpp).toBeGreaterThan(MUTATIONS / 20);
    expect(counts.invalid).toBeGreaterThan(MUTATIONS / 20);
  });
});
