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

export interface OfferedAction {
  label: string; // the control's visible (or accessible) label, trimmed and size-capped
  role: ActionRole;
}

export interface PromptRecord {
  id: string; // random id chosen by the content script; retries reuse it, so storage is idempotent
  site: string; // registrable domain (eTLD+1) of the tab's top document, or the host for IPs/localhost
  url: string; // URL of the frame that showed the prompt, without query string or fragment
  frame: FrameKind;
  kind: PromptKind;
  detector: string; // which detector found it, e.g. "generic"
  language: string; // BCP 47 primary language of the prompt text ("und" when unknown)
  text: string; // normalised prompt text, capped at MAX_PROMPT_TEXT characters
  textHash: string; // SHA-256 (hex) of `text`: proof of what was shown
  actions: OfferedAction[];
  time: number; // ms since the Unix epoch, when the prompt became visible
}

export interface DecisionRecord {
  id: string;
  promptId: string; // the PromptRecord this decision answers
  site: string;
  role: ActionRole; // role of the control that was used
  label: string; // label of that control
  indicatedBy: IndicatedBy;
  time: number;
}

/** Person-facing settings; stored in the `settings` table under key "user". */
export interface Settings {
  recording: boolean; // false pauses the ledger: reports are acknowledged but nothing new is stored
}

export const DEFAULT_SETTINGS: Settings = { recording: true };

export const MAX_PROMPT_TEXT = 4000;
export const MAX_LABEL = 120;
export const MAX_ACTIONS = 40;
