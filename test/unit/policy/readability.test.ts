import { describe, expect, it } from 'vitest';
import { blocksFromPlainText, buildPolicyDocument } from '../../../src/policy/document.ts';
import { CHINESE_CPM, ENGLISH_WPM, readabilityOf, syllables } from '../../../src/policy/readability.ts';

const docOf = (text: string) => buildPolicyDocument(blocksFromPlainText(text));

describe('syllables', () => {
  it.each([
    ['we', 1], ['the', 1], ['data', 2], ['share', 1], ['shared', 1], ['used', 1], ['collect', 2],
    ['collected', 3], ['provided', 3], ['table', 2], ['privacy', 3], ['policy', 3], ['information', 4],
    ['parties', 2], ['services', 3], ['cookies', 2], ['your', 1], ['advertising', 4], ['2024', 1],
  ])('%s has %i', (word, n) => {
    expect(syllables(word)).toBe(n);
  });
});

describe('readabilityOf (English)', () => {
  it('computes Flesch reading ease and Flesch–Kincaid grade from the formulas', () => {
    // 2 sentences, 9 words, 9 syllables:
    // FRE = 206.835 − 1.015 × 4.5 − 84.6 × 1 = 117.7; FK = 0.39 × 4.5 + 11.8 × 1 − 15.59 = −2.0
    const easy = readabilityOf(docOf('The cat sat on the mat. The dog ran.'));
    expect(easy).toMatchObject({ lang: 'en', words: 9, fleschReadingEase: 117.7, fleschKincaidGrade: -2 });

    // 1 sentence, 6 words, 13 syllables (we 1, collect 2, information 4, about 2, your 1, privacy 3):
    // FRE = 206.835 − 1.015 × 6 − 84.6 × 13/6 = 17.4; FK = 0.39 × 6 + 11.8 × 13/6 − 15.59 = 12.3
    const hard = readabilityOf(docOf('We collect information about your privacy.'));
    expect(hard.fleschReadingEase).toBeCloseTo(17.4, 1);
    expect(hard.fleschKincaidGrade).toBeCloseTo(12.3, 1);
    expect(hard.chineseGrade).toBeNull();
  });

  it('reads at 238 words per minute (Brysbaert 2019)', () => {
    // 119 sentences × 4 words = 476 words = 2 minutes at 238 wpm.
    const r = readabilityOf(docOf('We keep data safe. '.repeat(119)));
    expect(ENGLISH_WPM).toBe(238);
    expect(r).toMatchObject({ words: 476, wpm: 238, readingMinutes: 2 });
    expect(r.wpmSource).toContain('Brysbaert (2019)');
    expect(r.characters).toBe(119 * 14);
  });
});

describe('readabilityOf (Chinese)', () => {
  it('reads at 255 characters per minute (IReST) and gives the heuristic grade', () => {
    // 51 sentences × 10 Han characters = 510 characters = 2 minutes at 255 per minute.
    const r = readabilityOf(docOf('我们保护您的个人信息。'.repeat(51)));
    expect(CHINESE_CPM).toBe(255);
    expect(r).toMatchObject({ lang: 'zh', words: 510, characters: 510, wpm: 255, readingMinutes: 2 });
    expect(r.wpmSource).toContain('IReST');
    expect(r.fleschReadingEase).toBeNull();
    // Mean sentence length 10 characters, one clause: 10 / 5 + (1 − 1) = 2.
    expect(r.chineseGrade).toBe(2);
    expect(r.chineseMeasure).toMatch(/^heuristic/u);
  });

  it('grades long sentences with many clauses higher', () => {
    const long = '在您使用我们的服务时，我们会收集您的设备信息、日志信息和位置信息，并用于安全保障、统计分析和个性化推荐，以便向您提供更好的服务。';
    const r = readabilityOf(docOf(long.repeat(3)));
    expect(r.chineseGrade).toBeGreaterThan(10);
  });
});
