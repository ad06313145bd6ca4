/**
 * Turns validated reports from a content script, plus what the browser says about their sender,
 * into ledger records. The site and URL come from the browser (the sender's tab and frame), never
 * from the payload: a hostile page cannot file a prompt under another site.
 */
import type { ContentPayload, LedgerExport, PolicyVersionSummary } from '../protocol/messages.ts';
import type { DecisionRecord, PromptRecord } from '../model.ts';
import type { SignInRecord } from './collection.ts';
import type { StudyConsentRecord } from './study-consent.ts';
import { MAX_PROMPT_TEXT } from '../model.ts';
import { siteOf } from '../site.ts';
import { stripUrl } from '../url.ts';
import { capText, normalizeText, sha256Hex } from '../text.ts';

/** 5: adds `studyConsents` (research mode). Exports of v2-v4 are still read (src/ledger/import.ts). */
export const LEDGER_SCHEMA_VERSION = 5;

/** Where a content-script message came from, as the browser reports it. */
export interface SenderFacts {
  tabUrl: string;
  frameUrl: string;
  frameId: number;
  tabId?: number | undefined; // for the toolbar badge
  /**
   * The frame's origin as the browser reports it (MessageSender.origin, where the browser has it).
   * Used only where the frame's own address has none: a same-origin about:blank frame.
   */
  frameOrigin?: string | undefined;
}

export class RecordError extends Error {
  override name = 'RecordError';
}

export function promptRecordFrom(payload: ContentPayload<'prompt/seen'>, sender: SenderFacts): PromptRecord {
  const site = siteOf(sender.tabUrl);
  const url = stripUrl(sender.frameUrl);
  if (!site || !url) throw new RecordError('prompt from a page that is not a web site');
  const text = capText(normalizeText(payload.text), MAX_PROMPT_TEXT);
  return {
    id: payload.id,
    site,
    url,
    frame: sender.frameId === 0 ? 'top' : 'sub',
    kind: payload.kind,
    detector: payload.detector,
    cmp: payload.cmp ?? null,
    ...(payload.selector ? { selector: payload.selector } : {}),
    language: payload.language,
    text,
    textHash: sha256Hex(text),
    actions: payload.actions.map((a) => ({ ...a, label: normalizeText(a.label) })),
    time: payload.time,
    facts: payload.facts,
    layers: [],
    signals: [],
    reopenControl: null,
    flags: [],
  };
}

export function decisionRecordFrom(payload: ContentPayload<'decision/made'>, sender: SenderFacts): DecisionRecord {
  const site = siteOf(sender.tabUrl);
  if (!site) throw new RecordError('decision from a page that is not a web site');
  return {
    id: payload.id,
    promptId: payload.promptId,
    site,
    kind: payload.kind,
    role: payload.role,
    label: normalizeText(payload.label),
    ...(payload.choices ? { choices: payload.choices.map((c) => ({ label: normalizeText(c.label), on: c.on })) } : {}),
    indicatedBy: 'user',
    time: payload.time,
  };
}

export function ledgerExport(
  prompts: PromptRecord[],
  decisions: DecisionRecord[],
  version: string,
  now: Date,
  policies: PolicyVersionSummary[] = [],
  collection: Pick<LedgerExport, 'permissions' | 'forms'> & { signIns: SignInRecord[] } = { permissions: [], forms: [], signIns: [] },
  studyConsents: StudyConsentRecord[] = [],
): LedgerExport {
  return {
    format: 'consent-lens-ledger',
    schemaVersion: LEDGER_SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    generator: { name: 'ConsentLens', version },
    prompts,
    decisions,
    policies,
    permissions: collection.permissions,
    forms: collection.forms,
    // The OAuth `state` value is an anti-forgery token of the site: not exported.
    signIns: collection.signIns.map(({ state: _state, ...rest }) => rest),
    studyConsents,
  };
}
