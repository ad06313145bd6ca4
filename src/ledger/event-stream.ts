/**
 * The ledger export (`LedgerExport`) as a flat, time-ordered stream of `LedgerEvent`s: the input of
 * every export format in src/export/formats.ts.
 *
 * One event per thing that happened:
 * - `prompt-shown`: per prompt (dpv:ConsentRequested, indicated by the site);
 * - `decision`: per decision, with the DPV status its kind means (see `statusOfDecision`);
 * - `consent-signal`: per consent snapshot stored on a prompt (TCF, GPP, USP, CMP cookie, Consent
 *   Mode). Its status is the site's *claim* (see `statusOfSignal`). GPC is not recorded by the
 *   ledger yet, so no GPC event exists;
 * - `permission-request`: per powerful-API request (no consent status: a browser permission is not
 *   consent in the DPV sense);
 * - `data-given`: per form submission (field categories only; the ledger never holds values);
 * - `sign-in`: per OAuth / OpenID Connect sign-in screen (granted → ConsentGiven, denied →
 *   ConsentRefused, pending / error → null);
 * - `policy-version`: per policy version summary (no status);
 * - study consents (research mode, `studyConsents`, since ledger schema v5): per record, a
 *   `decision` event by the data subject with `decisionKind` `study-joined` (dpv:ConsentGiven,
 *   dpv:ExpressedConsent) or `study-left` (dpv:ConsentWithdrawn). Its `site` is `study:<studyId>`
 *   (a study is not a web site; the pseudonymiser hashes it like one). They use the `decision`
 *   kind because EVENT_KINDS is the export's closed list of kinds (filters, labels, CSV readers).
 *
 * `eventId`s are derived from record ids, so two exports of the same ledger give the same ids and
 * merges de-duplicate. They never contain a site name (the policy version id does, so its event id
 * uses a hash of it), which keeps pseudonymised exports pseudonymous.
 */
import type { LedgerExport, PolicyVersionSummary } from '../protocol/messages.ts';
import { givesConsent, type DecisionKind, type DecisionRecord, type PromptRecord, type ConsentSnapshotRecord } from '../model.ts';
import type { PermissionRequestRecord } from '../permissions/records.ts';
import type { FormRecord, SignInRecord } from './collection.ts';
import type { StudyConsentRecord } from './study-consent.ts';
import { SENSITIVE_FIELD_CATEGORIES, type FieldCategory } from '../forms/model.ts';
import { sha256Hex } from '../text.ts';
import type { Cell, DpvStatus, LedgerEvent } from './events.ts';

/**
 * Every `detail` key eventsOf emits, in a fixed order, so a streaming CSV writer knows its columns
 * before it sees the first event. Keys not listed here still reach CSV in its `extra` column.
 */
export const DETAIL_COLUMNS = [
  // prompts
  'promptKind',
  'cmp',
  'detector',
  'frame',
  'language',
  'textHash',
  'text',
  'actions',
  'toggles',
  'preTicked',
  'layers',
  'blocksPage',
  'policyLink',
  'reopenControl',
  // decisions
  'decisionKind',
  'consentType',
  'role',
  'label',
  'choices',
  'choicesOn',
  'choicesOff',
  'autoconsentCmp',
  'autoconsentSelfTest',
  'policyVersionHash',
  'promptId',
  // consent signals
  'source',
  'eventStatus',
  'purposeConsents',
  'purposeLegitimateInterests',
  'specialFeatureOptins',
  'vendorConsents',
  'grantedCategories',
  'cmpId',
  'raw',
  // permissions
  'api',
  'permission',
  'outcome',
  'gesture',
  'thirdParty',
  'probe',
  'softAskBefore',
  'stateBefore',
  'stateAfter',
  'sinceNavigation',
  'siteKind',
  'error',
  'frameOrigin',
  // forms
  'formPurpose',
  'categories',
  'sensitive',
  'submission',
  // sign-ins
  'provider',
  'clientId',
  'scopes',
  'sensitiveScopes',
  'requestedAt',
  'redirectUri',
  // policies
  'policyKind',
  'hash',
  'title',
  'lastSeen',
  // shared
  'url',
  'flags',
  // study consents (research mode; appended so earlier columns keep their positions)
  'studyId',
  'participantId',
  'consentVersion',
  'dataDeleted',
] as const;

const iso = (ms: number): string => new Date(ms).toISOString();
const joined = (values: readonly (string | number)[]): string => values.join(';');

/** The notice version a prompt stands for: the first 16 hex of its text hash. */
export function promptRecordKey(prompt: Pick<PromptRecord, 'site' | 'textHash'>): string {
  return `${prompt.site} ${prompt.textHash.slice(0, 16)}`;
}

export function policyRecordKey(policy: Pick<PolicyVersionSummary, 'site' | 'hash'>): string {
  return `${policy.site} policy:${policy.hash.slice(0, 16)}`;
}

/** The DPV consent status a decision means (docs/ledger-schema.md, "Decision kinds"). */
export function statusOfDecision(d: Pick<DecisionRecord, 'kind' | 'choices'>): DpvStatus | null {
  switch (d.kind) {
    case 'accept-all':
    case 'implied':
    case 'acknowledged':
      return 'dpv:ConsentGiven';
    case 'reject-all':
    case 'necessary-only':
    case 'pay':
      return 'dpv:ConsentRefused';
    case 'custom':
      return givesConsent(d) ? 'dpv:ConsentGiven' : 'dpv:ConsentRefused';
    case 'dismissed':
      return 'dpv:ConsentRequestDeferred';
    case 'withdrawn':
      return 'dpv:ConsentWithdrawn';
    case 'opened-settings':
      return null;
  }
}

/**
 * The DPV consent type of a decision that gave consent (null otherwise). A click on "accept all" or
 * "save choices" is `dpv:ExpressedConsent` (as docs/ledger-schema.md reads it); scrolling on is
 * `dpv:ImpliedConsent`; "OK" on a notice that offered no choice is `dpv:UninformedConsent` (the
 * person could not be informed of an alternative; the site treats it as implied consent).
 */
export function consentTypeOf(kind: DecisionKind, status: DpvStatus | null): string | null {
  if (status !== 'dpv:ConsentGiven') return null;
  if (kind === 'implied') return 'dpv:ImpliedConsent';
  if (kind === 'acknowledged') return 'dpv:UninformedConsent';
  return 'dpv:ExpressedConsent';
}

/**
 * What a stored consent signal claims. The site (its CMP) wrote it, so it is the site's claim and
 * not a decision: `cmpuishown` → ConsentRequested; any consent, special-feature opt-in, vendor
 * consent or granted category → ConsentGiven; otherwise ConsentUnknown (an empty signal is not a
 * refusal: Consent Mode and TCF both start empty before any choice).
 */
export function statusOfSignal(s: ConsentSnapshotRecord): DpvStatus {
  if (s.eventStatus === 'cmpuishown') return 'dpv:ConsentRequested';
  if (s.purposeConsents.length || s.specialFeatureOptins.length || s.vendorConsents > 0 || s.grantedCategories.length) return 'dpv:ConsentGiven';
  return 'dpv:ConsentUnknown';
}

export function promptEvent(p: PromptRecord): LedgerEvent {
  const toggles = [...(p.facts?.toggles ?? []), ...(p.layers ?? []).flatMap((l) => l.toggles)];
  return {
    eventId: `prompt-shown:${p.id}`,
    eventTime: iso(p.time),
    kind: 'prompt-shown',
    site: p.site,
    recordKey: promptRecordKey(p),
    dpvStatus: 'dpv:ConsentRequested',
    indicatedBy: 'site',
    detail: {
      promptKind: p.kind,
      cmp: p.cmp ?? null,
      detector: p.detector,
      frame: p.frame,
      language: p.language,
      textHash: p.textHash,
      text: p.text,
      actions: joined(p.actions.map((a) => a.role)),
      toggles: toggles.length,
      preTicked: toggles.filter((t) => t.checked && !t.essential).length,
      layers: (p.layers ?? []).length,
      blocksPage: p.facts?.blocksPage ?? null,
      policyLink: p.facts?.policyLink ?? null,
      reopenControl: p.reopenControl ?? null,
      url: p.url,
      flags: joined((p.flags ?? []).map((f) => f.id)),
    },
  };
}

export function decisionEvent(d: DecisionRecord, prompt: Pick<PromptRecord, 'site' | 'textHash'> | undefined): LedgerEvent {
  const status = statusOfDecision(d);
  const choices = d.choices ?? [];
  const detail: Record<string, Cell> = {
    decisionKind: d.kind,
    consentType: consentTypeOf(d.kind, status),
    role: d.role,
    label: d.label,
    promptId: d.promptId,
    policyVersionHash: d.policyVersion ? d.policyVersion.hash : null,
  };
  if (d.kind === 'custom' || choices.length) {
    detail.choices = joined(choices.map((c) => `${c.on ? 'on' : 'off'}:${c.label.replaceAll(';', ',')}`));
    detail.choicesOn = choices.filter((c) => c.on).length;
    detail.choicesOff = choices.filter((c) => !c.on).length;
  }
  if (d.autoconsent) {
    detail.autoconsentCmp = d.autoconsent.cmp;
    detail.autoconsentSelfTest = d.autoconsent.selfTest;
  }
  return {
    eventId: `decision:${d.id}`,
    eventTime: iso(d.time),
    kind: 'decision',
    site: d.site,
    recordKey: prompt ? promptRecordKey(prompt) : `${d.site} decision`,
    dpvStatus: status,
    indicatedBy: d.indicatedBy === 'extension' ? 'extension' : 'data-subject',
    detail,
  };
}

export function signalEvent(p: PromptRecord, s: ConsentSnapshotRecord, index: number): LedgerEvent {
  return {
    eventId: `consent-signal:${p.id}:${index}`,
    eventTime: iso(s.time),
    kind: 'consent-signal',
    site: p.site,
    recordKey: promptRecordKey(p),
    dpvStatus: statusOfSignal(s),
    indicatedBy: 'site',
    detail: {
      source: s.source,
      eventStatus: s.eventStatus ?? null,
      purposeConsents: joined(s.purposeConsents),
      purposeLegitimateInterests: joined(s.purposeLegitimateInterests),
      specialFeatureOptins: joined(s.specialFeatureOptins),
      vendorConsents: s.vendorConsents,
      grantedCategories: joined(s.grantedCategories),
      cmpId: s.cmpId ?? null,
      raw: s.raw ?? null,
      promptId: p.id,
    },
  };
}

export function permissionEvent(r: PermissionRequestRecord): LedgerEvent {
  const answered = r.outcome === 'granted' || r.outcome === 'denied' || r.outcome === 'dismissed';
  return {
    eventId: `permission-request:${r.id}`,
    eventTime: iso(r.time),
    kind: 'permission-request',
    site: r.site,
    recordKey: `${r.site} permission-request`,
    dpvStatus: null,
    indicatedBy: answered ? 'data-subject' : null,
    detail: {
      api: r.api,
      permission: r.permission,
      outcome: r.outcome,
      gesture: r.gesture,
      thirdParty: r.thirdParty,
      probe: r.probe,
      softAskBefore: r.softAskBefore,
      stateBefore: r.stateBefore,
      stateAfter: r.stateAfter,
      sinceNavigation: r.sinceNavigation,
      siteKind: r.siteKind,
      error: r.error ?? null,
      url: r.url,
      frameOrigin: r.frameOrigin,
      flags: joined(r.flags.map((f) => f.id)),
    },
  };
}

export function* formEvents(f: FormRecord): Generator<LedgerEvent> {
  const flags = joined(f.flags.map((x) => x.category));
  for (const [index, s] of f.submissions.entries()) {
    const sensitive = s.categories.filter((c: FieldCategory) => SENSITIVE_FIELD_CATEGORIES.has(c));
    yield {
      eventId: `data-given:${f.id}:${index}`,
      eventTime: iso(s.time),
      kind: 'data-given',
      site: f.site,
      recordKey: `${f.site} data-given`,
      dpvStatus: null,
      indicatedBy: 'data-subject',
      detail: {
        formPurpose: f.purpose,
        categories: joined(s.categories),
        sensitive: joined(sensitive),
        submission: index,
        thirdParty: f.thirdParty,
        url: f.url,
        frameOrigin: f.frameOrigin,
        flags,
      },
    };
  }
}

export function signInEvent(s: Omit<SignInRecord, 'state'>): LedgerEvent {
  const status: DpvStatus | null = s.outcome === 'granted' ? 'dpv:ConsentGiven' : s.outcome === 'denied' ? 'dpv:ConsentRefused' : null;
  return {
    eventId: `sign-in:${s.id}`,
    eventTime: iso(s.outcomeTime ?? s.time),
    kind: 'sign-in',
    site: s.site,
    recordKey: `${s.site} sign-in`,
    dpvStatus: status,
    indicatedBy: status ? 'data-subject' : null,
    detail: {
      provider: s.provider,
      clientId: s.clientId,
      outcome: s.outcome,
      scopes: joined(s.scopes.map((x) => x.scope)),
      sensitiveScopes: joined(s.sensitive),
      requestedAt: iso(s.time),
      redirectUri: s.redirectUri,
    },
  };
}

export function policyEvent(p: PolicyVersionSummary): LedgerEvent {
  return {
    // The policy id is "<site> <kind> <hash>": hashed so the event id never names the site.
    eventId: `policy-version:${sha256Hex(p.id).slice(0, 16)}`,
    eventTime: iso(p.firstSeen),
    kind: 'policy-version',
    site: p.site,
    recordKey: policyRecordKey(p),
    dpvStatus: null,
    indicatedBy: 'site',
    detail: {
      policyKind: p.kind,
      hash: p.hash,
      source: p.source,
      title: p.title,
      lastSeen: iso(p.lastSeen),
      url: p.url,
    },
  };
}

/** The `site` of a study's consent events: a study is not a web site, so it is named as one. */
export const studySite = (studyId: string): string => `study:${studyId}`;

export function studyConsentEvent(r: StudyConsentRecord): LedgerEvent {
  const joinedStudy = r.action === 'joined';
  return {
    eventId: `study-consent:${r.id}`,
    eventTime: iso(r.time),
    kind: 'decision',
    site: studySite(r.studyId),
    recordKey: `${studySite(r.studyId)} consent:${r.consentTextHash.slice(0, 16)}`,
    dpvStatus: joinedStudy ? 'dpv:ConsentGiven' : 'dpv:ConsentWithdrawn',
    indicatedBy: 'data-subject',
    detail: {
      decisionKind: joinedStudy ? 'study-joined' : 'study-left',
      consentType: joinedStudy ? 'dpv:ExpressedConsent' : null,
      studyId: r.studyId,
      participantId: r.participantId,
      consentVersion: r.consentVersion,
      textHash: r.consentTextHash,
      dataDeleted: r.dataDeleted,
    },
  };
}

function* unordered(doc: LedgerExport): Generator<LedgerEvent> {
  const prompts = new Map<string, PromptRecord>();
  for (const p of doc.prompts ?? []) {
    prompts.set(p.id, p);
    yield promptEvent(p);
    for (const [i, s] of (p.signals ?? []).entries()) yield signalEvent(p, s, i);
  }
  for (const d of doc.decisions ?? []) yield decisionEvent(d, prompts.get(d.promptId));
  for (const r of doc.permissions ?? []) yield permissionEvent(r);
  for (const f of doc.forms ?? []) yield* formEvents(f);
  for (const s of doc.signIns ?? []) yield signInEvent(s);
  for (const p of doc.policies ?? []) yield policyEvent(p);
  for (const r of doc.studyConsents ?? []) yield studyConsentEvent(r);
}

/**
 * The events of an export, ordered by `eventTime` (ties keep the order above: a prompt before its
 * signals, prompts before decisions). Sorting needs every event once; the export is in memory
 * already, and the events are small and flat. Older exports without v3/v4 arrays give no events
 * of those kinds.
 */
export function* eventsOf(doc: LedgerExport): Generator<LedgerEvent> {
  const all = [...unordered(doc)];
  all.sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0));
  yield* all;
}
