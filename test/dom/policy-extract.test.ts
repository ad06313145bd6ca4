/** Readability on a parsed copy: the article's text with its headings; navigation and footer dropped. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPolicyDocument } from '../../src/policy/document.ts';
import { blocksOf, extractPolicy } from '../../src/policy/extract.ts';

const html = readFileSync(resolve(import.meta.dirname, '../e2e/pages/privacy.html'), 'utf8');
const parse = (markup: string) => new DOMParser().parseFromString(markup, 'text/html') as unknown as Document;

describe('policy text extraction', () => {
  it('keeps the article with its section headings, drops nav and footer', () => {
    const extracted = extractPolicy(parse(html));
    expect(extracted.via).toBe('readability');
    expect(extracted.title).toBe('Privacy Policy | Northwind Outfitters');
    expect(extracted.lang).toBe('en');
    const headings = extracted.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(headings).toEqual(expect.arrayContaining(['What we collect', 'Who we share it with', 'How long we keep it', 'Your rights', 'Contact']));
    const text = extracted.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('We keep order records for 6 years');
    expect(text).not.toContain('Shop · Help'); // navigation
    expect(text).not.toContain('© 2026'); // footer
    const doc = buildPolicyDocument(extracted.blocks);
    expect(doc.sections.find((s) => s.heading === 'How long we keep it')).toBeDefined();
  });

  it('never touches the document the person sees: it reads a parsed copy', () => {
    const live = parse(html);
    const before = live.documentElement.outerHTML;
    extractPolicy(parse(live.documentElement.outerHTML));
    expect(live.documentElement.outerHTML).toBe(before);
  });

  it('falls back to the whole body when Readability finds no article, and skips scripts and hidden text', () => {
    const extracted = extractPolicy(parse('<html><body><script>var secret = 1;</script><div hidden>hidden words</div><div>Privacy: we collect nothing.<br>Contact us.</div></body></html>'));
    expect(extracted.via).toBe('body');
    expect(extracted.blocks).toEqual([{ kind: 'paragraph', level: 0, text: 'Privacy: we collect nothing. Contact us.' }]);
  });

  it('keeps the whole body for the fallback when Readability finds only a short article (it rewrites the copy it reads)', () => {
    const short = `<html><body><nav><a href="/">Home</a></nav><main><h1>Privacy</h1><p>We collect your email address to send receipts, and for nothing else.</p><p>We keep receipts for 6 years, as the tax law requires us to do.</p><p>Write to privacy@example.org to see, correct or delete your data at any time.</p></main><footer><a href="/privacy">Privacy</a></footer></body></html>`;
    const extracted = extractPolicy(parse(short));
    expect(extracted.via).toBe('body');
    expect(extracted.blocks.map((b) => b.text)).toContain('We keep receipts for 6 years, as the tax law requires us to do.');
  });

  it('turns list items into passages of their own, a table row into one', () => {
    const root = parse('<div><ul><li>Your name</li><li>Your <b>email</b> address</li></ul><table><tr><td>Logs</td><td>30 days</td></tr></table></div>').body;
    expect(blocksOf(root).map((b) => b.text)).toEqual(['Your name', 'Your email address', 'Logs — 30 days']);
  });
});
