/**
 * Links to a site's privacy policy, cookie policy and terms, found by link text and address in
 * en, zh-Hans, de, fr, es (and the other lexicon languages where the words are shared), and by the
 * registered link relations rel="privacy-policy" and rel="terms-of-service".
 *
 * A link counts when its text names a policy ("Privacy Policy", "Datenschutz", "隐私政策") or its
 * address ends in one (/privacy, /legal/privacy-policy.html, ?page=datenschutz, #cookie-policy).
 * Text that only mentions the words - a headline such as "New privacy law passes" - counts only
 * when it is short, sits in the page's footer or navigation, or its address names a policy too.
 * Runs on every page: one pass over the links, regular expressions only.
 */
import { MAX_LABEL } from '../model.ts';
import { capText, normalizeText } from '../text.ts';

export type PolicyLinkKind = 'privacy' | 'cookie' | 'terms';

export interface PolicyLink {
  kind: PolicyLinkKind;
  text: string;
  url: string; // absolute
}

// Names of a policy: enough on their own in short link text.
const NAMES: [PolicyLinkKind, RegExp][] = [
  ['privacy', /privacy (?:policy|policies|notice|statement|center|centre|hub|practices|information)|data (?:protection|privacy) (?:policy|notice|declaration|statement)|datenschutz(?:erklärung|hinweise?|richtlinie|bestimmungen|information(?:en)?|policy)|politique (?:de |sur la )?(?:confidentialité|protection des (?:données|renseignements))|déclaration de confidentialité|charte (?:de )?(?:confidentialité|vie privée|(?:des )?données personnelles)|protection des données|(?:pol[ií]tica|aviso|declaraci[oó]n) de privacidad|protecci[oó]n de datos|informativa (?:sulla )?privacy|privacybeleid|privacyverklaring|pol[ií]tica de privacidade|polityka prywatności|隐私(?:权)?(?:政策|声明|条款|协议|保护(?:政策|指引|声明))|个人信息(?:保护|处理)(?:政策|规则|指引)/iu],
  ['cookie', /cookie[- ]?(?:policy|notice|statement|richtlinie|hinweise?|erklärung|declaration)|(?:politique|déclaration) (?:relative aux |de |des |d'utilisation des )?cookies|(?:pol[ií]tica|aviso|declaraci[oó]n) de cookies|(?:use|uso|utilisation) (?:of|de|des) cookies|cookiebeleid|polityka (?:plików )?cookies|informativa (?:sui )?cookie|cookie\s*(?:政策|声明)/iu],
  ['terms', /terms (?:of (?:use|service|sale)|(?:and|&) conditions)|conditions (?:of (?:use|service)|d'utilisation|générales)|user agreement|licen[cs]e agreement|nutzungsbedingungen|geschäftsbedingungen|(?<!\w)agb(?!\w)|(?<!\w)cgu(?!\w)|(?<!\w)cgv(?!\w)|t[ée]rminos (?:y condiciones|de (?:uso|servicio))|condiciones (?:de uso|generales|del servicio)|gebruiksvoorwaarden|algemene voorwaarden|termos (?:de uso|e condições)|regulamin|termini (?:e condizioni|di (?:uso|servizio))|condizioni (?:d'uso|generali)|(?:用户|服务|使用|许可)(?:服务)?(?:协议|条款)|法律条款/iu],
];
// Words that name a policy only in a link of two or three words ("Privacy", "Your privacy", "Terms").
const WORDS: [PolicyLinkKind, RegExp][] = [
  ['privacy', /privacy|data protection|datenschutz|confidentialité|vie privée|données personnelles|privacidad|privacidade|prywatność|隐私|个人信息保护/iu],
  ['cookie', /(?<!\w)cookies?(?!\w)/iu],
  ['terms', /(?<!\w)terms(?!\w)|t[ée]rminos|conditions|condiciones|条款/iu],
];
// Links that open settings (a consent manager, an opt-out), not a policy.
const SETTINGS =
  /settings|preferences|choices|manage|einstellung|paramètres|param[eé]trer|gérer|configura|preferencias|administrar|设置|管理|do not sell|sell or share|nicht verkaufen|ne pas vendre|no vender/iu;
// Pages that are not policies: the legal notice (Impressum, mentions légales, aviso legal).
const OTHER_PAGE = /impressum|imprint|mentions l[ée]gales|aviso legal|legal notice|note legali|法律声明/iu;

// (`(?<!\w)` rather than `\b`: V8 runs `\b` slowly under the `iu` flags.)
// Every word above contains one of these: most link texts are ruled out by this one test.
// (No `u` flag on the two stem tests: they run on every link of every page, and V8 runs them
// several times faster without it; every character in them is in the Basic Multilingual Plane.)
const TEXT_STEMS = /priva|daten|confiden|cookie|term|t[eé]rmin|condi|agb|cgu|cgv|nutzung|geschäft|agreement|voorwaarden|regulamin|prywat|données|protec|informativa|[\u3400-\u9fff]/i;

// Address slugs, tested on each path segment (and query value, fragment) with filler words removed.
const SLUG_PRIVACY = /^(?:privacy(?:policy|policies|notice|statement|center|centre|hub)?|dataprotection|datenschutz\w*|dsgvo|confidentialite|vieprivee|privacidad|privacidade|prywatnosci|privacybeleid|privacyverklaring|yinsi\w*|yszc|ysxy|ystk|ysbh|gerenxinxibaohu\w*)$/u;
const SLUG_COOKIE = /^(?:cookies?(?:policy|notice|statement|richtlinie|beleid)?|cookiepolicy)$/u;
const SLUG_TERMS = /^(?:terms(?:ofuse|ofservice|andconditions|conditions)?|tos|tou|tnc|t&c|agb|nutzungsbedingungen|cgu|cgv|terminos|condicionesdeuso|useragreement|eula|gebruiksvoorwaarden|regulamin|yhxy|fwxy|fwtk|yonghuxieyi|fuwutiaokuan)$/u;
const SLUG_FILLER = new Set(
  'our the site web website online global app policy policies notice statement center centre hub page info information politique politica aviso declaration declaracion richtlinie hinweise erklaerung and und et y e of de la le les du des del sur en us uk gb fr es zh cn hans eu int legal index default full use uso utilisation service services servicio sale conditions condiciones generales general'.split(
    ' ',
  ),
);
const JOIN: [RegExp, string][] = [
  [/data[-_ ]?protection/gu, 'dataprotection'],
  [/vie[-_ ]privee/gu, 'vieprivee'],
  [/user[-_ ]?agreement/gu, 'useragreement'],
  [/conditions[-_ ]generales[-_ ]d[-_ ]?utilisation|conditions[-_ ]d[-_ ]?utilisation/gu, 'cgu'],
  [/condiciones[-_ ](?:de[-_ ])?uso/gu, 'condicionesdeuso'],
  [/(?<!\w)t[-_ ]?(?:&|and|n)[-_ ]?c(?!\w)/gu, 'tnc'],
];
const LEGAL_DIR = /^(?:legal|policies|policy|privacy|rechtliches|juridique|legales?|about|info)$/u;

function slugKind(segment: string, previous: string): PolicyLinkKind | null {
  let s = segment.toLowerCase().replace(/\.(?:s?html?|php\d?|aspx?|jsp|cfm|pdf)$/u, '');
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      /* keep it encoded */
    }
  }
  for (const [re, to] of JOIN) s = s.replace(re, to);
  const tokens = s.split(/[-_+.~\s]+/u).filter((t) => t && !SLUG_FILLER.has(t) && !/^\d+$/u.test(t));
  if (!tokens.length) return null;
  // A Chinese slug (/隐私政策) names the policy in its own words.
  if (tokens.length === 1 && /\p{Script=Han}/u.test(tokens[0] as string)) return kindOfName(tokens[0] as string);
  let kind: PolicyLinkKind | null = null;
  for (const t of tokens) {
    const k = SLUG_PRIVACY.test(t) ? 'privacy' : SLUG_COOKIE.test(t) ? 'cookie' : SLUG_TERMS.test(t) ? 'terms' : null;
    if (!k) return null; // another word: a slug about something else ("new-privacy-law")
    if (kind !== 'privacy') kind = kind === 'cookie' && k === 'terms' ? kind : k;
  }
  // A bare /cookies is as often a shop's category as a cookie policy.
  if (kind === 'cookie' && /^cookies?$/u.test(tokens.join('')) && !/polic|notice|richtlinie|politi|beleid/u.test(s) && !LEGAL_DIR.test(previous)) return null;
  return kind;
}

// Every slug above contains one of these: most addresses are ruled out by this one test.
const SLUG_STEMS = /priva|datenschutz|dsgvo|confidential|vie.?privee|prywatn|yinsi|ys(?:zc|xy|tk|bh)|gerenxinxi|cookie|term|tos|tou|tnc|t.?(?:&|and|n).?c|agb|nutzungsbed|cgu|cgv|conditions|condiciones|agreement|eula|gebruiksvoorwaarden|regulamin|yhxy|fwxy|fwtk|yonghuxieyi|fuwutiaokuan|%e[4-9]|[\u3400-\u9fff]/i;

/** The kind of policy an address names, by its last path segment, a query value or its fragment. */
export function policyKindOfUrl(href: string): PolicyLinkKind | null {
  if (!SLUG_STEMS.test(href)) return null;
  const rest = href.replace(/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/iu, '');
  const hashAt = rest.indexOf('#');
  const hash = hashAt >= 0 ? rest.slice(hashAt + 1) : '';
  const beforeHash = hashAt >= 0 ? rest.slice(0, hashAt) : rest;
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : '';
  // The page's own name is its last path segment, ignoring index pages and language folders.
  const segments = path.split('/').filter((seg) => seg && !/^(?:index|default|home)(?:\.\w+)?$|^[a-z]{2}(?:[-_][a-z]{2,4})?$/iu.test(seg));
  const last = segments.at(-1);
  const fromPath = last ? slugKind(last, segments.at(-2)?.toLowerCase() ?? '') : null;
  if (fromPath) return fromPath;
  for (const pair of query.split('&')) {
    for (const part of pair.split('=')) {
      const kind = part && part.length < 60 ? slugKind(part, '') : null;
      if (kind) return kind;
    }
  }
  return hash && hash.length < 60 && !hash.startsWith('/') ? slugKind(hash, '') : null;
}

function kindOfName(text: string): PolicyLinkKind | null {
  if (NAMES[0]?.[1].test(text)) return 'privacy';
  // "Privacy & Cookie Policy" is the privacy policy; "Cookie Policy" the cookie policy.
  if (NAMES[1]?.[1].test(text)) return WORDS[0]?.[1].test(text) ? 'privacy' : 'cookie';
  return NAMES[2]?.[1].test(text) ? 'terms' : null;
}

/** Words in link text, a run of four Chinese characters counting as one. */
function linkWords(text: string): number {
  if (!/[\u3400-\u9fff]/u.test(text)) return text.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length; // normalized: single spaces
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.replace(/\p{Script=Han}/gu, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words + Math.ceil(han / 4);
}

const FOOTER = 'footer, [role="contentinfo"], [id*="footer" i], [class*="footer" i]';
const CHROME = `${FOOTER}, nav, [role="navigation"]`;
/** Is the element in the page's footer (or, with `nav`, its navigation)? */
function inPageChrome(el: Element, nav: boolean): boolean {
  try {
    return el.closest(nav ? CHROME : FOOTER) !== null;
  } catch {
    // Engines without the `i` attribute flag.
    return el.closest(nav ? 'footer, [role="contentinfo"], nav, [role="navigation"]' : 'footer, [role="contentinfo"]') !== null;
  }
}

/** The kind of policy a link points at, or null. Exported for tests and callers with their own links. */
export function policyKindOfLink(text: string, href: string, rel: string, el: Element | null = null): PolicyLinkKind | null {
  if (/(?:^|\s)privacy-policy(?:\s|$)/iu.test(rel)) return 'privacy';
  if (/(?:^|\s)terms-of-service(?:\s|$)/iu.test(rel)) return 'terms';
  const words = linkWords(text);
  if (!TEXT_STEMS.test(text)) return (words <= 6 || (el ? inPageChrome(el, true) : false)) && words <= 12 ? policyKindOfUrl(href) : null;
  if (SETTINGS.test(text) && !kindOfName(text.replace(SETTINGS, ' '))) return null;
  if (OTHER_PAGE.test(text)) {
    // "Impressum" is not a privacy policy; "Impressum & Datenschutz" leads to one.
    const rest = text.replace(OTHER_PAGE, ' ');
    if (!kindOfName(rest) && !WORDS[0]?.[1].test(rest)) return null;
  }
  if (words > 12) return null; // a paragraph or a teaser, not a link to a policy
  const named = kindOfName(text);
  const urlKind = () => policyKindOfUrl(href);
  const chrome = (nav = true) => (el ? inPageChrome(el, nav) : false);
  if (named) return words <= 5 || urlKind() || chrome() ? named : null;
  const word = WORDS.find(([, re]) => re.test(text))?.[0] ?? null;
  if (word && words <= 3) {
    // "Privacy", "Datenschutz", "隐私" alone name the policy; "Cookies" or a three-word text may not
    // (a bakery's menu has "Cookies" too: only the footer's is the policy).
    if ((words <= 2 && word !== 'cookie') || chrome(word !== 'cookie')) return word;
    const fromUrl = urlKind();
    if (fromUrl) return word;
  }
  if (word && words > 3) {
    const fromUrl = urlKind();
    return fromUrl && words <= 6 ? fromUrl : null;
  }
  const fromUrl = urlKind();
  return fromUrl && (words <= 6 || chrome()) ? fromUrl : null;
}

/** At most `limit` distinct links, in document order; one per (kind, url). */
export function findPolicyLinks(doc: Document, limit = 20, base: string = doc.baseURI): PolicyLink[] {
  const out: PolicyLink[] = [];
  const seen = new Set<string>();
  for (const a of Array.from(doc.querySelectorAll('a[href], area[href], link[href][rel]'))) {
    const href = (a.getAttribute('href') ?? '').trim();
    if (!href || href === '#' || /^(?:javascript|mailto|tel|data|sms):/iu.test(href)) continue;
    const rel = a.getAttribute('rel') ?? '';
    if (a.localName === 'link' && !/privacy-policy|terms-of-service/iu.test(rel)) continue;
    const raw = (a.textContent ?? '').slice(0, 400) || a.getAttribute('aria-label') || a.getAttribute('title') || '';
    // Most links name no policy in their text or address: skip them before any normalizing.
    if (!rel && !TEXT_STEMS.test(raw) && !SLUG_STEMS.test(href)) continue;
    const text = capText(normalizeText(raw), MAX_LABEL);
    const kind = policyKindOfLink(text, href, rel, a);
    if (!kind) continue;
    let url: string;
    try {
      url = new URL(href, base).href;
    } catch {
      continue;
    }
    if (seen.has(`${kind} ${url}`)) continue;
    seen.add(`${kind} ${url}`);
    out.push({ kind, text, url });
    if (out.length >= limit) break;
  }
  return out;
}
