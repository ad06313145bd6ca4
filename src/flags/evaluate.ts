/**
 * Consent-validity flags: given what ConsentLens saw of one prompt (its layers, the page around it,
 * the consent the site stored before and after the person's choice, and the site's history),
 * say which rules of valid consent it breaks, with the evidence. Pure; docs/flags.md states
 * each rule exactly.
 */
import type { ActionRole, DecisionKind, FlagId, FlagRecord, OfferedAction, PromptFacts, PromptKind, PurposeToggle } from '../model.ts';
import { IMPLIED_CONSENT } from '../detect/lexicon.ts';
import { capText } from '../text.ts';
import { grantsNonEssential, type ConsentSnapshot } from './consent-state.ts';
import { FLAG_DEFINITIONS } from './legal.ts';

export interface FlagInput {
  kind: PromptKind;
  text: string;
  /** Where the prompt is in its page; added to the evidence of the flags read from the page. */
  selector?: string;
  actions: OfferedAction[]; // first layer
  facts: PromptFacts; // first layer
  /** Layers opened from the first one (settings / preferences), in order. */
  laterLayers?: { actions: OfferedAction[]; toggles: PurposeToggle[] }[];
  /** True when the site uses the IAB TCF (a TC string or __tcfapi was seen). */
  usesTcf?: boolean;
  decision?: { kind: DecisionKind; time: number } | null;
  /** Consent states read before the person's first answer to the prompt. */
  signalsBefore?: ConsentSnapshot[];
  /** Consent states read after the person's answer. */
  signalsAfter?: ConsentSnapshot[];
  /** After the choice: true when a control to reopen the choices was found; null when not checked. */
  reopenControlAfterChoice?: boolean | null;
  /** The latest refusal (reject-all / necessary-only) on this site before this prompt was shown. */
  previousRefusal?: { time: number } | null;
  shownAt: number;
}

/** F14: a prompt within this time after a refusal is a re-prompt. */
export const REPROMPT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** F7 thresholds. */
export const DOMINANT_AREA_RATIO = 2;
export const DOMINANT_CONTRAST_RATIO = 2;
export const LOW_CONTRAST = 3;

const REFUSE: ReadonlySet<DecisionKind> = new Set(['reject-all', 'necessary-only', 'withdrawn']);
const REFUSE_ROLES: ReadonlySet<ActionRole> = new Set(['reject-all', 'necessary-only']);

export { IMPLIED_CONSENT } from '../detect/lexicon.ts';

/** Words that name what data is used for (advertising, analytics, personalisation…). */
export const PURPOSE_WORDS =
  /advertis|\bads?\b|marketing|analytic|statistic|measur|audience|personali[sz]|profil|social media|werbung|analyse|statistik|personalisier|reichweite|publicit|mesure d'audience|statistique|personnalis|publicidad|anal[ií]tic|estad[ií]stic|personaliz|pubblicit|statistich|personalizz|advertent|reclame|statistiek|personaliser|publicidade|an[uú]ncios|an[aá]lise|estat[ií]stic|reklam|analityk|statystyk|personaliz|广告|分析|统计|个性化|营销|推荐/iu;

/** "our 842 partners", "1,234 vendors": the vendor count TCF 2.2 requires on the first layer. */
export const VENDOR_COUNT =
  /\b\d[\d.,\s]{0,6}\s*(?:partners?|vendors?|third[- ]parties|advertisers|partenaires|socios|proveedores|partner|partners|parceiros|fornecedores|partnerów|partnerzy|dostawców|anbieter|drittanbieter)\b|\d+\s*(?:家|个)?(?:合作伙伴|第三方|供应商)/iu;

function flag(id: FlagId, evidence: FlagRecord['evidence']): FlagRecord {
  const def = FLAG_DEFINITIONS[id];
  const cappedText = evidence.text === undefined ? {} : { text: capText(evidence.text, 300) };
  return { id, severity: def.severity, evidence: { ...evidence, ...cappedText }, legal: def.legal };
}

const has = (actions: OfferedAction[], roles: ReadonlySet<ActionRole> | ActionRole) =>
  actions.some((a) => (typeof roles === 'string' ? a.role === roles : roles.has(a.role)));
const labels = (actions: OfferedAction[], role: ActionRole) => actions.filter((a) => a.role === role).map((a) => a.label);
const sentenceWith = (text: string, pattern: RegExp): string => {
  const match = pattern.exec(text);
  if (!match) return '';
  const start = Math.max(0, text.lastIndexOf('.', match.index) + 1);
  const endDot = text.indexOf('.', match.index + match[0].length);
  return text.slice(start, endDot === -1 ? undefined : endDot + 1).trim();
};

/** F1: the first layer can accept but not refuse. */
function noRejectOnFirstLayer(input: FlagInput): FlagRecord | null {
  if (!has(input.actions, 'accept-all') || has(input.actions, REFUSE_ROLES)) return null;
  return flag('F1', { text: labels(input.actions, 'accept-all').join(' / '), values: { offered: input.actions.map((a) => a.role) } });
}

/** Clicks to reach a role: 1 on the first layer, 1 + n through settings layers, Infinity if never seen. */
function clicksTo(input: FlagInput, roles: ReadonlySet<ActionRole>): number {
  if (has(input.actions, roles)) return 1;
  if (!has(input.actions, 'settings')) return Number.POSITIVE_INFINITY;
  const layers = input.laterLayers ?? [];
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i] as { actions: OfferedAction[] };
    if (has(layer.actions, roles)) return 2 + i;
    // Saving with every toggle left off is also a refusal, one click after opening the layer.
    if (roles === REFUSE_ROLES && has(layer.actions, 'save-choices')) return 2 + i;
  }
  // A settings control exists but its layer was not seen: at least two clicks.
  return 2;
}

/** F2: refusing takes more clicks than accepting. */
function rejectCostsMore(input: FlagInput): FlagRecord | null {
  const accept = clicksTo(input, new Set<ActionRole>(['accept-all']));
  const refuse = clicksTo(input, REFUSE_ROLES);
  // No way to refuse at all is F1's (and F8's) finding, not a click count.
  if (!Number.isFinite(refuse) || !(accept < refuse)) return null;
  return flag('F2', { values: { clicksToAccept: accept, clicksToRefuse: refuse } });
}

/** F3: non-essential purposes (or the TCF signal shown with the UI) switched on before the person acts. */
function preTicked(input: FlagInput): FlagRecord | null {
  const toggles = [...input.facts.toggles, ...(input.laterLayers ?? []).flatMap((l) => l.toggles)];
  const ticked = toggles.filter((t) => t.checked && !t.essential).map((t) => t.label);
  if (ticked.length > 0) return flag('F3', { text: ticked.join(', '), values: { preTicked: ticked } });
  const shown = (input.signalsBefore ?? []).find((s) => s.eventStatus === 'cmpuishown' && s.purposeConsents.length > 0);
  if (shown) return flag('F3', { values: { source: shown.source, purposeConsentsWhenShown: shown.purposeConsents } });
  return null;
}

/** F4: consent taken from continuing, scrolling or leaving - or a notice with nothing to refuse with. */
function impliedConsent(input: FlagInput): FlagRecord | null {
  const sentence = sentenceWith(input.text, IMPLIED_CONSENT);
  if (sentence) return flag('F4', { text: sentence });
  if (input.decision?.kind === 'implied') return flag('F4', { values: { decision: 'implied' } });
  const answers = input.actions.map((a) => a.role);
  if (answers.length > 0 && answers.every((r) => r === 'acknowledge' || r === 'close' || r === 'other') && answers.includes('acknowledge')) {
    return flag('F4', { text: labels(input.actions, 'acknowledge').join(' / '), values: { offered: answers } });
  }
  return null;
}

/** F5: the site stored consent before the person answered. */
function storedBeforeChoice(input: FlagInput): FlagRecord | null {
  const decidedAt = input.decision?.time ?? Number.POSITIVE_INFINITY;
  const early = (input.signalsBefore ?? []).find(
    (s) => s.time < decidedAt && s.eventStatus !== 'useractioncomplete' && grantsNonEssential(s),
  );
  if (!early) return null;
  return flag('F5', { text: early.raw, values: snapshotValues(early) });
}

/** F6: the site stored consent although the person refused. */
function storedAgainstRefusal(input: FlagInput): FlagRecord | null {
  if (!input.decision || !REFUSE.has(input.decision.kind)) return null;
  const after = (input.signalsAfter ?? []).find((s) => s.time >= (input.decision?.time ?? 0) && grantsNonEssential(s));
  if (!after) return null;
  return flag('F6', { text: after.raw, values: { decision: input.decision.kind, ...snapshotValues(after) } });
}

function snapshotValues(s: ConsentSnapshot): Record<string, string | number | number[] | string[]> {
  return {
    source: s.source,
    ...(s.eventStatus ? { eventStatus: s.eventStatus } : {}),
    purposeConsents: s.purposeConsents,
    vendorConsents: s.vendorConsents,
    ...(s.specialFeatureOptins.length ? { specialFeatureOptins: s.specialFeatureOptins } : {}),
    ...(s.grantedCategories.length ? { grantedCategories: s.grantedCategories } : {}),
  };
}

/** F7: accept stands out, refuse is hidden (a text link, much smaller, or faint). */
function acceptDominant(input: FlagInput): FlagRecord | null {
  const accept = input.actions.find((a) => a.role === 'accept-all' && a.prominence);
  const refuse = input.actions.find((a) => REFUSE_ROLES.has(a.role) && a.prominence);
  if (!accept?.prominence || !refuse?.prominence) return null;
  const a = accept.prominence;
  const r = refuse.prominence;
  const reasons: string[] = [];
  if (r.isLink && !a.isLink) reasons.push('refuse is a text link, accept is a button');
  if (r.area > 0 && a.area / r.area >= DOMINANT_AREA_RATIO) reasons.push(`accept is ${(a.area / r.area).toFixed(1)}x larger`);
  if (r.contrast < LOW_CONTRAST && a.contrast >= LOW_CONTRAST) reasons.push(`refuse has low contrast (${r.contrast.toFixed(1)}:1)`);
  else if (r.contrast > 0 && a.contrast / r.contrast >= DOMINANT_CONTRAST_RATIO) reasons.push(`accept has ${(a.contrast / r.contrast).toFixed(1)}x the contrast`);
  if (reasons.length === 0) return null;
  return flag('F7', {
    text: `${accept.label} / ${refuse.label}`,
    values: { reasons, acceptArea: Math.round(a.area), refuseArea: Math.round(r.area), acceptContrast: round1(a.contrast), refuseContrast: round1(r.contrast), refuseIsLink: r.isLink },
  });
}
const round1 = (n: number) => Math.round(n * 10) / 10;

/** F8: the page is blocked until the person accepts (or pays). */
function cookieWall(input: FlagInput): FlagRecord | null {
  if (!input.facts.blocksPage) return null;
  const canLeave = input.actions.some((a) => REFUSE_ROLES.has(a.role) || a.role === 'close');
  if (canLeave || !has(input.actions, 'accept-all')) return null;
  return flag('F8', { values: { offered: input.actions.map((a) => a.role), payOrAccept: has(input.actions, 'pay') } });
}

/** F9: one "accept" for every purpose, with no per-purpose choice on any layer. */
function bundled(input: FlagInput): FlagRecord | null {
  if (!has(input.actions, 'accept-all')) return null;
  const granular =
    input.facts.toggles.length > 0 ||
    has(input.actions, 'settings') ||
    has(input.actions, 'save-choices') ||
    (input.laterLayers ?? []).some((l) => l.toggles.length > 0);
  if (granular) return null;
  return flag('F9', { values: { offered: input.actions.map((a) => a.role) } });
}

/** F10: legitimate interest claimed for TCF purposes 3-6 (profiles and personalisation). */
function legitimateInterestForProfiling(input: FlagInput): FlagRecord | null {
  for (const s of [...(input.signalsBefore ?? []), ...(input.signalsAfter ?? [])]) {
    const claimed = s.purposeLegitimateInterests.filter((p) => p >= 3 && p <= 6);
    if (claimed.length > 0) return flag('F10', { text: s.raw, values: { source: s.source, purposes: claimed } });
  }
  return null;
}

/** F11: the first layer does not say what for, who (TCF vendor count), or where to read more. */
function missingInformation(input: FlagInput): FlagRecord | null {
  const missing: string[] = [];
  if (!PURPOSE_WORDS.test(input.text)) missing.push('purposes');
  if (!input.facts.policyLink) missing.push('policy link');
  if (input.usesTcf && !VENDOR_COUNT.test(input.text)) missing.push('vendor count');
  if (missing.length === 0) return null;
  return flag('F11', { values: { missing } });
}

/** F12: after the choice, nothing on the page reopens it. */
function noWithdrawal(input: FlagInput): FlagRecord | null {
  if (input.reopenControlAfterChoice !== false || !input.decision) return null;
  return flag('F12', { values: { decision: input.decision.kind } });
}

/** F14: asked again soon after the person refused. */
function reprompt(input: FlagInput): FlagRecord | null {
  const previous = input.previousRefusal;
  if (!previous || input.shownAt - previous.time > REPROMPT_WINDOW_MS || input.shownAt < previous.time) return null;
  const hours = Math.round((input.shownAt - previous.time) / 3_600_000);
  return flag('F14', { values: { hoursSinceRefusal: hours, refusedAt: new Date(previous.time).toISOString() } });
}

const RULES = [
  noRejectOnFirstLayer,
  rejectCostsMore,
  preTicked,
  impliedConsent,
  storedBeforeChoice,
  storedAgainstRefusal,
  acceptDominant,
  cookieWall,
  bundled,
  legitimateInterestForProfiling,
  missingInformation,
  noWithdrawal,
  reprompt,
];

/** Prompts the consent rules apply to (soft-asks and sign-up forms are judged elsewhere). */
const CONSENT_PROMPTS: ReadonlySet<PromptKind> = new Set(['cookie-banner', 'consent-dialog', 'cookie-wall', 'pay-or-accept']);

/** Flags read from the page itself (not from stored consent or history): their evidence says where. */
const FROM_THE_PAGE: ReadonlySet<FlagId> = new Set(['F1', 'F2', 'F3', 'F4', 'F7', 'F8', 'F9', 'F11']);

/** Every flag the prompt raises, in id order. */
export function evaluateFlags(input: FlagInput): FlagRecord[] {
  if (!CONSENT_PROMPTS.has(input.kind)) return [];
  const out: FlagRecord[] = [];
  for (const rule of RULES) {
    const found = rule(input);
    if (!found) continue;
    if (input.selector && FROM_THE_PAGE.has(found.id)) found.evidence = { ...found.evidence, selector: input.selector };
    out.push(found);
  }
  return out;
}
