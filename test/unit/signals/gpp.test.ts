import { CompressedBase64UrlEncoder, FibonacciIntegerEncoder, FixedIntegerEncoder, GppModel } from '@iabgpp/cmpapi';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeGppSection, decodeGppString, MAX_EXPANDED_IDS } from '../../../src/signals/index.ts';
import { fullGppString, usnatSection } from './fixtures.ts';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const falses = (n: number) => Array<boolean>(n).fill(false);

describe('decodeGppString: strings made with @iabgpp/cmpapi', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW); // the library stamps the TCF section with the encoding time
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('decodes the header and every section, keeping every field the library gives', () => {
    const s = fullGppString();
    expect(s.split('~')).toHaveLength(5);
    expect(decodeGppString(s)).toEqual({
      kind: 'gpp',
      version: 1,
      sectionIds: [2, 6, 7, 8],
      unsupportedSectionIds: [],
      sections: {
        tcfeuv2: {
          Version: 2,
          Created: '2024-06-01T00:00:00.000Z', // day precision, as the library encodes it
          LastUpdated: '2024-06-01T00:00:00.000Z',
          CmpId: 300,
          CmpVersion: 7,
          ConsentScreen: 0,
          ConsentLanguage: 'EN',
          VendorListVersion: 42,
          PolicyVersion: 4,
          IsServiceSpecific: true,
          UseNonStandardStacks: false,
          SpecialFeatureOptins: falses(12),
          PurposeConsents: [true, true, false, true, ...falses(20)],
          PurposeLegitimateInterests: falses(24),
          PurposeOneTreatment: false,
          PublisherCountryCode: 'AA',
          VendorConsents: [8, 21, 755],
          VendorLegitimateInterests: [],
          PublisherRestrictions: [],
          PublisherPurposesSegmentType: 3,
          PublisherConsents: falses(24),
          PublisherLegitimateInterests: falses(24),
          NumCustomPurposes: 0,
          PublisherCustomConsents: [],
          PublisherCustomLegitimateInterests: [],
          VendorsAllowedSegmentType: 2,
          VendorsAllowed: [],
          VendorsDisclosedSegmentType: 1,
          VendorsDisclosed: [],
        },
        uspv1: { Version: 1, Notice: 'Y', OptOutSale: 'Y', LspaCovered: 'N' },
        usnat: {
          Version: 2,
          SharingNotice: 1,
          SaleOptOutNotice: 1,
          SharingOptOutNotice: 0,
          TargetedAdvertisingOptOutNotice: 0,
          SensitiveDataProcessingOptOutNotice: 0,
          SensitiveDataLimitUseNotice: 0,
          SaleOptOut: 1,
          SharingOptOut: 2,
          TargetedAdvertisingOptOut: 0,
          SensitiveDataProcessing: [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0],
          KnownChildSensitiveDataConsents: [1, 2, 0],
          PersonalDataConsents: 0,
          MspaCoveredTransaction: 1,
          MspaOptOutOptionMode: 0,
          MspaServiceProviderMode: 0,
          GpcSegmentType: 1,
          Gpc: true,
          GpcSegmentIncluded: true,
        },
        usca: {
          Version: 1,
          SaleOptOutNotice: 1,
          SharingOptOutNotice: 0,
          SensitiveDataLimitUseNotice: 0,
          SaleOptOut: 1,
          SharingOptOut: 0,
          SensitiveDataProcessing: [0, 0, 0, 0, 0, 0, 0, 0, 0],
          KnownChildSensitiveDataConsents: [0, 0],
          PersonalDataConsents: 0,
          MspaCoveredTransaction: 2,
          MspaOptOutOptionMode: 0,
          MspaServiceProviderMode: 0,
          GpcSegmentType: 1,
          Gpc: false,
          GpcSegmentIncluded: true,
        },
      },
    });
  });

  it('returns plain JSON-safe data (dates as ISO strings)', () => {
    const result = decodeGppString(fullGppString());
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('decodes a header with no sections', () => {
    const s = new GppModel().encode();
    expect(decodeGppString(s)).toEqual({ kind: 'gpp', version: 1, sectionIds: [], sections: {}, unsupportedSectionIds: [] });
  });

  it('lists section ids it cannot decode instead of failing', () => {
    // header "DBABBg": section ids [4] (signal integrity), which @iabgpp/cmpapi has no decoder for
    const header = CompressedBase64UrlEncoder.getInstance().encode('000011' + '000001' + FixedIntegerEncoder.encode(1, 12) + '0' + FibonacciIntegerEncoder.encode(4));
    expect(decodeGppString(`${header}~AAAA`)).toEqual({ kind: 'gpp', version: 1, sectionIds: [4], sections: {}, unsupportedSectionIds: [4] });
  });
});

describe('decodeGppSection', () => {
  it('decodes one section string without a header, by prefix or by id', () => {
    const s = usnatSection();
    const byName = decodeGppSection('usnat', s);
    expect(byName).toEqual({
      kind: 'gpp-section',
      sectionId: 7,
      section: 'usnat',
      fields: {
        Version: 2,
        SharingNotice: 0,
        SaleOptOutNotice: 1,
        SharingOptOutNotice: 0,
        TargetedAdvertisingOptOutNotice: 0,
        SensitiveDataProcessingOptOutNotice: 0,
        SensitiveDataLimitUseNotice: 0,
        SaleOptOut: 2,
        SharingOptOut: 0,
        TargetedAdvertisingOptOut: 0,
        SensitiveDataProcessing: Array<number>(16).fill(0),
        KnownChildSensitiveDataConsents: [0, 0, 0],
        PersonalDataConsents: 0,
        MspaCoveredTransaction: 2,
        MspaOptOutOptionMode: 0,
        MspaServiceProviderMode: 0,
        GpcSegmentType: 1,
        Gpc: false,
        GpcSegmentIncluded: false,
      },
    });
    expect(decodeGppSection(7, s)).toEqual(byName);
  });

  it('rejects an unknown section name', () => {
    expect(decodeGppSection('usxx', 'BAAA')).toEqual({ kind: 'invalid', format: 'gpp', reason: 'unknown GPP section "usxx"' });
  });
});

describe('decodeGppString: expansion budget', () => {
  const encoder = CompressedBase64UrlEncoder.getInstance();
  const header = (rangeEnd: string) => encoder.encode('000011' + '000001' + FixedIntegerEncoder.encode(1, 12) + '1' + FibonacciIntegerEncoder.encode(1) + rangeEnd);

  it('refuses a 15-character header claiming section ids 1 to 10^12 (undefended, the library exhausts the heap)', () => {
    const s = header(FibonacciIntegerEncoder.encode(1e12));
    expect(s.length).toBeLessThan(20);
    expect(decodeGppString(s)).toEqual({ kind: 'invalid', format: 'gpp', reason: `refusing to decode: its id ranges expand to more than ${MAX_EXPANDED_IDS} ids` });
  });

  it('refuses a Fibonacci number too large to represent', () => {
    expect(decodeGppString(header('0'.repeat(3000) + '11'))).toEqual({
      kind: 'invalid',
      format: 'gpp',
      reason: 'refusing to decode: an id range (1 to Infinity) is out of bounds',
    });
  });

  it('leaves the library working normally outside our decoders', () => {
    const model = new GppModel();
    model.setFieldValue('tcfeuv2', 'VendorConsents', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new GppModel(model.encode()).getFieldValue('tcfeuv2', 'VendorConsents')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
