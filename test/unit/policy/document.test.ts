import { describe, expect, it } from 'vitest';
import { blocksFromPlainText, buildPolicyDocument, guessLanguage } from '../../../src/policy/document.ts';

describe('policy text model', () => {
  const doc = buildPolicyDocument([
    { kind: 'heading', level: 1, text: 'Privacy Notice' },
    { kind: 'paragraph', level: 0, text: 'We collect your   name.  Dr. Lee at Acme Inc. is our data protection officer! Questions?' },
    { kind: 'heading', level: 2, text: 'Sharing' },
    { kind: 'paragraph', level: 0, text: 'We share data with payment processors.' },
  ]);

  it('cuts sentences with Intl.Segmenter and keeps exact offsets into the text', () => {
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'We collect your name.',
      'Dr. Lee at Acme Inc. is our data protection officer!',
      'Questions?',
      'We share data with payment processors.',
    ]);
    for (const s of doc.sentences) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
  });

  it('keeps headings as sections and files each passage and sentence under its section', () => {
    expect(doc.sections.map((s) => [s.heading, s.level])).toEqual([
      ['Privacy Notice', 1],
      ['Sharing', 2],
    ]);
    expect(doc.passages.map((p) => [p.section, p.firstSentence, p.lastSentence])).toEqual([
      [0, 0, 2],
      [1, 3, 3],
    ]);
    expect(doc.sentences[3]!.section).toBe(1);
    expect(doc.text.slice(doc.sections[1]!.start, doc.sections[1]!.end)).toContain('payment processors');
  });

  it('segments Chinese at 。！？ and detects the language', () => {
    const zh = buildPolicyDocument(blocksFromPlainText('隐私政策\n\n我们会收集您的手机号码。我们不会出售您的个人信息！您可以随时撤回同意。'));
    expect(zh.lang).toBe('zh');
    expect(zh.sentences.map((s) => s.text)).toEqual(['我们会收集您的手机号码。', '我们不会出售您的个人信息！', '您可以随时撤回同意。']);
    expect(zh.sections[0]?.heading).toBe('隐私政策');
  });

  it('reads plain text: headings, paragraphs and bulleted lists', () => {
    const blocks = blocksFromPlainText('# Privacy Policy\n\nWe collect:\n- your email address\n- your IP address\n\nRetention\nWe keep logs for 30 days.');
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Privacy Policy' },
      { kind: 'paragraph', level: 0, text: 'We collect: - your email address - your IP address' },
      { kind: 'heading', level: 2, text: 'Retention' },
      { kind: 'paragraph', level: 0, text: 'We keep logs for 30 days.' },
    ]);
  });

  it('guesses German, French and Spanish from function words', () => {
    expect(guessLanguage('Wir verarbeiten Ihre personenbezogenen Daten und die Daten der Nutzer')).toBe('de');
    expect(guessLanguage('Nous traitons vos données et les données des utilisateurs')).toBe('fr');
    expect(guessLanguage('Tratamos sus datos personales y los datos de los usuarios')).toBe('es');
  });
});

describe('plain text: what is not a heading', () => {
  it('keeps list items and "Last updated" lines as text', () => {
    const blocks = blocksFromPlainText('Privacy Policy\nLast updated: March 3, 2024\n\n- Email address\n- Phone number');
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Privacy Policy' },
      { kind: 'paragraph', level: 0, text: 'Last updated: March 3, 2024' },
      { kind: 'paragraph', level: 0, text: 'Email address' },
      { kind: 'paragraph', level: 0, text: 'Phone number' },
    ]);
    expect(blocksFromPlainText('Last updated: March 3, 2024\n\nWe collect your email.')[0]).toEqual({ kind: 'paragraph', level: 0, text: 'Last updated: March 3, 2024' });
    expect(blocksFromPlainText('最近更新日期：2024年3月1日\n\n我们收集您的信息。')[0]).toEqual({ kind: 'paragraph', level: 0, text: '最近更新日期：2024年3月1日' });
  });
});
