import { describe, expect, it } from 'vitest';
import { blocksFromPlainText, buildPolicyDocument } from '../../../src/policy/document.ts';
import { completenessChecklist } from '../../../src/policy/checklist.ts';
import { extractFacts } from '../../../src/policy/facts.ts';
import { legalTopicIndex } from '../../../src/policy/legal-topics.ts';
import { readabilityOf } from '../../../src/policy/readability.ts';

// Policies written for these tests.
const COMPLETE_POLICY = `Privacy Policy

Who we are

Harbour Apps Ltd. is the controller of your personal data. If you have questions about this policy, email privacy@harbour-apps.example. You can reach our Data Protection Officer at dpo@harbour-apps.example.

What we collect

We collect your name, email address and phone number when you create an account. With your permission we collect your precise location from GPS. We receive information about you from our business partners and from publicly available sources. If you do not provide your email address, we cannot create your account.

How we use it

We use your information to provide and operate our services and to detect and prevent fraud. We use analytics to understand how visitors use the app. We process your data on the basis of your consent, the performance of a contract and our legitimate interests. We may combine information we collect with data from other services you use. We do not make decisions based solely on automated processing, including profiling.

Sharing

We share your information with service providers who host our app. We do not sell your personal information. We honour Global Privacy Control signals. We transfer data to the United States under standard contractual clauses.

Retention

We keep account data for 2 years after your last login.

Your rights

You have the right to access, correct or delete your personal data. To exercise these rights, submit a request through our privacy form. You can withdraw your consent at any time. You may lodge a complaint with your local supervisory authority.

Children

Our services are not directed to children under 13.

Changes

We may update this privacy policy and will notify you of material changes. Effective date: 1 May 2024.`;

const THIN_POLICY = `Privacy

We collect your email address and use cookies. Contact us at hello@harbour-apps.example with any questions.`;

const checklistOf = (text: string) => {
  const doc = buildPolicyDocument(blocksFromPlainText(text));
  const facts = extractFacts(doc);
  return completenessChecklist(doc, facts, legalTopicIndex(doc), readabilityOf(doc));
};

describe('completenessChecklist', () => {
  it('lists the 21 items of standards.md §3.4 in order with their weights', () => {
    const { items } = checklistOf(THIN_POLICY);
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(items.map((i) => i.weight)).toEqual([2, 1, 3, 2, 1, 3, 2, 1, 2, 3, 2, 2, 3, 2, 1, 2, 1, 1, 1, 1, 0]);
    expect(items[0]).toMatchObject({ key: 'controller-contact', legal: expect.stringContaining('GDPR 13(1)(a)') });
    expect(items[20]).toMatchObject({ key: 'readability', legal: expect.stringContaining('GDPR 12(1)') });
  });

  it('finds every item in a complete policy, each with evidence', () => {
    const { items, score } = checklistOf(COMPLETE_POLICY);
    const missing = items.filter((i) => !i.present).map((i) => i.key);
    expect(missing).toEqual([]);
    expect(score).toBe(1);
    for (const item of items.slice(0, 20)) {
      expect(item.evidence.length).toBeGreaterThan(0);
      expect(item.evidence.length).toBeLessThanOrEqual(3);
    }
  });

  it('scores a thin policy by the weights of what it has', () => {
    const { items, score } = checklistOf(THIN_POLICY);
    const present = items.filter((i) => i.present).map((i) => i.key);
    // Contact (2) and two data categories (3) out of 36 points; readability does not count.
    expect(present).toEqual(['controller-contact', 'data-categories', 'readability']);
    expect(score).toBeCloseTo(5 / 36, 3);
    expect(items.find((i) => i.key === 'rights')).toMatchObject({ present: false, evidence: [] });
  });

  it('needs both a right and how to exercise it for item 13', () => {
    const rightsOnly = checklistOf('Rights\n\nYou have the right to request deletion of your personal data.');
    expect(rightsOnly.items[12]!.present).toBe(false);
    const both = checklistOf('Rights\n\nYou have the right to request deletion of your personal data. To exercise this right, submit a request through our privacy form.');
    expect(both.items[12]!.present).toBe(true);
    expect(both.items[12]!.evidence.map((e) => e.sentence)).toEqual([0, 1]);
  });

  it('reports readability as item 21 with the Flesch score in its title', () => {
    const easy = checklistOf('Privacy\n\nWe keep your data safe. We do not sell it. You can ask us to delete it.');
    expect(easy.items[20]!.present).toBe(true);
    expect(easy.items[20]!.title).toMatch(/^Readability: Flesch reading ease \d+(\.\d)?, grade -?\d+(\.\d)?/u);
    const hard = checklistOf(
      'Privacy\n\nNotwithstanding the aforementioned considerations, organisational personalisation technologies necessitate comprehensive authorisation documentation.',
    );
    expect(hard.items[20]!.present).toBe(false);
  });
});
