/**
 * What a site's stored consent says, whatever the source (TCF, GPP, a CMP's cookie, Google Consent
 * Mode), reduced to the few things the validity flags compare with the person's choice.
 */
import type { ConsentSnapshotRecord } from '../model.ts';

export type ConsentSnapshot = ConsentSnapshotRecord;
export type ConsentSource = ConsentSnapshotRecord['source'];

/** True when the snapshot grants anything beyond what is strictly necessary. */
export function grantsNonEssential(s: ConsentSnapshot): boolean {
  return (
    s.purposeConsents.length > 0 ||
    s.specialFeatureOptins.length > 0 ||
    s.vendorConsents > 0 ||
    s.grantedCategories.length > 0
  );
}
