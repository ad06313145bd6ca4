/**
 * Turns a consent value read from a page (a TC string, a US Privacy string, a CMP's cookie, Google
 * Consent Mode's state) into the normalised snapshot the flags compare with the person's choice.
 * Returns null when the value says nothing we can read (it is then not stored).
 */
import type { ConsentSnapshotRecord } from '../model.ts';
import { capText } from '../text.ts';
import { decodeGppString, type GppSection } from '../signals/gpp.ts';
import { decodeTcString } from '../signals/tcf.ts';
import { decodeUspString } from '../signals/usp.ts';
import { readCmpCookie } from './cmp-cookies.ts';

export interface RawSignal {
  source: ConsentSnapshotRecord['source'];
  name: string;
  value: string;
  eventStatus?: ConsentSnapshotRecord['eventStatus'];
  cmpId?: number | undefined;
  time: number;
}

const RAW_CAP = 2048;
const empty = (raw: RawSignal): ConsentSnapshotRecord => ({
  source: raw.source,
  time: raw.time,
  ...(raw.eventStatus ? { eventStatus: raw.eventStatus } : {}),
  purposeConsents: [],
  purposeLegitimateInterests: [],
  specialFeatureOptins: [],
  vendorConsents: 0,
  grantedCategories: [],
  raw: capText(raw.value, RAW_CAP),
  ...(raw.cmpId !== undefined ? { cmpId: raw.cmpId } : {}),
});

/** Consent Mode types that are not about tracking people. */
const CONSENT_MODE_ESSENTIAL = new Set(['security_storage', 'functionality_storage']);

export function snapshotOf(raw: RawSignal): ConsentSnapshotRecord | null {
  switch (raw.source) {
    case 'tcf': {
      const decoded = decodeTcString(raw.value);
      if (decoded.kind !== 'tcf') return null;
      return {
        ...empty(raw),
        cmpId: decoded.cmpId,
        purposeConsents: decoded.purposeConsents,
        purposeLegitimateInterests: decoded.version === 2 ? decoded.purposeLegitimateInterests : [],
        specialFeatureOptins: decoded.version === 2 ? decoded.specialFeatureOptins : [],
        vendorConsents: decoded.vendorConsentCount,
      };
    }
    case 'usp': {
      const decoded = decodeUspString(raw.value.trim());
      if (decoded.kind !== 'usp') return null;
      return { ...empty(raw), grantedCategories: decoded.optedOutOfSale === false ? ['sale'] : [] };
    }
    case 'consent-mode': {
      let state: unknown;
      try {
        state = JSON.parse(raw.value);
      } catch {
        return null;
      }
      if (!state || typeof state !== 'object') return null;
      const granted = Object.entries(state as Record<string, unknown>)
        .filter(([key, value]) => value === 'granted' && !CONSENT_MODE_ESSENTIAL.has(key))
        .map(([key]) => key);
      return { ...empty(raw), grantedCategories: granted };
    }
    case 'cmp-cookie': {
      const reading = readCmpCookie(raw.name, raw.value);
      return reading ? { ...empty(raw), grantedCategories: reading.grantedCategories } : null;
    }
    case 'gpp':
      return gppSnapshot(raw);
  }
}

/** Ids (1-based) of the `true` entries of a GPP boolean list. */
const trueIds = (value: unknown): number[] =>
  Array.isArray(value) ? value.flatMap((on, i) => (on === true ? [i + 1] : [])) : [];

/** US sections' opt-out fields: 1 = opted out, 2 = did not opt out, 0 = not applicable. */
const US_OPT_OUTS: Record<string, string> = {
  SaleOptOut: 'sale',
  SharingOptOut: 'sharing',
  TargetedAdvertisingOptOut: 'targeted-advertising',
};

/** A GPP string: the EU TCF section gives purposes and vendors; US sections give opt-outs not exercised. */
function gppSnapshot(raw: RawSignal): ConsentSnapshotRecord | null {
  const decoded = decodeGppString(raw.value.trim());
  if (decoded.kind !== 'gpp') return null;
  const snapshot = empty(raw);
  const tcf = decoded.sections.tcfeuv2 as GppSection | undefined;
  if (tcf) {
    snapshot.purposeConsents = trueIds(tcf.PurposeConsents);
    snapshot.purposeLegitimateInterests = trueIds(tcf.PurposeLegitimateInterests);
    snapshot.specialFeatureOptins = trueIds(tcf.SpecialFeatureOptins);
    snapshot.vendorConsents = Array.isArray(tcf.VendorConsents) ? tcf.VendorConsents.length : 0;
    if (typeof tcf.CmpId === 'number') snapshot.cmpId = tcf.CmpId;
  }
  const granted = new Set<string>();
  for (const [prefix, section] of Object.entries(decoded.sections)) {
    if (!prefix.startsWith('us')) continue;
    for (const [field, category] of Object.entries(US_OPT_OUTS)) if (section[field] === 2) granted.add(category);
  }
  snapshot.grantedCategories = [...granted];
  return snapshot;
}
