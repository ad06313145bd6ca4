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

interface CompiledRole {
  role: Exclude<ActionRole, 'other'>;
  exact: ReadonlySet<string>; // whole-label phrases
  words: RegExp | null; // space-separated scripts: any phrase as whole words
  han: RegExp | null; // Chinese phrases: substrings
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The lexicon compiled once: per role, one set of exact labels and one regex per script. */
const COMPILED: readonly CompiledRole[] = ROLE_PRIORITY.map((role) => {
  const exact = new Set<string>();
  const words: string[] = [];
  const han: string[] = [];
  const whole = WHOLE_LABEL_ROLES.has(role);
  for (const phrases of Object.values(ROLE_PHRASES[role])) {
    for (const phrase of phrases) {
      const text = phrase.startsWith('=') ? phrase.slice(1) : phrase;
      if (whole || phrase.startsWith('=')) exact.add(text);
      else if (HAN.test(text)) han.push(escapeRegExp(text));
      else words.push(escapeRegExp(text));
    }
  }
  return {
    role,
    exact,
    words: words.length ? new RegExp(` (?:${words.join('|')}) `, 'u') : null,
    han: han.length ? new RegExp(han.join('|'), 'u') : null,
  };
});

/** The role a label names, or "other". Pure text; no DOM. */
export function roleFromLabel(label: string): ActionRole {
  if (label.length > 200) return 'other'; // a paragraph, not a control label
  const norm = normalizeLabel(label);
  if (!norm) return 'other';
  const isHan = HAN.test(norm);
  if (!isHan && norm.split(' ').length > MAX_CONTROL_WORDS) return 'other';
  if (isHan && norm.length > 16) return 'other';
  // Whole-word matching for space-separated scripts: pad with spaces once.
  const padded = ` ${norm.replace(/[,.;:!?&/()]+/gu, ' ').replace(/\s+/gu, ' ')} `;
  for (const compiled of COMPILED) {
    if (compiled.exact.has(norm)) return compiled.role;
    if (compiled.words?.test(padded)) return compiled.role;
    if (isHan && compiled.han?.test(norm)) return compiled.role;
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

/**
 * Classifications already made, per element, valid while its text is unchanged: a page's
 * hundreds of links are classified once, not on every scan.
 */
const classified = new WeakMap<Element, { key: string; result: { label: string; role: ActionRole } }>();

/** Role of a DOM control: label first; id, class and data-* hints when the label says nothing. */
export function classifyControl(el: Element): { label: string; role: ActionRole } {
  const key = `${el.textContent ?? ''}\u0000${el.getAttribute('aria-label') ?? ''}`;
  const cached = classified.get(el);
  if (cached && cached.key === key) return cached.result;
  const result = classifyUncached(el);
  classified.set(el, { key, result });
  return result;
}

function classifyUncached(el: Element): { label: string; role: ActionRole } {
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
