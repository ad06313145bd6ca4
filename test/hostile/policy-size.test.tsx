// @vitest-environment happy-dom
/**
 * A 5 MB "privacy policy" (issue #8, item 2.2). A page or a file can claim to be a policy of any
 * size; MAX_POLICY_HTML (src/protocol/messages.ts) lets 8 MB of it through to the reader. The
 * analysis must read a bounded prefix (MAX_ANALYSED_CHARS, cut at a sentence boundary), say so
 * on the result (`analysis.truncated`), cite only sentences inside that prefix, and the policy
 * viewer (PolicyReport) and the CLI (`consent-lens policy`) must show a notice.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { analyzeBlocks, type PolicyAnalysis } from '../../src/policy/analyze.ts';
import { blocksFromPlainText, buildPolicyDocument, MAX_ANALYSED_CHARS, type Evidence, type PolicyDocument } from '../../src/policy/document.ts';
import { policyVersionRecord } from '../../src/policy/record.ts';
import { analysisSchemas, MAX_POLICY_HTML, type PolicySiteView } from '../../src/protocol/messages.ts';
import { prng } from '../support/prng.ts';

vi.mock('../../extension/platform/browser.ts', () => ({
  browser: {
    i18n: {
      getMessage: (key: string, subs?: string | string[]) => `[${key}${subs === undefined ? '' : `|${([] as string[]).concat(subs).join('|')}`}]`,
      getUILanguage: () => 'en',
    },
  },
}));
const { PolicyReport } = await import('../../extension/ui/components/policy-report.tsx');
const { analyzePolicyMarkup } = await import('../../extension/analysis/analyze-html.ts');
const { main } = await import('../../cli/main.ts');

const FIVE_MB = 5 * 1024 * 1024;


/** Sentences that give the analysers something to find (facts, flags, checklist items). */
const SENTENCES = [
  'We collect your email address, your name and your precise location when you use our services.',
  'We share your personal information with advertising partners and analytics providers.',
  'You can request deletion of your personal data at any time by writing to privacy@example.com.',
  'We keep your account data for 6 years after you close your account.',
  'You have the right to access, correct and port the data we hold about you.',
  'Our services are not directed to children under 13.',
  'We use cookies and similar technologies to remember your preferences.',
  'We may update this policy from time to time and will tell you about material changes.',
  'Data may be transferred to countries outside the European Economic Area under standard contractual clauses.',
  'You can lodge a complaint with your supervisory authority.',
];
/** Only after the cap: nothing may cite it. */
const BEYOND = 'We sell your browsing history to data brokers in exchange for money.';

/**
 * `size` characters of plain-text policy: paragraphs of 3-8 sentences separated by blank lines,
 * no headings, so that the analysed text is exactly a prefix of the input.
 */
function policyText(size: number, seed: number): string {
  const random = prng(seed);
  const parts: string[] = [];
  let length = 0;
  let n = 0;
  while (length < size) {
    const count = 3 + Math.floor(random() * 6);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) {
      n++;
      sentences.push(length > MAX_ANALYSED_CHARS * 2 && n % 50 === 0 ? BEYOND : `${SENTENCES[Math.floor(random() * SENTENCES.length)]!.slice(0, -1)} (clause ${n}).`);
    }
    const p = sentences.join(' ');
    parts.push(p);
    length += p.length + 2;
  }
  return parts.join('\n\n').slice(0, size).replace(/\s*\S*$/u, '');
}

/** Every piece of evidence an analysis cites. */
function allEvidence(a: PolicyAnalysis, doc: PolicyDocument): Evidence[] {
  return [
    ...a.facts.map((f) => f.evidence),
    ...a.redFlags.flatMap((f) => f.evidence),
    ...a.keyFacts.map((k) => k.evidence),
    ...a.checklist.items.flatMap((i) => i.evidence),
    ...a.topics.flatMap((t) => t.evidence.map((s) => ({ sentence: s, start: doc.sentences[s]!.start, end: doc.sentences[s]!.end }))),
  ];
}

function expectTruncatedPrefix(input: string, doc: PolicyDocument, a: PolicyAnalysis) {
  expect(a.truncated).toBeDefined();
  const t = a.truncated!;
  expect(t).toEqual(doc.truncated);
  expect(t.totalChars).toBe(input.length);
  expect(t.analysedChars).toBe(doc.text.length);
  expect(t.analysedChars).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
  // Not cut absurdly short either: within one paragraph of the cap.
  expect(t.analysedChars).toBeGreaterThan(MAX_ANALYSED_CHARS - 2000);
  // The analysed text is the beginning of the policy, cut after a whole sentence.
  expect(input.startsWith(doc.text)).toBe(true);
  expect(doc.text.slice(-80)).toMatch(/\(clause \d+\)\.$/u);
  expect(doc.text).not.toContain(BEYOND);
  expect(doc.sentences.at(-1)!.end).toBe(doc.text.length);
  // Claims exist, and every one of them cites a sentence inside the prefix, verbatim.
  const evidence = allEvidence(a, doc);
  expect(a.facts.length).toBeGreaterThan(3);
  expect(evidence.length).toBeGreaterThan(10);
  for (const e of evidence) {
    expect(e.end).toBeLessThanOrEqual(t.analysedChars);
    expect(e.start).toBeGreaterThanOrEqual(0);
    const sentence = doc.sentences[e.sentence]!;
    expect([sentence.start, sentence.end]).toEqual([e.start, e.end]);
    expect(input.slice(e.start, e.end)).toBe(sentence.text);
  }
  expect(a.readability.words).toBeLessThan(MAX_ANALYSED_CHARS / 4);
}

const BIG = policyText(FIVE_MB, 5);

describe('a 5 MB policy is analysed from its beginning, with a notice', () => {
  it('the input is what it claims: 5 MB, with a sentence past the cap that would be a red flag', () => {
    expect(BIG.length).toBeGreaterThan(FIVE_MB - 100);
    expect(BIG.indexOf(BEYOND)).toBeGreaterThan(MAX_ANALYSED_CHARS);
    // The message schema lets it through to the reader (it is below MAX_POLICY_HTML) ...
    expect(v.safeParse(analysisSchemas['policy/analyze'], { html: BIG, url: 'https://example.com/privacy', contentType: 'text/plain' }).success).toBe(true);
    // ... and refuses more than MAX_POLICY_HTML.
    expect(v.safeParse(analysisSchemas['policy/analyze'], { html: 'x'.repeat(MAX_POLICY_HTML + 1), url: 'https://example.com/privacy', contentType: 'text/plain' }).success).toBe(false);
  });

  it('analyzeBlocks (the core): truncated, analysed length <= cap, every claim cites the prefix', () => {
    const { document, analysis } = analyzeBlocks(blocksFromPlainText(BIG));
    expectTruncatedPrefix(BIG, document, analysis);
    // The sentence past the cap ("sell ... to data brokers") is not reported.
    expect(analysis.redFlags.map((f) => f.id)).not.toContain('sells-data');
  });

  it('the extension reader (analyzePolicyMarkup, text/plain) and the stored version record', () => {
    const read = analyzePolicyMarkup({ html: BIG, url: 'https://example.com/privacy', contentType: 'text/plain' });
    expectTruncatedPrefix(BIG, read.document, read.analysis);
    const record = policyVersionRecord(read, { site: 'example.com', url: 'https://example.com/privacy', kind: 'privacy', source: 'fetched', time: 1, first: true });
    // What the ledger keeps is bounded too, and still says it is a prefix.
    expect(record.text.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect(record.analysis.truncated).toEqual(read.analysis.truncated);
    expect(JSON.parse(JSON.stringify(record.analysis.truncated))).toEqual(record.analysis.truncated);
  });

  it('HTML markup: the text of a 5 MB page is cut the same way', () => {
    const paragraphs = BIG.slice(0, 1_200_000).split('\n\n');
    const html = `<!doctype html><html lang="en"><head><title>Privacy</title></head><body><main>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</main></body></html>`;
    const read = analyzePolicyMarkup({ html, url: 'https://example.com/privacy', contentType: 'text/html' });
    expect(read.analysis.truncated).toBeDefined();
    expect(read.analysis.truncated!.analysedChars).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect(read.document.text.length).toBe(read.analysis.truncated!.analysedChars);
    for (const e of allEvidence(read.analysis, read.document)) expect(e.end).toBeLessThanOrEqual(read.document.text.length);
  });

  it('a policy under the cap is not marked truncated (and keeps its whole text)', () => {
    const small = policyText(MAX_ANALYSED_CHARS - 10, 6);
    const { document, analysis } = analyzeBlocks(blocksFromPlainText(small));
    expect(analysis.truncated).toBeUndefined();
    expect('truncated' in analysis).toBe(false);
    expect(document.text).toBe(small);
  });

  it('the paragraph that crosses the cap keeps its whole sentences and loses the one cut in half', () => {
    const blocks = blocksFromPlainText('First paragraph here.\n\nOne sentence. Two sentences. Three is cut here.');
    const doc = buildPolicyDocument(blocks, 'en', 'First paragraph here.\n\nOne sentence. Two sentences. Three is'.length);
    expect(doc.text).toBe('First paragraph here.\n\nOne sentence. Two sentences.');
    expect(doc.truncated).toEqual({ analysedChars: doc.text.length, totalChars: 'First paragraph here.\n\nOne sentence. Two sentences. Three is cut here.'.length });
    expect(doc.sentences.map((s) => s.text)).toEqual(['First paragraph here.', 'One sentence.', 'Two sentences.']);
  });

  it('one giant sentence (no boundary before the cap) is cut at a space, never mid-word', () => {
    const words = 'data '.repeat(FIVE_MB / 5 / 4).trim();
    const { document, analysis } = analyzeBlocks(blocksFromPlainText(words));
    expect(analysis.truncated!.analysedChars).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect(document.text).toMatch(/^(?:data )*data$/u);
  });
});

describe('the notice is shown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-hostile-policy-'));

  it('consent-lens policy on a 5 MB file prints the notice (stderr) and the report says truncated', async () => {
    const file = join(dir, 'huge-policy.txt');
    writeFileSync(file, BIG);
    let stdout = '';
    let stderr = '';
    const code = await main(['policy', file], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    expect(code).toBe(0);
    const analysed = MAX_ANALYSED_CHARS.toLocaleString('en');
    expect(stderr).toMatch(new RegExp(`^consent-lens: note: .*huge-policy\\.txt has ${BIG.length.toLocaleString('en')} characters of text; only the first [\\d,]+ were analysed \\(the limit is ${analysed}\\)\\n$`, 'u'));
    const report = JSON.parse(stdout) as { truncated: { analysedChars: number; totalChars: number }; facts: { quote: string }[] };
    expect(report.truncated.totalChars).toBe(BIG.length);
    expect(report.truncated.analysedChars).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    for (const f of report.facts) expect(BIG.slice(0, report.truncated.analysedChars)).toContain(f.quote);
  });

  it('the CLI prints no notice for a normal policy', async () => {
    const file = join(dir, 'small-policy.txt');
    writeFileSync(file, policyText(20_000, 7));
    let stderr = '';
    let stdout = '';
    expect(await main(['policy', file], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).not.toHaveProperty('truncated');
  });

  it('PolicyReport (the policy viewer) shows the notice with both counts, and none for a whole policy', async () => {
    const read = analyzeBlocks(blocksFromPlainText(BIG));
    const record = policyVersionRecord({ title: 'Privacy', ...read }, { site: 'example.com', url: 'https://example.com/privacy', kind: 'privacy', source: 'visited', time: 1_767_225_600_000, first: true });
    const view = (latest: typeof record): PolicySiteView => ({ site: 'example.com', links: [], versions: [], latest, diff: null, changed: false });
    const root = document.createElement('div');
    document.body.append(root);
    try {
      await act(async () => {
        render(<PolicyReport view={view(record)} onFetch={() => undefined} onAck={() => undefined} busy={false} />, root);
      });
      const notice = root.querySelector('.policy-truncated');
      expect(notice).not.toBeNull();
      const fmt = (n: number) => new Intl.NumberFormat('en').format(n);
      expect(notice!.textContent).toBe(`[policyTruncated|${fmt(read.analysis.truncated!.analysedChars)}|${fmt(BIG.length)}]`);
      // Shown before the key facts, so it is read first.
      expect(root.querySelector('.policy')!.innerHTML.indexOf('policy-truncated')).toBeLessThan(root.querySelector('.policy')!.innerHTML.indexOf('[policyReadingTime'));

      const whole = analyzeBlocks(blocksFromPlainText(policyText(20_000, 8)));
      const wholeRecord = policyVersionRecord({ title: 'Privacy', ...whole }, { site: 'example.com', url: 'https://example.com/privacy', kind: 'privacy', source: 'visited', time: 1, first: true });
      await act(async () => {
        render(<PolicyReport view={view(wholeRecord)} onFetch={() => undefined} onAck={() => undefined} busy={false} />, root);
      });
      expect(root.querySelector('.policy')).not.toBeNull();
      expect(root.querySelector('.policy-truncated')).toBeNull();
    } finally {
      render(null, root);
      root.remove();
    }
  });
});
