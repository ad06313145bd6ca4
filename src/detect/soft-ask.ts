/**
 * Prompts that are not about cookies but still ask for something: a site's own "we'd like to send
 * you notifications" pre-prompt (before the browser's permission prompt), and newsletter / sign-up
 * pop-ups that ask for an e-mail address. Only modal-like elements are looked at, so the pass is
 * cheap on ordinary pages.
 */
import type { PromptKind } from '../model.ts';
import { MAX_ACTIONS, MAX_PROMPT_TEXT } from '../model.ts';
import { capText } from '../text.ts';
import { controlsIn, isProbablyVisible, readableText, type DetectedBanner } from './cookie-banner.ts';
import { guessLanguage } from './language.ts';

const MODAL_SELECTOR =
  'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"], [class*="modal" i], [class*="popup" i], [id*="modal" i], [id*="popup" i], [class*="newsletter" i], [class*="push" i]';

export const NOTIFICATION_WORDS =
  /\bnotifications?\b|\bpush\b|benachrichtigung|mitteilungen|notificaciones|notifiche|meldingen|notificações|powiadomie|通知|推送|消息提醒/iu;
export const SIGNUP_WORDS =
  /newsletter|sign ?up|subscribe|join (?:our|the) (?:list|community)|abonnier|anmelden|inscri(?:vez|ption|birse)|suscr[ií]b|iscriviti|iscrizione|aanmelden|inschrijven|assine|inscreva|zapisz się|zapisz sie|subskryb|订阅|注册/iu;
const MAX_SOFT_ASK_TEXT = 1500;
const DIALOG_SEMANTICS = 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]';

/**
 * A pop-up, not part of the page: dialog semantics, or positioned over the page (fixed / sticky, on
 * the element or a close ancestor). A newsletter form in a sidebar is not a prompt.
 */
function isOverlay(el: Element): boolean {
  if (el.matches(DIALOG_SEMANTICS)) return true;
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4 && node !== el.ownerDocument.body; depth++, node = node.parentElement) {
    const position = view.getComputedStyle(node).position;
    if (position === 'fixed' || position === 'sticky') return true;
  }
  return false;
}

function kindOf(element: Element, text: string): PromptKind | null {
  if (element.querySelector('input[type="email"], input[name*="mail" i], input[autocomplete="email"]') && SIGNUP_WORDS.test(text)) {
    return 'signup-modal';
  }
  if (NOTIFICATION_WORDS.test(text)) return 'notification-soft-ask';
  return null;
}

/** Visible soft-asks and sign-up modals; `exclude` skips elements already reported as banners. */
export function findSoftAsks(doc: Document, exclude: (el: Element) => boolean = () => false): DetectedBanner[] {
  const out: DetectedBanner[] = [];
  const candidates = Array.from(doc.querySelectorAll(MODAL_SELECTOR));
  for (const element of candidates) {
    if (exclude(element) || candidates.some((other) => other !== element && other.contains(element))) continue;
    const text = readableText(element, MAX_SOFT_ASK_TEXT + 1);
    if (!text || text.length > MAX_SOFT_ASK_TEXT) continue;
    const kind = kindOf(element, text);
    if (!kind || !isOverlay(element) || !isProbablyVisible(element)) continue;
    const controls = controlsIn(element).filter((c) => isProbablyVisible(c.element));
    // A sign-up form submits with "Subscribe"/"Sign up": that is the yes; "No thanks"/"Later"/× the no.
    const mapped = controls.map((c) =>
      kind === 'signup-modal' && (c.role === 'pay' || (c.role === 'other' && SIGNUP_WORDS.test(c.label))) ? { ...c, role: 'accept-all' as const } : c,
    );
    if (!mapped.some((c) => c.role === 'accept-all' || c.role === 'acknowledge')) continue;
    out.push({
      element,
      kind,
      detector: 'generic',
      language: guessLanguage(text, doc.documentElement.getAttribute('lang')),
      text: capText(text, MAX_PROMPT_TEXT),
      controls: mapped.slice(0, MAX_ACTIONS),
    });
  }
  return out;
}
