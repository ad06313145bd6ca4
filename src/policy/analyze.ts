/**
 * The whole on-device reading of one policy: practice categories per passage, legal topics, facts
 * with evidence, red flags, vagueness, readability, the completeness checklist and the key facts a
 * person sees first. Pure: the same text gives the same report, in Node, vitest, the CLI and the
 * extension's analysis page.
 */
import { classifyPassage, OPP115_CATEGORIES, type Opp115Category } from './categories.ts';
import { completenessChecklist, type ChecklistItem } from './checklist.ts';
import { buildPolicyDocument, type PolicyBlock, type PolicyDocument, type PolicyTruncation } from './document.ts';
import { extractFacts, redFlags, vaguenessOf, type PolicyFact, type RedFlag, type VaguenessScore } from './facts.ts';
import { keyFacts, type KeyFact } from './key-facts.ts';
import { legalTopicIndex, type LegalTopic } from './legal-topics.ts';
import { readabilityOf, type Readability } from './readability.ts';

export interface CategoryShare {
  category: Opp115Category;
  /** Passages that speak to the category. */
  passages: number;
  /** Share of all passages, 0..1. */
  share: number;
}

export interface PolicyAnalysis {
  lang: string;
  readability: Readability;
  /** OPP-115 categories of each passage (index = PolicyDocument.passages index). */
  passageCategories: Opp115Category[][];
  /** The practice breakdown: every category with the passages that speak to it. */
  breakdown: CategoryShare[];
  topics: { topic: LegalTopic; evidence: PolicyDocument['sentences'][number]['index'][] }[];
  facts: PolicyFact[];
  redFlags: RedFlag[];
  vagueness: VaguenessScore;
  checklist: { items: ChecklistItem[]; score: number };
  /** Up to 10, in the policy's language when it is Chinese, else English. */
  keyFacts: KeyFact[];
  /**
   * Present only when the policy was longer than MAX_ANALYSED_CHARS (document.ts): everything above
   * describes its first `analysedChars` characters, and the UI and the CLI say so.
   */
  truncated?: PolicyTruncation;
}

export function analyzeDocument(doc: PolicyDocument): PolicyAnalysis {
  const passageCategories = doc.passages.map((p) => classifyPassage(doc.text.slice(p.start, p.end)));
  const counts = new Map<Opp115Category, number>();
  for (const cats of passageCategories) for (const c of cats) counts.set(c, (counts.get(c) ?? 0) + 1);
  const total = Math.max(1, doc.passages.length);
  const breakdown = OPP115_CATEGORIES.map((category) => ({ category, passages: counts.get(category) ?? 0, share: (counts.get(category) ?? 0) / total }));
  const topicIndex = legalTopicIndex(doc);
  const facts = extractFacts(doc);
  const vagueness = vaguenessOf(doc);
  const flags = redFlags(doc, facts, vagueness);
  const readability = readabilityOf(doc);
  return {
    lang: doc.lang,
    readability,
    passageCategories,
    breakdown,
    topics: [...topicIndex].map(([topic, evidence]) => ({ topic, evidence: evidence.map((e) => e.sentence) })),
    facts,
    redFlags: flags,
    vagueness,
    checklist: completenessChecklist(doc, facts, topicIndex, readability),
    keyFacts: keyFacts(doc, facts, flags, doc.lang === 'zh' ? 'zh' : 'en'),
    ...(doc.truncated ? { truncated: { ...doc.truncated } } : {}),
  };
}

export function analyzeBlocks(blocks: readonly PolicyBlock[], lang?: string): { document: PolicyDocument; analysis: PolicyAnalysis } {
  const document = buildPolicyDocument(blocks, lang);
  return { document, analysis: analyzeDocument(document) };
}
