/**
 * Shared building blocks for the policy extractors (facts.ts, legal-topics.ts): clause-aware
 * negation, English and Chinese number words, durations normalised to ISO 8601, and the cue lists
 * that more than one extractor needs (rights, disclosure verbs, recipients). Every regex is compiled
 * once at module load; none nests unbounded quantifiers, so matching stays linear per sentence.
 */

/** One regex from alternatives (each already a regex), with the flags the caller wants. */
export function anyOf(parts: readonly RegExp[], flags = 'i'): RegExp {
  return new RegExp(parts.map((p) => `(?:${p.source})`).join('|'), flags);
}

// ---------------------------------------------------------------------------------------------
// Negation
// ---------------------------------------------------------------------------------------------

/**
 * Where a new clause starts, so a negation before it does not reach past it: "If you do not opt out,
 * we will sell ..." (", we" starts a new clause) versus "We do not sell, rent or trade ..." (", rent"
 * continues the same verb list). Chinese clauses end at ，；：.
 */
const CLAUSE_START =
  /[;:()，；：]|,\s+(?:but|however|unless|except|although|though|while|whereas|if|so|which|who|we|you|they|it|our|this|these)\b|\s(?:but|however|although|whereas|unless|except)\b/gi;
/**
 * English negators. "no" covers "No personal information is sold"; "n't" covers "don't"/"won't" (also
 * typed without the apostrophe); "prohibited from" covers "processors are prohibited from selling".
 */
const NEGATOR_EN = /\b(?:not|never|no|neither|nor|cannot|dont|doesnt|wont)\b|n['’]t\b|\b(?:restricted|prohibited|forbidden|barred|precluded) from\b/i;
/**
 * Chinese negators, minus the fixed phrases where 不/未/无 do not negate the verb that follows:
 * 包括但不限于 ("including but not limited to"), 不超过 ("no more than"), 未满 ("under" an age),
 * 未经 ("without" consent), 无论 ("whatever").
 */
const NEGATOR_ZH = /不(?!限于|超过|少于|满|同|时|断|得不)|没有|未(?!满|成年|经)|绝不|从不|从未|无(?!论|法|需)/u;
/** How far back (UTF-16 units) a negation can reach within one clause. */
const NEGATION_REACH = 120;

/** Is the word at `index` in `sentence` negated within its own clause? */
export function isNegated(sentence: string, index: number): boolean {
  const from = Math.max(0, index - NEGATION_REACH);
  const before = sentence.slice(from, index);
  let clauseStart = 0;
  CLAUSE_START.lastIndex = 0;
  for (let m = CLAUSE_START.exec(before); m; m = CLAUSE_START.exec(before)) clauseStart = m.index + m[0].length;
  const clause = before.slice(clauseStart);
  return NEGATOR_EN.test(clause) || NEGATOR_ZH.test(clause);
}

/** The first match of `re` in `sentence` that is not negated (or null). `re` must be global. */
export function firstAffirmed(re: RegExp, sentence: string): RegExpExecArray | null {
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    if (!isNegated(sentence, m.index)) return m;
    if (m[0].length === 0) re.lastIndex++;
  }
  return null;
}

/**
 * Several cues run as one regex pass (one scan of the sentence instead of one per cue): which of them
 * occur, not negated, in a sentence. Matches do not overlap, so a cue that could start inside another
 * cue's match should end its own match early (use a lookahead for the shared tail).
 */
export class CueSet {
  private readonly re: RegExp;

  constructor(cues: readonly RegExp[]) {
    for (const c of cues) {
      // Each cue is one capture group of the union; a capture inside a cue would shift the numbering.
      if (new RegExp(`${c.source}|`).exec('')!.length !== 1) throw new Error(`cue must not capture: ${c.source}`);
    }
    this.re = new RegExp(cues.map((c) => `(${c.source})`).join('|'), 'gi');
  }

  /** Indexes (into the constructor's list) of the cues that match the sentence somewhere not negated. */
  affirmed(sentence: string): Set<number> {
    const found = new Set<number>();
    this.re.lastIndex = 0;
    for (let m = this.re.exec(sentence); m; m = this.re.exec(sentence)) {
      const cue = m.findIndex((g, i) => i > 0 && g !== undefined) - 1;
      if (!found.has(cue) && !isNegated(sentence, m.index)) found.add(cue);
    }
    return found;
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers and durations
// ---------------------------------------------------------------------------------------------

const SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SMALL_WORDS = Object.keys(SMALL).filter((w) => w.length > 2).join('|');
const TENS_WORDS = Object.keys(TENS).join('|');

/** An English number: digits, "twenty-four", "ninety", "one hundred", "a"/"an" (as in "a year"). */
const EN_NUMBER = `\\d{1,4}|(?:${TENS_WORDS})(?:[- ](?:${SMALL_WORDS}))?|(?:one |a )?hundred|${SMALL_WORDS}|an?`;

/** Value of a string matched by EN_NUMBER. */
function parseEnglishNumber(raw: string): number | null {
  const s = raw.toLowerCase().trim();
  if (/^\d+$/u.test(s)) return Number(s);
  if (/hundred$/u.test(s)) return 100;
  const [first, second] = s.split(/[- ]/u);
  if (first === undefined) return null;
  const tens = TENS[first];
  if (tens !== undefined) return tens + (second ? (SMALL[second] ?? 0) : 0);
  return SMALL[first] ?? null;
}

/** A Chinese number in digits or characters: 6, 十四, 三十, 一百八十, 两. */
export const ZH_NUMBER = '\\d{1,3}|[零〇一二两三四五六七八九十百]+';
const ZH_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Value of a string matched by ZH_NUMBER (up to 999). */
export function parseChineseNumber(raw: string): number | null {
  if (/^\d+$/u.test(raw)) return Number(raw);
  let total = 0;
  let digit = 0;
  for (const ch of raw) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      const d = ZH_DIGIT[ch];
      if (d === undefined) return null;
      digit = d;
    }
  }
  return total + digit;
}

type DurationUnit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute';

/** ISO 8601 duration: P2Y, P6M, P2W, P30D, PT24H, PT30M. */
function isoDuration(amount: number, unit: DurationUnit): string {
  switch (unit) {
    case 'year': return `P${amount}Y`;
    case 'month': return `P${amount}M`;
    case 'week': return `P${amount}W`;
    case 'day': return `P${amount}D`;
    case 'hour': return `PT${amount}H`;
    case 'minute': return `PT${amount}M`;
  }
}

/** Rough length in days of an ISO duration made by `isoDuration` (to compare periods). */
export function durationDays(iso: string): number {
  const m = /^P(T?)(\d+)([YMWDH])$/u.exec(iso);
  if (!m) return 0;
  const n = Number(m[2]);
  if (m[1]) return m[3] === 'H' ? n / 24 : n / 1440;
  return n * ({ Y: 365, M: 30, W: 7, D: 1, H: 1 / 24 }[m[3] as 'Y' | 'M' | 'W' | 'D' | 'H']);
}

/**
 * English periods: "2 years", "thirty (30) days", "a period of ninety days", "24-hour", "six months".
 * Group 1: the number; group 2: a digit restatement in parentheses; group 3: the unit.
 */
const EN_PERIOD = new RegExp(
  `\\b(${EN_NUMBER})(?:\\s*\\((\\d{1,4})\\))?[\\s-]+(?:calendar |business |working |full )?(years?|months?|weeks?|days?|hours?|minutes?)\\b(?!\\s+(?:of age|old)\\b)`,
  'gi',
);
/**
 * Chinese periods: 6个月, 三年, 180天, 30日内, 24小时, 15个工作日. Months need 个 (6月 is June); 日 counts
 * only as 日内/工作日 (1日 is a day of the month); a number touching another digit is part of a date.
 */
const ZH_PERIOD = new RegExp(`(?<!\\d)(${ZH_NUMBER})\\s*(?:个)?\\s*(年|个月|月(?=内|以内)|周(?!岁)|星期|天|个?工作日|日(?=内|以内)|小时|分钟)`, 'gu');

const EN_UNIT: Record<string, DurationUnit> = { year: 'year', month: 'month', week: 'week', day: 'day', hour: 'hour', minute: 'minute' };
function zhUnit(raw: string): DurationUnit {
  if (raw === '年') return 'year';
  if (raw.includes('月')) return 'month';
  if (raw === '周' || raw === '星期') return 'week';
  if (raw === '小时') return 'hour';
  if (raw === '分钟') return 'minute';
  return 'day';
}

export interface Period {
  iso: string;
  index: number;
}

/** Every period of time in a sentence, as ISO 8601 durations, in order of appearance. */
export function periodsIn(sentence: string): Period[] {
  const out: Period[] = [];
  EN_PERIOD.lastIndex = 0;
  for (let m = EN_PERIOD.exec(sentence); m; m = EN_PERIOD.exec(sentence)) {
    const amount = m[2] ? Number(m[2]) : parseEnglishNumber(m[1]!);
    const unit = EN_UNIT[m[3]!.toLowerCase().replace(/s$/u, '')];
    if (amount !== null && amount > 0 && unit) out.push({ iso: isoDuration(amount, unit), index: m.index });
  }
  ZH_PERIOD.lastIndex = 0;
  for (let m = ZH_PERIOD.exec(sentence); m; m = ZH_PERIOD.exec(sentence)) {
    const amount = parseChineseNumber(m[1]!);
    if (amount !== null && amount > 0) out.push({ iso: isoDuration(amount, zhUnit(m[2]!)), index: m.index });
  }
  return out.sort((a, b) => a.index - b.index);
}

// ---------------------------------------------------------------------------------------------
// Cues shared by facts.ts and legal-topics.ts
// ---------------------------------------------------------------------------------------------

/**
 * A sentence is about what the reader may do: "you can/may/have the right", "right to", "request",
 * "ask us"; Chinese 您有权/您可以/申请/请求.
 */
const RIGHTS_CONTEXT =
  /\byou(?:r)? (?:also )?(?:can|may|have|are entitled|could|will be able)\b|\brights? (?:to|of)\b|\brequest(?:s|ed|ing)?\b|\bask(?:ing)? us\b|\bentitled\b|\byour (?:privacy )?rights?\b|\b(?:users?|individuals?|data subjects?|consumers?) (?:can|may|have)\b|有权|您可以|您可|用户可以|申请|请求/i;

export type RightId =
  | 'access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'portability'
  | 'withdraw-consent' | 'opt-out-sale' | 'complaint';

interface RightCue {
  right: RightId;
  cue: RegExp;
  /** Whether the sentence must also match RIGHTS_CONTEXT (for verbs that are common outside rights). */
  needsContext: boolean;
  /** Matches that look like the right but are not (e.g. deleting cookies in your browser). */
  unless?: RegExp;
}

/** The rights a policy can grant, each with the phrasing that names it. */
const RIGHT_CUES: readonly RightCue[] = [
  {
    right: 'access',
    cue: /\bright (?:of|to) access\b|\baccess(?:ing)?(?: to)? (?:the |your |any |all |a copy of )?(?:personal )?(?:data|information)\b|\baccess,? (?:and |or )?(?:update|correct|rectif|delete|review|edit|download|obtain)|\bcop(?:y|ies) of (?:the |your |any )?(?:personal )?(?:data|information)\b|\bright to know\b|\bknow (?:what|which) (?:personal )?(?:data|information)\b|查阅|复制/i,
    needsContext: true,
  },
  {
    right: 'rectification',
    cue: /\brectif\w*|\bcorrect(?:ion|ing)?\b|\bupdate (?:or|and) correct\b|\b(?:update|edit) (?:your |any )?(?:inaccurate |incorrect |incomplete |outdated |personal |account |profile )?(?:data|information|details|profile)\b|更正|补充/i,
    needsContext: true,
  },
  {
    right: 'erasure',
    cue: /\beras(?:e|ed|ure|ing)\b|\bdelet(?:e|ed|ion|ing)\b|\bremov(?:e|ed|al)\b|\bright to be forgotten\b|删除|注销/i,
    needsContext: true,
    unless: /\b(?:delete|remove|clear|block|disable)\w* (?:the |your |all |these |existing )?(?:cookies|browser|browsing history|cache)\b/i,
  },
  {
    right: 'restriction',
    cue: /\brestrict(?:ion)?\b[^.;]{0,25}\bprocessing\b|\b(?:limit|restrict)(?:ation)? (?:the )?(?:use|processing)\b|限制[^。；]{0,8}处理/i,
    needsContext: true,
  },
  {
    right: 'objection',
    cue: /\bobject(?:ion)?s? to\b|\bright to object\b|\bobject(?:ing)? at any time\b|反对|拒绝[^。；，]{0,10}处理|拒绝[^。；，]{0,6}个性化/i,
    needsContext: true,
  },
  {
    right: 'portability',
    cue: /\bportab|\bmachine[- ]readable\b|\bstructured,? commonly[- ]used\b|\btransmit (?:it|them|your data|the data) to another\b|转移至|转移给|可携/i,
    needsContext: true,
  },
  {
    right: 'withdraw-consent',
    cue: /\b(?:withdraw|revok)\w*\b[^.;]{0,40}\bconsent\b|\bconsent\b[^.;]{0,40}\b(?:withdraw|revok)\w*|撤回[^。；]{0,6}(?:同意|授权)|撤销[^。；]{0,6}(?:同意|授权)|取消授权/i,
    needsContext: false,
  },
  {
    right: 'opt-out-sale',
    cue: /\bdo not sell(?: or share)? my\b|\bopt[- ]?out of (?:the |any |such )?(?:sale|sell|sharing|selling|targeted advertising|cross[- ]context)|\bright to opt[- ]?out\b|\byour privacy choices\b|拒绝[^。；]{0,6}(?:出售|共享)/i,
    needsContext: false,
  },
  {
    right: 'complaint',
    cue: /\b(?:lodge|file|make|submit|bring) a complaint\b[^.;]{0,80}\b(?:authority|regulator|commissioner|supervisory|attorney general|agency)|\bsupervisory authorit|\bdata protection authorit|\b(?:information|privacy) commissioner|\bright to complain\b|向[^。；]{0,20}(?:监管部门|网信部门|有关部门|主管部门)[^。；]{0,10}(?:投诉|举报)|(?:投诉|举报)[^。；]{0,20}(?:监管部门|网信部门)/i,
    needsContext: false,
  },
];

/** The rights a sentence grants (not negated: "you cannot delete ..." grants nothing). */
export function rightsIn(sentence: string): RightId[] {
  const out: RightId[] = [];
  const context = RIGHTS_CONTEXT.test(sentence);
  for (const r of RIGHT_CUES) {
    if (r.needsContext && !context) continue;
    const m = r.cue.exec(sentence);
    if (!m || r.unless?.test(sentence) || isNegated(sentence, m.index)) continue;
    out.push(r.right);
  }
  return out;
}

/** Verbs that hand data to someone else. */
export const DISCLOSURE =
  /\b(?:share[sd]?|sharing|disclos\w*|sell|sells|sold|selling|rent(?:s|ed|ing)?|transfer\w*|provide[sd]?|providing|make[s]? (?:it |them |this information )?available|pass(?:es|ed)?|give[sn]?|send|sends|sent|work(?:s)? with|engage|use[sd]?|rely on|partner with)\b|共享|提供给|向[^。；]{0,20}提供|披露|转让|委托|出售|接入|嵌入|分享/i;

interface RecipientCue {
  recipient: string;
  cue: RegExp;
}

/** Categories of recipients, with English and Chinese names. */
export const RECIPIENT_CUES: readonly RecipientCue[] = [
  { recipient: 'advertisers', cue: /\badvertis(?:ers|ing (?:partners|networks?|companies|platforms|providers))\b|\bad (?:networks?|partners|exchanges?|tech(?:nology)? (?:companies|partners|providers))\b|广告(?:主|商|合作伙伴|合作方|平台|服务商)/i },
  { recipient: 'analytics-providers', cue: /\banalytics (?:providers?|partners|services?|companies|vendors)\b|统计分析(?:服务商|合作方)|数据分析(?:服务商|合作方)/i },
  { recipient: 'service-providers', cue: /\bservice providers?\b|\bvendors\b|\b(?:data )?processors\b|\bcontractors\b|\bsuppliers\b|\bhosting providers?\b|服务提供商|服务商|供应商|受托方|委托处理/i },
  { recipient: 'payment-processors', cue: /\bpayment (?:processors?|providers?|service providers?)\b|支付机构|第三方支付/i },
  { recipient: 'affiliates', cue: /\baffiliates?\b|\bsubsidiar(?:y|ies)\b|\bgroup companies\b|\bcorporate family\b|关联公司|关联方/i },
  { recipient: 'law-enforcement', cue: /\blaw enforcement\b|\bgovernment(?:al)? (?:authorities|agencies|officials|bodies)\b|\bpublic authorities\b|\bcompetent authorities\b|\bcourts?\b|\bregulators\b|\bpolice\b|执法|司法机关|政府(?:部门|机关)|有权机关|公安/i },
  { recipient: 'acquirer', cue: /\bmerger\b|\bacquisition\b|\bacquirer\b|\bsuccessor\b|\bbankruptcy\b|\breorgani[sz]ation\b|\bsale of (?:all|substantially all|some|part|a portion) of (?:our|its) (?:business|assets|company)\b|合并|收购|资产转让|破产/i },
  { recipient: 'data-brokers', cue: /\bdata brokers?\b|数据经纪/i },
  { recipient: 'social-networks', cue: /\bsocial (?:media|network)(?:s| platforms| providers| sites)?\b|社交(?:平台|网络|媒体)/i },
  { recipient: 'third-parties', cue: /\bthird[- ]part(?:y|ies)\b|第三方/i },
];

/** Named companies often disclosed as recipients; keys are how a policy writes them (lower case). */
const COMPANY_ALIASES: Record<string, string> = {
  google: 'Google', 'google analytics': 'Google', firebase: 'Google', youtube: 'Google', 谷歌: 'Google',
  meta: 'Meta', facebook: 'Meta', instagram: 'Meta', whatsapp: 'Meta', amazon: 'Amazon',
  'amazon web services': 'Amazon', aws: 'Amazon', microsoft: 'Microsoft', linkedin: 'Microsoft', apple: 'Apple',
  stripe: 'Stripe', paypal: 'PayPal', adobe: 'Adobe', salesforce: 'Salesforce', oracle: 'Oracle',
  criteo: 'Criteo', tiktok: 'TikTok', bytedance: 'ByteDance', 字节跳动: 'ByteDance', 抖音: 'ByteDance',
  twitter: 'X (Twitter)', snap: 'Snap', snapchat: 'Snap', pinterest: 'Pinterest', mixpanel: 'Mixpanel',
  segment: 'Segment', amplitude: 'Amplitude', hotjar: 'Hotjar', cloudflare: 'Cloudflare', akamai: 'Akamai',
  appsflyer: 'AppsFlyer', adjust: 'Adjust', braze: 'Braze', hubspot: 'HubSpot', mailchimp: 'Mailchimp',
  zendesk: 'Zendesk', intercom: 'Intercom', twilio: 'Twilio', sentry: 'Sentry', taboola: 'Taboola',
  outbrain: 'Outbrain', quantcast: 'Quantcast', nielsen: 'Nielsen', comscore: 'Comscore', yandex: 'Yandex',
  tencent: 'Tencent', 腾讯: 'Tencent', 微信: 'Tencent', wechat: 'Tencent', alibaba: 'Alibaba', 阿里巴巴: 'Alibaba',
  alipay: 'Alipay', 支付宝: 'Alipay', baidu: 'Baidu', 百度: 'Baidu', umeng: 'Umeng', 友盟: 'Umeng',
  jpush: 'JPush', 极光: 'JPush', 新浪微博: 'Weibo', weibo: 'Weibo',
};
/** Longest alias first so "Google Analytics" wins over "Google"; Latin aliases need word boundaries. */
export const NAMED_COMPANY = new RegExp(
  Object.keys(COMPANY_ALIASES)
    .sort((a, b) => b.length - a.length)
    .map((a) => (/^[a-z]/u.test(a) ? `\\b${a.replace(/ /gu, '\\s')}\\b` : a))
    .join('|'),
  'gi',
);
/** Canonical company name for a NAMED_COMPANY match. */
export function companyOf(match: string): string | undefined {
  return COMPANY_ALIASES[match.toLowerCase().replace(/\s+/gu, ' ')];
}
/**
 * Names that are also ordinary English words ("segment", "adjust", "snap", "meta", "apple") count only
 * written as a name: capitalised.
 */
export function looksLikeName(match: string): boolean {
  return !/^[a-z]/u.test(match);
}
