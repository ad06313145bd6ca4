/**
 * The participant's own consent to a study (research mode, src/research/study.ts), as a ledger
 * record: one when they accept the study's consent screen (`joined`), one when they leave it
 * (`left`). It points at the exact consent text by its SHA-256 and the researcher's version label.
 * These records are the person's evidence of what they agreed to and when they withdrew, so
 * leaving a study never deletes them (even when the study's data is deleted).
 */
export const STUDY_CONSENT_ACTIONS = ['joined', 'left'] as const;
export type StudyConsentAction = (typeof STUDY_CONSENT_ACTIONS)[number];

export interface StudyConsentRecord {
  /** Random id (crypto.randomUUID() in the background). */
  id: string;
  studyId: string;
  participantId: string;
  action: StudyConsentAction;
  /** The study's `consent.version`. */
  consentVersion: string;
  /** SHA-256 (64 lowercase hex) of the consent text shown. */
  consentTextHash: string;
  /** `left` only: whether the study's data was deleted on leaving (the study's `onLeave`); null for `joined`. */
  dataDeleted: boolean | null;
  /** Epoch ms, the background's clock. */
  time: number;
}
