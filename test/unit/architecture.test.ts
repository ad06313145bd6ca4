/**
 * The architecture's rules, checked: lint really rejects browser APIs and Dexie in src/ and the
 * polyfill outside extension/platform; the polyfill is imported exactly once; every locale has
 * the same keys and every key the UI uses exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel, pattern));
    else if (pattern.test(entry.name)) out.push(rel);
  }
  return out;
}

describe('lint keeps src/ pure', () => {
  it.each([
    ["import browser from 'webextension-polyfill';\nexport const x = browser;", 'no-restricted-imports'],
    ["import Dexie from 'dexie';\nexport const x = Dexie;", 'no-restricted-imports'],
    ['export const x = chrome.runtime.id;', 'no-restricted-globals'],
    ['export const x = browser.runtime.id;', 'no-restricted-globals'],
    ['export const x = document.title;', 'no-restricted-globals'],
    ['export const x = window.location.href;', 'no-restricted-globals'],
    ["export const x = () => fetch('https://tracker.example');", 'no-restricted-globals'],
    ["import { LedgerDb } from '../extension/background/db.ts';\nexport const x = LedgerDb;", 'no-restricted-imports'],
  ])('rejects %j in src/', async (code, rule) => {
    const messages = await lintAs('src/probe.ts', code);
    expect(messages.some((m) => m.startsWith(`${rule}:`))).toBe(true);
  });

  it('accepts DOM types and arguments in src/', async () => {
    expect(await lintAs('src/probe.ts', 'export const title = (doc: Document): string => doc.title;\n')).toEqual([]);
  });
});

describe('lint keeps the polyfill in extension/platform', () => {
  it('rejects importing it elsewhere in extension/', async () => {
    const messages = await lintAs('extension/ui/probe.ts', "import browser from 'webextension-polyfill';\nexport const x = browser;");
    expect(messages.some((m) => m.startsWith('no-restricted-imports:'))).toBe(true);
  });

  it('rejects raw HTML in the UI', async () => {
    const messages = await lintAs('extension/ui/probe.ts', 'export const set = (el: Element, s: string) => { el.innerHTML = s; };');
    expect(messages.some((m) => m.startsWith('no-restricted-syntax:'))).toBe(true);
  });

  it('is imported by exactly one module, in extension/platform/', () => {
    const importers = [...filesUnder('src', /\.tsx?$/u), ...filesUnder('extension', /\.tsx?$/u)].filter((file) =>
      /from ['"]webextension-polyfill['"]/u.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(importers).toEqual([join('extension', 'platform', 'browser.ts')]);
  });
});

describe('locales', () => {
  const localesDir = join(ROOT, 'extension', 'public', '_locales');
  const catalogue = (lang: string) =>
    JSON.parse(readFileSync(join(localesDir, lang, 'messages.json'), 'utf8')) as Record<string, { message: string; placeholders?: Record<string, unknown> }>;
  const languages = readdirSync(localesDir);

  it('has en and zh_CN', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'zh_CN']));
  });

  it.each(languages)('%s has exactly the keys of en, with the same placeholders', (lang) => {
    const en = catalogue('en');
    const other = catalogue(lang);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(en)) {
      expect(Object.keys(other[key]?.placeholders ?? {}).sort(), `${lang}:${key}`).toEqual(Object.keys(value.placeholders ?? {}).sort());
      expect(other[key]?.message.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  it('names keys the way chrome.i18n accepts ([A-Za-z0-9_@])', () => {
    for (const key of Object.keys(catalogue('en'))) expect(key).toMatch(/^[A-Za-z0-9_@]+$/u);
  });

  it('has every key the UI asks for', () => {
    const en = catalogue('en');
    const used = new Set<string>();
    for (const file of filesUnder('extension/ui', /\.tsx?$/u)) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/gu)) used.add(match[1] as string);
      for (const match of source.matchAll(/plural\([^,]+,\s*'([A-Za-z0-9_]+)',\s*'([A-Za-z0-9_]+)'/gu)) {
        used.add(match[1] as string);
        used.add(match[2] as string);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((key) => !(key in en));
    expect(missing, `missing in ${relative(ROOT, localesDir)}/en`).toEqual([]);
  });
});
