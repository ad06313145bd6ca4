import { describe, expect, it } from 'vitest';
import { blocksFromPlainText, buildPolicyDocument, type PolicyDocument } from '../../../src/policy/document.ts';
import {
  VAGUE_THRESHOLD, extractFacts, redFlags, vaguenessOf, type PolicyFact,
} from '../../../src/policy/facts.ts';

// Every passage here was written for these tests.
const docOf = (text: string): PolicyDocument => buildPolicyDocument(blocksFromPlainText(text));
const factsOf = (text: string) => extractFacts(docOf(text));
const ofKind = <K extends PolicyFact['kind']>(facts: PolicyFact[], kind: K) =>
  facts.filter((f): f is Extract<PolicyFact, { kind: K }> => f.kind === kind);
const dataTypes = (text: string) => ofKind(factsOf(text), 'data-type').map((f) => f.type);

describe('data types', () => {
  it('finds the fields a policy says it collects, and marks the sensitive ones', () => {
    const facts = ofKind(
      factsOf(
        'We collect your name, email address, phone number and date of birth when you sign up. ' +
          'The app collects precise location from GPS, your fingerprint for login, and your bank account number for payouts.',
      ),
      'data-type',
    );
    expect(facts.map((f) => f.type)).toEqual(['name', 'email', 'phone', 'date-of-birth', 'precise-location', 'biometrics', 'financial-account']);
    expect(facts.filter((f) => f.sensitive).map((f) => f.type)).toEqual(['precise-location', 'biometrics', 'financial-account']);
  });

  it('skips data the policy says it does not collect', () => {
    expect(dataTypes('We collect your email address but not your health information. We do not collect religious beliefs.')).toEqual(['email']);
  });

  it('does not take "name" or "location" out of their collection context', () => {
    expect(dataTypes('Our company name is Harbour Apps and our office location is in Leeds.')).toEqual([]);
    expect(dataTypes('We collect your location information to show nearby stores.')).toEqual(['location']);
    // A precise location makes the generic one redundant.
    expect(dataTypes('We collect location data, including your precise location when you allow it.')).toEqual(['precise-location']);
  });

  it('reads a bulleted list of fields under a heading about collection', () => {
    // (Items end in punctuation: blocksFromPlainText reads a bare short line as a heading.)
    const text = 'Information we collect\n\n- Email address;\n- Purchase history.\n\nAbout\n\nOur founders met while renewing their passports.';
    expect(dataTypes(text)).toEqual(['email', 'purchase-history']);
  });

  it('reads Chinese data types', () => {
    const facts = ofKind(
      factsOf('我们会收集您的姓名、手机号码和身份证号码。为完成实名认证，我们需要采集您的人脸信息。我们会收集未满14周岁儿童的个人信息，须经监护人同意。'),
      'data-type',
    );
    expect(facts.map((f) => f.type)).toEqual(['name', 'phone', 'government-id', 'biometrics', 'children']);
    expect(facts.every((f) => f.type === 'name' || f.type === 'phone' || f.sensitive)).toBe(true);
  });
});

describe('purposes and recipients', () => {
  it('finds purposes stated as purposes', () => {
    const purposes = ofKind(
      factsOf(
        'We use your information to provide and operate our services. We use it to detect and prevent fraud. ' +
          'We use analytics to understand how visitors use the site. We send newsletters and special offers to subscribers.',
      ),
      'purpose',
    ).map((f) => f.purpose);
    expect(purposes).toEqual(['service', 'security', 'analytics', 'marketing']);
  });

  it('ignores a purpose the policy rules out', () => {
    const purposes = ofKind(factsOf('We do not use your data for targeted advertising. We use it to provide our services.'), 'purpose');
    expect(purposes.map((f) => f.purpose)).toEqual(['service']);
  });

  it('names recipient categories and companies, but not those the policy excludes', () => {
    const recipients = ofKind(
      factsOf(
        'We share your information with service providers and with Stripe to process payments. ' +
          'We never share your data with advertisers. We may disclose information to law enforcement when the law requires it.',
      ),
      'third-party',
    );
    expect(recipients.map((f) => [f.recipient, f.named])).toEqual([
      ['service-providers', false],
      ['Stripe', true],
      ['law-enforcement', false],
    ]);
  });

  it('reads Chinese recipients', () => {
    const recipients = ofKind(factsOf('我们会将订单信息提供给支付机构。我们会与关联公司共享必要的账户信息。'), 'third-party');
    expect(recipients.map((f) => f.recipient)).toEqual(['payment-processors', 'affiliates']);
  });
});

describe('sale and sharing for advertising', () => {
  const sales = (text: string) => ofKind(factsOf(text), 'sale').map((f) => `${f.practice}:${f.negated ? 'no' : 'yes'}`);

  it('tells "does not sell" from "sells"', () => {
    expect(sales('We do not sell your personal information.')).toEqual(['sell:no']);
    expect(sales('We will not sell, rent or trade your personal data to anyone.')).toEqual(['sell:no']);
    expect(sales('No personal information is sold to third parties.')).toEqual(['sell:no']);
    expect(sales('We may sell your personal information to data brokers.')).toEqual(['sell:yes']);
    expect(sales('Unless you object, we will sell your contact information to marketing partners.')).toEqual(['sell:yes']);
    expect(sales('我们不会出售您的个人信息。')).toEqual(['sell:no']);
    expect(sales('我们可能会出售您的个人信息。')).toEqual(['sell:yes']);
  });

  it('ignores selling that is not a sale of personal data', () => {
    expect(sales('If we sell some or all of our assets, customer information may be transferred to the buyer.')).toEqual([]);
    expect(sales('You can opt out of the sale of your personal information at any time.')).toEqual([]);
    expect(sales('Partners link to their own sites, where they sell their own products.')).toEqual([]);
  });

  it('finds sharing for advertising, with its negation', () => {
    expect(sales('We share device identifiers with advertising partners for targeted advertising.')).toEqual(['share-for-advertising:yes']);
    expect(sales('We never share your personal information with advertisers.')).toEqual(['share-for-advertising:no']);
    expect(sales('We share aggregated statistics with advertisers.')).toEqual([]);
    expect(sales('我们可能与广告合作伙伴共享您的设备标识符。')).toEqual(['share-for-advertising:yes']);
  });
});

describe('retention', () => {
  const retention = (text: string) => ofKind(factsOf(text), 'retention');
  const durations = (text: string) => retention(text).map((f) => f.duration);

  it.each([
    ['We keep your data for 2 years after your last login.', 'P2Y'],
    ['Server logs are retained for thirty (30) days.', 'P30D'],
    ['Backups are stored for up to 6 months.', 'P6M'],
    ['Verification codes are kept for 24 hours.', 'PT24H'],
    ['We retain support tickets for a period of ninety days.', 'P90D'],
    ['We retain invoices for seven years.', 'P7Y'],
    ['日志信息保存6个月。', 'P6M'],
    ['您的账户信息保存三年。', 'P3Y'],
    ['我们将在注销后15个工作日内删除或匿名化处理您的信息，交易记录保存180天。', 'P180D'],
  ])('normalises "%s" to %s', (text, iso) => {
    expect(durations(text)).toContain(iso);
  });

  it('flags indefinite retention, but not permanent deletion', () => {
    expect(retention('Aggregated statistics may be kept indefinitely.')).toMatchObject([{ duration: null, indefinite: true }]);
    expect(retention('我们将永久保存您发布的公开评论。')).toMatchObject([{ duration: null, indefinite: true }]);
    expect(retention('When you close your account we permanently delete the data we store.')).toEqual([]);
    expect(retention('We do not keep your messages indefinitely.')).toEqual([]);
  });

  it('recognises "as long as necessary" criteria', () => {
    expect(retention('We retain personal data as long as necessary to provide the service.')).toMatchObject([{ duration: null, asLongAsNecessary: true }]);
    expect(retention('We keep your profile as long as your account is active.')).toMatchObject([{ asLongAsNecessary: true }]);
    expect(retention('我们仅在实现处理目的所必需的最短期限内保存您的个人信息。')).toMatchObject([{ asLongAsNecessary: true }]);
  });

  it('does not read a response time as a retention period', () => {
    expect(retention('We store your request and will respond within 30 days.')).toEqual([]);
    expect(retention('Children under 13 years of age may not create an account that we store.')).toEqual([]);
  });
});

describe('rights', () => {
  const rights = (text: string) => ofKind(factsOf(text), 'right').map((f) => f.right);

  it('reads the GDPR and CCPA rights', () => {
    expect(
      rights(
        'You have the right to access, correct or delete your personal data and to data portability. ' +
          'You may object to processing for direct marketing. You can withdraw your consent at any time. ' +
          'You have the right to opt out of the sale of your personal information. ' +
          'You may lodge a complaint with your local supervisory authority.',
      ),
    ).toEqual(['access', 'rectification', 'erasure', 'portability', 'objection', 'withdraw-consent', 'opt-out-sale', 'complaint']);
  });

  it('reads Chinese rights, including account cancellation as erasure', () => {
    expect(rights('您有权查阅、更正您的个人信息，也可以注销账户。您可以随时撤回同意。')).toEqual(['access', 'rectification', 'erasure', 'withdraw-consent']);
  });

  it('reads the passive wording of a right ("to have it deleted", "to have it erased")', () => {
    expect(rights('You have the right to access the data we hold about you and to have it deleted.')).toEqual(['access', 'erasure']);
    expect(rights('You may ask to have your information erased.')).toEqual(['erasure']);
  });

  it('does not take deleting cookies or a negated right as a right', () => {
    expect(rights('You can delete cookies in your browser settings.')).toEqual([]);
    expect(rights('You cannot delete messages you have already sent to other users.')).toEqual([]);
  });
});

describe('contacts, dates and ages', () => {
  it('extracts e-mail, web form, phone and postal address', () => {
    const contacts = ofKind(
      factsOf(
        'Questions? Email privacy@harbour-apps.example. ' +
          'To exercise your rights, submit a request at https://harbour-apps.example/privacy-request. ' +
          'You can also call us toll-free at 1-800-555-0199. ' +
          'You may write to us at Harbour Apps Ltd., 42 Quay Street, Bristol BS1 4QA, United Kingdom.',
      ),
      'contact',
    );
    expect(contacts.map((c) => [c.channel, c.value])).toEqual([
      ['email', 'privacy@harbour-apps.example'],
      ['url', 'https://harbour-apps.example/privacy-request'],
      ['phone', '1-800-555-0199'],
      ['postal', 'Harbour Apps Ltd., 42 Quay Street, Bristol BS1 4QA, United Kingdom'],
    ]);
  });

  it('reads a Chinese postal address', () => {
    const contacts = ofKind(factsOf('联系地址为：上海市浦东新区世纪大道100号。'), 'contact');
    expect(contacts.map((c) => c.value)).toEqual(['上海市浦东新区世纪大道100号']);
  });

  it.each([
    ['This policy was last updated: March 3, 2024.', 'last-updated', '2024-03-03'],
    ['Effective date: 2024-01-15.', 'effective', '2024-01-15'],
    ['This notice is effective as of 1 May 2023.', 'effective', '2023-05-01'],
    ['最近更新日期：2024年3月1日。', 'last-updated', '2024-03-01'],
    ['本政策自2024年3月15日起生效。', 'effective', '2024-03-15'],
  ])('dates "%s" as %s %s', (text, role, date) => {
    expect(ofKind(factsOf(text), 'date')).toMatchObject([{ role, date }]);
  });

  it('reads a date line as a sentence, and a date in a heading with evidence spanning the heading', () => {
    const doc = docOf('Privacy Policy\n\nLast updated: March 3, 2024\n\nWe collect your email address.');
    const [date] = ofKind(extractFacts(doc), 'date');
    expect(date).toMatchObject({ role: 'last-updated', date: '2024-03-03', evidence: { sentence: 0 } });
    expect(doc.text.slice(date!.evidence.start, date!.evidence.end)).toBe('Last updated: March 3, 2024');
    const headed = buildPolicyDocument([
      { kind: 'heading', level: 2, text: 'Last updated: March 3, 2024' },
      { kind: 'paragraph', level: 0, text: 'We collect your email address.' },
    ]);
    const [fromHeading] = ofKind(extractFacts(headed), 'date');
    expect(fromHeading).toMatchObject({ role: 'last-updated', date: '2024-03-03', evidence: { sentence: -1 } });
    expect(headed.text.slice(fromHeading!.evidence.start, fromHeading!.evidence.end)).toBe('Last updated: March 3, 2024');
  });

  it.each([
    ['Our services are not directed to children under 13.', 13],
    ['We do not knowingly collect data from anyone under the age of 16.', 16],
    ['Children under 13 years may use the app only with parental consent.', 13],
    ['You must be 18 years of age or older to buy tickets.', 18],
    ['若您是未满14周岁的未成年人，请在监护人的陪同下阅读本政策。', 14],
    ['不满十四周岁的儿童需要取得监护人同意。', 14],
  ])('reads the age threshold in "%s"', (text, age) => {
    expect(ofKind(factsOf(text), 'age-threshold').map((f) => f.age)).toEqual([age]);
  });
});

describe('evidence and deduplication', () => {
  it('points every fact at its sentence and keeps repeats in `also`', () => {
    const doc = docOf(
      'What we collect\n\nWe collect your email address. We also use your email address to send receipts.\n\n' +
        'Your rights\n\nYou can ask us to delete your data. 我们不会出售您的个人信息。',
    );
    const facts = extractFacts(doc);
    for (const f of facts) {
      expect(doc.text.slice(f.evidence.start, f.evidence.end)).toBe(doc.sentences[f.evidence.sentence]!.text);
    }
    const email = facts.find((f) => f.kind === 'data-type' && f.type === 'email')!;
    expect(email.evidence.sentence).toBe(0);
    expect(email.also?.map((e) => e.sentence)).toEqual([1]);
  });
});

describe('vagueness', () => {
  it('counts hedges per 100 words and keeps the most hedged sentences as examples', () => {
    // 19 words (11 + 8), 4 hedges: "may", "certain", "from time to time", "such as".
    const doc = docOf('We may share certain data with partners from time to time. We collect data such as your email address.');
    const v = vaguenessOf(doc);
    expect(v).toMatchObject({ hedges: 4, words: 19, score: 21.05 });
    expect(v.examples.map((e) => e.sentence)).toEqual([0, 1]);
  });

  it('does not count the month of May as a hedge', () => {
    expect(vaguenessOf(docOf('This policy takes effect on May 1, 2024.')).hedges).toBe(0);
  });

  it('counts Chinese hedges per character', () => {
    // 包括但不限于 and 等: 2 hedges over 19 Han characters.
    const v = vaguenessOf(docOf('我们收集的信息包括但不限于姓名、手机号等。'));
    expect(v).toMatchObject({ hedges: 2, words: 19, score: 10.53 });
  });
});

describe('red flags', () => {
  const flagIds = (text: string) => {
    const doc = docOf(text);
    return redFlags(doc, extractFacts(doc), vaguenessOf(doc)).map((f) => f.id);
  };

  it('raises the flags a reader should see', () => {
    const text =
      'We sell your personal information to data brokers. We share device identifiers with advertisers for targeted advertising. ' +
      'Aggregated usage data is kept indefinitely.';
    expect(flagIds(text)).toEqual(['sells-data', 'shares-for-advertising', 'indefinite-retention', 'no-deletion-right']);
  });

  it('does not flag what the policy rules out', () => {
    const text =
      'We do not sell your personal information. We never share your data with advertisers. ' +
      'We keep your data for 2 years. You can ask us to delete your data.';
    expect(flagIds(text)).toEqual([]);
  });

  it('flags vague language above the threshold, with the hedged sentences as evidence', () => {
    const doc = docOf('We may share certain data from time to time. You can ask us to delete your data.');
    const vagueness = vaguenessOf(doc);
    expect(vagueness.score).toBeGreaterThanOrEqual(VAGUE_THRESHOLD.en);
    const flag = redFlags(doc, extractFacts(doc), vagueness).find((f) => f.id === 'vague-language');
    expect(flag?.evidence.map((e) => e.sentence)).toEqual([0]);
  });

  it('evidence of an absence-based flag is empty', () => {
    const doc = docOf('We collect your email address.');
    expect(redFlags(doc, extractFacts(doc), vaguenessOf(doc))).toMatchObject([{ id: 'no-deletion-right', evidence: [] }]);
  });
});
