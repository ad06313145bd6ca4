/**
 * UI strings come from _locales/<lang>/messages.json through browser.i18n; dates and numbers are
 * formatted with Intl in the browser's UI language. A unit test checks that every key used here
 * exists in every locale.
 */
import { browser } from '../platform/browser.ts';
import type { MessageKey } from './message-keys.ts';
import { chosenLanguage, chosenMessage } from './language.ts';

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return chosenMessage(key, substitutions) ?? (browser.i18n.getMessage(key, substitutions) || key);
}

/** The language the pages speak: the one chosen in ConsentLens's settings, else the browser's. */
export const uiLanguage = (): string => chosenLanguage() ?? browser.i18n.getUILanguage();

export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(n);
}

/** "1 prompt" / "3 prompts": chrome.i18n has no plurals, so the catalogue has One/Other keys. */
export function plural(count: number, one: MessageKey, other: MessageKey): string {
  const category = new Intl.PluralRules(uiLanguage()).select(count);
  return t(category === 'one' ? one : other, formatNumber(count));
}
