/**
 * UI strings come from _locales/<lang>/messages.json through browser.i18n; dates, numbers,
 * percentages, durations and plurals are formatted with Intl (extension/ui/format.ts) in the
 * browser's UI language. Unit tests check that every locale has every key the UI uses, and lint
 * rejects hard-coded words in JSX (eslint.config.js).
 */
import { browser } from '../platform/browser.ts';
import { dateTimeIn, durationIn, listIn, numberIn, percentIn, pluralCategoryIn } from './format.ts';
import type { MessageKey } from './message-keys.ts';
import { chosenLanguage, chosenMessage } from './language.ts';

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return chosenMessage(key, substitutions) ?? (browser.i18n.getMessage(key, substitutions) || key);
}

/** The language the pages speak: the one chosen in ConsentLens's settings, else the browser's. */
export const uiLanguage = (): string => chosenLanguage() ?? browser.i18n.getUILanguage();

/**
 * The language the pages are shown in, for <html lang>: the catalogue's own tag (`langTag`), so a
 * browser in a language ConsentLens has no catalogue for gets "en" with the English text.
 */
export const pageLanguage = (): string => t('langTag');

export function formatDateTime(ms: number): string {
  return dateTimeIn(uiLanguage(), ms);
}

export function formatNumber(n: number): string {
  return numberIn(uiLanguage(), n);
}

/** A share from 0 to 1, as a whole percentage. */
export function formatPercent(share: number): string {
  return percentIn(uiLanguage(), share);
}

export function formatDuration(value: number, unit: 'second' | 'minute' | 'hour' | 'day'): string {
  return durationIn(uiLanguage(), value, unit);
}

export function formatList(items: string[]): string {
  return listIn(uiLanguage(), items);
}

/** "1 prompt" / "3 prompts": chrome.i18n has no plurals, so the catalogue has One/Other keys. */
export function plural(count: number, one: MessageKey, other: MessageKey): string {
  return t(pluralCategoryIn(uiLanguage(), count) === 'one' ? one : other, formatNumber(count));
}
