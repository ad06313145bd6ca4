/**
 * The message catalogues (extension/public/_locales/<lang>/messages.json): en is the reference;
 * every other language has exactly its keys, the same placeholders, no empty message and no
 * message left in English; every key the code asks for exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_ROLES, DECISION_KINDS, FLAG_IDS, PROMPT_KINDS, type ConsentSnapshotRecord, type Severity } from '../../../src/model.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const LOCALES = join(ROOT, 'extension', 'public', '_locales');

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalogue = Record<string, Entry>;

const text = (lang: string) => readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8');
const catalogue = (lang: string) => JSON.parse(text(lang)) as Catalogue;
const languages = readdirSync(LOCALES).sort();
const others = languages.filter((lang) => lang !== 'en');
const en = catalogue('en');

/**
 * Keys whose message may stay as in English, and why. Everything else must be translated: a
 * message identical to en is almost always one somebody forgot. (Messages without words, such as
 * "$P1$, $P2$.", may be identical anyway.)
 */
const SAME_AS_EN: Record<string, Record<string, string>> = {
  '*': {
    extName: 'brand name',
    siteExample: 'reserved example domain',
    exportSitesExample: 'reserved example domains',
    tcfCmp: 'IAB TCF CMP: a standard and its code',
    extAuditApi: 'API: an acronym',
    extAuditVersionChange: 'v1.2 → v1.3: version numbers',
    languageEn: 'each language is named in itself, in every locale',
    languageZhCn: 'each language is named in itself, in every locale',
    languageDe: 'each language is named in itself, in every locale',
    languageFr: 'each language is named in itself, in every locale',
  },
  de: { exportFormatLegend: 'Format: the same word', exportColStatus: 'Status: the same word', exportColDetail: 'Details: the same word' },
  fr: {
    colSite: 'Site: the same word',
    exportColSite: 'Site: the same word',
    extAuditHosts: 'Sites: the same word',
    colActions: 'Actions: the same word',
    extAuditColName: 'Extension: the same word',
    exportFormatLegend: 'Format: the same word',
  },
};

/** "$SITE$ and $count$" -> ['count', 'site'] (chrome.i18n placeholder names ignore case). */
const namedRefs = (message: string) => [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/gu)].map((m) => (m[1] as string).toLowerCase()))].sort();
/** "$SCORE$/100" and "$P1$, $P2$." have no words to translate. */
const hasWords = (message: string) => /\p{L}/u.test(message.replace(/\$[A-Za-z0-9_@]+\$/gu, '').replace(/\$\d/gu, ''));
/** "$1 of $2" -> ['$1', '$2']: substitutions used directly, outside $NAME$ references. */
const directRefs = (message: string) => [...new Set(message.replace(/\$[A-Za-z0-9_@]+\$/gu, '').match(/\$\d/gu) ?? [])].sort();
const placeholderSpec = (entry: Entry | undefined) =>
  Object.entries(entry?.placeholders ?? {})
    .map(([name, p]) => `${name.toLowerCase()}=${p.content}`)
    .sort();

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel, pattern));
    else if (pattern.test(entry.name)) out.push(rel);
  }
  return out;
}

describe('locales', () => {
  it('are en, de, fr and zh_CN', () => {
    expect(languages).toEqual(expect.arrayContaining(['de', 'en', 'fr', 'zh_CN']));
  });

  it.each(others)('%s has exactly the keys of en', (lang) => {
    const keys = Object.keys(catalogue(lang));
    const missing = Object.keys(en).filter((key) => !keys.includes(key));
    const extra = keys.filter((key) => !(key in en));
    expect({ missing, extra }, lang).toEqual({ missing: [], extra: [] });
  });

  it.each(languages)('%s: every message has the placeholders of en, each defined, and none is empty', (lang) => {
    const other = catalogue(lang);
    const problems: string[] = [];
    for (const [key, value] of Object.entries(other)) {
      const reference = en[key];
      if (!value.message?.trim()) problems.push(`${key}: empty`);
      const defined = placeholderSpec(value).map((spec) => spec.split('=')[0]);
      const undefinedRefs = namedRefs(value.message ?? '').filter((name) => !defined.includes(name));
      if (undefinedRefs.length) problems.push(`${key}: $${undefinedRefs.join('$, $')}$ has no placeholders entry`);
      if (!reference) continue;
      if (placeholderSpec(value).join() !== placeholderSpec(reference).join())
        problems.push(`${key}: placeholders ${placeholderSpec(value).join(' ')} instead of ${placeholderSpec(reference).join(' ')}`);
      if (namedRefs(value.message).join() !== namedRefs(reference.message).join())
        problems.push(`${key}: uses ${namedRefs(value.message).join(' ')} instead of ${namedRefs(reference.message).join(' ')}`);
      if (directRefs(value.message).join() !== directRefs(reference.message).join())
        problems.push(`${key}: uses ${directRefs(value.message).join(' ')} instead of ${directRefs(reference.message).join(' ')}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(others)('%s: no message is left in English', (lang) => {
    const allowed = { ...SAME_AS_EN['*'], ...SAME_AS_EN[lang] };
    const other = catalogue(lang);
    const same = Object.keys(en).filter((key) => other[key]?.message === en[key]?.message && !(key in allowed) && hasWords(en[key]?.message ?? ''));
    expect(same).toEqual([]);
    // and the allow-list holds no stale entries
    expect(Object.keys(allowed).filter((key) => !(key in en))).toEqual([]);
  });

  it.each(languages)('%s: langTag is the directory\'s BCP 47 tag (it becomes <html lang>)', (lang) => {
    const tag = catalogue(lang).langTag?.message ?? '';
    expect(tag).toBe(lang.replace('_', '-'));
    expect(Intl.getCanonicalLocales(tag)).toEqual([tag]);
  });

  it.each(languages)('%s: one entry per line, keys as chrome.i18n accepts them', (lang) => {
    const lines = text(lang).trimEnd().split('\n');
    expect(lines[0]).toBe('{');
    expect(lines.at(-1)).toBe('}');
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^ {2}"[A-Za-z0-9_@]+": \{.*\},?$/u);
  });
});

describe('every key the code asks for exists', () => {
  it('keys written in the code: t(), plural() and the manifest', () => {
    const used = new Set<string>();
    for (const file of filesUnder('extension', /\.tsx?$/u)) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/gu)) used.add(match[1] as string);
      for (const match of source.matchAll(/\bplural\([^,]+,\s*'([A-Za-z0-9_]+)',\s*'([A-Za-z0-9_]+)'/gu)) {
        used.add(match[1] as string);
        used.add(match[2] as string);
      }
    }
    for (const match of readFileSync(join(ROOT, 'manifest.json'), 'utf8').matchAll(/__MSG_([A-Za-z0-9_@]+)__/gu)) used.add(match[1] as string);
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !(key in en)), `missing in ${relative(ROOT, LOCALES)}/en`).toEqual([]);
  });

  it('keys built from values (extension/ui/components/ledger-parts.tsx)', () => {
    const key = (s: string) => s.replaceAll('-', '_');
    const severities: Severity[] = ['high', 'medium', 'low'];
    const sources: ConsentSnapshotRecord['source'][] = ['tcf', 'gpp', 'usp', 'cmp-cookie', 'consent-mode'];
    const built = [
      ...ACTION_ROLES.map((role) => `role_${key(role)}`),
      ...PROMPT_KINDS.map((kind) => `kind_${key(kind)}`),
      ...DECISION_KINDS.map((kind) => `decision_${key(kind)}`),
      ...FLAG_IDS.flatMap((id) => [`flag_${id}_title`, `flag_${id}_text`]),
      ...severities.map((severity) => `severity_${severity}`),
      ...sources.map((source) => `source_${key(source)}`),
    ];
    expect(built.filter((k) => !(k in en))).toEqual([]);
  });
});
