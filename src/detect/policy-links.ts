/**
 * Links to a site's privacy policy, cookie policy and terms, found by link text and address in
 * en, zh-Hans, de, fr, es (and the other lexicon languages where the words are shared).
 */
import { MAX_LABEL } from '../model.ts';
import { capText, normalizeText } from '../text.ts';

export type PolicyLinkKind = 'privacy' | 'cookie' | 'terms';

export interface PolicyLink {
  kind: PolicyLinkKind;
  text: string;
  url: string; // absolute
}

const BY_TEXT: [PolicyLinkKind, RegExp][] = [
  ['cookie', /cookie[- ]?(?:policy|notice|statement|richtlinie|-?hinweise)|politique (?:de |relative aux )?cookies|pol[ií]tica de cookies|cookiebeleid|polityka (?:plików )?cookies|informativa (?:sui )?cookie|cookie\s*政策|cookie\s*声明/iu],
  ['privacy', /privacy|data protection|datenschutz|confidentialit|vie privée|données personnelles|privacidad|protecci[oó]n de datos|privacybeleid|privacidade|prywatno|隐私|个人信息保护|个人信息处理/iu],
  ['terms', /terms(?: of (?:use|service))?|conditions of use|\bagb\b|nutzungsbedingungen|conditions g[ée]n[ée]rales|mentions l[ée]gales|t[ée]rminos|condiciones de uso|gebruiksvoorwaarden|termos de uso|regulamin|用户协议|服务条款|使用条款/iu],
];
const BY_URL: [PolicyLinkKind, RegExp][] = [
  ['cookie', /cookie[-_]?(?:policy|notice|richtlinie)|cookies?[-_]?policy|politique[-_]cookies|politica[-_]de[-_]cookies/iu],
  ['privacy', /privacy|datenschutz|confidentialite|privacidad|privacidade|prywatnosci|yinsi|privacy[-_]?policy/iu],
  ['terms', /\bterms\b|\btos\b|\bagb\b|nutzungsbedingungen|conditions[-_]generales|terminos|regulamin/iu],
];

/** At most `limit` distinct links, in document order; one per (kind, url). */
export function findPolicyLinks(doc: Document, limit = 20, base: string = doc.baseURI): PolicyLink[] {
  const out: PolicyLink[] = [];
  const seen = new Set<string>();
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (/^(?:javascript|mailto|tel|data):/iu.test(href.trim())) continue;
    let url: string;
    try {
      url = new URL(href, base).href;
    } catch {
      continue;
    }
    const text = capText(normalizeText(a.textContent ?? ''), MAX_LABEL);
    const kind = BY_TEXT.find(([, re]) => re.test(text))?.[0] ?? BY_URL.find(([, re]) => re.test(href))?.[0];
    if (!kind || seen.has(`${kind} ${url}`)) continue;
    seen.add(`${kind} ${url}`);
    out.push({ kind, text, url });
    if (out.length >= limit) break;
  }
  return out;
}
