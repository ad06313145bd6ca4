/**
 * After the person answered a consent prompt: is there still a way to change that answer? Looks for
 * a visible control outside the answered banners that reopens the consent settings ("Cookie
 * settings" in the footer, a floating consent icon, a CMP's `data-cc="show-preferencesModal"`).
 */
import { MAX_LABEL } from '../model.ts';
import { capText } from '../text.ts';
import { labelOf } from './classify-control.ts';
import { CONTROL_SELECTOR, isProbablyVisible } from './cookie-banner.ts';

/** Labels of reopen controls, in the lexicon languages. */
export const REOPEN_LABEL =
  /(?:cookie|consent|privacy|tracking)[\s-]*(?:settings|preferences|choices|options|policy settings)|manage (?:cookies|consent|privacy|my consent)|(?:change|update|withdraw|revoke) (?:my |your )?(?:consent|cookie|privacy)|your privacy choices|do not sell|privacy center|cookie-?einstellungen|datenschutz-?einstellungen|einwilligung (?:ändern|widerrufen|verwalten)|(?:paramètres|préférences|gestion) (?:des |de )?cookies|gérer (?:les )?cookies|gérer mes choix|configuraci[oó]n de cookies|preferencias de cookies|impostazioni (?:dei )?cookie|preferenze cookie|cookie-?instellingen|cookievoorkeuren|(?:definições|prefer[eê]ncias|configurações) de cookies|ustawienia (?:plików )?cookie|cookie\s*设置|隐私设置|cookie\s*偏好|管理\s*cookie/iu;
/** Attribute hints of a floating consent button or a CMP's reopen trigger. */
const REOPEN_ATTRIBUTE = /(?:cookie|consent|\bcc\b|cmp|privacy|gdpr).*(?:setting|pref|show|manage|revoke|reopen|float|badge|icon|trigger)|(?:setting|pref|show|manage|revoke|reopen).*(?:cookie|consent|cmp|privacy|gdpr)/iu;

function attributeText(el: Element): string {
  const parts: string[] = [el.id, el.getAttribute('class') ?? '', el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? ''];
  for (const attr of Array.from(el.attributes)) if (attr.name.startsWith('data-')) parts.push(`${attr.name}=${attr.value}`);
  return parts.join(' ');
}

export function findReopenControl(doc: Document, isAnsweredBanner: (el: Element) => boolean): { label: string; element: Element } | null {
  for (const el of Array.from(doc.querySelectorAll(`${CONTROL_SELECTOR}, [data-cc]`))) {
    let inside = false;
    for (let n: Element | null = el; n; n = n.parentElement) {
      if (isAnsweredBanner(n)) {
        inside = true;
        break;
      }
    }
    if (inside || !isProbablyVisible(el)) continue;
    const label = labelOf(el);
    if (REOPEN_LABEL.test(label) || REOPEN_ATTRIBUTE.test(attributeText(el))) {
      return { label: capText(label || attributeText(el).trim(), MAX_LABEL), element: el };
    }
  }
  return null;
}
