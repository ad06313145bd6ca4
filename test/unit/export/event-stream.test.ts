import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../src/ledger/event-stream.ts';
import type { LedgerEvent } from '../../../src/ledger/events.ts';
import { EVENT_KINDS } from '../../../src/ledger/events.ts';
import { fixture, promptOneTrust, promptShop } from './fixture.ts';

const events = [...eventsOf(fixture)];
const byId = (id: string): LedgerEvent => {
  const e = events.find((x) => x.eventId === id);
  if (!e) throw new Error(`no event ${id}`);
  return e;
};

describe('eventsOf', () => {
  it('emits one event per prompt, stored signal, decision, permission, submission, sign-in and policy version', () => {
    const count = (kind: string): number => events.filter((e) => e.kind === kind).length;
    expect(count('prompt-shown')).toBe(3);
    expect(count('consent-signal')).toBe(4);
    expect(count('decision')).toBe(11);
    expect(count('permission-request')).toBe(1);
    expect(count('data-given')).toBe(2);
    expect(count('sign-in')).toBe(2);
    expect(count('policy-version')).toBe(1);
    expect(events).toHaveLength(24);
    for (const e of events) expect(EVENT_KINDS).toContain(e.kind);
  });

  it('orders events by eventTime', () => {
    const times = events.map((e) => e.eventTime);
    expect(times).toEqual([...times].sort());
    expect(events[0]?.kind).toBe('policy-version'); // first seen a second before the banner
  });

  it('gives deterministic, unique event ids that never name a site', () => {
    const again = [...eventsOf(fixture)].map((e) => e.eventId);
    expect(again).toEqual(events.map((e) => e.eventId));
    expect(new Set(again).size).toBe(again.length);
    for (const id of again) expect(id).not.toMatch(/example/u);
    expect(byId('consent-signal:prompt-onetrust-01:1').detail.vendorConsents).toBe(812);
    expect(byId('data-given:form-newsletter-1:1').detail.submission).toBe(1);
  });

  it('maps each decision kind to its DPV status, consent type and indicating party', () => {
    const expected: Record<string, [string | null, string | null, string]> = {
      'decision:dec-accept-001': ['dpv:ConsentGiven', 'dpv:ExpressedConsent', 'data-subject'],
      'decision:dec-custom-on01': ['dpv:ConsentGiven', 'dpv:ExpressedConsent', 'data-subject'],
      'decision:dec-custom-off1': ['dpv:ConsentRefused', null, 'data-subject'],
      'decision:dec-ack-000001': ['dpv:ConsentGiven', 'dpv:UninformedConsent', 'data-subject'],
      'decision:dec-implied-001': ['dpv:ConsentGiven', 'dpv:ImpliedConsent', 'data-subject'],
      'decision:dec-dismiss-001': ['dpv:ConsentRequestDeferred', null, 'data-subject'],
      'decision:autoconsent-prompt-onetrust-01': ['dpv:ConsentRefused', null, 'extension'],
      'decision:dec-withdraw-01': ['dpv:ConsentWithdrawn', null, 'data-subject'],
      'decision:dec-pay-000001': ['dpv:ConsentRefused', null, 'data-subject'],
      'decision:dec-necess-001': ['dpv:ConsentRefused', null, 'data-subject'],
      'decision:dec-settings-01': [null, null, 'data-subject'],
    };
    for (const [id, [status, type, by]] of Object.entries(expected)) {
      const e = byId(id);
      expect([id, e.dpvStatus, e.detail.consentType, e.indicatedBy]).toEqual([id, status, type, by]);
    }
    expect(byId('decision:dec-custom-on01').detail).toMatchObject({ choicesOn: 2, choicesOff: 1, choices: 'on:Necessary;off:Statistics;on:Marketing' });
    expect(byId('decision:autoconsent-prompt-onetrust-01').detail).toMatchObject({ autoconsentCmp: 'Onetrust', autoconsentSelfTest: true });
    expect(byId('decision:dec-accept-001').detail.policyVersionHash).toBe('a'.repeat(64));
  });

  it('keys prompt-related events by site and text hash, policies by policy hash, the rest by kind', () => {
    const onetrustKey = `example.co.uk ${promptOneTrust.textHash.slice(0, 16)}`;
    expect(byId('prompt-shown:prompt-onetrust-01').recordKey).toBe(onetrustKey);
    expect(byId('consent-signal:prompt-onetrust-01:0').recordKey).toBe(onetrustKey);
    expect(byId('decision:dec-accept-001').recordKey).toBe(onetrustKey);
    expect(byId('decision:dec-custom-on01').recordKey).toBe(`shop.example ${promptShop.textHash.slice(0, 16)}`);
    expect(events.find((e) => e.kind === 'policy-version')?.recordKey).toBe(`example.co.uk policy:${'a'.repeat(16)}`);
    expect(byId('permission-request:perm-geo-000001').recordKey).toBe('shop.example permission-request');
    expect(byId('sign-in:signin-google-01').recordKey).toBe('shop.example sign-in');
  });

  it('reads signals as the site’s claims', () => {
    expect(byId('consent-signal:prompt-onetrust-01:0').dpvStatus).toBe('dpv:ConsentRequested');
    expect(byId('consent-signal:prompt-onetrust-01:1')).toMatchObject({ dpvStatus: 'dpv:ConsentGiven', indicatedBy: 'site', detail: { source: 'tcf', purposeConsents: '1;2;3;4', cmpId: 28 } });
    expect(byId('consent-signal:prompt-shop-0001:0').detail.grantedCategories).toBe('ad_storage');
  });

  it('flattens permission requests, form submissions (categories only), sign-ins and policies', () => {
    expect(byId('permission-request:perm-geo-000001')).toMatchObject({
      dpvStatus: null,
      detail: { api: 'geolocation.getCurrentPosition', permission: 'geolocation', outcome: 'denied', gesture: false, thirdParty: true, flags: 'P1;P5' },
    });
    const submission = byId('data-given:form-newsletter-1:1');
    expect(submission.detail).toMatchObject({ categories: 'email;phone;health', sensitive: 'health', formPurpose: 'newsletter', flags: 'phone' });
    expect(JSON.stringify(submission)).not.toMatch(/Birthday|Email"/u);
    expect(byId('sign-in:signin-google-01')).toMatchObject({ dpvStatus: 'dpv:ConsentGiven', eventTime: '2025-03-01T10:01:50.000Z', detail: { scopes: 'openid;https://www.googleapis.com/auth/contacts.readonly' } });
    expect(byId('sign-in:signin-github-01')).toMatchObject({ dpvStatus: null, indicatedBy: null });
    const policy = events.find((e) => e.kind === 'policy-version');
    expect(policy?.detail).toMatchObject({ policyKind: 'privacy', hash: 'a'.repeat(64), url: 'https://www.example.co.uk/privacy' });
  });

  it('handles exports older than v4 (no policies, permissions, forms or sign-ins)', () => {
    const old = { ...fixture, schemaVersion: 2, policies: undefined, permissions: undefined, forms: undefined, signIns: undefined } as unknown as typeof fixture;
    expect([...eventsOf(old)]).toHaveLength(3 + 4 + 11);
  });
});
