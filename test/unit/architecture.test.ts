/**
 * The architecture's rules, checked: lint really rejects browser APIs and Dexie in src/ and the
 * polyfill outside extension/platform; the polyfill is imported exactly once. (The locales are
 * checked in test/unit/extension/locales.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

  it.each([
    ['<p>Hello</p>'],
    ['<p>{t(\'cancel\')} Delete</p>'],
    ["<p>{'Delete everything'}</p>"],
    ["<p>{busy ? 'Loading' : t('cancel')}</p>"],
    ["<p>{busy && 'Loading'}</p>"],
    ['<p>{`${n} prompts`}</p>'],
    ['<p>{busy ? `${n} prompts` : null}</p>'],
    ['<p title="Close">{x}</p>'],
    ['<input aria-label="Search" />'],
    ['<input placeholder={\'example.com\'} />'],
    ['<img alt="Logo" />'],
    ['<>Gesehen</>'],
    ['<p>已删除</p>'],
  ])('rejects hard-coded words in UI JSX: %s', async (jsx) => {
    const code = `const t = (k: string) => k;\nconst n = 1, x = 2, busy = false;\nexport const view = () => ${jsx};\nvoid t; void n; void x; void busy;\n`;
    const messages = await lintAs('extension/ui/components/probe.tsx', code);
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax: Hard-coded words')), jsx).toHaveLength(1);
  });

  it('rejects a hard-coded page title', async () => {
    const messages = await lintAs('extension/ui/popup/probe.tsx', 'document.title = `Ledger – ${location.host}`;\n');
    expect(messages.some((m) => m.startsWith('no-restricted-syntax: Hard-coded words'))).toBe(true);
  });

  it('accepts words from the catalogue, data, punctuation and non-user-facing attributes', async () => {
    const code = [
      "import { t } from '../i18n.ts';",
      'export const view = (site: string, n: number) => (',
      '  <p class="muted status" data-action="delete-site" id="x" title={t(\'cancel\')} aria-label={site}>',
      "    {t('cancel')} · {site}: {n} — {n > 1 ? ' · ' : ''} {`(${site})`}",
      '  </p>',
      ');',
      "document.title = t('dashboardTitle');",
      '',
    ].join('\n');
    expect(await lintAs('extension/ui/components/probe.tsx', code)).toEqual([]);
  });

  it('checks every component, the export and research panels included (no exclusion list left)', async () => {
    expect(await lintAs('extension/ui/components/export-panel.tsx', 'export const view = () => <p>Hello</p>;\n')).not.toEqual([]);
    expect(await lintAs('extension/ui/components/research-panel.tsx', 'export const view = () => <p>Hello</p>;\n')).not.toEqual([]);
  });

  it('is imported by exactly one module, in extension/platform/', () => {
    const importers = [...filesUnder('src', /\.tsx?$/u), ...filesUnder('extension', /\.tsx?$/u)].filter((file) =>
      /from ['"]webextension-polyfill['"]/u.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(importers).toEqual([join('extension', 'platform', 'browser.ts')]);
  });
});
