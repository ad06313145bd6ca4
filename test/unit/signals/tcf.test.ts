import { IntEncoder } from '@iabtechlabtcf/core';
import { describe, expect, it } from 'vitest';
import { decodeTcString, MAX_EXPANDED_IDS, MAX_RESTRICTION_ENTRIES } from '../../../src/signals/index.ts';
import { fullTcString, minimalTcString, tcfV1String, toBase64Url } from './fixtures.ts';

const bits = (value: number, n: number) => IntEncoder.encode(value, n);

/** The 213 fixed bits of a v2 core segment, up to the vendor consent section. */
function coreHeader({ cmpId = 10 } = {}): string {
  return (
    bits(2, 6) + bits(1, 36) + bits(1, 36) + bits(cmpId, 12) + bits(1, 12) + bits(0, 6) + bits(4, 6) + bits(13, 6) + bits(1, 12) + bits(4, 6) +
    '1' + '0' + bits(0, 12) + bits(0, 24) + bits(0, 24) + '0' + bits(0, 12)
  );
}
const emptyVendors = bits(0, 16) + '0';
const noRestrictions = bits(0, 12);

describe('decodeTcString: TCF v2 strings made with @iabtechlabtcf/core', () => {
  it('decodes every field of a service-specific string with disclosed vendors, publisher TC and restrictions', () => {
    const s = fullTcString();
    expect(s.split('.')).toHaveLength(3);
    expect(decodeTcString(s)).toEqual({
      kind: 'tcf',
      version: 2,
      segments: ['core', 'vendorsDisclosed', 'publisherTC'],
      created: '2024-03-05T10:20:30.400Z',
      lastUpdated: '2024-03-05T10:20:30.400Z',
      cmpId: 300,
      cmpVersion: 7,
      consentScreen: 2,
      consentLanguage: 'EN',
      vendorListVersion: 42,
      policyVersion: 4,
      isServiceSpecific: true,
      useNonStandardStacks: false,
      purposeOneTreatment: false,
      publisherCountryCode: 'DE',
      specialFeatureOptins: [1],
      purposeConsents: [1, 2, 3, 4, 9],
      purposeLegitimateInterests: [2, 7, 8, 10],
      vendorConsents: [8, 755],
      vendorLegitimateInterests: [8, 21, 755],
      vendorConsentCount: 2,
      vendorLegitimateInterestCount: 3,
      publisherRestrictions: [
        { purposeId: 2, vendorId: 755, type: 1 },
        { purposeId: 8, vendorId: 21, type: 0 },
      ],
      publisherRestrictionCount: 2,
      publisherRestrictionsTruncated: false,
      publisherConsents: [1, 3],
      publisherLegitimateInterests: [7],
      numCustomPurposes: 2,
      publisherCustomConsents: [2],
      publisherCustomLegitimateInterests: [],
      vendorsDisclosed: [8, 21, 755],
      disclosedVendorCount: 3,
    });
  });

  it('decodes a core-only string and omits the absent optional segments', () => {
    const result = decodeTcString(minimalTcString());
    expect(result).toMatchObject({ kind: 'tcf', version: 2, segments: ['core'], cmpId: 2, cmpVersion: 1, isServiceSpecific: false, vendorConsents: [], purposeConsents: [] });
    expect(result).not.toHaveProperty('vendorsDisclosed');
    expect(result).not.toHaveProperty('vendorsAllowed');
    expect(result).not.toHaveProperty('disclosedVendorCount');
  });

  it('returns plain JSON-safe data', () => {
    const result = decodeTcString(fullTcString());
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('keeps CMP ids 0 and 1, which TCModel refuses, as encoded', () => {
    const s = toBase64Url(coreHeader({ cmpId: 0 }) + emptyVendors + emptyVendors + noRestrictions);
    expect(decodeTcString(s)).toMatchObject({ kind: 'tcf', version: 2, cmpId: 0 });
  });

  it('accepts base64 "=" padding at the end of a segment', () => {
    const s = minimalTcString();
    expect(decodeTcString(`${s}=`)).toEqual(decodeTcString(s));
  });

  it('decodes range-encoded vendor lists', () => {
    const range = bits(700, 16) + '1' + bits(2, 12) + '1' + bits(1, 16) + bits(3, 16) + '0' + bits(700, 16);
    const s = toBase64Url(coreHeader() + range + emptyVendors + noRestrictions);
    expect(decodeTcString(s)).toMatchObject({ vendorConsents: [1, 2, 3, 700], vendorConsentCount: 4, vendorLegitimateInterests: [] });
  });
});

describe('decodeTcString: TCF v1.1 strings', () => {
  const v1 = {
    kind: 'tcf',
    version: 1,
    created: '2024-03-05T10:20:30.400Z',
    lastUpdated: '2024-03-05T10:20:30.400Z',
    cmpId: 15,
    cmpVersion: 5,
    consentScreen: 18,
    consentLanguage: 'EN',
    vendorListVersion: 150,
    purposeConsents: [1, 2, 3, 5],
  };

  it('decodes a bit-field vendor section', () => {
    expect(decodeTcString(tcfV1String({ bitField: [1, 4, 9], maxVendorId: 10 }))).toEqual({ ...v1, vendorConsents: [1, 4, 9], vendorConsentCount: 3 });
  });

  it('decodes a range vendor section with default consent 0', () => {
    expect(decodeTcString(tcfV1String({ ranges: [[2, 5], [9, 9]], defaultConsent: 0, maxVendorId: 12 }))).toEqual({
      ...v1,
      vendorConsents: [2, 3, 4, 5, 9],
      vendorConsentCount: 5,
    });
  });

  it('says clearly that default-consent-1 ranges are not supported', () => {
    expect(decodeTcString(tcfV1String({ ranges: [[2, 5]], defaultConsent: 1, maxVendorId: 12 }))).toEqual({
      kind: 'invalid',
      format: 'tcf',
      reason: 'TCF v1 vendor ranges with default consent 1 are not supported (by @iabtechlabtcf/core)',
    });
  });

  it('rejects v1 strings with more than one segment', () => {
    const s = tcfV1String({ bitField: [1], maxVendorId: 1 });
    expect(decodeTcString(`${s}.${s}`)).toEqual({ kind: 'invalid', format: 'tcf', reason: 'TCF v1 strings have a single segment' });
  });
});

describe('decodeTcString: expansion budget', () => {
  it('refuses, quickly, a 22 KB string whose vendor ranges expand to 268 million ids', () => {
    let vendors = bits(65535, 16) + '1' + bits(4095, 12);
    for (let i = 0; i < 4095; i++) vendors += '1' + bits(1, 16) + bits(65535, 16);
    const s = toBase64Url(coreHeader() + vendors + emptyVendors + noRestrictions);
    const started = performance.now();
    const result = decodeTcString(s);
    expect(performance.now() - started).toBeLessThan(2000); // undefended, @iabtechlabtcf/core spends ~14 s here
    expect(result).toEqual({ kind: 'invalid', format: 'tcf', reason: `refusing to decode: its id ranges expand to more than ${MAX_EXPANDED_IDS} ids` });
  });

  it('refuses publisher restrictions that nest ranges past the budget', () => {
    let restrictions = bits(24, 12);
    for (let p = 1; p <= 24; p++) {
      restrictions += bits(p, 6) + '01' + bits(100, 12);
      for (let i = 0; i < 100; i++) restrictions += '1' + bits(1, 16) + bits(65535, 16);
    }
    const result = decodeTcString(toBase64Url(coreHeader() + emptyVendors + emptyVendors + restrictions));
    expect(result).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/^refusing to decode/u) });
  });

  it('lists at most MAX_RESTRICTION_ENTRIES restrictions and says it truncated', () => {
    // purpose 3, then purpose 2: "require consent" (type 1) for vendors 1-8000 each
    const restriction = (purposeId: number) => bits(purposeId, 6) + '01' + bits(1, 12) + '1' + bits(1, 16) + bits(8000, 16);
    const restrictions = bits(2, 12) + restriction(3) + restriction(2);
    const result = decodeTcString(toBase64Url(coreHeader() + emptyVendors + emptyVendors + restrictions));
    expect(result).toMatchObject({ kind: 'tcf', publisherRestrictionCount: 16000, publisherRestrictionsTruncated: true });
    if (result.kind !== 'tcf' || result.version !== 2) throw new Error('expected a v2 result');
    expect(result.publisherRestrictions).toHaveLength(MAX_RESTRICTION_ENTRIES);
    expect(result.publisherRestrictions[0]).toEqual({ purposeId: 2, vendorId: 1, type: 1 });
  });
});
