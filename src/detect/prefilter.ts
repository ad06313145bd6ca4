/**
 * A cheap test, run on every DOM change, of whether the change could carry a prompt: the words of
 * every detector in one regex. Only changes that pass trigger a full scan, so pages that rewrite
 * themselves constantly (single-page apps, live tickers) cost a regex test per change.
 */
import { CONSENT_CONTEXT } from './lexicon.ts';
import { NOTIFICATION_WORDS, SIGNUP_WORDS } from './soft-ask.ts';

const ANY_PROMPT_WORDS = new RegExp(
  [...Object.values(CONSENT_CONTEXT), NOTIFICATION_WORDS, SIGNUP_WORDS].map((r) => `(?:${r.source})`).join('|'),
  'iu',
);

/** Text longer than this is only tested in its first and last parts (banners sit at either end). */
const MAX_TESTED = 20_000;

export function mayHoldPrompt(text: string): boolean {
  if (text.length <= MAX_TESTED) return ANY_PROMPT_WORDS.test(text);
  return ANY_PROMPT_WORDS.test(text.slice(0, MAX_TESTED / 2)) || ANY_PROMPT_WORDS.test(text.slice(-MAX_TESTED / 2));
}
