/**
 * Generic consent-banner detector: finds blocks of text about cookies / consent that carry at
 * least one consent control (accept, reject, necessary-only, acknowledge), in any lexicon language.
 *
 * Pure: it reads only the Document (or root) it is given. Visibility is judged by
 * `isProbablyVisible`: `Element.checkVisibility` where the DOM has it, plus the `hidden`
 * attribute and inline styles, which DOMs without a user-agent style sheet (happy-dom, the CLI)
 * would otherwise miss.
 */
import type { ActionRole, PromptKind } from '../model.ts';
import { MAX_ACTIONS, MAX_PROMPT_TEXT } from '../model.ts';
import { capText, normalizeText } from '../text.ts';
import { classifyControl } from './classify-control.ts';
import { guessLanguage } from './language.ts';
import { CONSENT_CONTEXT, NOTICE_WORDING } from './lexicon.ts';

export interface DetectedControl {
  element: Element;
  label: string;
  role: ActionRole;
}

export interface DetectedBanner {
  element: Element;
  kind: PromptKind;
  detector: 'generic';
  language: string;
  text: string;
  controls: DetectedControl[];
}

export interface FindOptions {
  /** Decides whether an element is shown to the person. Defaults to `isProbablyVisible`. */
  isVisible?: (el: Element) => boolean;
  /** The work this call may do (a fresh MAX_SCAN_VISITS budget when absent); read it afterwards. */
  budget?: ScanBudget;
}

/**
 * How much of the page one findBanners call may look at. Every element the JS code visits
 * (shadow-root search, candidate controls, text reading) costs one visit; when `maxVisits` is
 * spent the scan stops and reports what it found so far, with `exhausted` set. A hostile or
 * pathological page (tens of thousands of controls, shadow roots or nested elements) therefore
 * costs a bounded amount per scan; the light DOM's controls are examined before any shadow root.
 */
export interface ScanBudget {
  maxVisits: number;
  visited: number;
  exhausted: boolean;
}

/** Visits per findBanners call when the caller gives no budget: far above any real page's needs. */
export const MAX_SCAN_VISITS = 100_000;
/** readableText does not descend deeper than this below its element (no banner is this deep; the JS stack is finite). */
const MAX_TEXT_DEPTH = 400;

/** The budget of the findBanners call in progress (calls are synchronous), charged by readableText too. */
let activeBudget: ScanBudget | null = null;

/** Charges one visit; false once the active budget is spent. */
function spend(): boolean {
  if (!activeBudget) return true;
  if (activeBudget.visited >= activeBudget.maxVisits) {
    activeBudget.exhausted = true;
    return false;
  }
  activeBudget.visited++;
  return true;
}

/** Blocks searched before the rest of the page: dialogs and elements named for cookies or consent. */
const MAX_LIKELY = 50;
const LIKELY_PROMPT_SELECTOR =
  '[role="dialog"], [role="alertdialog"], [aria-modal="true"], dialog, [id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i], [id*="gdpr" i], [class*="gdpr" i]';

export const CONTROL_SELECTOR =
  'button, [role="button"], a, input[type="button"], input[type="submit"]';

/** Roles that make a block of consent text an actual prompt (something the person can answer). */
const ANSWER_ROLES: ReadonlySet<ActionRole> = new Set([
  'accept-all',
  'reject-all',
  'necessary-only',
  'acknowledge',
]);
/** Every consent prompt offers a way to agree (or to take note); a lone "opt out" link is not one. */
const AGREE_ROLES: ReadonlySet<ActionRole> = new Set(['accept-all', 'acknowledge']);

/** A banner is a short text; a page that merely talks about cookies (a policy) is not one. */
const MAX_BANNER_TEXT = 6000;
const MAX_CLIMB = 12;
/** A page's own content: a consent banner is never the article or the main region itself. */
const PAGE_CONTENT = new Set(['MAIN', 'ARTICLE']);
const SKIP_TEXT_OF = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG']);

interface VisibilityCheckable {
  checkVisibility?: (options?: Record<string, boolean>) => boolean;
}

export function isProbablyVisible(el: Element): boolean {
  const checkable = el as Element & VisibilityCheckable;
  const hasLayout = typeof checkable.checkVisibility === 'function';
  if (hasLayout && !checkable.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true })) return false;
  // Also read the markup itself: DOMs without a user-agent style sheet (happy-dom, the CLI) do not
  // apply `[hidden] { display: none }`. aria-hidden counts only where there is no layout to ask.
  for (let n: Element | null = el; n; n = parentAcrossShadow(n)) {
    if (n.hasAttribute('hidden')) return false;
    if (!hasLayout && n.getAttribute('aria-hidden') === 'true') return false;
    const style = n.getAttribute('style') ?? '';
    if (/display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)/iu.test(style)) return false;
  }
  return true;
}

/** Parent element, stepping out of an open shadow root to its host. */
export function parentAcrossShadow(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode as (Node & { host?: Element }) | null;
  return parent && parent.nodeType === 11 && parent.host ? parent.host : null;
}

/**
 * Text a person would read in `el` (and its open shadow roots), without scripts and styles, with
 * whitespace collapsed, stopping once past `max` characters. With `skipControls`, the labels of
 * buttons are left out: what is left is what the prompt says, not what it offers.
 */
export function readableText(el: Element, max = MAX_BANNER_TEXT + 1, skipControls = false): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (node: Node, depth: number): void => {
    if (length > max || depth > MAX_TEXT_DEPTH || !spend()) return;
    if (node.nodeType === 3) {
      const value = (node.nodeValue ?? '').replace(/\s+/gu, ' ');
      if (value === ' ' || value === '') return;
      parts.push(value);
      length += value.length + 1;
      return;
    }
    if (node.nodeType === 1) {
      const element = node as Element;
      if (SKIP_TEXT_OF.has(element.tagName.toUpperCase())) return;
      if (skipControls && element.matches(BUTTON_SELECTOR)) return;
      const shadow = (element as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
      if (shadow) walk(shadow, depth + 1);
    }
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child, depth + 1);
  };
  walk(el, 0);
  return normalizeText(parts.join(' '));
}

const BUTTON_SELECTOR = 'button, [role="button"], input[type="button"], input[type="submit"]';

function isConsentText(text: string): boolean {
  for (const pattern of Object.values(CONSENT_CONTEXT)) if (pattern.test(text)) return true;
  return false;
}

function isCookieNotice(text: string): boolean {
  for (const pattern of Object.values(NOTICE_WORDING)) if (pattern.test(text)) return true;
  return false;
}

/** The smallest ancestor of a control whose text is about consent, widened to the whole block. */
function bannerContainerOf(control: Element, body: Element | null): Element | null {
  let node: Element | null = control;
  for (let depth = 0; node && depth < MAX_CLIMB; depth++) {
    node = parentAcrossShadow(node);
    if (!node || node === body || node.tagName === 'HTML' || PAGE_CONTENT.has(node.tagName)) return null;
    const text = readableText(node);
    if (text.length > MAX_BANNER_TEXT) return null;
    if (isConsentText(readableText(node, MAX_BANNER_TEXT, true))) return widen(node, text.length, body);
  }
  return null;
}

/** Climb while the parent adds little text (a title, a wrapper): the banner is the whole block. */
function widen(node: Element, textLength: number, body: Element | null): Element {
  let current = node;
  let length = textLength;
  for (let i = 0; i < 4; i++) {
    const parent = parentAcrossShadow(current);
    if (!parent || parent === body || parent.tagName === 'HTML' || PAGE_CONTENT.has(parent.tagName)) break;
    const parentLength = readableText(parent).length;
    if (parentLength > MAX_BANNER_TEXT || parentLength > length * 1.6 + 80) break;
    current = parent;
    length = parentLength;
  }
  return current;
}

const DIALOG_SELECTOR = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]';

function kindOf(container: Element): PromptKind {
  const shadow = (container as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
  const dialog =
    container.matches(DIALOG_SELECTOR) ||
    container.querySelector(DIALOG_SELECTOR) !== null ||
    (shadow?.querySelector(DIALOG_SELECTOR) ?? null) !== null;
  return dialog ? 'consent-dialog' : 'cookie-banner';
}

/** Every open shadow root below `root` (bounded), so banners inside web components are seen. */
function openShadowRoots(root: ParentNode, limit = 200): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const stack: ParentNode[] = [root];
  while (stack.length && out.length < limit) {
    const current = stack.pop() as ParentNode;
    for (const el of Array.from(current.querySelectorAll('*'))) {
      if (!spend()) return out;
      const shadow = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
      if (shadow) {
        out.push(shadow);
        stack.push(shadow);
        if (out.length >= limit) break;
      }
    }
  }
  return out;
}

/**
 * All visible consent banners in `doc`. Nested candidates collapse to the outermost; each banner
 * lists its visible controls with their roles.
 */
export function findBanners(doc: Document, options: FindOptions = {}): DetectedBanner[] {
  const budget = options.budget ?? { maxVisits: MAX_SCAN_VISITS, visited: 0, exhausted: false };
  const outer = activeBudget;
  activeBudget = budget;
  try {
    return findWithin(doc, options.isVisible ?? isProbablyVisible, budget);
  } finally {
    activeBudget = outer;
  }
}

function findWithin(doc: Document, isVisible: (el: Element) => boolean, budget: ScanBudget): DetectedBanner[] {
  const body = doc.body;
  if (!body) return [];

  const containers = new Set<Element>();
  const seen = new Set<Element>();
  const search = (root: ParentNode): void => {
    for (const control of Array.from(root.querySelectorAll(CONTROL_SELECTOR))) {
      if (seen.has(control)) continue;
      seen.add(control);
      if (!spend()) return;
      const { role } = classifyControl(control);
      if (!ANSWER_ROLES.has(role)) continue;
      // A hidden panel's buttons (a CMP's closed settings layer) must not define the banner.
      if (!isVisible(control)) continue;
      const container = bannerContainerOf(control, body);
      // A container judged on text cut short by the budget is not trusted.
      if (container && !budget.exhausted) containers.add(container);
    }
  };
  // What looks like a prompt first (dialogs, consent-named blocks), then the rest of the light DOM,
  // then shadow roots: a page padded with controls or nodes cannot spend the budget before its banner.
  // (At most MAX_LIKELY of them, each charged: a page of thousands of "cookie" blocks gets no more.)
  for (const likely of Array.from(doc.querySelectorAll(LIKELY_PROMPT_SELECTOR)).slice(0, MAX_LIKELY)) if (spend()) search(likely);
  search(doc);
  if (!budget.exhausted) for (const root of openShadowRoots(doc)) if (!budget.exhausted) search(root);

  // The budget bounds the search. The few containers it found are read whole (their text is capped
  // by length): with the budget spent by the search, their text would read as empty.
  activeBudget = null;
  const outermost = [...containers].filter(
    (c) => ![...containers].some((other) => other !== c && containsAcrossShadow(other, c)),
  );

  const banners: DetectedBanner[] = [];
  for (const container of outermost) {
    if (!isVisible(container)) continue;
    const controls = controlsIn(container).filter((c) => isVisible(c.element));
    if (!controls.some((c) => AGREE_ROLES.has(c.role))) continue;
    // "OK" alone answers anything; with no accept/reject on offer the block must read as a notice.
    const onlyAcknowledge = !controls.some((c) => c.role === 'accept-all' || c.role === 'reject-all' || c.role === 'necessary-only');
    if (onlyAcknowledge && !isCookieNotice(readableText(container, MAX_BANNER_TEXT, true))) continue;
    const text = capText(readableText(container, MAX_PROMPT_TEXT), MAX_PROMPT_TEXT);
    banners.push({
      element: container,
      kind: kindOf(container),
      detector: 'generic',
      language: guessLanguage(text, doc.documentElement.getAttribute('lang')),
      text,
      controls: controls.slice(0, MAX_ACTIONS),
    });
  }
  return banners;
}

function containsAcrossShadow(outer: Element, inner: Element): boolean {
  for (let n: Element | null = inner; n; n = parentAcrossShadow(n)) if (n === outer) return true;
  return false;
}

/** Where to search inside a prompt: the element, its own open shadow root, and those below it (bounded). */
export function searchRoots(container: Element): ParentNode[] {
  const roots: ParentNode[] = [container, ...openShadowRoots(container, 20)];
  const shadow = (container as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
  if (shadow) roots.push(shadow);
  return roots;
}

/** Controls inside a banner, including those in its open shadow roots. */
export function controlsIn(container: Element): DetectedControl[] {
  const roots = searchRoots(container);
  const seen = new Set<Element>();
  const out: DetectedControl[] = [];
  for (const root of roots) {
    for (const element of Array.from(root.querySelectorAll(CONTROL_SELECTOR))) {
      if (seen.has(element)) continue;
      seen.add(element);
      const { label, role } = classifyControl(element);
      if (!label) continue;
      out.push({ element, label, role });
    }
  }
  return out;
}
