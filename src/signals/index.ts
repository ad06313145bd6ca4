/**
 * Privacy signals a site stores or exposes: IAB TCF consent strings, GPP strings and US Privacy
 * strings, decoded into plain JSON-safe data. Every decoder returns either a decoded value or a
 * `SignalError` ({ kind: 'invalid', format, reason }); none of them throws.
 */
import { decodeGppString, type GppDecoded } from './gpp.ts';
import { decodeTcString, type TcfDecoded } from './tcf.ts';
import type { SignalError } from './types.ts';
import { decodeUspString, type UspDecoded } from './usp.ts';

export { decodeGppSection, decodeGppString, GPP_SECTIONS } from './gpp.ts';
export type { GppDecoded, GppSection, GppSectionDecoded, GppValue } from './gpp.ts';
export { decodeTcString } from './tcf.ts';
export type { PublisherRestriction, RestrictionType, TcfDecoded, TcfSegment, TcfV1Decoded, TcfV2Decoded } from './tcf.ts';
export { decodeUspString } from './usp.ts';
export type { UspDecoded } from './usp.ts';
export { MAX_EXPANDED_IDS, MAX_RESTRICTION_ENTRIES, MAX_SIGNAL_LENGTH } from './types.ts';
export type { SignalError, SignalFormat } from './types.ts';

export type DecodedSignal = TcfDecoded | GppDecoded | UspDecoded;

/** What `decodeSignal` returns when the string looks like none of the three formats. */
export interface UnrecognisedSignal {
  kind: 'invalid';
  format: 'unknown';
  reason: string;
}

/**
 * Guesses the format from the first character and decodes with the matching decoder:
 * "C…"/"B…" TC string (v2/v1.1), "D…" GPP string, a digit followed by three characters a US
 * Privacy string. A string that looks like one format but does not decode comes back `invalid`
 * with that format and the reason.
 */
export function sniffSignal(s: string): 'tcf' | 'gpp' | 'usp' | null {
  if (typeof s !== 'string') return null;
  if (/^\d.{3}$/su.test(s)) return 'usp';
  const first = s.charAt(0);
  if (first === 'C' || first === 'B') return 'tcf';
  if (first === 'D') return 'gpp';
  return null;
}

export function decodeSignal(s: string): DecodedSignal | SignalError | UnrecognisedSignal {
  switch (sniffSignal(s)) {
    case 'tcf':
      return decodeTcString(s);
    case 'gpp':
      return decodeGppString(s);
    case 'usp':
      return decodeUspString(s);
    default:
      return {
        kind: 'invalid',
        format: 'unknown',
        reason: typeof s === 'string' && s.length > 0 ? 'not a TC string ("C..."/"B..."), GPP string ("D...") or US Privacy string ("1YNN")' : 'empty or not a string',
      };
  }
}
