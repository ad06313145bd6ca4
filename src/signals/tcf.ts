/**
 * Decodes IAB TCF Transparency and Consent strings (the `euconsent-v2` cookie, `__tcfapi`'s
 * `tcString`) with @iabtechlabtcf/core into plain JSON-safe data. Never throws.
 *
 * Version 2 strings (first character "C") are decoded in full: core segment, disclosed vendors,
 * allowed vendors and publisher TC segments. Version 1.1 strings (first character "B") are
 * decoded as far as @iabtechlabtcf/core supports them: the core fields, purposes and vendor
 * consents; its v1 support stops at range-encoded vendor lists whose default consent is 1, and
 * those strings come back `invalid` with that reason.
 */
import {
  BitLength,
  BooleanEncoder,
  IntEncoder,
  PurposeRestrictionVectorEncoder,
  TCModel,
  TCString,
  VendorVectorEncoder,
  type Vector,
} from '@iabtechlabtcf/core';
import { BudgetExceededError, chargeRange, withBudget, wrapDecoder } from './budget.ts';
import { MAX_RESTRICTION_ENTRIES, checkInput, describeError, invalid, type SignalError } from './types.ts';

/** Publisher restriction types: 0 purpose flatly not allowed, 1 require consent, 2 require legitimate interest. */
export type RestrictionType = 0 | 1 | 2;

export interface PublisherRestriction {
  purposeId: number;
  vendorId: number;
  type: RestrictionType;
}

/** The optional segments a v2 TC string can carry after its core segment. */
export type TcfSegment = 'core' | 'vendorsDisclosed' | 'vendorsAllowed' | 'publisherTC';

export interface TcfV2Decoded {
  kind: 'tcf';
  version: 2;
  segments: TcfSegment[]; // segments present, in string order
  created: string; // ISO 8601 (the string stores deciseconds)
  lastUpdated: string;
  cmpId: number;
  cmpVersion: number;
  consentScreen: number;
  consentLanguage: string; // two letters, as encoded (upper case)
  vendorListVersion: number;
  policyVersion: number; // TCF policy version (4 = TCF 2.2)
  isServiceSpecific: boolean;
  useNonStandardStacks: boolean; // the spec's UseNonStandardTexts
  purposeOneTreatment: boolean;
  publisherCountryCode: string;
  specialFeatureOptins: number[]; // ids with the bit set, ascending
  purposeConsents: number[];
  purposeLegitimateInterests: number[];
  vendorConsents: number[];
  vendorLegitimateInterests: number[];
  vendorConsentCount: number;
  vendorLegitimateInterestCount: number;
  /** Flattened (purpose, vendor, type) triples, sorted; at most MAX_RESTRICTION_ENTRIES of them. */
  publisherRestrictions: PublisherRestriction[];
  publisherRestrictionCount: number; // before truncation
  publisherRestrictionsTruncated: boolean;
  /** Publisher TC segment (empty when the segment is absent). */
  publisherConsents: number[];
  publisherLegitimateInterests: number[];
  numCustomPurposes: number;
  publisherCustomConsents: number[];
  publisherCustomLegitimateInterests: number[];
  /** Present only when the disclosed-vendors segment is. */
  vendorsDisclosed?: number[];
  disclosedVendorCount?: number;
  /** Present only when the (deprecated) allowed-vendors segment is. */
  vendorsAllowed?: number[];
}

/** TCF v1.1 carries only these fields; everything else in a v2 result has no v1 meaning. */
export interface TcfV1Decoded {
  kind: 'tcf';
  version: 1;
  created: string;
  lastUpdated: string;
  cmpId: number;
  cmpVersion: number;
  consentScreen: number;
  consentLanguage: string;
  vendorListVersion: number;
  purposeConsents: number[]; // v1 "PurposesAllowed"
  vendorConsents: number[];
  vendorConsentCount: number;
}

export type TcfDecoded = TcfV2Decoded | TcfV1Decoded;

const SEGMENT_BY_TYPE: Record<number, TcfSegment | undefined> = { 0: 'core', 1: 'vendorsDisclosed', 2: 'vendorsAllowed', 3: 'publisherTC' };
const BASE64URL = /^[A-Za-z0-9_-]+$/u;
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * @iabtechlabtcf/core's TCModel refuses CMP ids 0 and 1 (never issued by IAB Europe) even while
 * decoding; such strings exist (test fixtures, broken CMPs), and a transparency tool should show
 * what they say rather than reject them, so the decoded value is kept as is.
 */
class DecodingTCModel extends TCModel {
  private decodedCmpId = 0;
  override set cmpId(value: number | string) {
    this.decodedCmpId = Number(value);
  }
  override get cmpId(): number | string {
    return this.decodedCmpId;
  }
}

export function decodeTcString(s: string): TcfDecoded | SignalError {
  try {
    const input = checkInput('tcf', s);
    if (typeof input !== 'string') return input;
    const version = sixBits(input);
    if (version !== 1 && version !== 2) {
      const found = version < 0 ? `a string starting with ${JSON.stringify(input.slice(0, 1))}` : `version ${version}`;
      const hint = input.startsWith('D') && input.includes('~') ? ' (this looks like a GPP string)' : '';
      return invalid('tcf', `not a TC string: the first segment must be a version 1 ("B...") or version 2 ("C...") core segment, found ${found}${hint}`);
    }
    const segments = input.split('.').map((segment) => segment.replace(/={1,2}$/u, ''));
    for (const [i, segment] of segments.entries()) {
      if (segment === '') return invalid('tcf', `segment ${i + 1} is empty`);
      if (!BASE64URL.test(segment)) return invalid('tcf', `segment ${i + 1} is not base64url (only A-Z a-z 0-9 - _ are allowed)`);
    }
    if (version === 1 && segments.length > 1) return invalid('tcf', 'TCF v1 strings have a single segment');
    const kinds: TcfSegment[] = [];
    for (const [i, segment] of segments.entries()) {
      const type = i === 0 ? 0 : sixBits(segment) >> 3;
      const kind = SEGMENT_BY_TYPE[type];
      if (kind === undefined) return invalid('tcf', `segment ${i + 1} has unknown segment type ${type}`);
      if (i > 0 && kind === 'core') return invalid('tcf', `segment ${i + 1} is a second core segment`);
      if (kinds.includes(kind)) return invalid('tcf', `segment ${i + 1} repeats the ${kind} segment`);
      kinds.push(kind);
    }
    const model = withBudget(() => TCString.decode(segments.join('.'), new DecodingTCModel()));
    return version === 1 ? v1Result(model) : v2Result(model, kinds);
  } catch (error) {
    return invalid('tcf', reasonFor(error));
  }
}

function reasonFor(error: unknown): string {
  if (error instanceof BudgetExceededError) return `refusing to decode: ${error.message}`;
  const message = describeError(error);
  if (/default consent=1/u.test(message)) {
    return 'TCF v1 vendor ranges with default consent 1 are not supported (by @iabtechlabtcf/core)';
  }
  if (/invalid bit length|Invalidly encoded|length mismatch/u.test(message)) return `truncated or malformed TC string (${message})`;
  return message;
}

/** The value of a segment's first character (its first six bits). */
function sixBits(segment: string): number {
  return BASE64URL_ALPHABET.indexOf(segment.charAt(0));
}

function ids(vector: Vector): number[] {
  return [...vector.values()].sort((a, b) => a - b);
}

function iso(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error('invalid date in TC string');
  return date.toISOString();
}

function common(model: TCModel) {
  return {
    created: iso(model.created),
    lastUpdated: iso(model.lastUpdated),
    cmpId: Number(model.cmpId),
    cmpVersion: Number(model.cmpVersion),
    consentScreen: Number(model.consentScreen),
    consentLanguage: String(model.consentLanguage),
    vendorListVersion: Number(model.vendorListVersion),
  };
}

function v1Result(model: TCModel): TcfV1Decoded {
  const vendorConsents = ids(model.vendorConsents);
  return {
    kind: 'tcf',
    version: 1,
    ...common(model),
    purposeConsents: ids(model.purposeConsents),
    vendorConsents,
    vendorConsentCount: vendorConsents.length,
  };
}

function v2Result(model: TCModel, segments: TcfSegment[]): TcfV2Decoded {
  const vendorConsents = ids(model.vendorConsents);
  const vendorLegitimateInterests = ids(model.vendorLegitimateInterests);
  const restrictions = flattenRestrictions(model);
  const result: TcfV2Decoded = {
    kind: 'tcf',
    version: 2,
    segments,
    ...common(model),
    policyVersion: Number(model.policyVersion),
    isServiceSpecific: model.isServiceSpecific,
    useNonStandardStacks: model.useNonStandardTexts,
    purposeOneTreatment: model.purposeOneTreatment,
    publisherCountryCode: model.publisherCountryCode,
    specialFeatureOptins: ids(model.specialFeatureOptins),
    purposeConsents: ids(model.purposeConsents),
    purposeLegitimateInterests: ids(model.purposeLegitimateInterests),
    vendorConsents,
    vendorLegitimateInterests,
    vendorConsentCount: vendorConsents.length,
    vendorLegitimateInterestCount: vendorLegitimateInterests.length,
    publisherRestrictions: restrictions.list,
    publisherRestrictionCount: restrictions.count,
    publisherRestrictionsTruncated: restrictions.count > restrictions.list.length,
    publisherConsents: ids(model.publisherConsents),
    publisherLegitimateInterests: ids(model.publisherLegitimateInterests),
    numCustomPurposes: segments.includes('publisherTC') ? Number(model.numCustomPurposes) : 0,
    publisherCustomConsents: ids(model.publisherCustomConsents),
    publisherCustomLegitimateInterests: ids(model.publisherCustomLegitimateInterests),
  };
  if (segments.includes('vendorsDisclosed')) {
    result.vendorsDisclosed = ids(model.vendorsDisclosed);
    result.disclosedVendorCount = result.vendorsDisclosed.length;
  }
  if (segments.includes('vendorsAllowed')) result.vendorsAllowed = ids(model.vendorsAllowed);
  return result;
}

function flattenRestrictions(model: TCModel): { list: PublisherRestriction[]; count: number } {
  const vector = model.publisherRestrictions;
  const list: PublisherRestriction[] = [];
  let count = 0;
  const restrictions = vector
    .getRestrictions()
    .map((r) => ({ purposeId: r.purposeId, type: Number(r.restrictionType) as RestrictionType, vendors: vector.getVendors(r) }))
    .sort((a, b) => a.purposeId - b.purposeId || a.type - b.type);
  for (const { purposeId, type, vendors } of restrictions) {
    for (const vendorId of vendors) {
      count += 1;
      if (list.length < MAX_RESTRICTION_ENTRIES) list.push({ purposeId, vendorId, type });
    }
  }
  return { list, count };
}

// --- range-expansion guards (see budget.ts) ----------------------------------------------------

/** Mirrors VendorVectorEncoder.decode's reading of a range-encoded vendor section, charging each range. */
function countVendorVector(value: string, version: number): void {
  let index = 0;
  IntEncoder.decode(value.substr(index, BitLength.maxId), BitLength.maxId);
  index += BitLength.maxId;
  const encodingType = IntEncoder.decode(value.charAt(index), BitLength.encodingType);
  index += BitLength.encodingType;
  if (encodingType !== 1) return; // a bit field: bounded by the 16-bit maxId
  if (version === 1) index += 1; // default-consent bit
  const numEntries = IntEncoder.decode(value.substr(index, BitLength.numEntries), BitLength.numEntries);
  index += BitLength.numEntries;
  chargeEntries(value, index, numEntries);
}

/**
 * Reads `count` single-or-range vendor entries (1 bit "is range", then one or two vendor ids) from
 * `bits` at `index`, charging each against the budget; returns the index after them.
 */
function chargeEntries(bits: string, index: number, count: number): number {
  let at = index;
  for (let i = 0; i < count; i++) {
    const isRange = BooleanEncoder.decode(bits.charAt(at));
    at += BitLength.singleOrRange;
    const first = IntEncoder.decode(bits.substr(at, BitLength.vendorId), BitLength.vendorId);
    at += BitLength.vendorId;
    let last = first;
    if (isRange) {
      last = IntEncoder.decode(bits.substr(at, BitLength.vendorId), BitLength.vendorId);
      at += BitLength.vendorId;
    }
    chargeRange(first, last);
  }
  return at;
}

/** Mirrors PurposeRestrictionVectorEncoder.decode, charging each vendor range of each restriction. */
function countRestrictions(encoded: string): void {
  let index = 0;
  const numRestrictions = IntEncoder.decode(encoded.substr(index, BitLength.numRestrictions), BitLength.numRestrictions);
  index += BitLength.numRestrictions;
  for (let i = 0; i < numRestrictions; i++) {
    IntEncoder.decode(encoded.substr(index, BitLength.purposeId), BitLength.purposeId);
    index += BitLength.purposeId;
    IntEncoder.decode(encoded.substr(index, BitLength.restrictionType), BitLength.restrictionType);
    index += BitLength.restrictionType;
    const numEntries = IntEncoder.decode(encoded.substr(index, BitLength.numEntries), BitLength.numEntries);
    index += BitLength.numEntries;
    index = chargeEntries(encoded, index, numEntries);
  }
}

wrapDecoder(VendorVectorEncoder, 'decode', countVendorVector);
wrapDecoder(PurposeRestrictionVectorEncoder, 'decode', countRestrictions);
