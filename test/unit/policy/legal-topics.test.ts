import { describe, expect, it } from 'vitest';
import { blocksFromPlainText, buildPolicyDocument } from '../../../src/policy/document.ts';
import { legalTopicIndex, legalTopicsOf, type LegalTopic } from '../../../src/policy/legal-topics.ts';

// Sentences written for these tests: one per topic, in English, then Chinese.
const EN: [LegalTopic, string][] = [
  ['controller-contact', 'Harbour Apps Ltd. is the controller responsible for your personal data.'],
  ['dpo', 'You can reach our Data Protection Officer at dpo@harbour-apps.example.'],
  ['legal-basis', 'We rely on the performance of a contract as the legal basis for processing your order.'],
  ['legitimate-interest', 'We process usage data on the basis of our legitimate interests in keeping the service secure.'],
  ['right-access', 'You have the right to request a copy of your personal data.'],
  ['right-rectification', 'You can ask us to correct inaccurate information about you.'],
  ['right-erasure', 'You have the right to request deletion of your personal data.'],
  ['right-restriction', 'You may ask us to restrict the processing of your data while a dispute is resolved.'],
  ['right-objection', 'You have the right to object to processing based on our legitimate interests.'],
  ['right-portability', 'You may receive your data in a structured, commonly used and machine-readable format.'],
  ['right-withdraw-consent', 'Where we rely on consent, it can be withdrawn at any time.'],
  ['how-to-exercise-rights', 'To exercise any of these rights, submit a request through our privacy form.'],
  ['complaint-authority', 'You may lodge a complaint with the data protection authority in your country.'],
  ['cross-border-transfer', 'Your data may be transferred to countries outside the European Economic Area under standard contractual clauses.'],
  ['automated-decisions', 'We do not make decisions based solely on automated processing, including profiling.'],
  ['sale-or-sharing', 'We have not sold personal information in the preceding twelve months.'],
  ['opt-out-of-sale', 'Use the Do Not Sell or Share My Personal Information link to opt out.'],
  ['gpc-or-dnt', 'We treat a Global Privacy Control signal as a valid opt-out request.'],
  ['children', 'Our service is not directed to children, and we do not knowingly collect their data.'],
  ['data-source', 'We receive information about you from our business partners and from publicly available sources.'],
  ['required-or-optional', 'If you do not provide your email address, we cannot create your account.'],
  ['processing-method', 'We may combine information we collect with data from other services you use.'],
  ['sensitive-data', 'We only process health information with your explicit consent.'],
  ['retention', 'We retain order records for six years to meet tax rules.'],
  ['policy-change', 'We may update this privacy policy and will notify you of material changes.'],
  ['effective-date', 'Effective date: 1 May 2024.'],
  ['recipients', 'We share your information with service providers who host our website.'],
];

const ZH: [LegalTopic, string][] = [
  ['controller-contact', '如您对本政策有任何疑问，请联系我们。'],
  ['dpo', '我们设立了个人信息保护负责人，您可以通过邮件与其联系。'],
  ['right-access', '您有权查阅您的个人信息。'],
  ['right-erasure', '您可以申请删除您的个人信息或注销账户。'],
  ['right-withdraw-consent', '您可以通过关闭设备权限的方式撤回同意。'],
  ['how-to-exercise-rights', '如需行使上述权利，请通过客服提交申请。'],
  ['cross-border-transfer', '我们不会将您的个人信息传输至境外。'],
  ['automated-decisions', '我们可能基于用户画像向您进行个性化推荐。'],
  ['sale-or-sharing', '我们不会出售您的个人信息。'],
  ['children', '若您是未满14周岁的儿童，请在监护人指导下使用我们的服务。'],
  ['data-source', '我们可能从第三方获取您授权共享的账户信息。'],
  ['required-or-optional', '如您拒绝提供上述信息，将无法使用该功能。'],
  ['sensitive-data', '人脸信息属于敏感个人信息。'],
  ['retention', '我们将在必要期限内保存您的个人信息。'],
  ['policy-change', '我们可能会适时修订本政策。'],
  ['effective-date', '生效日期：2024年3月1日。'],
  ['recipients', '我们会与关联公司共享您的必要信息。'],
];

describe('legalTopicsOf', () => {
  it('covers every topic with an English cue', () => {
    expect(new Set(EN.map(([topic]) => topic)).size).toBe(27);
  });

  it.each(EN)('tags %s in "%s"', (topic, sentence) => {
    expect(legalTopicsOf(sentence)).toContain(topic);
  });

  it.each(ZH)('tags %s in "%s"', (topic, sentence) => {
    expect(legalTopicsOf(sentence)).toContain(topic);
  });

  it('is multi-label', () => {
    expect(legalTopicsOf('You have the right to access, correct or delete your personal data.')).toEqual([
      'right-access', 'right-rectification', 'right-erasure',
    ]);
  });

  it('does not tag ordinary sentences', () => {
    expect(legalTopicsOf('Thank you for reading.')).toEqual([]);
    expect(legalTopicsOf('We use industry-standard encryption.')).toEqual([]);
    // Deleting cookies is a browser setting, not the right to erasure.
    expect(legalTopicsOf('You can delete cookies in your browser settings.')).not.toContain('right-erasure');
    // Access by our staff is not the reader's right of access.
    expect(legalTopicsOf('Only authorised employees have access to personal data.')).not.toContain('right-access');
  });
});

describe('legalTopicIndex', () => {
  it('lists the evidence sentences of each topic, in document order', () => {
    const doc = buildPolicyDocument(
      blocksFromPlainText(
        'Your rights\n\nYou have the right to request deletion of your data. To exercise this right, email privacy@harbour-apps.example.\n\n' +
          'Retention\n\nWe retain invoices for six years. Other data is deleted when you ask us to delete it.',
      ),
    );
    const index = legalTopicIndex(doc);
    expect(index.get('right-erasure')?.map((e) => e.sentence)).toEqual([0, 3]);
    expect(index.get('how-to-exercise-rights')?.map((e) => e.sentence)).toEqual([1]);
    expect(index.get('retention')?.map((e) => e.sentence)).toEqual([2]);
    expect(index.has('children')).toBe(false);
    for (const list of index.values()) {
      for (const e of list) expect(doc.text.slice(e.start, e.end)).toBe(doc.sentences[e.sentence]!.text);
    }
  });
});
