/**
 * Shared types and limits for the privacy-signal decoders (TCF, GPP, USP). Every decoder returns
 * plain, JSON-safe data: either the decoded signal or a `SignalError`. None of them throws.
 */

export type SignalFormat = 'tcf' | 'gpp' | 'usp';

/** Why a string could not be decoded. `reason` is one line of English, safe to show to a person. */
export interface SignalError {
  kind: 'invalid';
  format: SignalFormat;
  reason: string;
}

/**
 * Longest input any decoder accepts, in UTF-16 code units. Real TC and GPP strings are a few
 * kilobytes at most; the bound keeps decoding time and memory predictable on hostile input.
 */
export const MAX_SIGNAL_LENGTH = 64 * 1024;

/**
 * Most vendor/section ids that range encodings in one string may expand to, summed over the whole
 * string. Range encodings let a few bytes stand for millions of ids (a 15-character GPP header can
 * claim a range of 10^12 section ids); the libraries expand them eagerly. See budget.ts.
 */
export const MAX_EXPANDED_IDS = 500_000;

/** Most publisher-restriction entries (purpose, vendor, type) listed in a decoded TC string. */
export const MAX_RESTRICTION_ENTRIES = 10_000;

export function invalid(format: SignalFormat, reason: string): SignalError {
  return { kind: 'invalid', format, reason };
}

/** The common checks every decoder makes before looking inside the string. */
export function checkInput(format: SignalFormat, s: unknown): SignalError | string {
  if (typeof s !== 'string') return invalid(format, `expected a string, got ${s === null ? 'null' : typeof s}`);
  if (s.length === 0) return invalid(format, 'empty string');
  if (s.length > MAX_SIGNAL_LENGTH) return invalid(format, `string is ${s.length} characters long; the limit is ${MAX_SIGNAL_LENGTH}`);
  return s;
}

/** A short, printable rendering of a library error message (they sometimes echo the whole input). */
export function describeError(error: unknown): string {
  let message: string;
  if (error instanceof Error) message = error.message || error.name;
  else message = String(error);
  message = message.replace(/\s+/gu, ' ').trim();
  return message.length > 200 ? `${message.slice(0, 197)}...` : message || 'unknown error';
}
