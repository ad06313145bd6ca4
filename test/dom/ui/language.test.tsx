/**
 * The language choice: the chosen locale's catalogue (read from the package) replaces
 * browser.i18n, placeholders are filled the way browser.i18n fills them, Intl follows, and "auto"
 * goes back to the browser.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../extension/platform/browser.ts', () => ({
  browser: {
    i18n: { getMessage: (key: string, subs?: string | string[]) => (key === 'langTag' ? 'en' : `[${key}${subs === undefined ? '' : `:${String(subs)}`}]`), getUILanguage: () => 'en-US' },
    runtime: { getURL: (path: string) => `chrome-extension://id/${path}` },
  },
}));
const { applyLanguage, fillMessage, chosenLanguage } = await import('../../../extension/ui/language.ts');
const { t, uiLanguage, formatNumber } = await import('../../../extension/ui/i18n.ts');

const LOCALES = resolve(import.meta.dirname, '../../../extension/public/_locales');
const fromPackage = async (url: string) => JSON.parse(readFileSync(resolve(LOCALES, url.replace('chrome-extension://id/_locales/', '')), 'utf8')) as unknown;

afterEach(() => applyLanguage('auto'));

describe('language choice', () => {
  it('auto: browser.i18n and the browser language', async () => {
    await applyLanguage('auto');
    expect(t('languageLabel')).toBe('[languageLabel]');
    expect(uiLanguage()).toBe('en-US');
    expect(chosenLanguage()).toBeNull();
    expect(document.documentElement.lang).toBe('en'); // the catalogue the browser picked
  });

  it('a chosen language: its messages, its placeholders, its number format, <html lang>', async () => {
    const urls: string[] = [];
    await applyLanguage('zh_CN', async (url) => {
      urls.push(url);
      return fromPackage(url);
    });
    expect(urls).toEqual(['chrome-extension://id/_locales/zh_CN/messages.json']);
    expect(t('onboardingTitle')).toBe('欢迎使用 ConsentLens');
    expect(t('retentionOn', '30')).toContain('30');
    expect(t('retentionOn', '30')).not.toContain('$');
    expect(uiLanguage()).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    await applyLanguage('auto');
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });

  it('fills $1 and named placeholders like browser.i18n, and $$ as a dollar sign', () => {
    expect(fillMessage({ message: 'Kept $DAYS$ days ($$)', placeholders: { days: { content: '$1' } } }, '30')).toBe('Kept 30 days ($)');
    expect(fillMessage({ message: '$A$ and $B$', placeholders: { a: { content: '$2' }, b: { content: '$1' } } }, ['x', 'y'])).toBe('y and x');
    expect(fillMessage({ message: 'No $UNKNOWN$ here' })).toBe('No $UNKNOWN$ here');
  });

  it('a catalogue that cannot be read is an error (the page then keeps the browser language)', async () => {
    await expect(applyLanguage('de', async () => null)).rejects.toThrow(/could not be read/u);
  });
});
