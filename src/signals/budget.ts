/**
 * An expansion budget for range-encoded id lists.
 *
 * TC and GPP strings can encode id lists as ranges ("vendors 1 to 700"). Both IAB libraries expand
 * every range into individual ids while decoding, and nothing bounds the total: a 15-character
 * GPP header whose Fibonacci-coded section-id range ends at 10^12 makes @iabgpp/cmpapi push ids
 * until the JavaScript heap is exhausted, which kills the process (not a catchable exception).
 * TCF publisher restrictions can nest 4095 x 4095 ranges of up to 65535 vendors each.
 *
 * tcf.ts and gpp.ts therefore wrap the libraries' range decoders: before a decoder runs, a
 * counting pass walks the same bits without building anything and charges the number of ids the
 * ranges would expand to against this budget. The budget is active only inside `withBudget`, so
 * other users of the libraries (if any) see the original behaviour.
 */
import { MAX_EXPANDED_IDS } from './types.ts';

export class BudgetExceededError extends Error {
  override name = 'BudgetExceededError';
}

let remaining: number | null = null;
let exhausted: BudgetExceededError | null = null;
let limitInForce = MAX_EXPANDED_IDS;

/**
 * Runs `fn` with a fresh budget of `limit` expanded ids. If the budget runs out, this throws the
 * BudgetExceededError even when a library caught it and threw its own error instead (several
 * @iabgpp/cmpapi segment decoders wrap every error in a generic DecodingError). Decoding is
 * synchronous, so one module-level budget is enough.
 */
export function withBudget<T>(fn: () => T, limit: number = MAX_EXPANDED_IDS): T {
  const previous = { remaining, exhausted, limitInForce };
  remaining = limit;
  limitInForce = limit;
  exhausted = null;
  try {
    const result = fn();
    if (exhausted) throw exhausted;
    return result;
  } catch (error) {
    throw exhausted ?? error;
  } finally {
    remaining = previous.remaining;
    exhausted = previous.exhausted;
    limitInForce = previous.limitInForce;
  }
}

/** Charges a range of ids from `start` to `end` inclusive (or one id) against the active budget. */
export function chargeRange(start: number, end: number): void {
  if (remaining === null) return;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    throw (exhausted = new BudgetExceededError(`an id range (${start} to ${end}) is out of bounds`));
  }
  remaining -= end >= start ? end - start + 1 : 0;
  if (remaining < 0) throw (exhausted = new BudgetExceededError(`its id ranges expand to more than ${limitInForce} ids`));
}

export function budgetActive(): boolean {
  return remaining !== null;
}

const WRAPPED = Symbol('consentlens.budgetWrapped');

/**
 * Replaces `owner[key]` (a static decode method of a library class) with a version that first
 * runs `count` over the same arguments while a budget is active. `count` walks the bits with the
 * library's own primitive decoders, in the same order as the original, and charges every range;
 * whatever it throws (BudgetExceededError, or the library's own error for malformed bits) is
 * thrown before the original decoder expands anything. Idempotent.
 */
export function wrapDecoder<A extends unknown[], R>(owner: object, key: string, count: (...args: A) => void): void {
  const target = owner as Record<string, unknown> & { [WRAPPED]?: Set<string> };
  const original = target[key];
  if (typeof original !== 'function') throw new Error(`cannot guard ${key}: not a function`);
  const done = target[WRAPPED] ?? new Set<string>();
  if (done.has(key)) return;
  const decode = original as (...args: A) => R;
  target[key] = function guarded(this: unknown, ...args: A): R {
    if (budgetActive()) count(...args);
    return decode.apply(this, args);
  };
  done.add(key);
  Object.defineProperty(target, WRAPPED, { value: done, configurable: true });
}
