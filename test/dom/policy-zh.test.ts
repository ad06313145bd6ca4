/** zh-Hans end to end in the core: discovery, detection and key facts of a Chinese policy page. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPolicyLinks } from '../../src/detect/policy-links.ts';
import { analyzeBlocks } from '../../src/policy/analyze.ts';
import { extractPolicy } from '../../src/policy/extract.ts';
import { policyPageOf } from '../../src/policy/policy-page.ts';

const html = readFileSync(resolve(import.meta.dirname, 'fixtures/policy/zh-privacy.html'), 'utf8');
const parse = () => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

describe('a Chinese (zh-Hans) privacy policy', () => {
  it('finds its links and knows the page is a privacy policy', () => {
    const doc = parse();
    expect(findPolicyLinks(doc, 20, 'https://beifeng.example/privacy').map((l) => [l.kind, l.text])).toEqual([
      ['privacy', '隐私政策'],
      ['terms', '用户协议'],
    ]);
    expect(policyPageOf(doc, 'https://beifeng.example/about')).toMatchObject({ isPolicy: true, kind: 'privacy' });
  });

  it('gives key facts in Chinese, each pointing at its sentence', () => {
    const extracted = extractPolicy(parse());
    expect(extracted.via).toBe('readability');
    const { document, analysis } = analyzeBlocks(extracted.blocks);
    expect(document.lang).toBe('zh');
    const facts = analysis.keyFacts;
    expect(facts.length).toBeGreaterThanOrEqual(5);
    expect(facts.length).toBeLessThanOrEqual(10);
    for (const f of facts) expect(f.text).toMatch(/\p{Script=Han}/u);
    const quote = (id: string) => {
      const fact = facts.find((f) => f.id === id);
      return fact ? document.text.slice(fact.evidence.start, fact.evidence.end) : null;
    };
    expect(quote('flag:shares-for-advertising')).toBe('我们会与广告合作伙伴共享您的设备标识符，用于向您展示个性化广告。');
    expect(quote('data:precise-location')).toBe('经您授权后，我们会收集您的精确位置信息，以便为您推荐附近的门店。');
    expect(analysis.facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'retention', duration: 'P3Y' }),
        expect.objectContaining({ kind: 'age-threshold', age: 14 }),
        expect.objectContaining({ kind: 'date', date: '2026-03-01' }),
        expect.objectContaining({ kind: 'contact', channel: 'email', value: 'privacy@beifeng.example' }),
      ]),
    );
    expect(analysis.readability).toMatchObject({ lang: 'zh', fleschReadingEase: null, chineseGrade: expect.any(Number) });
  });
});
