/**
 * The 21-item completeness checklist of standards.md §3.4 (GDPR arts 13/14, PIPL, CCPA/CPRA, Civil Code
 * art. 1035, the CN App rules), scored from the extracted facts and legal topics. Items 1–20 are
 * present/absent with the weights given there; item 21 (readability) is a metric reported as an item
 * with weight 0 and does not enter the score.
 */
import type { Evidence, PolicyDocument } from './document.ts';
import type { PolicyFact } from './facts.ts';
import type { LegalTopic } from './legal-topics.ts';
import type { Readability } from './readability.ts';

export interface ChecklistItem {
  id: number;
  key: string;
  title: string;
  weight: number;
  legal: string;
  present: boolean;
  /** Up to 3 sentences that show the item, in document order. */
  evidence: Evidence[];
}

/** Flesch reading ease at or above which English counts as acceptably readable ("difficult" starts at 30). */
export const MIN_FLESCH_READING_EASE = 30;
/** The heuristic Chinese grade (readability.ts) at or below which Chinese counts as acceptably readable. */
export const MAX_CHINESE_GRADE = 12;
const MAX_EVIDENCE = 3;

interface ItemSpec {
  key: string;
  title: string;
  weight: number;
  legal: string;
}

/** Items 1–21 in the order, with the weights and legal references, of standards.md §3.4. */
const ITEMS: readonly ItemSpec[] = [
  { key: 'controller-contact', title: 'Who is responsible and how to contact them', weight: 2, legal: 'GDPR 13(1)(a), 14(1)(a); PIPL 17(1)(1); CCPA 7011 contact; CC 1035(1)(2)' },
  { key: 'dpo', title: 'Data protection officer or representative contact', weight: 1, legal: 'GDPR 13(1)(b), 27; PIPL 52–53 (from memory, unverified)' },
  { key: 'purposes', title: 'Specific purposes of processing', weight: 3, legal: 'GDPR 5(1)(b), 13(1)(c); PIPL 6, 17(1)(2); CCPA 1798.100(a)(1); CC 1035(1)(3)' },
  { key: 'legal-basis', title: 'Legal basis for processing', weight: 2, legal: 'GDPR 6, 13(1)(c); PIPL 13' },
  { key: 'legitimate-interests', title: 'Legitimate interests named', weight: 1, legal: 'GDPR 13(1)(d), 14(2)(b)' },
  { key: 'data-categories', title: 'Categories of personal data collected', weight: 3, legal: 'GDPR 14(1)(d); PIPL 17(1)(2); CCPA 1798.100(a)(1); CN 认定方法 §2(1)' },
  { key: 'sensitive-data', title: 'Sensitive data and how it is handled', weight: 2, legal: 'GDPR 9; PIPL 28–30; CCPA 1798.100(a)(2), 1798.121' },
  { key: 'processing-method', title: 'How data is processed (method, profiling, combination)', weight: 1, legal: 'PIPL 17(1)(2) "处理方式"; CC 1035(1)(3) "方式"; ISO 29184 5.3.8' },
  { key: 'retention', title: 'How long data is kept', weight: 2, legal: 'GDPR 13(2)(a); PIPL 17(1)(2); CCPA 1798.100(a)(3)' },
  { key: 'recipients', title: 'Who receives the data', weight: 3, legal: 'GDPR 13(1)(e); PIPL 23; CCPA 1798.110/115' },
  { key: 'sale-sharing', title: 'Sale or sharing of data, opt-out, GPC', weight: 2, legal: 'CCPA 1798.100, 1798.120, 1798.135; 7011/7012/7025' },
  { key: 'cross-border', title: 'Transfers to other countries and safeguards', weight: 2, legal: 'GDPR 13(1)(f), 44–49; PIPL 38–39' },
  { key: 'rights', title: 'Your rights and how to exercise them', weight: 3, legal: 'GDPR 13(2)(b), 15–22; PIPL 17(1)(3), 44–50; CCPA 1798.130' },
  { key: 'withdraw-consent', title: 'How to withdraw consent', weight: 2, legal: 'GDPR 7(3), 13(2)(c); PIPL 15' },
  { key: 'complaint', title: 'Right to complain to an authority', weight: 1, legal: 'GDPR 13(2)(d), 77' },
  { key: 'required-or-optional', title: 'Whether data is required and what happens if you refuse', weight: 2, legal: 'GDPR 13(2)(e), 7(4); PIPL 16; CN 必要个人信息范围规定' },
  { key: 'automated-decisions', title: 'Automated decisions and profiling', weight: 1, legal: 'GDPR 13(2)(f), 22; PIPL 24 (from memory, unverified); CN 认定方法 §3(6)' },
  { key: 'data-source', title: 'Where data not from you comes from', weight: 1, legal: 'GDPR 14(2)(f)' },
  { key: 'children', title: "Children's data", weight: 1, legal: 'GDPR 8; PIPL 28 & 31; CCPA 1798.120(c)' },
  { key: 'version-date', title: 'Date, version and change notice', weight: 1, legal: 'PIPL 17 ¶2–3; CCPA 7011 "date last updated"; CN 认定方法 §1 (≤4 clicks)' },
  { key: 'readability', title: 'Readability', weight: 0, legal: 'GDPR 12(1); PIPL 17 "清晰易懂"; CN 认定方法 §1(4), §2(4)' },
];

/** Evidence from several sources, one per sentence, first MAX_EVIDENCE in document order. */
function pick(...lists: Evidence[][]): Evidence[] {
  const sorted = lists.flat().sort((a, b) => a.start - b.start);
  return sorted.filter((e, i) => e.start !== sorted[i - 1]?.start).slice(0, MAX_EVIDENCE);
}

function readabilityItem(r: Readability): { present: boolean; title: string } {
  if (r.fleschReadingEase !== null) {
    return {
      present: r.fleschReadingEase >= MIN_FLESCH_READING_EASE,
      title: `Readability: Flesch reading ease ${r.fleschReadingEase}, grade ${r.fleschKincaidGrade}, ${r.readingMinutes} min to read`,
    };
  }
  if (r.chineseGrade !== null) {
    return {
      present: r.chineseGrade <= MAX_CHINESE_GRADE,
      title: `Readability: heuristic Chinese grade ${r.chineseGrade}, ${r.readingMinutes} min to read`,
    };
  }
  return { present: false, title: `Readability: not measured for '${r.lang}', ${r.readingMinutes} min to read` };
}

/**
 * The checklist and its score: the weighted share of items 1–20 present (0..1).
 *
 * When an item counts as present: 3 and 6 need at least two distinct purposes / data types (one alone
 * is not "specific categories"); 13 needs a right of access, rectification, erasure, restriction,
 * objection or portability AND a sentence on how to exercise rights; 20 is a dated policy or a change
 * notice; the others need their fact or legal topic.
 */
export function completenessChecklist(
  _doc: PolicyDocument,
  facts: PolicyFact[],
  topics: Map<LegalTopic, Evidence[]>,
  readability: Readability,
): { items: ChecklistItem[]; score: number } {
  const topic = (t: LegalTopic) => topics.get(t) ?? [];
  const factsWhere = (test: (f: PolicyFact) => boolean) => facts.filter(test).map((f) => f.evidence);
  const distinct = (kind: 'purpose' | 'data-type') => facts.filter((f) => f.kind === kind).length;

  const contacts = factsWhere((f) => f.kind === 'contact');
  const sensitive = factsWhere((f) => f.kind === 'data-type' && f.sensitive);
  const retention = factsWhere((f) => f.kind === 'retention');
  const recipients = factsWhere((f) => f.kind === 'third-party');
  const sale = factsWhere((f) => f.kind === 'sale');
  const subjectRights = factsWhere((f) => f.kind === 'right' && !['withdraw-consent', 'opt-out-sale', 'complaint'].includes(f.right));
  const withdraw = factsWhere((f) => f.kind === 'right' && f.right === 'withdraw-consent');
  const complaint = factsWhere((f) => f.kind === 'right' && f.right === 'complaint');
  const ages = factsWhere((f) => f.kind === 'age-threshold');
  const dates = factsWhere((f) => f.kind === 'date');
  const saleTopics = [...topic('sale-or-sharing'), ...topic('opt-out-of-sale'), ...topic('gpc-or-dnt')];
  const how = topic('how-to-exercise-rights');

  // [present, evidence] for items 1–20, in order.
  const found: [boolean, Evidence[]][] = [
    [contacts.length > 0 || topic('controller-contact').length > 0, pick(topic('controller-contact'), contacts)],
    [topic('dpo').length > 0, pick(topic('dpo'))],
    [distinct('purpose') >= 2, pick(factsWhere((f) => f.kind === 'purpose'))],
    [topic('legal-basis').length > 0, pick(topic('legal-basis'))],
    [topic('legitimate-interest').length > 0, pick(topic('legitimate-interest'))],
    [distinct('data-type') >= 2, pick(factsWhere((f) => f.kind === 'data-type'))],
    [sensitive.length > 0 || topic('sensitive-data').length > 0, pick(sensitive, topic('sensitive-data'))],
    [topic('processing-method').length > 0, pick(topic('processing-method'))],
    [retention.length > 0, pick(retention)],
    [recipients.length > 0 || topic('recipients').length > 0, pick(recipients, topic('recipients'))],
    [sale.length > 0 || saleTopics.length > 0, pick(sale, saleTopics)],
    [topic('cross-border-transfer').length > 0, pick(topic('cross-border-transfer'))],
    [subjectRights.length > 0 && how.length > 0, pick(subjectRights, how)],
    [withdraw.length > 0, pick(withdraw)],
    [complaint.length > 0, pick(complaint)],
    [topic('required-or-optional').length > 0, pick(topic('required-or-optional'))],
    [topic('automated-decisions').length > 0, pick(topic('automated-decisions'))],
    [topic('data-source').length > 0, pick(topic('data-source'))],
    [ages.length > 0 || topic('children').length > 0, pick(topic('children'), ages)],
    [dates.length > 0 || topic('effective-date').length > 0 || topic('policy-change').length > 0, pick(dates, topic('effective-date'), topic('policy-change'))],
  ];

  const items: ChecklistItem[] = ITEMS.map((spec, i) => {
    if (i === 20) return { id: 21, ...spec, ...readabilityItem(readability), evidence: [] };
    const [present, evidence] = found[i]!;
    return { id: i + 1, ...spec, present, evidence: present ? evidence : [] };
  });
  const scored = items.slice(0, 20);
  const total = scored.reduce((sum, item) => sum + item.weight, 0);
  const got = scored.reduce((sum, item) => sum + (item.present ? item.weight : 0), 0);
  return { items, score: Math.round((got / total) * 1000) / 1000 };
}
