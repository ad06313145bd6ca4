import { describe, expect, it } from 'vitest';
import { blocksFromPlainText, buildPolicyDocument } from '../../../src/policy/document.ts';
import { extractFacts, redFlags, vaguenessOf } from '../../../src/policy/facts.ts';
import { MAX_KEY_FACTS, keyFacts } from '../../../src/policy/key-facts.ts';

// Policies written for these tests.
const keyFactsOf = (text: string, lang: 'en' | 'zh' = 'en') => {
  const doc = buildPolicyDocument(blocksFromPlainText(text));
  const facts = extractFacts(doc);
  return { doc, keys: keyFacts(doc, facts, redFlags(doc, facts, vaguenessOf(doc)), lang) };
};

const RISKY = `We collect your email address, precise location from GPS and your fingerprint for login.
We sell your personal information to data brokers. We share device identifiers with advertising partners for targeted advertising.
Server logs are kept for 30 days. Account data is kept for 2 years after you close your account. Aggregated data is kept indefinitely.
You have the right to access and delete your personal data. You can withdraw your consent at any time.`;

describe('keyFacts', () => {
  it('puts red flags first, then sensitive data, sharing, retention and rights', () => {
    const { keys } = keyFactsOf(RISKY);
    expect(keys.map((k) => [k.tone, k.text])).toEqual([
      ['bad', 'Sells your personal information'],
      ['bad', 'Shares data with advertisers'],
      ['bad', 'May keep your data indefinitely'],
      ['bad', 'Collects precise location (sensitive)'],
      ['bad', 'Collects biometrics (fingerprint, face, voice print) (sensitive)'],
      ['bad', 'Shares data with data brokers'],
      ['neutral', 'Keeps some of your data for up to 2 years'],
      ['good', 'You can ask to delete your data'],
      ['good', 'You can get a copy of your data'],
      ['good', 'You can withdraw your consent'],
    ]);
    expect(keys.length).toBeLessThanOrEqual(MAX_KEY_FACTS);
  });

  it('links each key fact to the sentence that states it', () => {
    const { doc, keys } = keyFactsOf(RISKY);
    const sentenceOf = (id: string) => {
      const e = keys.find((k) => k.id === id)!.evidence;
      return doc.text.slice(e.start, e.end);
    };
    expect(sentenceOf('flag:sells-data')).toBe('We sell your personal information to data brokers.');
    expect(sentenceOf('retention')).toBe('Account data is kept for 2 years after you close your account.');
    expect(sentenceOf('right:erasure')).toBe('You have the right to access and delete your personal data.');
  });

  it('shows what a policy promises not to do as good news', () => {
    const { keys } = keyFactsOf('We do not sell your personal information. We never share your data with advertisers. We keep your data for 1 year.');
    expect(keys.map((k) => [k.tone, k.text])).toEqual([
      ['good', 'Does not sell your personal information'],
      ['good', 'Does not share your data for advertising'],
      ['neutral', 'Keeps your data for 1 year'],
    ]);
  });

  it('says when there is only a retention criterion', () => {
    const { keys } = keyFactsOf('We retain your data until you close your account.');
    expect(keys.map((k) => k.text)).toEqual(['Keeps your data as long as it sees necessary (no fixed period)']);
  });

  it('writes Simplified Chinese', () => {
    const zh = `我们会收集您的手机号码和精确位置信息。我们不会出售您的个人信息。我们会与关联公司共享必要的账户信息。
您的账户信息保存三年。您有权查阅、更正和删除您的个人信息，也可以注销账户。若您是未满14周岁的儿童，请在监护人指导下使用我们的服务。`;
    const { keys } = keyFactsOf(zh, 'zh');
    expect(keys.map((k) => k.text)).toEqual([
      '收集精确位置（敏感信息）',
      '不出售您的个人信息',
      '与关联公司共享数据',
      '您的数据保存3年',
      '您可以要求删除您的数据',
      '您可以查阅、复制您的个人信息',
      '您可以更正您的个人信息',
      '年龄门槛：14周岁',
    ]);
  });

  it('stops at ten', () => {
    const text = `${RISKY} You can correct your data. You can object to processing. You may lodge a complaint with a supervisory authority.`;
    const { keys } = keyFactsOf(text);
    expect(keys).toHaveLength(MAX_KEY_FACTS);
    expect(keys.map((k) => k.id)).not.toContain('right:complaint');
  });
});
