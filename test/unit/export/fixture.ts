/**
 * A realistic ledger export for the export tests: a OneTrust banner on a news site with the
 * consent signals its CMP stored, a settings layer, decisions of every kind, a flagged permission
 * request, a form with two submissions, two sign-ins and a privacy-policy version. Text and labels
 * carry commas, quotes, newlines and formula starts, as hostile pages can.
 */
import type { LedgerExport } from '../../../src/protocol/messages.ts';
import type { DecisionRecord, PromptRecord } from '../../../src/model.ts';
import { sha256Hex } from '../../../src/text.ts';

const T0 = Date.UTC(2025, 2, 1, 9, 0, 0); // 2025-03-01T09:00:00Z

function prompt(id: string, site: string, text: string, time: number, extra: Partial<PromptRecord> = {}): PromptRecord {
  return {
    id,
    site,
    url: `https://www.${site}/news/article-1`,
    frame: 'top',
    kind: 'cookie-banner',
    detector: 'generic',
    cmp: null,
    language: 'en',
    text,
    textHash: sha256Hex(text),
    actions: [
      { label: 'Accept All Cookies', role: 'accept-all' },
      { label: 'Cookies Settings', role: 'settings' },
    ],
    time,
    facts: { toggles: [], blocksPage: false, policyLink: true },
    layers: [],
    signals: [],
    reopenControl: null,
    flags: [],
    ...extra,
  };
}

const oneTrustText = 'We and our 812 partners store and/or access information on a device, such as "cookies", and process personal data.\nBy clicking "Accept All Cookies", you agree.';

export const promptOneTrust = prompt('prompt-onetrust-01', 'example.co.uk', oneTrustText, T0, {
  cmp: 'OneTrust',
  kind: 'consent-dialog',
  selector: '#onetrust-banner-sdk',
  facts: {
    toggles: [],
    blocksPage: true,
    policyLink: true,
  },
  layers: [
    {
      actions: [{ label: 'Confirm My Choices', role: 'save-choices' }],
      toggles: [
        { label: 'Strictly Necessary Cookies', checked: true, essential: true },
        { label: 'Performance Cookies', checked: true, essential: false },
        { label: 'Targeting Cookies', checked: true, essential: false },
      ],
      time: T0 + 4_000,
    },
  ],
  signals: [
    { source: 'tcf', time: T0 + 100, eventStatus: 'cmpuishown', purposeConsents: [], purposeLegitimateInterests: [2, 7, 8], specialFeatureOptins: [], vendorConsents: 0, grantedCategories: [], raw: 'CQN-empty', cmpId: 28 },
    { source: 'tcf', time: T0 + 9_000, eventStatus: 'useractioncomplete', purposeConsents: [1, 2, 3, 4], purposeLegitimateInterests: [2, 7], specialFeatureOptins: [1], vendorConsents: 812, grantedCategories: [], raw: 'CQNxAAA.IAAA', cmpId: 28 },
    { source: 'cmp-cookie', time: T0 + 9_500, purposeConsents: [], purposeLegitimateInterests: [], specialFeatureOptins: [], vendorConsents: 0, grantedCategories: ['performance', 'targeting'], raw: 'groups=C0001:1,C0002:1,C0004:1' },
  ],
  flags: [
    { id: 'F3', severity: 'high', evidence: { text: 'pre-ticked' }, legal: ['CJEU C-673/17 Planet49'] },
    { id: 'F5', severity: 'medium', evidence: {}, legal: ['GDPR Art. 7(3)'] },
  ],
});

const shopText = 'This shop uses cookies, pixels and "similar" technology.';
export const promptShop = prompt('prompt-shop-0001', 'shop.example', shopText, T0 + 3_600_000, {
  cmp: 'Cookiebot',
  facts: {
    toggles: [
      { label: 'Necessary', checked: true, essential: true },
      { label: 'Statistics', checked: false, essential: false },
      { label: 'Marketing', checked: true, essential: false },
    ],
    blocksPage: false,
    policyLink: true,
  },
  signals: [{ source: 'consent-mode', time: T0 + 3_600_500, purposeConsents: [], purposeLegitimateInterests: [], specialFeatureOptins: [], vendorConsents: 0, grantedCategories: ['ad_storage'] }],
});

export const promptBlog = prompt('prompt-blog-00001', 'blog.example', '=cmd|" /C calc"!A0 We use cookies. Continuing means you accept.', T0 + 7_200_000, {
  actions: [{ label: 'OK', role: 'acknowledge' }],
});

function decision(id: string, p: PromptRecord, kind: DecisionRecord['kind'], offset: number, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  return { id, promptId: p.id, site: p.site, kind, role: null, label: '', indicatedBy: 'user', time: p.time + offset, ...extra };
}

export const decisions: DecisionRecord[] = [
  decision('dec-accept-001', promptOneTrust, 'accept-all', 9_000, {
    role: 'accept-all',
    label: 'Accept All Cookies',
    policyVersion: { id: 'example.co.uk privacy ' + 'a'.repeat(64), hash: 'a'.repeat(64), url: 'https://www.example.co.uk/privacy', firstSeen: T0 - 1000 },
  }),
  decision('dec-custom-on01', promptShop, 'custom', 5_000, {
    role: 'save-choices',
    label: '+Save, "my" choices',
    choices: [
      { label: 'Necessary', on: true },
      { label: 'Statistics', on: false },
      { label: 'Marketing', on: true },
    ],
  }),
  decision('dec-custom-off1', promptShop, 'custom', 86_400_000, {
    role: 'save-choices',
    label: 'Save',
    choices: [
      { label: 'Necessary', on: true },
      { label: 'Statistics', on: false },
      { label: 'Marketing', on: false },
    ],
  }),
  decision('dec-ack-000001', promptBlog, 'acknowledged', 2_000, { role: 'acknowledge', label: '@OK' }),
  decision('dec-implied-001', promptBlog, 'implied', 90_000_000),
  decision('dec-dismiss-001', promptOneTrust, 'dismissed', 200_000_000, { role: 'close', label: '-' }),
  decision('autoconsent-prompt-onetrust-01', promptOneTrust, 'reject-all', 300_000_000, { indicatedBy: 'extension', autoconsent: { cmp: 'Onetrust', optOut: true, selfTest: true } }),
  decision('dec-withdraw-01', promptOneTrust, 'withdrawn', 400_000_000, { role: 'reject-all', label: 'Reject All' }),
  decision('dec-pay-000001', promptBlog, 'pay', 500_000_000, { role: 'pay', label: 'Subscribe for 2,99 €' }),
  decision('dec-necess-001', promptShop, 'necessary-only', 600_000_000, { role: 'necessary-only', label: 'Use necessary cookies only' }),
  decision('dec-settings-01', promptShop, 'opened-settings', 1_000, { role: 'settings', label: 'Details' }),
];

export const fixture: LedgerExport = {
  format: 'consent-lens-ledger',
  schemaVersion: 4,
  exportedAt: '2025-04-01T00:00:00.000Z',
  generator: { name: 'ConsentLens', version: '0.4.0' },
  prompts: [promptOneTrust, promptShop, promptBlog],
  decisions,
  policies: [
    {
      id: `example.co.uk privacy ${'a'.repeat(64)}`,
      site: 'example.co.uk',
      kind: 'privacy',
      hash: 'a'.repeat(64),
      url: 'https://www.example.co.uk/privacy',
      title: 'Privacy, cookies & you',
      source: 'visited',
      firstSeen: T0 - 1000,
      lastSeen: T0 + 50_000,
    },
  ],
  permissions: [
    {
      id: 'perm-geo-000001',
      site: 'shop.example',
      url: 'https://shop.example/stores',
      frameOrigin: 'https://maps.tracker.example',
      thirdParty: true,
      api: 'geolocation.getCurrentPosition',
      permission: 'geolocation',
      probe: false,
      sinceNavigation: 800,
      gesture: false,
      softAskBefore: false,
      stateBefore: 'prompt',
      outcome: 'denied',
      stateAfter: 'denied',
      siteKind: 'shop',
      siteKindSignals: ['cart'],
      time: T0 + 3_650_000,
      flags: [
        { id: 'P1', severity: 'medium', title: 'On page load', explanation: 'Asked for your location, before you did anything.', legal: ['GDPR Art. 5(1)(c)'] },
        { id: 'P5', severity: 'high', title: 'Third party', explanation: 'A frame of another site asked.', legal: [] },
      ],
    },
  ],
  forms: [
    {
      id: 'form-newsletter-1',
      site: 'blog.example',
      url: 'https://blog.example/subscribe',
      frameOrigin: 'https://blog.example',
      thirdParty: false,
      purpose: 'newsletter',
      fields: [
        { category: 'email', required: true, label: 'Email', sensitive: false },
        { category: 'phone', required: true, label: 'Phone', sensitive: false },
        { category: 'birth-date', required: false, label: 'Birthday', sensitive: false },
      ],
      flags: [{ category: 'phone', label: 'Phone', sensitive: false, explanation: 'A newsletter form requires your phone number', legal: 'GDPR Art. 5(1)(c)' }],
      time: T0 + 7_300_000,
      submissions: [
        { time: T0 + 7_400_000, categories: ['email', 'phone'] },
        { time: T0 + 8_000_000, categories: ['email', 'phone', 'health'] },
      ],
    },
  ],
  signIns: [
    {
      id: 'signin-google-01',
      site: 'shop.example',
      provider: 'google',
      clientId: '1234-shopapp.apps.googleusercontent.com',
      redirectUri: 'https://shop.example/oauth/callback',
      scopes: [
        { scope: 'openid', label: { en: 'Identity', zh: '身份' }, category: 'identity', sensitive: false, write: false },
        { scope: 'https://www.googleapis.com/auth/contacts.readonly', label: { en: 'Contacts', zh: '联系人' }, category: 'contacts', sensitive: true, write: false },
      ],
      sensitive: ['https://www.googleapis.com/auth/contacts.readonly'],
      time: T0 + 3_700_000,
      outcome: 'granted',
      outcomeTime: T0 + 3_710_000,
    },
    {
      id: 'signin-github-01',
      site: 'blog.example',
      provider: 'github',
      clientId: 'abc',
      redirectUri: null,
      scopes: [{ scope: 'repo', label: { en: 'Repositories', zh: '仓库' }, category: 'repositories', sensitive: true, write: true }],
      sensitive: ['repo'],
      time: T0 + 9_000_000,
      outcome: 'pending',
      outcomeTime: null,
    },
  ],
};

/** Concatenate a writer's chunks (tests only: the writers themselves never do this). */
export function collect(chunks: Iterable<string>): string {
  let out = '';
  for (const c of chunks) out += c;
  return out;
}

/** A small RFC 4180 parser: quoted fields with doubled quotes, commas and CR/LF inside quotes, CRLF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('last row does not end with CRLF');
  return rows;
}
