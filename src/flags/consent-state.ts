/**
 * What a site's stored consent says, whatever the source (TCF, GPP, a CMP's cookie, Google Consent
 * Mode), reduced to the few things the validity flags compare with the person's choice.
 */
export type ConsentSource = 'tcf' | 'gpp' | 'usp' | 'cmp-cookie' | 'consent-mode';

export interface ConsentSnapshot {
  source: ConsentSource;
  time: number; // when it was read (ms since epoch)
  eventStatus?: 'tcloaded' | 'cmpuishown' | 'useractioncomplete' | undefined; // TCF only
  purposeConsents: number[]; // TCF purpose ids (or CMP purpose groups mapped to them) with consent
  purposeLegitimateInterests: number[]; // purposes claimed on legitimate interest
  specialFeatureOptins: number[];
  vendorConsents: number; // how many vendors have consent
  /** Non-TCF sources: names of the granted non-essential categories ("analytics", "ad_storage"). */
  grantedCategories: string[];
  raw?: string | undefined; // the string or cookie value as read, size-capped
}

/** True when the snapshot grants anything beyond what is strictly necessary. */
export function grantsNonEssential(s: ConsentSnapshot): boolean {
  return (
    s.purposeConsents.length > 0 ||
    s.specialFeatureOptins.length > 0 ||
    s.vendorConsents > 0 ||
    s.grantedCategories.length > 0
  );
}
