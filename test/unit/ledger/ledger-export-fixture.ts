/**
 * A small but complete v4 ledger export built with the real record builders and `ledgerExport`
 * (shared by test/unit/ledger/import.test.ts, test/unit/cli-export.test.ts and duckdb.test.ts).
 *
 * Sites: example.co.uk (2 prompts, reject-all + accept-all, F6 + F11 flags, a form),
 * example.de (1 prompt, custom + an autoconsent reject-all), maps.example (a geolocation request
 * with flag P1), and the sign-in site app.example.org -> example.org.
 */
import { ledgerExport, promptRecordFrom, decisionRecordFrom } from '../../../src/ledger/records.ts';
import { formRecordFrom, signInRecordFrom } from '../../../src/ledger/collection.ts';
import { permissionRecordFrom } from '../../../src/permissions/records.ts';
import { parseAuthorizationRequest } from '../../../src/oauth/providers.ts';
import type { LedgerExport, PolicyVersionSummary } from '../../../src/protocol/messages.ts';
import type { DecisionRecord, PromptRecord } from '../../../src/model.ts';

const T = 1_767_225_600_000;
const UK = { tabUrl: 'https://news.example.co.uk/world/story?utm=1', frameUrl: 'https://news.example.co.uk/world/story?utm=1', frameId: 0 };
const DE = { tabUrl: 'https://shop.example.de/', frameUrl: 'https://shop.example.de/', frameId: 0 };
const MAPS = { tabUrl: 'https://maps.example/route', frameUrl: 'https://maps.example/route', frameId: 0 };

const HASH = 'a'.repeat(64);
export const POLICY: PolicyVersionSummary = {
  id: `example.co.uk privacy ${HASH}`,
  site: 'example.co.uk',
  kind: 'privacy',
  hash: HASH,
  url: 'https://news.example.co.uk/privacy',
  title: 'Privacy policy',
  source: 'visited',
  firstSeen: T - 10_000,
  lastSeen: T,
};

function prompt(id: string, sender: typeof UK, time: number, text: string): PromptRecord {
  return promptRecordFrom(
    {
      id,
      kind: 'cookie-banner',
      detector: 'generic',
      cmp: 'OneTrust',
      language: 'en',
      text,
      actions: [
        { label: 'Accept all', role: 'accept-all', prominence: { area: 5200, contrast: 7.1, isLink: false, fontWeight: 700 } },
        { label: 'Reject all', role: 'reject-all' },
      ],
      facts: { toggles: [{ label: 'Analytics', checked: false, essential: false }], blocksPage: false, policyLink: true },
      time,
    },
    sender,
  );
}

export function buildExport(): LedgerExport {
  const p1 = prompt('prompt-uk-000001', UK, T, 'We use cookies to measure our audience. Accept all Reject all');
  p1.flags = [
    {
      id: 'F6',
      severity: 'high',
      evidence: { text: 'groups=C0002:1', values: { decision: 'reject-all', purposeConsents: [], grantedCategories: ['performance'] } },
      legal: ['GDPR Art. 7, 21'],
    },
  ];
  p1.signals = [
    { source: 'cmp-cookie', time: T + 5300, purposeConsents: [], purposeLegitimateInterests: [], specialFeatureOptins: [], vendorConsents: 0, grantedCategories: ['performance'], raw: 'groups=C0002:1' },
  ];
  p1.reopenControl = true;
  const p2 = prompt('prompt-uk-000002', UK, T + 60_000, 'Cookies again. Accept all Reject all');
  p2.flags = [{ id: 'F11', severity: 'low', evidence: { values: { missing: ['policy link'] } }, legal: ['GDPR Art. 13'] }];
  const p3 = prompt('prompt-de-000003', DE, T + 120_000, 'Wir verwenden Cookies. Alle akzeptieren Alle ablehnen');
  p3.layers = [{ actions: [{ label: 'Save', role: 'save-choices' }], toggles: [{ label: 'Marketing', checked: true, essential: false }], time: T + 121_000 }];

  const d1: DecisionRecord = { ...decisionRecordFrom({ id: 'decision-000001', promptId: p1.id, kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: T + 4200 }, UK), policyVersion: { id: POLICY.id, hash: HASH, url: POLICY.url, firstSeen: POLICY.firstSeen } };
  const d2: DecisionRecord = { ...decisionRecordFrom({ id: 'decision-000002', promptId: p2.id, kind: 'accept-all', role: 'accept-all', label: 'Accept all', time: T + 61_000 }, UK), policyVersion: null };
  const d3 = decisionRecordFrom(
    { id: 'decision-000003', promptId: p3.id, kind: 'custom', role: 'save-choices', label: 'Save', choices: [{ label: 'Marketing', on: false }], time: T + 122_000 },
    DE,
  );
  const d4: DecisionRecord = {
    id: `autoconsent-${p3.id}`,
    promptId: p3.id,
    site: 'example.de',
    kind: 'reject-all',
    role: null,
    label: '',
    indicatedBy: 'extension',
    autoconsent: { cmp: 'Cookiebot', optOut: true, selfTest: true },
    time: T + 123_000,
  };

  const permission = permissionRecordFrom(
    {
      id: 'permission-000001',
      api: 'geolocation.getCurrentPosition',
      permission: 'geolocation',
      probe: false,
      sinceNavigation: 812.4,
      gesture: false,
      softAskBefore: false,
      stateBefore: 'prompt',
      siteKind: 'maps-travel',
      siteKindSignals: ['title: maps'],
      time: T + 200_000,
    },
    MAPS,
  );
  permission.outcome = 'denied';
  permission.stateAfter = 'denied';
  permission.flags = [{ id: 'P1', severity: 'medium', title: 'Asked on load', explanation: 'The page asked for your location as it loaded.', legal: ['GDPR Art. 25'] }];

  const form = formRecordFrom(
    {
      id: 'form-000000001',
      purpose: 'newsletter',
      fields: [
        { category: 'email', required: true, label: 'Email' },
        { category: 'phone', required: true, label: 'Phone' },
      ],
      time: T + 300_000,
    },
    UK,
  );
  form.submissions = [{ time: T + 301_000, categories: ['email', 'phone'] }];

  const request = parseAuthorizationRequest(
    'https://accounts.google.com/o/oauth2/v2/auth?client_id=123.apps.googleusercontent.com&redirect_uri=https%3A%2F%2Fapp.example.org%2Fcb&response_type=code&scope=openid%20email%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.readonly&state=xyz',
  );
  if (!request) throw new Error('fixture: the Google authorization URL did not parse');
  const signIn = signInRecordFrom(request, 'signin-000000001', T + 400_000);

  return ledgerExport([p1, p2, p3], [d1, d2, d3, d4], '0.1.0', new Date(T + 500_000), [POLICY], { permissions: [permission], forms: [form], signIns: [signIn] });
}

/** The export as the dashboard downloads it: pretty-printed with a 2-space indent. */
export const exportText = (doc: unknown = buildExport()): string => JSON.stringify(doc, null, 2);

/** The 1-based line of the first line of `text` containing `needle` (after `from` matches of it). */
export function lineOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`lineOf: "${needle}" not found`);
  }
  return text.slice(0, at).split('\n').length;
}
