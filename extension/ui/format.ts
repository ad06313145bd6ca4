/**
 * Dates, numbers, percentages and durations for people, with Intl in a given language. Pure (no
 * browser API): extension/ui/i18n.ts calls these with the browser's UI language, and the unit
 * tests with en, de, fr and zh-CN.
 */

/**
 * Intl formatters are slow to build (a locale lookup each): one per locale and options, kept. A
 * progress bar or a list of 200 sites formats thousands of numbers.
 */
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** 23 Nov 2026, 07:15 / 23.11.2026, 07:15 / 23 nov. 2026, 07:15 / 2026年11月23日 07:15 */
export function dateTimeIn(locale: string, ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
}

/** 1,234.5 / 1.234,5 / 1 234,5 */
export function numberIn(locale: string, n: number, maximumFractionDigits = 3): string {
  return numberFormat(locale, { maximumFractionDigits }).format(n);
}

/** A share from 0 to 1 as a whole percentage: 45% / 45 % / 45 %. */
export function percentIn(locale: string, share: number): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A duration in one unit, abbreviated, at most one decimal: 1.2 sec / 1,2 Sek. / 1,2 s / 1.2秒. */
export function durationIn(locale: string, value: number, unit: 'second' | 'minute' | 'hour' | 'day'): string {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** The Intl.PluralRules category of a count: 'one' / 'other' (and 'few', 'many' … in other languages). */
export function pluralCategoryIn(locale: string, count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(locale).select(count);
}

/** "a, b and c" / "a, b und c" / "a, b et c" / "a、b和c" */
export function listIn(locale: string, items: string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}
