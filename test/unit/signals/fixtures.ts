/**
 * Test inputs generated here, with the IAB libraries' own encoders: the small Global Vendor List of
 * vendor-list.ts (three made-up vendors; no network), TC strings from @iabtechlabtcf/core's TCModel +
 * TCString.encode, and GPP strings from @iabgpp/cmpapi's GppModel. TCF v1.1 strings are assembled
 * bit by bit (core's v1 encoder cannot write v1 range entries).
 */
import { GppModel } from '@iabgpp/cmpapi';
import { GVL, IntEncoder, PurposeRestriction, RestrictionType, Segment, TCModel, TCString } from '@iabtechlabtcf/core';
import { VENDOR_LIST } from './vendor-list.ts';

export { VENDOR_LIST };

export const CREATED = new Date('2024-03-05T10:20:30.400Z');

/** A service-specific TCF v2.2 string with every kind of content: core, disclosed vendors, publisher TC and restrictions. */
export function fullTcString(): string {
  const model = new TCModel(new GVL(VENDOR_LIST));
  model.cmpId = 300;
  model.cmpVersion = 7;
  model.consentScreen = 2;
  model.isServiceSpecific = true;
  model.purposeOneTreatment = false;
  model.publisherCountryCode = 'DE';
  model.created = CREATED;
  model.lastUpdated = CREATED;
  model.purposeConsents.set([1, 2, 3, 4, 9]);
  model.purposeLegitimateInterests.set([2, 7, 8, 10]);
  model.specialFeatureOptins.set(1);
  model.vendorConsents.set([8, 755]);
  model.vendorLegitimateInterests.set([8, 21, 755]);
  model.vendorsDisclosed.set([8, 21, 755]);
  model.publisherConsents.set([1, 3]);
  model.publisherLegitimateInterests.set([7]);
  model.numCustomPurposes = 2;
  model.publisherCustomConsents.set(2);
  model.publisherRestrictions.add(755, new PurposeRestriction(2, RestrictionType.REQUIRE_CONSENT));
  model.publisherRestrictions.add(21, new PurposeRestriction(8, RestrictionType.NOT_ALLOWED));
  return TCString.encode(model);
}

/** A minimal globally-scoped TCF v2 string: core segment only, no vendors, nothing consented. */
export function minimalTcString(): string {
  const model = new TCModel(new GVL(VENDOR_LIST));
  model.cmpId = 2;
  model.cmpVersion = 1;
  model.isServiceSpecific = false;
  model.created = CREATED;
  model.lastUpdated = CREATED;
  return TCString.encode(model, { segments: [Segment.CORE] });
}

const bits = (value: number, n: number) => IntEncoder.encode(value, n);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bits (a string of 0/1) to base64url, padding the last character with zeros. */
export function toBase64Url(bitString: string): string {
  let padded = bitString;
  while (padded.length % 6) padded += '0';
  let out = '';
  for (let i = 0; i < padded.length; i += 6) out += B64.charAt(parseInt(padded.slice(i, i + 6), 2));
  return out;
}

/**
 * A TCF v1.1 consent string (spec: "Consent string and vendor list formats v1.1"): version 1,
 * created/lastUpdated in deciseconds, CMP 15 version 5, screen 18, "EN", vendor list 150, purposes
 * 1, 2, 3, 5, then the vendor section: a bit field, or range entries with a default-consent bit.
 */
export function tcfV1String(vendors: { bitField: number[]; maxVendorId: number } | { ranges: [number, number][]; defaultConsent: 0 | 1; maxVendorId: number }): string {
  const deci = Math.round(CREATED.getTime() / 100);
  let b = bits(1, 6) + bits(deci, 36) + bits(deci, 36) + bits(15, 12) + bits(5, 12) + bits(18, 6) + bits(4, 6) + bits(13, 6) + bits(150, 12);
  b += [...Array(24).keys()].map((i) => ([1, 2, 3, 5].includes(i + 1) ? '1' : '0')).join('');
  b += bits(vendors.maxVendorId, 16);
  if ('bitField' in vendors) {
    b += '0' + [...Array(vendors.maxVendorId).keys()].map((i) => (vendors.bitField.includes(i + 1) ? '1' : '0')).join('');
  } else {
    b += '1' + String(vendors.defaultConsent) + bits(vendors.ranges.length, 12);
    for (const [start, end] of vendors.ranges) b += start === end ? '0' + bits(start, 16) : '1' + bits(start, 16) + bits(end, 16);
  }
  return toBase64Url(b);
}

/** A GPP string with tcfeuv2, uspv1, usnat (with GPC segment) and usca sections. Call with the system time fixed: the TCF section's timestamps are set on encode. */
export function fullGppString(): string {
  const m = new GppModel();
  m.setFieldValue('tcfeuv2', 'CmpId', 300);
  m.setFieldValue('tcfeuv2', 'CmpVersion', 7);
  m.setFieldValue('tcfeuv2', 'VendorListVersion', 42);
  m.setFieldValue('tcfeuv2', 'PolicyVersion', 4);
  m.setFieldValue('tcfeuv2', 'PurposeConsents', [true, true, false, true]);
  m.setFieldValue('tcfeuv2', 'VendorConsents', [8, 21, 755]);
  m.setFieldValue('uspv1', 'Notice', 'Y');
  m.setFieldValue('uspv1', 'OptOutSale', 'Y');
  m.setFieldValue('uspv1', 'LspaCovered', 'N');
  m.setFieldValue('usnat', 'SharingNotice', 1);
  m.setFieldValue('usnat', 'SaleOptOutNotice', 1);
  m.setFieldValue('usnat', 'SaleOptOut', 1);
  m.setFieldValue('usnat', 'SharingOptOut', 2);
  m.setFieldValue('usnat', 'SensitiveDataProcessing', [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
  m.setFieldValue('usnat', 'KnownChildSensitiveDataConsents', [1, 2, 0]);
  m.setFieldValue('usnat', 'MspaCoveredTransaction', 1);
  m.setFieldValue('usnat', 'Gpc', true);
  m.setFieldValue('usca', 'SaleOptOutNotice', 1);
  m.setFieldValue('usca', 'SaleOptOut', 1);
  m.setFieldValue('usca', 'MspaCoveredTransaction', 2);
  return m.encode();
}

/** One usnat section string (no header): SaleOptOut 2 "did not opt out", no GPC segment. */
export function usnatSection(): string {
  const m = new GppModel();
  m.setFieldValue('usnat', 'SaleOptOutNotice', 1);
  m.setFieldValue('usnat', 'SaleOptOut', 2);
  m.setFieldValue('usnat', 'MspaCoveredTransaction', 2);
  m.setFieldValue('usnat', 'GpcSegmentIncluded', false);
  return m.encodeSection('usnat');
}
