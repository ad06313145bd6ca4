/** extension/ui/format.ts: what the UI shows for dates, numbers, shares, durations and plurals, per language. */
import { describe, expect, it } from 'vitest';
import { dateTimeIn, durationIn, listIn, numberIn, percentIn, pluralCategoryIn } from '../../../extension/ui/format.ts';

// Intl puts no-break spaces (U+00A0) and narrow no-break spaces (U+202F) in some of these.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/gu, ' ');
const when = Date.UTC(2026, 10, 23, 7, 15);

describe('format', () => {
  it.each([
    ['en', 'Nov 23, 2026, 7:15 AM', '1,234,567.5', '46%', '1.3 sec', '4 min', 'a, b, and c'],
    ['de', '23.11.2026, 07:15', '1.234.567,5', '46 %', '1,3 Sek.', '4 Min.', 'a, b und c'],
    ['fr', '23 nov. 2026, 07:15', '1 234 567,5', '46 %', '1,3 s', '4 min', 'a, b et c'],
    ['zh-CN', '2026年11月23日 07:15', '1,234,567.5', '46%', '1.3秒', '4分钟', 'a、b和c'],
  ])('%s', (locale, date, number, percent, seconds, minutes, list) => {
    expect(plain(dateTimeIn(locale, when, 'UTC'))).toBe(date);
    expect(plain(numberIn(locale, 1234567.5))).toBe(number);
    expect(plain(percentIn(locale, 0.456))).toBe(percent);
    expect(plain(durationIn(locale, 1.25, 'second'))).toBe(seconds);
    expect(plain(durationIn(locale, 4, 'minute'))).toBe(minutes);
    expect(listIn(locale, ['a', 'b', 'c'])).toBe(list);
  });

  it('picks the plural category of each language (0 is singular in French; Chinese has no singular)', () => {
    const categories = (locale: string) => [0, 1, 2, 1000].map((n) => pluralCategoryIn(locale, n));
    expect(categories('en')).toEqual(['other', 'one', 'other', 'other']);
    expect(categories('de')).toEqual(['other', 'one', 'other', 'other']);
    expect(categories('fr')).toEqual(['one', 'one', 'other', 'other']);
    expect(categories('zh-CN')).toEqual(['other', 'other', 'other', 'other']);
  });

  it('formats in the local time zone by default', () => {
    expect(dateTimeIn('en', when)).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(when));
  });
});
