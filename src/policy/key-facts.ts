/**
 * At most ten things a person should know about a policy, in plain English or Simplified Chinese,
 * each linked to the sentence that says it. Order: red flags, sensitive data, sharing, retention,
 * rights (then an age limit if there is room).
 */
import type { Evidence, PolicyDocument } from './document.ts';
import { durationDays, type RightId } from './cues.ts';
import { DATA_TYPES } from './data-types.ts';
import type { AgeFact, DataTypeFact, PolicyFact, RedFlag, RetentionFact, SaleFact, ThirdPartyFact } from './facts.ts';

export interface KeyFact {
  id: string;
  text: string;
  tone: 'bad' | 'neutral' | 'good';
  evidence: Evidence;
}

type Lang = 'en' | 'zh';
type Phrase = Record<Lang, string>;

export const MAX_KEY_FACTS = 10;
const MAX_SENSITIVE = 3;
const MAX_RECIPIENTS = 2;

/** Flags raised by an absence (no-deletion-right) have no sentence to link, so no key fact. */
const FLAG_TEXT: Record<Exclude<RedFlag['id'], 'no-deletion-right'>, Phrase> = {
  'sells-data': { en: 'Sells your personal information', zh: '出售您的个人信息' },
  'shares-for-advertising': { en: 'Shares data with advertisers', zh: '与广告商共享您的数据' },
  'indefinite-retention': { en: 'May keep your data indefinitely', zh: '可能无限期保存您的数据' },
  'vague-language': { en: 'Uses vague language ("may", "such as", "certain")', zh: '措辞含糊（"可能"、"等"、"包括但不限于"）' },
};

const RECIPIENT_TEXT: Record<string, Phrase> = {
  'data-brokers': { en: 'data brokers', zh: '数据经纪商' },
  advertisers: { en: 'advertisers', zh: '广告商' },
  'social-networks': { en: 'social networks', zh: '社交平台' },
  'analytics-providers': { en: 'analytics providers', zh: '分析服务商' },
  affiliates: { en: 'affiliated companies', zh: '关联公司' },
  'payment-processors': { en: 'payment processors', zh: '支付机构' },
  'service-providers': { en: 'service providers', zh: '服务提供商' },
  'law-enforcement': { en: 'law enforcement', zh: '执法机关' },
  acquirer: { en: 'a buyer of the business', zh: '业务收购方' },
  'third-parties': { en: 'third parties', zh: '第三方' },
};
/** Which recipients matter most to a reader (named companies come right after social networks). */
const RECIPIENT_PRIORITY = ['data-brokers', 'advertisers', 'social-networks', '(named)', 'analytics-providers', 'affiliates', 'payment-processors', 'service-providers', 'law-enforcement', 'acquirer', 'third-parties'];
/** Recipients that make sharing a concern rather than routine. */
const BAD_RECIPIENTS = new Set(['data-brokers', 'advertisers']);

const RIGHT_TEXT: Record<RightId, Phrase> = {
  erasure: { en: 'You can ask to delete your data', zh: '您可以要求删除您的数据' },
  access: { en: 'You can get a copy of your data', zh: '您可以查阅、复制您的个人信息' },
  'opt-out-sale': { en: 'You can opt out of the sale or sharing of your data', zh: '您可以拒绝出售或共享您的数据' },
  'withdraw-consent': { en: 'You can withdraw your consent', zh: '您可以撤回同意' },
  rectification: { en: 'You can correct your data', zh: '您可以更正您的个人信息' },
  portability: { en: 'You can take your data to another service', zh: '您可以要求转移您的个人信息' },
  objection: { en: 'You can object to how your data is used', zh: '您可以拒绝或反对对您数据的处理' },
  restriction: { en: 'You can limit how your data is used', zh: '您可以限制对您数据的处理' },
  complaint: { en: 'You can complain to a data protection authority', zh: '您可以向监管部门投诉' },
};
const RIGHT_PRIORITY = Object.keys(RIGHT_TEXT) as RightId[];

const UNIT_TEXT: Record<string, Phrase> = {
  Y: { en: 'year', zh: '年' },
  M: { en: 'month', zh: '个月' },
  W: { en: 'week', zh: '周' },
  D: { en: 'day', zh: '天' },
  TH: { en: 'hour', zh: '小时' },
  TM: { en: 'minute', zh: '分钟' },
};

/** "2 years" / "2年" from "P2Y". */
function durationText(iso: string, lang: Lang): string {
  const m = /^P(T?)(\d+)([YMWDH])$/u.exec(iso);
  if (!m) return iso;
  const unit = UNIT_TEXT[`${m[1]}${m[3]}`] ?? UNIT_TEXT[m[3]!]!;
  const n = Number(m[2]);
  return lang === 'zh' ? `${n}${unit.zh}` : `${n} ${unit.en}${n === 1 ? '' : 's'}`;
}

function retentionFact(facts: PolicyFact[], lang: Lang): KeyFact | null {
  const periods = facts.filter((f): f is RetentionFact => f.kind === 'retention' && f.duration !== null);
  if (periods.length) {
    // The longest period is what the reader should plan for.
    const longest = periods.reduce((a, b) => (durationDays(b.duration!) > durationDays(a.duration!) ? b : a));
    const d = durationText(longest.duration!, lang);
    const several = periods.length > 1;
    const text = lang === 'zh'
      ? several ? `您的数据最长保存${d}` : `您的数据保存${d}`
      : several ? `Keeps some of your data for up to ${d}` : `Keeps your data for ${d}`;
    return { id: 'retention', text, tone: 'neutral', evidence: longest.evidence };
  }
  const criteria = facts.find((f): f is RetentionFact => f.kind === 'retention' && f.asLongAsNecessary);
  if (!criteria) return null;
  const text = lang === 'zh' ? '在必要期限内保存您的数据（未给出具体期限）' : 'Keeps your data as long as it sees necessary (no fixed period)';
  return { id: 'retention', text, tone: 'neutral', evidence: criteria.evidence };
}

export function keyFacts(_doc: PolicyDocument, facts: PolicyFact[], flags: RedFlag[], lang: Lang = 'en'): KeyFact[] {
  const out: KeyFact[] = [];
  const flagged = new Set(flags.map((f) => f.id));

  // 1. Red flags that point at a sentence.
  for (const flag of flags) {
    const evidence = flag.evidence[0];
    if (flag.id === 'no-deletion-right' || !evidence) continue;
    out.push({ id: `flag:${flag.id}`, text: FLAG_TEXT[flag.id][lang], tone: 'bad', evidence });
  }

  // 2. Sensitive data.
  const zhLabel = new Map(DATA_TYPES.map((d) => [d.type, d.labelZh]));
  const sensitive = facts.filter((f): f is DataTypeFact => f.kind === 'data-type' && f.sensitive).slice(0, MAX_SENSITIVE);
  for (const f of sensitive) {
    const text = lang === 'zh' ? `收集${zhLabel.get(f.type) ?? f.label}（敏感信息）` : `Collects ${f.label} (sensitive)`;
    out.push({ id: `data:${f.type}`, text, tone: 'bad', evidence: f.evidence });
  }

  // 3. Sharing: what the policy promises not to do, then who receives data.
  const promise = (practice: SaleFact['practice']) =>
    facts.find((f): f is SaleFact => f.kind === 'sale' && f.practice === practice && f.negated);
  const noSale = flagged.has('sells-data') ? undefined : promise('sell');
  if (noSale) out.push({ id: 'no-sale', text: lang === 'zh' ? '不出售您的个人信息' : 'Does not sell your personal information', tone: 'good', evidence: noSale.evidence });
  const noAds = flagged.has('shares-for-advertising') ? undefined : promise('share-for-advertising');
  if (noAds) out.push({ id: 'no-ads-sharing', text: lang === 'zh' ? '不为广告目的共享您的数据' : 'Does not share your data for advertising', tone: 'good', evidence: noAds.evidence });
  const rank = (f: ThirdPartyFact) => RECIPIENT_PRIORITY.indexOf(f.named ? '(named)' : f.recipient);
  const recipients = facts
    .filter((f): f is ThirdPartyFact => f.kind === 'third-party' && !(f.recipient === 'advertisers' && flagged.has('shares-for-advertising')))
    .sort((a, b) => rank(a) - rank(b))
    .filter((f, _i, all) => f.recipient !== 'third-parties' || all.length === 1)
    .slice(0, MAX_RECIPIENTS);
  for (const f of recipients) {
    const who = f.named ? f.recipient : (RECIPIENT_TEXT[f.recipient]?.[lang] ?? f.recipient);
    const text = lang === 'zh' ? `与${who}共享数据` : `Shares data with ${who}`;
    out.push({ id: `third-party:${f.recipient}`, text, tone: BAD_RECIPIENTS.has(f.recipient) ? 'bad' : 'neutral', evidence: f.evidence });
  }

  // 4. Retention (an indefinite period is already a red flag).
  const kept = retentionFact(facts, lang);
  if (kept) out.push(kept);

  // 5. Rights, most useful first.
  for (const right of RIGHT_PRIORITY) {
    const f = facts.find((x) => x.kind === 'right' && x.right === right);
    if (f) out.push({ id: `right:${right}`, text: RIGHT_TEXT[right][lang], tone: 'good', evidence: f.evidence });
  }

  // 6. The lowest age threshold, if room is left.
  const ages = facts.filter((f): f is AgeFact => f.kind === 'age-threshold').sort((a, b) => a.age - b.age);
  const age = ages[0];
  if (age) out.push({ id: 'age', text: lang === 'zh' ? `年龄门槛：${age.age}周岁` : `Age limit: ${age.age}`, tone: 'neutral', evidence: age.evidence });

  return out.slice(0, MAX_KEY_FACTS);
}
