/**
 * Is this page itself a privacy (or cookie) policy? Decided from its title and headings, its
 * address, and how densely its text uses the vocabulary of privacy notices (collect, share,
 * retain, rights, cookies...) in en, zh-Hans, de, fr, es. Pure; `policyPageOf` reads a Document.
 */
import { readableText } from '../detect/cookie-banner.ts';

export type PolicyPageKind = 'privacy' | 'cookie';

export interface PolicyPageInput {
  title: string;
  headings: string[]; // h1-h3 texts
  text: string; // the page's readable text
  url?: string | null;
}

export interface PolicyPageVerdict {
  isPolicy: boolean;
  kind: PolicyPageKind | null;
  score: number; // 0..1
  reasons: string[];
}

const PRIVACY_TITLE =
  /privacy (?:policy|policies|notice|statement|center|centre|practices|commitment|pledge|charter)|privacy(?:,? (?:and |& )?(?:security|cookies?|accessibility))+ (?:policy|policies|notice|statement|commitment)|data (?:protection|privacy) (?:policy|notice|declaration)|datenschutz(?:erklärung|hinweise|richtlinie|bestimmungen)?|politique de (?:confidentialité|protection des données)|déclaration de confidentialité|pol[ií]tica de privacidad|aviso de privacidad|informativa (?:sulla )?privacy|privacybeleid|privacyverklaring|pol[ií]tica de privacidade|polityka prywatności|隐私政策|隐私声明|隐私权政策|个人信息保护政策|个人信息处理规则|隐私保护指引/iu;
const COOKIE_TITLE =
  /cookie[- ]?(?:policy|notice|statement|richtlinie|hinweise|erklärung)|politique (?:relative aux |de |des )?cookies|pol[ií]tica de cookies|cookiebeleid|polityka (?:plików )?cookies|cookie\s*政策/iu;
const POLICY_URL = /privacy|datenschutz|confidentialit|privacidad|privacidade|prywatnosc|yinsi|cookie-?(?:policy|richtlinie)|data-?protection/iu;

/** Vocabulary of privacy notices; each entry counts once per occurrence. */
const VOCABULARY: readonly RegExp[] = [
  /personal (?:information|data)|personally identifiable|personenbezogene(?:n)? daten|données (?:à caractère )?personnel|datos personales|个人信息|个人数据/giu,
  /\bcollect(?:s|ed|ion)?\b|\berheben\b|\berhoben\b|\bcollect(?:ons|ées?)\b|recopila|recogemos|收集/giu,
  /third[- ]part(?:y|ies)|dritte(?:n)?\b|tiers\b|terceros|第三方/giu,
  /\bcookies?\b|web beacons?|pixel tags?/giu,
  /\bretain|retention|aufbewahr|speicherdauer|conserv(?:ons|ation|amos)|保存期限|存储期限/giu,
  /\bdisclos(?:e|ure)|\bshar(?:e|ing) (?:your|personal|information|data)|weitergabe|partage|compartir|共享|披露/giu,
  /opt[- ]out|unsubscribe|widerspruch|opposition|oponerse|撤回同意/giu,
  /\bchildren\b|under (?:the age of )?1[3-8]|kinder\b|enfants|menores|儿童|未成年/giu,
  /\byour rights?\b|right to (?:access|erasure|deletion|object|rectif)|betroffenenrechte|vos droits|sus derechos|您的权利|查阅|更正|删除/giu,
  /\bconsent\b|einwilligung|consentement|consentimiento|同意/giu,
  /\bprocess(?:ing|ed)? (?:of )?(?:your )?(?:personal )?(?:data|information)|verarbeitung|traitement|tratamiento|处理/giu,
  /\b(?:data )?controller\b|verantwortliche|responsable du traitement|responsable del tratamiento|个人信息处理者/giu,
  /\bip address(?:es)?\b|ip-adresse|adresse ip|dirección ip|ip地址/giu,
  /\bsecurity\b|safeguard|datensicherheit|sécurité|seguridad|安全/giu,
  /advertis(?:ing|ers)|werbung|publicité|publicidad|广告/giu,
  // Cues that nearly every notice has and other pages rarely do (chosen on the train split).
  /\bprivacy\b|datenschutz|confidentialité|vie privée|privacidad|隐私/giu,
  /personally[- ]identif|identif(?:y|ies|iable) (?:you|individuals?)|identifizier|identifiable|identificable|可识别|识别特定/giu,
  /e-?mail address(?:es)?|e-mail-adresse|adresse (?:e-?mail|électronique)|correo electrónico|电子邮(?:件|箱)|邮箱/giu,
  /\byour (?:personal )?(?:information|data)\b|ihre(?:r|n)? (?:personenbezogenen )?daten|vos (?:données|informations)|sus datos|您的(?:个人)?信息/giu,
  /\bthis (?:privacy )?(?:policy|statement|notice)\b|diese(?:r)? datenschutz\p{L}*|(?:la présente|cette) politique|(?:esta|la presente) política|本(?:隐私)?政策|本指引/giu,
];
const MIN_WORDS = 250;

const countMatches = (re: RegExp, text: string) => text.match(re)?.length ?? 0;

/** Words, counting each Han character as one (Chinese has no spaces). */
export function wordCount(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.replace(/\p{Script=Han}/gu, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return words + han;
}

export function judgePolicyPage(input: PolicyPageInput): PolicyPageVerdict {
  const reasons: string[] = [];
  // The title and headings name the page; where they say nothing, its opening words stand in
  // for them (a page's readable text opens with its heading).
  const named = [input.title, ...input.headings.slice(0, 5)].join(' · ');
  const titles = COOKIE_TITLE.test(named) || PRIVACY_TITLE.test(named) ? named : `${named} · ${input.text.slice(0, 120)}`;
  const cookieTitle = COOKIE_TITLE.test(titles);
  const privacyTitle = PRIVACY_TITLE.test(titles);
  const urlHint = input.url ? POLICY_URL.test(input.url) : false;
  const words = wordCount(input.text);
  const kinds = VOCABULARY.filter((re) => countMatches(re, input.text) > 0).length;
  const hits = VOCABULARY.reduce((n, re) => n + countMatches(re, input.text), 0);
  const density = words ? (hits * 1000) / words : 0;

  // Vocabulary: breadth (how many kinds of policy terms) and density (per 1,000 words).
  let score = Math.min(1, kinds / 11) * 0.55 + Math.min(1, density / 40) * 0.25;
  if (privacyTitle || cookieTitle) {
    score += 0.3;
    reasons.push(`title or heading: ${titles.slice(0, 120)}`);
  }
  if (urlHint) {
    score += 0.1;
    reasons.push('address names a privacy or cookie policy');
  }
  // A short page is rarely a policy - unless its title or heading says it is one.
  if (words < MIN_WORDS && !(privacyTitle || cookieTitle)) {
    score *= 0.5;
    reasons.push(`short page (${words} words)`);
  }
  reasons.push(`${kinds} of ${VOCABULARY.length} kinds of policy terms, ${density.toFixed(1)} per 1,000 words`);
  score = Math.min(1, score);
  const isPolicy = score >= 0.6;
  const kind: PolicyPageKind | null = !isPolicy ? null : cookieTitle && !privacyTitle ? 'cookie' : 'privacy';
  return { isPolicy, kind, score: Math.round(score * 1000) / 1000, reasons };
}

/**
 * A cheap first look: does the page's title, a top heading or its address name a privacy or cookie
 * policy? Pages that answer no need not be read in full by `policyPageOf`.
 */
export function policyPageHint(doc: Document, url: string | null = null): boolean {
  if (url && POLICY_URL.test(url)) return true;
  const named = [doc.title ?? '', ...Array.from(doc.querySelectorAll('h1, h2'), (h) => (h.textContent ?? '').slice(0, 200)).slice(0, 5)].join(' · ');
  return PRIVACY_TITLE.test(named) || COOKIE_TITLE.test(named);
}

/** Reads the title, headings and text of a document (without modifying it). */
export function policyPageOf(doc: Document, url: string | null = null): PolicyPageVerdict {
  const headings = Array.from(doc.querySelectorAll('h1, h2, h3')).map((h) => (h.textContent ?? '').trim()).filter(Boolean);
  const text = doc.body ? readableText(doc.body, 400_000) : '';
  return judgePolicyPage({ title: doc.title ?? '', headings, text, url });
}
