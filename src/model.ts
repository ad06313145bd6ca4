/**
 * The ledger's record types: plain, serialisable data shared by the background store, the UI,
 * the exporter and the CLI. Field comments say what each value means; docs/ledger-schema.md
 * documents them for researchers.
 */

/** What a control on a consent prompt does when the person clicks it. */
export const ACTION_ROLES = [
  'accept-all',
  'reject-all',
  'necessary-only',
  'settings',
  'save-choices',
  'close',
  'acknowledge',
  'pay',
  'other',
] as const;
export type ActionRole = (typeof ACTION_ROLES)[number];

/** What kind of data-collection prompt was seen. */
export const PROMPT_KINDS = [
  'cookie-banner',
  'consent-dialog',
  'cookie-wall',
  'pay-or-accept',
  'notification-soft-ask',
  'signup-modal',
] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** Which frame the prompt was shown in, relative to the tab's top document. */
export type FrameKind = 'top' | 'sub';

/** Who indicated a decision: the person's own click, or ConsentLens acting on their setting. */
export type IndicatedBy = 'user' | 'extension';

/** How much a control stands out, measured in the page when the prompt was shown. */
export interface Prominence {
  area: number; // CSS px² of its box
  contrast: number; // WCAG contrast ratio of its text against its background (1..21)
  isLink: boolean; // rendered as a text link (an <a> without a button's box), not a button
  fontWeight: number; // computed font-weight (400 normal, 700 bold)
}

export interface OfferedAction {
  label: string; // the control's visible (or accessible) label, trimmed and size-capped
  role: ActionRole;
  prominence?: Prominence; // absent where the page could not be measured (no layout)
}

/** A per-purpose switch (checkbox, switch) on a prompt, as it was before the person touched it. */
export interface PurposeToggle {
  label: string;
  checked: boolean; // state when first shown
  essential: boolean; // disabled / read-only, or labelled strictly necessary
}

/** What the page looked like around the prompt: the facts the validity flags need. */
export interface PromptFacts {
  toggles: PurposeToggle[];
  blocksPage: boolean; // an overlay covers most of the viewport, or the page cannot scroll
  policyLink: boolean; // the prompt links to a privacy or cookie policy
}

export const FLAG_IDS = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12', 'F14'] as const;
export type FlagId = (typeof FLAG_IDS)[number];
export type Severity = 'high' | 'medium' | 'low';

/** A reason the consent asked for (or recorded) is not free, specific, informed or unambiguous. */
export interface FlagRecord {
  id: FlagId;
  severity: Severity;
  evidence: {
    text?: string; // the words that show it (a label, a sentence), size-capped
    selector?: string; // CSS selector of the prompt in its page, for flags read from the page
    values?: Record<string, string | number | boolean | number[] | string[]>; // measurements, decoded fields
  };
  legal: string[]; // short references, e.g. "GDPR Art. 7(3)", "CJEU C-673/17 Planet49"
}

/** A layer opened from the first one (settings, preferences), as first shown. */
export interface PromptLayer {
  actions: OfferedAction[];
  toggles: PurposeToggle[];
  time: number;
}

export interface PromptRecord {
  id: string; // random id chosen by the content script; retries reuse it, so storage is idempotent
  site: string; // registrable domain (eTLD+1) of the tab's top document, or the host for IPs/localhost
  url: string; // URL of the frame that showed the prompt, without query string or fragment
  frame: FrameKind;
  kind: PromptKind;
  detector: string; // which detector found it, e.g. "generic"
  cmp?: string | null; // consent platform recognised by its markup ("OneTrust"), null when site-made (since v2)
  selector?: string; // CSS selector of the prompt's element in its page (since v2)
  language: string; // BCP 47 primary language of the prompt text ("und" when unknown)
  text: string; // normalised prompt text, capped at MAX_PROMPT_TEXT characters
  textHash: string; // SHA-256 (hex) of `text`: proof of what was shown
  actions: OfferedAction[];
  time: number; // ms since the Unix epoch, when the prompt became visible
  // Since ledger schema v2 (absent on v1 records until the upgrade fills them in):
  facts: PromptFacts; // the first layer's toggles, page blocking, policy link
  layers: PromptLayer[]; // settings layers opened from it, in order (bounded)
  signals: ConsentSnapshotRecord[]; // consent the site stored, as read around this prompt (bounded)
  reopenControl: boolean | null; // after the choice: could the person reopen it? null = not checked yet
  flags: FlagRecord[]; // validity flags, re-evaluated whenever something new is known
}

/** A consent signal read from the page, normalised (see src/flags/consent-state.ts). */
export interface ConsentSnapshotRecord {
  source: 'tcf' | 'gpp' | 'usp' | 'cmp-cookie' | 'consent-mode';
  time: number;
  eventStatus?: 'tcloaded' | 'cmpuishown' | 'useractioncomplete' | undefined;
  purposeConsents: number[];
  purposeLegitimateInterests: number[];
  specialFeatureOptins: number[];
  vendorConsents: number;
  grantedCategories: string[];
  raw?: string | undefined;
  cmpId?: number | undefined;
}

/** What a decision means, whatever control (or none) expressed it. */
export const DECISION_KINDS = [
  'accept-all',
  'reject-all',
  'necessary-only',
  'custom', // per-purpose choices saved from a settings layer
  'acknowledged', // "OK" on a notice that offered no choice
  'dismissed', // closed (×) or vanished without an answer
  'implied', // the site took consent from scrolling or navigating on
  'pay', // chose to pay / subscribe instead of consenting
  'withdrawn', // refused after asking ConsentLens to withdraw an earlier consent on this site
  'opened-settings', // only in records upgraded from schema v1, which logged settings clicks as decisions
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface PurposeChoice {
  label: string;
  on: boolean;
}

export interface DecisionRecord {
  id: string;
  promptId: string; // the PromptRecord this decision answers
  site: string;
  kind: DecisionKind; // since schema v2; v1 records get it from `role` on upgrade
  role: ActionRole | null; // role of the control that was used; null when no control was (implied)
  label: string; // label of that control ("" when none)
  choices?: PurposeChoice[]; // for "custom": each purpose left on or off
  indicatedBy: IndicatedBy;
  /** When ConsentLens answered through autoconsent (the person's "reject when possible" setting). */
  autoconsent?: { cmp: string; optOut: boolean; selfTest: boolean | null };
  /**
   * Since schema v3: the site's privacy-policy version ConsentLens knew when the decision was
   * given (null: none known yet). Lets a researcher tell which text a consent was given under.
   */
  policyVersion?: PolicyVersionRef | null;
  time: number;
}

/** A pointer to a stored policy version: its id, text hash and where and when it was first seen. */
export interface PolicyVersionRef {
  id: string;
  hash: string;
  url: string;
  firstSeen: number;
}

/** The decision a click on a control of this role expresses; null when it is not an answer. */
export function decisionKindOf(role: ActionRole): ReportedDecisionKind | null {
  switch (role) {
    case 'accept-all':
    case 'reject-all':
    case 'necessary-only':
    case 'pay':
      return role;
    case 'save-choices':
      return 'custom';
    case 'acknowledge':
      return 'acknowledged';
    case 'close':
      return 'dismissed';
    case 'settings':
    case 'other':
      return null;
  }
}

/** Kinds a content script may report; "withdrawn" and "opened-settings" are set only by the background. */
export const REPORTED_DECISION_KINDS = ['accept-all', 'reject-all', 'necessary-only', 'custom', 'acknowledged', 'dismissed', 'implied', 'pay'] as const;
export type ReportedDecisionKind = (typeof REPORTED_DECISION_KINDS)[number];

/** Whether a decision gave consent (one a person may later want to withdraw). */
export function givesConsent(d: { kind: DecisionKind; choices?: PurposeChoice[] | undefined }): boolean {
  if (d.kind === 'custom') return (d.choices ?? []).some((c) => c.on && !/necessar|essential|notwendig|nécessaire|必要/iu.test(c.label));
  return d.kind === 'accept-all' || d.kind === 'acknowledged' || d.kind === 'implied';
}

/** Person-facing settings; stored in the `settings` table under key "user". */
export interface Settings {
  recording: boolean; // false pauses the ledger: reports are acknowledged but nothing new is stored
  reminderDays: number; // the dashboard reminds about consents given longer ago than this
  autoReject: boolean; // "reject when possible": ConsentLens refuses through autoconsent (off by default)
  /**
   * Fetch the site's privacy policy (from a link found on its pages) when the person answers a
   * consent prompt there, so the decision records the policy it was given under. Off by default:
   * it is the only request ConsentLens makes without being asked each time.
   */
  fetchPolicyAtConsent: boolean;
  /** Delete records older than this many days, automatically (null: keep everything until deleted). */
  retentionDays: number | null;
  /** The language of ConsentLens's pages: the browser's ("auto") or one the person chose. */
  language: UiLanguageSetting;
}

/** The languages the UI is translated into (extension/public/_locales). */
export const UI_LANGUAGES = ['en', 'zh_CN', 'de', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export type UiLanguageSetting = 'auto' | UiLanguage;

export const DEFAULT_SETTINGS: Settings = { recording: true, reminderDays: 180, autoReject: false, fetchPolicyAtConsent: false, retentionDays: null, language: 'auto' };

export const MAX_PROMPT_TEXT = 4000;
export const MAX_TOGGLES = 60;
export const MAX_LAYERS = 5;
export const MAX_SIGNALS = 30;
export const MAX_LABEL = 120;
export const MAX_ACTIONS = 40;
