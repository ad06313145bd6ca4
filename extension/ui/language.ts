/**
 * The person's language choice (settings `language`). browser.i18n always speaks the browser's
 * language, so for another choice the pages read that locale's messages.json from the extension
 * package itself (runtime.getURL: a file inside the extension, not a network request) and
 * substitute placeholders the way browser.i18n does. Each page calls `loadLanguage()` once before
 * its first render.
 */
import type { UiLanguageSetting } from '../../src/model.ts';
import { browser } from '../platform/browser.ts';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type Catalogue = Record<string, Entry>;

let catalogue: Catalogue | null = null;
let language: string | null = null;

/** BCP 47 for a _locales folder name (zh_CN -> zh-CN). */
export const bcp47 = (folder: string): string => folder.replace('_', '-');

/** The message in the chosen language, with $1..$9 and named placeholders filled; null if none chosen or missing. */
export function chosenMessage(key: string, substitutions?: string | string[]): string | null {
  const entry = catalogue && Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
  if (!entry) return null;
  return fillMessage(entry, substitutions);
}

export function fillMessage(entry: Entry, substitutions?: string | string[]): string {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const positional = (text: string): string => text.replace(/\$(\d)/gu, (_, n: string) => subs[Number(n) - 1] ?? '');
  const named = entry.placeholders ?? {};
  const withNames = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/gu, (whole, name: string) => {
    const found = Object.entries(named).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return found ? positional(found[1].content) : whole;
  });
  return withNames.replace(/\$\$/gu, '$');
}

export const chosenLanguage = (): string | null => language;

/** Applies a language choice: 'auto' goes back to the browser's. Also sets <html lang>. */
export async function applyLanguage(choice: UiLanguageSetting, fetchFile: (url: string) => Promise<unknown> = defaultFetch): Promise<void> {
  if (choice === 'auto') {
    catalogue = null;
    language = null;
  } else {
    const loaded = await fetchFile(browser.runtime.getURL(`_locales/${choice}/messages.json`));
    if (typeof loaded !== 'object' || loaded === null) throw new Error(`the ${choice} messages could not be read`);
    catalogue = loaded as Catalogue;
    language = bcp47(choice);
  }
  // 'auto': the language of the catalogue the browser picked (its langTag), which is English for a browser language we lack.
  if (typeof document !== 'undefined') document.documentElement.lang = language ?? (browser.i18n.getMessage('langTag') || browser.i18n.getUILanguage());
}

async function defaultFetch(url: string): Promise<unknown> {
  const response = await fetch(url);
  return response.json();
}

/** Reads the setting from the background and applies it. A failure leaves the browser's language. */
export async function loadLanguage(readSetting: () => Promise<UiLanguageSetting>): Promise<void> {
  try {
    await applyLanguage(await readSetting());
  } catch {
    await applyLanguage('auto').catch(() => undefined);
  }
}
