/**
 * Facts a privacy policy states, each pinned to the sentence that states it: the data it collects, why,
 * who receives it, whether it is sold or shared for advertising, how long it is kept, the reader's
 * rights, how to reach the company, the policy's dates and age thresholds. Also the red flags a reader
 * should see first and a vagueness score. English and Chinese (zh-Hans) phrasing.
 *
 * How it stays fast: every cue is compiled at module load, each extractor first runs one cheap
 * prefilter per sentence, and no regex nests unbounded quantifiers.
 */
import { evidenceOf, type Evidence, type PolicyDocument, type Sentence } from './document.ts';
import {
  CueSet, DISCLOSURE, NAMED_COMPANY, RECIPIENT_CUES, companyOf, firstAffirmed, isNegated, looksLikeName,
  parseChineseNumber, periodsIn, rightsIn, ZH_NUMBER, type RightId,
} from './cues.ts';
import { COLLECTION_CONTEXT, DATA_TYPES, SUPERSEDED_BY } from './data-types.ts';

// ---------------------------------------------------------------------------------------------
// Fact types
// ---------------------------------------------------------------------------------------------

interface FactBase {
  /** The first sentence that states the fact. */
  evidence: Evidence;
  /** Further sentences stating the same fact, in document order. */
  also?: Evidence[];
}
export interface DataTypeFact extends FactBase { kind: 'data-type'; type: string; label: string; sensitive: boolean }
export interface PurposeFact extends FactBase { kind: 'purpose'; purpose: string }
export interface ThirdPartyFact extends FactBase { kind: 'third-party'; recipient: string; named: boolean }
export interface RetentionFact extends FactBase {
  kind: 'retention';
  /** ISO 8601 duration (P2Y, P30D, P6M, PT24H), or null when the sentence gives no period. */
  duration: string | null;
  indefinite: boolean;
  asLongAsNecessary: boolean;
}
export interface RightFact extends FactBase { kind: 'right'; right: RightId }
export interface ContactFact extends FactBase { kind: 'contact'; channel: 'email' | 'postal' | 'phone' | 'url'; value: string }
export interface DateFact extends FactBase { kind: 'date'; role: 'effective' | 'last-updated'; date: string }
export interface AgeFact extends FactBase { kind: 'age-threshold'; age: number }
/**
 * Whether the company sells personal data, or shares it for advertising, as the policy says it:
 * `negated` is true for "We do not sell your personal information".
 */
export interface SaleFact extends FactBase { kind: 'sale'; practice: 'sell' | 'share-for-advertising'; negated: boolean }

export type PolicyFact =
  | DataTypeFact | PurposeFact | ThirdPartyFact | RetentionFact | RightFact | ContactFact | DateFact | AgeFact | SaleFact;

// ---------------------------------------------------------------------------------------------
// Purposes
// ---------------------------------------------------------------------------------------------

/** A sentence states a purpose: "to ...", "for ...", "purposes", 为了/用于/以便/目的. */
const PURPOSE_CONTEXT = /\b(?:to|for|purposes?|so (?:that|we can)|helps? us|in order)\b|为了|用于|以便|目的/i;

const PURPOSES: readonly { purpose: string; cue: RegExp }[] = [
  { purpose: 'advertising', cue: /\b(?:targeted|interest[- ]based|personali[sz]ed|behaviou?ral|cross[- ]context|relevant|online) (?:ads|advertising|advertisements)\b|\badvertising purposes\b|\bto (?:show|serve|deliver|display|provide) (?:you )?(?:with )?(?:more )?(?:relevant |personali[sz]ed |targeted )?(?:ads|advertis)|\b(?:for|to (?:measure|improve)) (?:the )?(?:advertising|ads)\b|\bad (?:targeting|measurement|personali[sz]ation)\b|个性化广告|广告(?:推送|投放|推荐|展示)|(?:推送|投放|展示)[^。；]{0,10}广告/i },
  { purpose: 'marketing', cue: /\bmarketing\b|\bpromotional\b|\bnewsletters?\b|\bspecial offers\b|\bpromotions\b|营销|推广|促销/i },
  { purpose: 'analytics', cue: /\banalytics?\b|\banaly[sz](?:e|ing) (?:how|the|usage|traffic|trends)\b|\bstatistic|\bmeasure (?:the )?(?:performance|usage|effectiveness|traffic|audience)\b|\bunderstand how (?:you|users|people|visitors|our)\b|\busage (?:trends|patterns)\b|统计|分析/i },
  { purpose: 'service', cue: /\bto (?:provide|operate|deliver|maintain|run|offer)\b[^.;]{0,30}\b(?:services?|products?|app|website|site|platform|features?)\b|\bprocess (?:your )?(?:orders?|payments?|transactions?|purchases?)\b|\bfulfil(?:l|ment)?\b|\bperform (?:a|our|the) contract\b|\b(?:create|manage|administer) (?:and manage )?your account\b|\bcustomer (?:support|service)\b|\brespond to your (?:requests|inquiries|enquiries|questions|messages)\b|提供(?:产品|服务|基本功能|核心功能)|实现[^。；]{0,10}功能|完成(?:交易|订单|支付)|客服/i },
  { purpose: 'security', cue: /\b(?:detect|prevent|investigate|combat|fight|protect against|guard against)\w*\b[^.;]{0,30}\b(?:fraud|abuse|spam|security|unauthori[sz]ed|malicious|illegal)|\bfor (?:security|fraud[- ]prevention|safety) (?:purposes|reasons)\b|\b(?:protect|keep|maintain|ensure)\w*\b[^.;]{0,30}\b(?:security|safety|integrity)\b|安全保障|风险控制|风控|防止欺诈|反欺诈|保障[^。；]{0,10}安全/i },
  { purpose: 'legal', cue: /\bcomply (?:with )?(?:applicable |our |relevant )?(?:laws?|legal|regulat|obligations)|\blegal obligations?\b|\b(?:required|permitted|authori[sz]ed) by (?:applicable )?law\b|\brespond to (?:lawful|legal|valid) (?:requests|process)\b|\bcourt orders?\b|\bsubpoenas?\b|\blegal claims\b|\benforce our (?:terms|rights|agreements|policies)\b|法律法规|法定义务|司法|监管要求/i },
  { purpose: 'personalization', cue: /\bpersonali[sz](?:e|ed|ing|ation)\b|\btailor\w*|\bcustomi[sz]e (?:your|the|our)\b|\brecommend(?:ations?|ed)?\b|\bindividuali[sz]ed\b|个性化|推荐|定制/i },
  { purpose: 'research', cue: /\bresearch\b|\bstudies\b|\bsurveys\b|研究|调研/i },
  { purpose: 'improvement', cue: /\bdevelop (?:new )?(?:products|features|services)\b|\bproduct development\b|\bimprov\w* (?:and develop )?(?:our|the) (?:products?|services?|website|site|app|platform|features?)\b|改进|改善|优化[^。；]{0,6}(?:产品|服务)/i },
];

// ---------------------------------------------------------------------------------------------
// Sale and sharing for advertising
// ---------------------------------------------------------------------------------------------

/** Selling or renting data. The first match in a sentence sets its stance (sells / does not sell). */
const SELL = /\b(?:sell|sells|selling|sold|rent|rents|rented|renting)\b|\bsale of (?:your |any )?(?:personal|data|information)|出售|售卖|买卖|出租/gi;
/** What is sold must be personal data, near the verb ("sell your information", "information ... is sold"). */
const SALE_OBJECT = /\bdata\b|\binformation\b|个人信息|数据|用户信息/i;
const SALE_OBJECT_BEFORE = 60;
const SALE_OBJECT_AFTER = 100;
/** Data that is not personal any more: selling or sharing it is not a red flag. */
const NOT_PERSONAL = /\baggregated?\b|\banonymi[sz]ed\b|\banonymous\b|\bde-?identified\b|匿名化|去标识化/i;
/**
 * Sentences that mention selling without saying the company sells personal data: opt-out instructions,
 * definitions, sales of the business or its assets, products somebody sells, users who buy and sell.
 */
const SALE_NOT_A_STATEMENT =
  /\bopt[- ]?out\b|\bdo not sell (?:or share )?my\b|\bright to (?:opt|request|direct|know|limit)\b|\b(?:means|is defined as|definition of|defines)\b|\b(?:merger|acquisition|acquir\w*|bankruptcy|insolvency|reorgani[sz]\w*|liquidat\w*|assets|corporate transaction)\b|\bsubstantially all\b|\bbusiness (?:is|are|was|were|be) (?:sold|transferred)\b|\b(?:sell|sells|sold|selling) (?:their|its|our|your) (?:own )?(?:products|goods|services|items)\b|\b(?:products|goods|services|items|tickets) (?:we|you) (?:sell|sold)\b|\byou (?:rent|sell|buy|purchase)\b|\b(?:buy|buying|purchase|purchasing) (?:or|and) (?:sell|selling)\b|拒绝|合并|收购|破产/i;
/** Handing data over for advertising: "share ... for targeted advertising", "share ... with advertisers". */
const ADS_SHARING =
  /\b(?:share[sd]?|sharing|disclos\w*|provide[sd]?|transfer\w*|make[s]? available)\b[^.;]{0,80}\b(?:for|to enable|to serve|to show|to deliver) (?:cross[- ]context behaviou?ral |targeted |interest[- ]based |personali[sz]ed |behaviou?ral |their own )?(?:advertising|ads)\b|\b(?:share[sd]?|sharing|disclos\w*|provide[sd]?|transfer\w*)\b[^.;]{0,60}\b(?:with|to) (?:any |our |third[- ]party )?(?:advertisers|advertising (?:partners|networks?|companies)|ad networks?)\b|\bcross[- ]context behaviou?ral advertising\b|(?:共享|提供给?)[^。；，]{0,20}广告(?:主|商|合作伙伴|合作方|平台|服务商)|广告(?:主|商|合作伙伴|合作方|平台|服务商)[^。；]{0,20}(?:共享|提供)|(?:共享|提供给?)[^。；]{0,30}用于[^。；]{0,6}广告/gi;
const SALE_PREFILTER = /sell|sold|sale|rent|shar|disclos|provid|transfer|advertis|出售|售卖|买卖|出租|广告/i;

// ---------------------------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------------------------

const RETENTION_CONTEXT =
  /\bretain\w*|\bretention\b|\bkeep\b(?! in mind)|\bkept\b|\bstor(?:e|ed|es|age)\b|\bhold\b|\bheld\b|\b(?:delete|erase|anonymi[sz]e|destroy)[sd]? (?:after|within|once)\b|保存|存储|留存|保留|删除或匿名化/i;
/** A period in a sentence about answering requests is a response time, not a retention period. */
const RESPONSE_TIME = /\b(?:respond|response|reply|answer)\b|\b(?:process|fulfil+|complete|handle) (?:your |the |a |such )?requests?\b|答复|回复/i;
const INDEFINITE =
  /\bindefinite(?:ly)?\b|\bpermanently\b(?! (?:delet|remov|eras|destroy|anonymi|de-identif))|\bforever\b|\bfor an unlimited (?:period|time)\b|\bno (?:fixed )?(?:time limit|retention period)\b|永久(?!删除|性删除|清除)|无限期|长期保存/gi;
const AS_LONG_AS_NECESSARY =
  /\bas long as (?:is |it is |they are |we )?(?:reasonably )?(?:necessary|needed|required|your account (?:is|remains) (?:active|open)|you (?:use|have|maintain|keep)|we (?:need|have a legitimate))|\b(?:no|not) longer than (?:is )?(?:necessary|needed|required)\b|\buntil you (?:delete|close|cancel|ask)\b|\bfor the (?:duration|life|lifetime) of\b|\bretention (?:criteria|policy|schedule)\b|最短(?:时间|期限)|必要(?:的)?期限|所必需的(?:最短)?(?:时间|期限)|实现[^。；]{0,12}目的所必需|账户存续期间|账号存续期间/i;

// ---------------------------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------------------------

/** Local part, then dot-separated labels; the last label must be letters (checked in code). */
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+/gu;
const URL = /\bhttps?:\/\/[^\s<>"'）)，。；]+|\bwww\.[^\s<>"'）)，。；]+/gi;
/** A URL counts as a contact channel only where the sentence is about reaching the company or sending requests. */
const URL_CONTEXT = /\bcontact|\brequests?\b|\bforms?\b|\bsubmit|\bexercise|\bopt[- ]?out|\bportal\b|\bprivacy choices\b|联系|申请|提交|反馈/i;
const PHONE_CONTEXT = /\b(?:call|calling|phone|telephone|tel|toll[- ]free|hotline)\b|电话|热线|客服/i;
const PHONE = /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,4}){1,4}(?!\d)/gu;
/** Phrases that introduce a postal address; the address is the rest of the sentence. */
const POSTAL_CUE =
  /\b(?:write to us at|write to|(?:our )?(?:mailing|postal|registered|office) address(?: is)?|by (?:post|mail) (?:at|to)|send (?:a letter|your request|correspondence|written requests?) (?:by (?:post|mail) )?to|our address(?: is)?|registered office(?: is| at)?|located at)\b\s*:?\s*|(?:联系|通信|邮寄|注册|办公)?地址(?:为|是)?[：:]?\s*/i;
/** What makes the text after POSTAL_CUE an address: a street, a P.O. box, a postcode, or Chinese 省/市/路/号. */
const ADDRESS_SHAPE =
  /\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Place|Pl\.?|Court|Ct\.?|Square|Sq\.?|Parkway|Pkwy\.?|Highway|Hwy\.?)\b|\bP\.?\s?O\.? Box \d+|\b[A-Z]{2} \d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b|\b\d{4,5} [A-Z][a-zäöüé]+|[省市区县].{0,20}[路街道号]|[路街]\d+号/u;

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/**
 * Dates in the forms policies use. Groups: 1-3 "March 3, 2024"; 4-6 "1 May 2023"; 7-9 "2024-01-15" or
 * "2024/1/15"; 10-12 "2024年3月1日"; 13-15 "03/01/2024" (US month first unless the first number is over 12).
 */
const DATE = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b` +
    `|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})\\b` +
    `|\\b(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})\\b` +
    `|(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日` +
    `|\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b`,
  'gi',
);
const LAST_UPDATED_CUE = /\b(?:last|most recently)\s+(?:updated|revised|modified|amended|changed)\b|\bupdated\b|\brevised\b|\bdate of last (?:update|revision)\b|最近更新|最后更新|更新日期|更新时间|修订日期|版本更新/gi;
const EFFECTIVE_CUE = /\beffective\b|\bin effect\b|\bcomes? into force\b|生效|施行/gi;
/** How far before a date its cue may stand ("Last updated: March 3, 2024"). */
const DATE_CUE_REACH = 60;

// ---------------------------------------------------------------------------------------------
// Age thresholds
// ---------------------------------------------------------------------------------------------

const AGE_CONTEXT = /\bage\b|\baged\b|\bchild|\bminor|\bteen|\bparent|\bguardian|\byears? old\b|\bolder\b|\byounger\b|\bkids?\b|\bCOPPA\b|岁/i;
const AGE = new RegExp(
  `\\b(?:under|below|younger than|over|at least|older than|aged)\\s+(?:the age of\\s+)?(\\d{1,2})\\b(?!\\s*(?:%|percent|U\\.S\\.C|CFR))` +
    `|\\bage of (\\d{1,2})\\b|\\b(\\d{1,2})\\s+years?\\s+(?:of age|old)\\b|\\b(\\d{1,2})\\s+or\\s+(?:older|over)\\b|\\b(\\d{1,2})\\+` +
    `|(?:未满|不满|已满|年满)\\s*(${ZH_NUMBER})\\s*周?岁|(${ZH_NUMBER})\\s*周?岁(?:以下|以上|以内)`,
  'gi',
);

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

/** Collects facts, one per (kind, id); later sentences stating the same fact go to `also`. */
class FactSet {
  private readonly byKey = new Map<string, PolicyFact>();

  add(key: string, fact: PolicyFact): void {
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, fact);
      return;
    }
    if (existing.evidence.sentence === fact.evidence.sentence) return;
    const also = (existing.also ??= []);
    if (also.at(-1)?.sentence !== fact.evidence.sentence) also.push(fact.evidence);
  }

  list(): PolicyFact[] {
    return [...this.byKey.values()];
  }
}

const DATA_TYPE_CUES = new CueSet(DATA_TYPES.map((d) => d.cue));
const PURPOSE_CUES = new CueSet(PURPOSES.map((p) => p.cue));
const RECIPIENTS = new CueSet(RECIPIENT_CUES.map((r) => r.cue));

/**
 * Data types count in a sentence about collecting, or anywhere under a heading about it ("What we
 * collect" over a bullet list of fields).
 */
function dataTypes(s: Sentence, ev: Evidence, out: FactSet, collectionSection: boolean): void {
  if (!collectionSection && !COLLECTION_CONTEXT.test(s.text)) return;
  for (const i of DATA_TYPE_CUES.affirmed(s.text)) {
    const d = DATA_TYPES[i]!;
    out.add(`data-type:${d.type}`, { kind: 'data-type', type: d.type, label: d.label, sensitive: d.sensitive, evidence: ev });
  }
}

function purposes(s: Sentence, ev: Evidence, out: FactSet): void {
  if (!PURPOSE_CONTEXT.test(s.text)) return;
  for (const i of PURPOSE_CUES.affirmed(s.text)) {
    const purpose = PURPOSES[i]!.purpose;
    out.add(`purpose:${purpose}`, { kind: 'purpose', purpose, evidence: ev });
  }
}

function thirdParties(s: Sentence, ev: Evidence, out: FactSet): void {
  if (!DISCLOSURE.test(s.text)) return;
  for (const i of RECIPIENTS.affirmed(s.text)) {
    const recipient = RECIPIENT_CUES[i]!.recipient;
    out.add(`third-party:${recipient}`, { kind: 'third-party', recipient, named: false, evidence: ev });
  }
  NAMED_COMPANY.lastIndex = 0;
  for (let m = NAMED_COMPANY.exec(s.text); m; m = NAMED_COMPANY.exec(s.text)) {
    const company = companyOf(m[0]);
    if (!company || !looksLikeName(m[0]) || isNegated(s.text, m.index)) continue;
    out.add(`third-party:${company}`, { kind: 'third-party', recipient: company, named: true, evidence: ev });
  }
}

function sale(s: Sentence, ev: Evidence, out: FactSet): void {
  if (!SALE_PREFILTER.test(s.text) || SALE_NOT_A_STATEMENT.test(s.text) || NOT_PERSONAL.test(s.text)) return;
  // The first mention of selling sets the stance: "We do not sell ... as the term 'sell' is used" is a no.
  SELL.lastIndex = 0;
  const sell = SELL.exec(s.text);
  if (sell && SALE_OBJECT.test(s.text.slice(Math.max(0, sell.index - SALE_OBJECT_BEFORE), sell.index + SALE_OBJECT_AFTER))) {
    const negated = isNegated(s.text, sell.index);
    out.add(`sale:sell:${negated}`, { kind: 'sale', practice: 'sell', negated, evidence: ev });
  }
  ADS_SHARING.lastIndex = 0;
  const ads = ADS_SHARING.exec(s.text);
  if (ads) {
    const negated = isNegated(s.text, ads.index);
    out.add(`sale:share-for-advertising:${negated}`, { kind: 'sale', practice: 'share-for-advertising', negated, evidence: ev });
  }
}

function retention(s: Sentence, ev: Evidence, out: FactSet): void {
  if (!RETENTION_CONTEXT.test(s.text)) return;
  const asLong = AS_LONG_AS_NECESSARY.test(s.text);
  const periods = RESPONSE_TIME.test(s.text) ? [] : periodsIn(s.text);
  for (const iso of new Set(periods.map((p) => p.iso))) {
    out.add(`retention:${iso}`, { kind: 'retention', duration: iso, indefinite: false, asLongAsNecessary: asLong, evidence: ev });
  }
  if (firstAffirmed(INDEFINITE, s.text)) {
    out.add('retention:indefinite', { kind: 'retention', duration: null, indefinite: true, asLongAsNecessary: false, evidence: ev });
  }
  if (asLong && periods.length === 0) {
    out.add('retention:as-long-as-necessary', { kind: 'retention', duration: null, indefinite: false, asLongAsNecessary: true, evidence: ev });
  }
}

function rights(s: Sentence, ev: Evidence, out: FactSet): void {
  for (const right of rightsIn(s.text)) out.add(`right:${right}`, { kind: 'right', right, evidence: ev });
}

function contacts(s: Sentence, ev: Evidence, out: FactSet): void {
  const add = (channel: ContactFact['channel'], value: string) =>
    out.add(`contact:${channel}:${value.toLowerCase()}`, { kind: 'contact', channel, value, evidence: ev });
  if (s.text.includes('@')) {
    EMAIL.lastIndex = 0;
    for (let m = EMAIL.exec(s.text); m; m = EMAIL.exec(s.text)) {
      const value = m[0].replace(/[.-]+$/u, '');
      if (/\.[A-Za-z]{2,24}$/u.test(value)) add('email', value);
    }
  }
  if (URL_CONTEXT.test(s.text)) {
    URL.lastIndex = 0;
    for (let m = URL.exec(s.text); m; m = URL.exec(s.text)) add('url', m[0].replace(/[.,;:!?]+$/u, ''));
  }
  if (PHONE_CONTEXT.test(s.text)) {
    PHONE.lastIndex = 0;
    for (let m = PHONE.exec(s.text); m; m = PHONE.exec(s.text)) {
      const digits = m[0].replace(/\D/gu, '').length;
      if (digits >= 7 && digits <= 15 && !/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/u.test(m[0])) add('phone', m[0].trim());
    }
  }
  const cue = POSTAL_CUE.exec(s.text);
  if (cue) {
    const value = s.text.slice(cue.index + cue[0].length).replace(/[.。;；]+$/u, '').trim().slice(0, 160);
    if (ADDRESS_SHAPE.test(value)) add('postal', value);
  }
}

/** The cue (of `re`, global) that ends closest before `at`, within DATE_CUE_REACH. */
function cueBefore(re: RegExp, text: string, at: number): number {
  const from = Math.max(0, at - DATE_CUE_REACH);
  const window = text.slice(from, at);
  let end = -1;
  re.lastIndex = 0;
  for (let m = re.exec(window); m; m = re.exec(window)) end = from + m.index + m[0].length;
  return end;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(raw: string): number {
  return MONTHS.indexOf(raw.slice(0, 3).toLowerCase()) + 1;
}

/** Dates labelled as the effective or last-updated date, in `text` (a sentence or a heading). */
function datesIn(text: string, ev: Evidence, out: FactSet): void {
  if (!/\d{4}/u.test(text)) return;
  DATE.lastIndex = 0;
  for (let m = DATE.exec(text); m; m = DATE.exec(text)) {
    const g = (i: number) => Number(m![i]);
    let date: string | null;
    if (m[1]) date = isoDate(g(3), monthNumber(m[1]), g(2));
    else if (m[5]) date = isoDate(g(6), monthNumber(m[5]), g(4));
    else if (m[7]) date = isoDate(g(7), g(8), g(9));
    else if (m[10]) date = isoDate(g(10), g(11), g(12));
    else date = g(13) > 12 ? isoDate(g(15), g(14), g(13)) : isoDate(g(15), g(13), g(14));
    if (!date) continue;
    const updated = cueBefore(LAST_UPDATED_CUE, text, m.index);
    const effective = cueBefore(EFFECTIVE_CUE, text, m.index);
    // "本政策自2024年3月1日起生效": the cue follows the date.
    const effectiveAfter = /^\s*(?:起)?(?:生效|施行|正式生效)/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8));
    let role: DateFact['role'] | null = null;
    if (updated >= 0 || effective >= 0) role = updated > effective ? 'last-updated' : 'effective';
    else if (effectiveAfter) role = 'effective';
    if (role) out.add(`date:${role}`, { kind: 'date', role, date, evidence: ev });
  }
}

function ages(s: Sentence, ev: Evidence, out: FactSet): void {
  if (!AGE_CONTEXT.test(s.text)) return;
  AGE.lastIndex = 0;
  for (let m = AGE.exec(s.text); m; m = AGE.exec(s.text)) {
    const raw = m.slice(1).find((g) => g !== undefined);
    const age = raw === undefined ? null : parseChineseNumber(raw);
    if (age !== null && age >= 10 && age <= 21) out.add(`age-threshold:${age}`, { kind: 'age-threshold', age, evidence: ev });
  }
}

/**
 * Every fact the policy states, one per (kind, id) with the first sentence as `evidence` and the
 * others in `also`. Order: by kind (data types, purposes, recipients, sale, retention, rights,
 * contacts, dates, ages), then by first appearance.
 *
 * Dates are also read from headings (a "Last updated: March 3, 2024" line often becomes one); such
 * evidence spans the heading and has `sentence: -1`.
 */
export function extractFacts(doc: PolicyDocument): PolicyFact[] {
  const extractors = [purposes, thirdParties, sale, retention, rights, contacts, ages];
  const sets = extractors.map(() => new FactSet());
  const dataSet = new FactSet();
  const dates = new FactSet();
  for (const section of doc.sections) {
    datesIn(section.heading, { sentence: -1, start: section.start, end: section.start + section.heading.length }, dates);
  }
  const collectionSections = doc.sections.map((section) => COLLECTION_CONTEXT.test(section.heading));
  for (const s of doc.sentences) {
    const ev = evidenceOf(s);
    dataTypes(s, ev, dataSet, collectionSections[s.section] ?? false);
    extractors.forEach((extract, i) => extract(s, ev, sets[i]!));
    datesIn(s.text, ev, dates);
  }
  const data = dataSet.list();
  const known = new Set(data.map((f) => (f as DataTypeFact).type));
  const keptData = data.filter((f) => !(SUPERSEDED_BY[(f as DataTypeFact).type] ?? []).some((t) => known.has(t)));
  const facts = [...keptData, ...sets.flatMap((set) => set.list()), ...dates.list()];
  const order = ['data-type', 'purpose', 'third-party', 'sale', 'retention', 'right', 'contact', 'date', 'age-threshold'];
  return facts.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.evidence.start - b.evidence.start);
}

// ---------------------------------------------------------------------------------------------
// Vagueness and red flags
// ---------------------------------------------------------------------------------------------

export interface VaguenessScore {
  /** Hedges per 100 words (for Chinese: per 100 characters, each Han character counting as a word). */
  score: number;
  hedges: number;
  words: number;
  /** Up to 5 sentences with the most hedges, in document order. */
  examples: Evidence[];
}

/**
 * Hedges: words that let a policy avoid committing ("may", "such as", "including but not limited to",
 * "from time to time", "certain", "as necessary", "reasonable" ...). Chinese: 可能, 包括但不限于, 等,
 * 必要时, 不时, 适当, 合理. "May" followed by a day number is the month, not a hedge.
 */
const HEDGE =
  /\bincluding,? (?:but )?(?:not limited to|without limitation)\b|\bfrom time to time\b|\bsuch as\b|\bas (?:necessary|needed|appropriate)\b|\bat (?:our|its) (?:sole )?discretion\b|\b(?:may|might|could|certain|some|generally|typically|usually|reasonabl[ey]|appropriate|various|etc)\b(?!\s\d)|包括但不限于|可能|必要时|不时|适当|合理|等(?![级待同于])/gi;
const WORD_EN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const HAN = /\p{Script=Han}/gu;

/** Words in a text: Latin-script words, plus one per Han character. */
export function countWords(text: string): number {
  const han = text.match(HAN)?.length ?? 0;
  const other = han ? text.replace(HAN, ' ') : text;
  return han + (other.match(WORD_EN)?.length ?? 0);
}

export function vaguenessOf(doc: PolicyDocument): VaguenessScore {
  let hedges = 0;
  let words = 0;
  const perSentence: { hedges: number; evidence: Evidence }[] = [];
  for (const s of doc.sentences) {
    const n = s.text.match(HEDGE)?.length ?? 0;
    hedges += n;
    words += countWords(s.text);
    if (n > 0) perSentence.push({ hedges: n, evidence: evidenceOf(s) });
  }
  const examples = perSentence
    .sort((a, b) => b.hedges - a.hedges || a.evidence.start - b.evidence.start)
    .slice(0, 5)
    .map((x) => x.evidence)
    .sort((a, b) => a.start - b.start);
  const score = words ? Math.round((hedges / words) * 100 * 100) / 100 : 0;
  return { score, hedges, words, examples };
}

export interface RedFlag {
  id: 'sells-data' | 'shares-for-advertising' | 'indefinite-retention' | 'no-deletion-right' | 'vague-language';
  /** Sentences that raise the flag; empty for flags raised by an absence (no-deletion-right). */
  evidence: Evidence[];
  detail: string;
}

/**
 * Hedges per 100 words at or above which a policy reads as vague. English: 2.5, about the 80th
 * percentile over the 95 OPP-115 policies (median 2.0). Chinese counts per Han character and has no
 * calibration corpus here: 1.2 is a guess to revisit.
 */
export const VAGUE_THRESHOLD: Readonly<Record<'en' | 'zh', number>> = { en: 2.5, zh: 1.2 };

const allEvidence = (f: PolicyFact) => [f.evidence, ...(f.also ?? [])];

export function redFlags(doc: PolicyDocument, facts: PolicyFact[], vagueness: VaguenessScore): RedFlag[] {
  const flags: RedFlag[] = [];
  const sales = facts.filter((f): f is SaleFact => f.kind === 'sale' && !f.negated);
  const sells = sales.filter((f) => f.practice === 'sell');
  if (sells.length) {
    flags.push({ id: 'sells-data', evidence: sells.flatMap(allEvidence), detail: 'The policy says personal information is sold or rented.' });
  }
  const adsSharing = sales.filter((f) => f.practice === 'share-for-advertising');
  if (adsSharing.length) {
    flags.push({ id: 'shares-for-advertising', evidence: adsSharing.flatMap(allEvidence), detail: 'Personal information is shared with advertisers or for targeted advertising.' });
  }
  const indefinite = facts.filter((f): f is RetentionFact => f.kind === 'retention' && f.indefinite);
  if (indefinite.length) {
    flags.push({ id: 'indefinite-retention', evidence: indefinite.flatMap(allEvidence), detail: 'Some data may be kept indefinitely.' });
  }
  if (!facts.some((f) => f.kind === 'right' && f.right === 'erasure')) {
    flags.push({ id: 'no-deletion-right', evidence: [], detail: 'The policy does not say you can have your data deleted.' });
  }
  const threshold = doc.lang === 'zh' ? VAGUE_THRESHOLD.zh : VAGUE_THRESHOLD.en;
  if (vagueness.words > 0 && vagueness.score >= threshold) {
    const unit = doc.lang === 'zh' ? 'characters' : 'words';
    flags.push({ id: 'vague-language', evidence: vagueness.examples, detail: `${vagueness.score} hedges per 100 ${unit} (threshold ${threshold}).` });
  }
  return flags;
}
