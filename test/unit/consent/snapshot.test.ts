import { describe, expect, it } from 'vitest';
import { readCmpCookie } from '../../../src/consent/cmp-cookies.ts';
import { snapshotOf, type RawSignal } from '../../../src/consent/snapshot.ts';
import { fullGppString, fullTcString } from '../signals/fixtures.ts';

const raw = (over: Partial<RawSignal>): RawSignal => ({ source: 'tcf', name: '__tcfapi', value: '', time: 5, ...over });

describe('snapshotOf', () => {
  it('TCF: purposes, legitimate interests, special features, vendor count and CMP from the string', () => {
    const s = snapshotOf(raw({ value: fullTcString(), eventStatus: 'useractioncomplete' }));
    expect(s).toMatchObject({
      source: 'tcf',
      eventStatus: 'useractioncomplete',
      cmpId: 300,
      purposeConsents: [1, 2, 3, 4, 9],
      purposeLegitimateInterests: [2, 7, 8, 10],
      specialFeatureOptins: [1],
      vendorConsents: 2,
      grantedCategories: [],
      time: 5,
    });
  });

  it('GPP: the EU TCF section and the US opt-outs not exercised', () => {
    const s = snapshotOf(raw({ source: 'gpp', name: '__gpp', value: fullGppString() }));
    expect(s?.source).toBe('gpp');
    expect(s?.purposeConsents.length).toBeGreaterThan(0);
    expect(s?.cmpId).toBe(300);
  });

  it.each([
    ['1YNN', ['sale']],
    ['1YYN', []],
    ['1---', []],
  ])('USP %s grants %j', (value, granted) => {
    expect(snapshotOf(raw({ source: 'usp', name: '__uspapi', value }))?.grantedCategories).toEqual(granted);
  });

  it('Consent Mode: granted types except the essential ones', () => {
    const value = JSON.stringify({ ad_storage: 'granted', analytics_storage: 'denied', security_storage: 'granted', ad_user_data: 'granted' });
    expect(snapshotOf(raw({ source: 'consent-mode', name: 'dataLayer', value }))?.grantedCategories).toEqual(['ad_storage', 'ad_user_data']);
  });

  it.each([
    ['tcf', 'not a tc string'],
    ['gpp', 'DBABM~garbage!!'],
    ['usp', '2YNN'],
    ['consent-mode', '{not json'],
    ['cmp-cookie', 'whatever'],
  ] as const)('an unreadable %s value gives null, never an exception', (source, value) => {
    expect(snapshotOf(raw({ source, name: source === 'cmp-cookie' ? 'unknown_cookie' : 'x', value }))).toBeNull();
  });

  it('caps the raw value it keeps', () => {
    const s = snapshotOf(raw({ source: 'consent-mode', name: 'dataLayer', value: JSON.stringify({ ad_storage: 'granted', pad: 'x'.repeat(10_000) }) }));
    expect(s?.raw?.length).toBe(2048);
  });
});

describe('consent platform cookies', () => {
  it.each([
    ['OptanonConsent', 'isGpcEnabled=0&datestamp=x&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A1%2CC0004%3A1&hosts=', 'OneTrust', ['functional', 'targeting']],
    ['OptanonConsent', 'groups=C0001:1,C0002:0,C0003:0,C0004:0', 'OneTrust', []],
    ['CookieConsent', "{stamp:'abc',necessary:true,preferences:false,statistics:true,marketing:false,method:'explicit',ver:1}", 'Cookiebot', ['statistics']],
    ['cc_cookie', JSON.stringify({ categories: ['necessary'], revision: 0 }), 'CookieConsent (orestbida)', []],
    ['cc_cookie', encodeURIComponent(JSON.stringify({ categories: ['necessary', 'analytics'] })), 'CookieConsent (orestbida)', ['analytics']],
    ['klaro', JSON.stringify({ matomo: true, ads: false }), 'Klaro', ['matomo']],
    ['cookieconsent_status', 'deny', 'Osano Cookie Consent', []],
    ['cookieconsent_status', 'allow', 'Osano Cookie Consent', ['all']],
    ['tarteaucitron', '!gtag=true!youtube=false', 'tarteaucitron', ['gtag']],
  ])('%s=%s', (name, value, platform, granted) => {
    expect(readCmpCookie(name, value)).toEqual({ platform, grantedCategories: granted });
  });

  it.each([
    ['OptanonConsent', 'no-groups-here'],
    ['cc_cookie', '{"broken'],
    ['cookieconsent_status', 'maybe'],
    ['toString', 'x'],
    ['__proto__', 'x'],
  ])('ignores %s=%s', (name, value) => {
    expect(readCmpCookie(name, value)).toBeNull();
  });
});
