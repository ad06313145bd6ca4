/** Data-collection forms: what a form is for, and the kinds of personal data its fields ask for. */

export const FORM_PURPOSES = ['sign-up', 'login', 'checkout', 'newsletter', 'contact', 'search', 'other'] as const;
export type FormPurpose = (typeof FORM_PURPOSES)[number];

/** Personal-data categories of a field (never its value). */
export const FIELD_CATEGORIES = [
  'name',
  'email',
  'phone',
  'postal-address',
  'birth-date',
  'age',
  'gender',
  'username',
  'password',
  'payment-card',
  'bank-account',
  'government-id',
  'health',
  'biometric',
  'precise-location',
  'child-data',
  'company',
  'job-title',
  'photo',
  'message',
  'website',
  'other',
] as const;
export type FieldCategory = (typeof FIELD_CATEGORIES)[number];

/** Sensitive categories (GDPR art. 9, PIPL art. 28, CPRA): shown and flagged with more care. */
export const SENSITIVE_FIELD_CATEGORIES: ReadonlySet<FieldCategory> = new Set(['payment-card', 'bank-account', 'government-id', 'health', 'biometric', 'precise-location', 'child-data']);
