import { describe, expect, it } from 'vitest';
import { OPP115_CATEGORIES, classifyPassage, scorePassage, type Opp115Category } from '../../../src/policy/categories.ts';

// Passages written for these tests (no corpus text).
const CASES: readonly (readonly [Opp115Category, string])[] = [
  ['First Party Collection/Use', 'When you create an account we collect your name, e-mail address and date of birth so that we can set up your profile.'],
  ['First Party Collection/Use', 'Our servers automatically record your IP address, browser type and the pages you view, and we use this log data to improve the reliability of the app.'],
  ['Third Party Sharing/Collection', 'We may share your purchase history with our delivery partners and payment processors, who handle orders on our behalf.'],
  ['Third Party Sharing/Collection', 'We will disclose account details to law enforcement agencies when we receive a valid subpoena or court order.'],
  ['Third Party Sharing/Collection', 'If Example Books is involved in a merger or acquisition, customer records may be transferred to the new owner as a business asset.'],
  ['User Choice/Control', 'You can opt out of our marketing newsletter at any time by clicking the unsubscribe link at the bottom of each message.'],
  ['User Choice/Control', 'Most browsers let you refuse cookies; you can change your browser settings to block them, although some features may then stop working.'],
  ['User Access, Edit and Deletion', 'You may review, correct or delete the personal details in your profile at any time from the account page.'],
  ['User Access, Edit and Deletion', 'To close your account and have your personal information removed, send a request that we delete your data through the help centre.'],
  ['Data Retention', 'We retain order records for seven years to meet our tax obligations and then erase them.'],
  ['Data Retention', 'Messages are kept on our servers for 30 days after you remove them, and only as long as necessary to resolve disputes.'],
  ['Data Security', 'All payment pages are protected with TLS encryption, and our data centres use firewalls and strict access controls.'],
  ['Data Security', 'We maintain physical, electronic and administrative safeguards to protect your information against unauthorized access, although no method of transmission over the internet is completely secure.'],
  ['Policy Change', 'We may update this privacy policy from time to time; if we make material changes we will notify you by e-mail before they take effect.'],
  ['Policy Change', 'Any changes to this notice will be posted on this page with a new effective date, so please check back periodically.'],
  ['Do Not Track', 'Our website does not currently respond to Do Not Track signals sent by web browsers.'],
  ['Do Not Track', 'Some browsers offer a DNT setting; because there is no common standard yet, we treat such requests like any other visit.'],
  ['International and Specific Audiences', 'The service is not directed to children under 13, and we do not knowingly gather information from them; parents who believe their child has signed up should write to us.'],
  ['International and Specific Audiences', 'California residents may ask once a year which categories of data we gave to other businesses for direct marketing, under the Shine the Light law.'],
  ['International and Specific Audiences', 'If you live in the European Economic Area, your data may be transferred to servers outside your country, including the United States.'],
  ['Other', 'If you have questions about this policy, please contact our privacy team at privacy@example.org or write to 10 Market Street, Springfield.'],
  ['Other', 'This privacy notice describes how Example Books handles information and applies to all of our websites and apps.'],
  ['Other', 'Our pages contain links to other websites; we are not responsible for the privacy practices of those sites.'],
];

describe('classifyPassage', () => {
  it.each(CASES)('labels a %s passage', (category, text) => {
    expect(classifyPassage(text)).toContain(category);
  });

  it('does not report unrelated practices for a single-topic passage', () => {
    const text = 'All payment pages are protected with TLS encryption, and our data centres use firewalls and strict access controls.';
    expect(classifyPassage(text)).toEqual(['Data Security']);
  });

  it('reports both collection and sharing when a passage speaks to both', () => {
    const text =
      'We collect your postal address when you place an order, and we share it with the courier companies that deliver your parcels.';
    const labels = classifyPassage(text);
    expect(labels).toContain('First Party Collection/Use');
    expect(labels).toContain('Third Party Sharing/Collection');
  });

  it('reports children and choice together when a passage speaks to both', () => {
    const text =
      'Children under 13 may not register. A parent can opt out on behalf of a child at any time, and you may choose to decline further contact or unsubscribe from our newsletters.';
    const labels = classifyPassage(text);
    expect(labels).toContain('International and Specific Audiences');
    expect(labels).toContain('User Choice/Control');
  });

  it('keeps a passing mention of another practice out of a single-topic passage', () => {
    // About children; the parental consent and "collect" are part of that topic, not practices of their own.
    const text =
      'Our site is not intended for children under 13 and we do not knowingly collect data from them without parental consent.';
    expect(classifyPassage(text)).toEqual(['International and Specific Audiences']);
  });

  it('labels Other sub-types: headings, tables of contents, definitions and policy dates', () => {
    expect(classifyPassage('How We Share Your Information')).toEqual(['Other']);
    expect(classifyPassage('What do we collect? Who do we share it with? How can you reach us?')).toEqual(['Other']);
    expect(classifyPassage('Aggregate data means figures about groups of readers that cannot be used to identify any one person.')).toEqual(['Other']);
    expect(classifyPassage('Last updated: 2 May 2014')).toEqual(['Other']);
    expect(classifyPassage('We use the information we receive for the following purposes:')).toContain('Other');
  });

  it('tells sharing from collection by the grammatical agent', () => {
    expect(classifyPassage('Example Books may share certain order data with its affiliated companies for their marketing.')).toEqual([
      'Third Party Sharing/Collection',
    ]);
  });

  it("treats the user's own part in security as Data Security", () => {
    expect(classifyPassage('Keep your password secret and always sign out when you use a shared computer.')).toEqual(['Data Security']);
  });

  it('treats third parties placing cookies as sharing/collection by others', () => {
    const text =
      'Advertising networks that show ads on our pages may place their own cookies on your device and collect information about your visits to other websites.';
    expect(classifyPassage(text)[0]).toBe('Third Party Sharing/Collection');
  });

  it('treats an introduction that lists what the policy covers as Other, not as a collection practice', () => {
    const text =
      'This policy explains what information we collect, how we use it, with whom we share it and the choices you have.';
    expect(classifyPassage(text)).toEqual(['Other']);
  });

  it('falls back to Other for a heading, an empty string and text unrelated to privacy', () => {
    expect(classifyPassage('Contents')).toEqual(['Other']);
    expect(classifyPassage('')).toEqual(['Other']);
    expect(classifyPassage('The museum opens at ten and the café on the ground floor serves lunch until three.')).toEqual(['Other']);
  });

  it('handles Chinese (zh-Hans) passages for the main practices', () => {
    const zh: readonly (readonly [Opp115Category, string])[] = [
      ['First Party Collection/Use', '当您注册账号时，我们会收集您的手机号码和昵称，用于创建账号并向您提供服务。'],
      ['Third Party Sharing/Collection', '未经您的单独同意，我们不会向第三方共享您的个人信息，法律法规另有规定的除外。'],
      ['User Choice/Control', '您可以随时在设置页面撤回您的授权同意，或取消订阅营销短信。'],
      ['User Access, Edit and Deletion', '您有权查阅、复制、更正或删除您的个人信息，也可以申请注销账户。'],
      ['Data Retention', '我们仅在实现处理目的所必需的最短时间内保存您的个人信息，超出保存期限后将删除或匿名化处理。'],
      ['Data Security', '我们采用加密传输和访问控制等安全措施，防止个人信息泄露、丢失或被未经授权访问。'],
      ['Policy Change', '我们可能会适时更新本政策，更新后我们将通过弹窗等方式通知您。'],
      ['International and Specific Audiences', '若您是不满十四周岁的未成年人，请在监护人的陪同下阅读本政策。'],
    ];
    for (const [category, text] of zh) expect(classifyPassage(text), text).toContain(category);
    expect(classifyPassage('我们采用加密传输和访问控制等安全措施，防止个人信息泄露。')).toEqual(['Data Security']);
  });

  it('never returns an empty list and only returns known categories', () => {
    for (const text of ['', '   ', 'x', ...CASES.map(([, t]) => t)]) {
      const labels = classifyPassage(text);
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(OPP115_CATEGORIES).toContain(label);
    }
  });
});

describe('scorePassage', () => {
  it('returns a score for every category, highest for the passage topic', () => {
    const scores = scorePassage('We retain order records for seven years to meet our tax obligations and then erase them.');
    expect(Object.keys(scores).sort()).toEqual([...OPP115_CATEGORIES].sort());
    const best = Object.entries(scores).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(best).toBe('Data Retention');
  });

  it('is fast enough for a long policy (10,000 words well under the 50 ms analysis budget)', () => {
    const paragraphs = CASES.map(([, t]) => t);
    const policy: string[] = [];
    let words = 0;
    for (let i = 0; words < 10_000; i++) {
      const p = paragraphs[i % paragraphs.length] ?? '';
      policy.push(p);
      words += p.split(' ').length;
    }
    for (let run = 0; run < 3; run++) for (const p of policy) classifyPassage(p); // warm-up (JIT)
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      for (const p of policy) classifyPassage(p);
      best = Math.min(best, performance.now() - started);
    }
    expect(best).toBeLessThan(50);
  });
});
