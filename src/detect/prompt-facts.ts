/**
 * Facts about a detected prompt that the validity flags need: its per-purpose toggles, whether it
 * links to a policy, whether it blocks the page, and how prominent each control is. Reads only
 * the elements given (and their document's window for computed styles and layout); where there is
 * no layout (happy-dom, the CLI) the layout-based facts are simply absent or false.
 */
import type { ActionRole, Prominence, PromptFacts, PromptKind, PurposeToggle } from '../model.ts';
import { MAX_LABEL, MAX_TOGGLES } from '../model.ts';
import { capText, normalizeText } from '../text.ts';
import { parentAcrossShadow, readableText, searchRoots } from './cookie-banner.ts';

const TOGGLE_SELECTOR = 'input[type="checkbox"], [role="switch"], [role="checkbox"]';
/** Labels of the category that needs no consent: it is "essential", not a choice. */
export const ESSENTIAL_WORDS =
  /necessar|essential|required|strictly|technical|functional only|notwendig|erforderlich|essenziell|technisch|nécessaire|indispensable|necesari|imprescindible|tecnic|noodzakelijk|functioneel|necessári|essenciais|niezbędn|konieczn|必要|必需|基本/iu;
export const POLICY_WORDS =
  /privacy|cookie[- ]?(?:policy|notice|statement|richtlinie)|data protection|datenschutz|confidentialit|politique de cookies|vie privée|privacidad|pol[ií]tica de cookies|informativa|privacybeleid|cookiebeleid|privacidade|prywatno|polityka cookies|隐私|个人信息保护|cookie政策/iu;

function toggleLabel(el: Element): string {
  const aria = el.getAttribute('aria-label');
  if (aria) return aria;
  const labelledBy = el.getAttribute('aria-labelledby');
  const doc = el.ownerDocument;
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/u)
      .map((id) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
    if (text.trim()) return text;
  }
  if (el.id) {
    const root = el.getRootNode() as Document | ShadowRoot;
    const forLabel = root.querySelector?.(`label[for="${cssEscape(el.id)}"]`);
    if (forLabel?.textContent?.trim()) return forLabel.textContent;
  }
  const wrapping = el.closest('label');
  if (wrapping?.textContent?.trim()) return wrapping.textContent;
  // A switch inside a row: the row's own words.
  const row = el.parentElement?.parentElement ?? el.parentElement;
  return row ? readableText(row, 200, true) : '';
}

function cssEscape(id: string): string {
  return id.replace(/["\\\]]/gu, '\\$&');
}

function isChecked(el: Element): boolean {
  if (el.tagName === 'INPUT') return (el as HTMLInputElement).checked;
  return el.getAttribute('aria-checked') === 'true';
}

function isLocked(el: Element): boolean {
  return (
    (el.tagName === 'INPUT' && ((el as HTMLInputElement).disabled || el.hasAttribute('readonly'))) ||
    el.getAttribute('aria-disabled') === 'true' ||
    el.getAttribute('aria-readonly') === 'true'
  );
}

/** Per-purpose switches in the prompt, as they are now (call before the person touches them). */
export function togglesIn(container: Element, roots: ParentNode[] = searchRoots(container)): PurposeToggle[] {
  const out: PurposeToggle[] = [];
  const seen = new Set<Element>();
  for (const root of roots) {
    for (const el of Array.from(root.querySelectorAll(TOGGLE_SELECTOR))) {
      if (seen.has(el) || out.length >= MAX_TOGGLES) continue;
      seen.add(el);
      const label = capText(normalizeText(toggleLabel(el)), MAX_LABEL);
      out.push({ label, checked: isChecked(el), essential: isLocked(el) || ESSENTIAL_WORDS.test(label) });
    }
  }
  return out;
}

export function hasPolicyLink(container: Element, roots: ParentNode[] = searchRoots(container)): boolean {
  for (const root of roots) {
    for (const a of Array.from(root.querySelectorAll('a[href]'))) {
      if (POLICY_WORDS.test(a.textContent ?? '') || POLICY_WORDS.test(a.getAttribute('href') ?? '')) return true;
    }
  }
  return false;
}

interface Rect {
  width: number;
  height: number;
}
const area = (r: Rect) => Math.max(0, r.width) * Math.max(0, r.height);

/**
 * True when the prompt keeps the person from using the page: the page cannot scroll, or the
 * prompt (or a backdrop around it) covers most of the viewport.
 */
export function blocksPage(container: Element): boolean {
  const doc = container.ownerDocument;
  const view = doc.defaultView;
  if (!view || !view.innerWidth || !view.innerHeight) return false;
  const viewport = view.innerWidth * view.innerHeight;
  const style = (el: Element) => view.getComputedStyle(el);
  for (const root of [doc.documentElement, doc.body]) {
    if (!root) continue;
    const s = style(root);
    if (s.overflow === 'hidden' || s.overflowY === 'hidden') {
      // Locked scrolling only blocks a page that has something to scroll.
      if (doc.documentElement.scrollHeight > view.innerHeight * 1.2) return true;
    }
  }
  for (let el: Element | null = container; el; el = parentAcrossShadow(el)) {
    if (el === doc.body || el === doc.documentElement) break;
    const rect = el.getBoundingClientRect();
    if (area(rect) >= viewport * 0.6 && style(el).position === 'fixed') return true;
  }
  return false;
}

/** WCAG relative luminance contrast of two sRGB colours (1..21). */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const lum = ([r, g, bl]: [number, number, number]) => {
    const c = [r, g, bl].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Parses a computed colour ("rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)", "rgb(1 2 3 / 50%)"). */
export function parseColor(value: string): { rgb: [number, number, number]; alpha: number } | null {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%)?)?\s*\)$/u.exec(value.trim());
  if (!m) return value.trim() === 'transparent' ? { rgb: [0, 0, 0], alpha: 0 } : null;
  const alpha = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
  return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha };
}

/** The first opaque-ish background behind an element (white when none is set). */
function backgroundOf(el: Element, view: Window): [number, number, number] {
  for (let n: Element | null = el; n; n = parentAcrossShadow(n)) {
    const color = parseColor(view.getComputedStyle(n).backgroundColor);
    if (color && color.alpha >= 0.5) return color.rgb;
  }
  return [255, 255, 255];
}

/** How much a control stands out; undefined where the document has no layout. */
export function prominenceOf(el: Element): Prominence | undefined {
  const view = el.ownerDocument.defaultView;
  if (!view) return undefined;
  const rect = el.getBoundingClientRect();
  if (area(rect) === 0) return undefined;
  const style = view.getComputedStyle(el);
  const fg = parseColor(style.color)?.rgb ?? [0, 0, 0];
  const ownBackground = parseColor(style.backgroundColor);
  const hasBox =
    (ownBackground !== null && ownBackground.alpha >= 0.5) ||
    (parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== 'none');
  const isLink = (el.tagName === 'A' || el.getAttribute('role') === 'link') && !hasBox;
  return {
    area: Math.round(area(rect)),
    contrast: Math.round(contrastRatio(fg, backgroundOf(el, view)) * 100) / 100,
    isLink: isLink || (el.tagName === 'BUTTON' && !hasBox && style.textDecorationLine.includes('underline')),
    fontWeight: Number.parseInt(style.fontWeight, 10) || 400,
  };
}

export function factsOf(container: Element): PromptFacts {
  const roots = searchRoots(container);
  return { toggles: togglesIn(container, roots), blocksPage: blocksPage(container), policyLink: hasPolicyLink(container, roots) };
}

/**
 * The kind, once the page facts are known: a prompt that blocks the page and offers no way to
 * refuse or close is a cookie wall, or a pay-or-accept wall when paying is the alternative.
 */
export function kindWithFacts(kind: PromptKind, facts: PromptFacts, roles: readonly ActionRole[]): PromptKind {
  if (kind !== 'cookie-banner' && kind !== 'consent-dialog') return kind;
  if (!facts.blocksPage || !roles.includes('accept-all')) return kind;
  if (roles.some((r) => r === 'reject-all' || r === 'necessary-only' || r === 'close')) return kind;
  return roles.includes('pay') ? 'pay-or-accept' : 'cookie-wall';
}
