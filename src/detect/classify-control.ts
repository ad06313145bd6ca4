/**
 * Gives a consent prompt's control (button, link) its action role from its label, in any of the
 * lexicon's languages, falling back to attribute hints for icon-only controls.
 */
import type { ActionRole } from '../model.ts';
import { MAX_LABEL } from '../model.ts';
import { capText, normalizeText } from '../text.ts';
import { ATTRIBUTE_HINTS, ROLE_PHRASES, ROLE_PRIORITY } from './lexicon.ts';

/** "Continue with Google" is not an acknowledgement and "Close account" not a close button. */
const WHOLE_LABEL_ROLES: ReadonlySet<ActionRole> = new Set(['acknowledge', 'close']);

/** Labels longer than this are sentences, not control labels. */
const MAX_CONTROL_WORDS = 8;
const HAN = /\p{Script=Han}/u;

// Punctuation, quotes, arrows and spaces that decorate a label's edges ("Accept all →", “OK”).
const EDGE = '[[\\s\\p{P}\\p{S}]--[×✕✖]]';
const LEADING_PUNCTUATION = new RegExp(`^${EDGE}+`, 'v');
const TRAILING_PUNCTUATION = new RegExp(`${EDGE}+$`, 'v');

/** Lower-case, NFKC, straight apostrophes, punctuation at the edges removed. */
export function normalizeLabel(label: string): string {
  return normalizeText(label)
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/gu, "'")
    .replace(LEADING_PUNCTUATION, '')
    .replace(TRAILING_PUNCTUATION, '');
}

function containsPhrase(label: string, phrase: string): boolean {
  if (HAN.test(phrase)) return label.includes(phrase);
  // Whole-word match for space-separated scripts: pad both with spaces.
  const padded = ` ${label.replace(/[,.;:!?&/()]+/gu, ' ').replace(/\s+/gu, ' ')} `;
  return padded.includes(` ${phrase} `);
}

/** The role a label names, or "other". Pure text; no DOM. */
export function roleFromLabel(label: string): ActionRole {
  const norm = normalizeLabel(label);
  if (!norm) return 'other';
  if (!HAN.test(norm) && norm.split(' ').length > MAX_CONTROL_WORDS) return 'other';
  if (HAN.test(norm) && norm.length > 16) return 'other';
  for (const role of ROLE_PRIORITY) {
    const byLanguage = ROLE_PHRASES[role];
    const whole = WHOLE_LABEL_ROLES.has(role);
    for (const phrases of Object.values(byLanguage)) {
      for (const phrase of phrases) {
        const exact = whole || phrase.startsWith('=');
        const text = phrase.startsWith('=') ? phrase.slice(1) : phrase;
        if (exact ? norm === text : containsPhrase(norm, text)) return role;
      }
    }
  }
  return 'other';
}

/** The label of a control as a person reads it: visible text, then value, aria-label, title. */
export function labelOf(el: Element): string {
  const aria = el.getAttribute('aria-label');
  const text = el.textContent ?? '';
  const value = el.tagName === 'INPUT' ? (el.getAttribute('value') ?? '') : '';
  const title = el.getAttribute('title') ?? '';
  const raw = normalizeText(text) || normalizeText(value) || normalizeText(aria ?? '') || normalizeText(title);
  return capText(raw, MAX_LABEL);
}

/** Role of a DOM control: label first; id, class and data-* hints when the label says nothing. */
export function classifyControl(el: Element): { label: string; role: ActionRole } {
  const label = labelOf(el);
  let role = roleFromLabel(label);
  if (role === 'other') {
    const aria = el.getAttribute('aria-label');
    if (aria) role = roleFromLabel(aria);
  }
  if (role === 'other' && label.length <= 2) {
    const hints = [el.id, el.getAttribute('class') ?? '', ...dataAttributeValues(el)].join(' ');
    for (const [pattern, hinted] of ATTRIBUTE_HINTS) {
      if (pattern.test(hints)) {
        role = hinted;
        break;
      }
    }
  }
  return { label, role };
}

function dataAttributeValues(el: Element): string[] {
  const out: string[] = [];
  for (const attr of Array.from(el.attributes)) {
    if (attr.name.startsWith('data-')) out.push(`${attr.name}=${attr.value}`);
  }
  return out;
}
