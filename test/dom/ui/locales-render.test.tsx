/**
 * UI parts rendered with the real catalogues, as chrome.i18n would fill them, in en, de, fr and
 * zh_CN: plurals follow Intl.PluralRules, counts and durations are Intl-formatted, and no message
 * key or unfilled $PLACEHOLDER$ reaches the page.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentSnapshotRecord } from '../../../src/model.ts';
import type { PermissionRequestRecord } from '../../../src/permissions/records.ts';
import type { CollectionSiteView } from '../../../src/protocol/messages.ts';

const LOCALES = resolve(import.meta.dirname, '..', '..', '..', 'extension', 'public', '_locales');
type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const ui = { dir: 'en', tag: 'en', catalogue: {} as Catalogue };

/** chrome.i18n.getMessage: $NAME$ -> its placeholder's content, then $1..$9 -> the substitutions. */
function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = ui.catalogue[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/gu, (_, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? '');
  return named.replace(/\$(\d)/gu, (_, n: string) => subs[Number(n) - 1] ?? '');
}

vi.mock('../../../extension/platform/browser.ts', () => ({
  browser: { i18n: { getMessage, getUILanguage: () => ui.tag } },
}));
const { StoredConsent } = await import('../../../extension/ui/components/ledger-parts.tsx');
const { CollectionReport } = await import('../../../extension/ui/components/collection-report.tsx');
const { pageLanguage } = await import('../../../extension/ui/i18n.ts');

function use(dir: string) {
  ui.dir = dir;
  ui.tag = dir.replace('_', '-');
  ui.catalogue = JSON.parse(readFileSync(join(LOCALES, dir, 'messages.json'), 'utf8')) as Catalogue;
}

const snapshot = (vendorConsents: number): ConsentSnapshotRecord => ({
  source: 'tcf',
  time: 1,
  purposeConsents: [1],
  purposeLegitimateInterests: [],
  specialFeatureOptins: [],
  vendorConsents,
  grantedCategories: [],
});

const request = (id: string, probe: boolean): PermissionRequestRecord => ({
  id,
  site: 'example.com',
  url: 'https://example.com/',
  frameOrigin: 'https://example.com',
  thirdParty: false,
  api: 'geolocation.getCurrentPosition',
  permission: 'geolocation',
  probe,
  sinceNavigation: 1250,
  gesture: false,
  softAskBefore: false,
  stateBefore: 'prompt',
  outcome: 'granted',
  stateAfter: 'granted',
  siteKind: 'other',
  siteKindSignals: [],
  time: Date.UTC(2026, 0, 2, 3, 4),
  flags: [],
});

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/gu, ' ');
const shown = () => plain(root.textContent);
/** The words, not followed by a letter ("1 vendor" must not pass on "1 vendors"). */
const words = (text: string) => new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?!\\p{L})`, 'u');

describe.each([
  ['en', '1 vendor', '2 vendors', 'without a click, 1.3 sec after the page opened', 'The site also checked 1 time whether it already had a permission.'],
  ['de', '1 Anbieter', '2 Anbieter', 'ohne Klick, 1,3 Sek. nach dem Öffnen der Seite', 'Die Website hat außerdem 1-mal geprüft, ob sie eine Berechtigung bereits hat.'],
  ['fr', '1 fournisseur', '2 fournisseurs', 'sans clic, 1,3 s après l’ouverture de la page', 'Le site a aussi vérifié 1 fois s’il disposait déjà d’une autorisation.'],
  ['zh_CN', '1 个供应商', '2 个供应商', '未经点击，页面打开后 1.3秒', '该网站还查询了 1 次是否已获得权限。'],
])('%s', (dir, oneVendor, twoVendors, timing, probes) => {
  beforeEach(() => use(dir));

  it('names the page language after the catalogue', () => {
    expect(pageLanguage()).toBe(dir.replace('_', '-'));
  });

  it('pluralises the vendor count', () => {
    render(<StoredConsent signals={[snapshot(1)]} after={null} />, root);
    expect(shown()).toMatch(words(oneVendor));
    render(<StoredConsent signals={[snapshot(2)]} after={null} />, root);
    expect(shown()).toMatch(words(twoVendors));
  });

  it('shows durations and counts with Intl, every placeholder filled', () => {
    const view = { site: 'example.com', permissions: [request('a', false), request('b', true)], forms: [], signIns: [], expected: [] } as unknown as CollectionSiteView;
    render(<CollectionReport view={view} onExpected={() => undefined} />, root);
    expect(plain(root.querySelector('[data-gesture]')?.textContent)).toBe(timing);
    expect([...root.querySelectorAll('p')].map((p) => plain(p.textContent))).toContain(probes);
    expect(shown()).not.toMatch(/\$[A-Z0-9_]+\$|\$\d|\b(perm|sign|form)[A-Z]\w+/u);
  });
});
