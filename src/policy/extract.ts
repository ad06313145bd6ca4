/**
 * A policy page's main text, as blocks with its headings kept for sectioning. Readability
 * (Mozilla's reader-view library) finds the article and drops navigation, footers and ads.
 *
 * Readability rewrites the document it is given, so `doc` must be a parsed copy (DOMParser, a
 * clone, or a document made in Node), never the page the person is looking at.
 */
import { Readability } from '@mozilla/readability';
import type { PolicyBlock } from './document.ts';

export interface ExtractedPolicy {
  title: string;
  /** The page's declared language (html lang), if any. */
  lang: string | null;
  blocks: PolicyBlock[];
  /** 'readability' when the library found the article; 'body' when we fell back to the whole body. */
  via: 'readability' | 'body';
}

/** Cap on the characters taken from one page: far longer than any real policy (≈ 300k words). */
export const MAX_POLICY_CHARS = 2_000_000;

const HEADING = /^H([1-6])$/u;
const BLOCK_TAGS = new Set(['P', 'LI', 'DD', 'DT', 'TD', 'TH', 'BLOCKQUOTE', 'PRE', 'ADDRESS', 'FIGCAPTION', 'CAPTION', 'SUMMARY']);
const CONTAINER_TAGS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'UL', 'OL', 'DL', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'DETAILS', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'FORM', 'FIELDSET', 'BODY', 'HTML', 'FIGURE']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'SELECT', 'TEXTAREA']);

export function extractPolicy(doc: Document): ExtractedPolicy {
  const lang = doc.documentElement?.getAttribute('lang')?.trim().toLowerCase() || null;
  const fallbackTitle = doc.title.trim();
  let article: ReturnType<Readability<Element>['parse']>;
  try {
    // Readability moves nodes out of the document it reads: give it a copy, so that the body is
    // still whole if we have to fall back to it. The serializer hands back the article element.
    const copy = doc.cloneNode(true) as Document;
    article = new Readability<Element>(copy, { charThreshold: 200, keepClasses: false, serializer: (el) => el as Element }).parse();
  } catch {
    article = null; // a page Readability cannot read: fall back to its body
  }
  if (article?.content) {
    const blocks = blocksOf(article.content);
    if (lettersIn(blocks) >= MIN_ARTICLE_LETTERS) return { title: article.title?.trim() || fallbackTitle, lang: article.lang?.toLowerCase() || lang, blocks, via: 'readability' };
  }
  return { title: fallbackTitle, lang, blocks: doc.body ? blocksOf(doc.body) : [], via: 'body' };
}

/** Fewer letters than this is not the article (a cookie notice, a caption): read the whole body. */
const MIN_ARTICLE_LETTERS = 250;

/** Letters and digits, so that Chinese (no spaces) and English are measured alike. */
function lettersIn(blocks: PolicyBlock[]): number {
  let n = 0;
  for (const b of blocks) n += b.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return n;
}

/**
 * Walks the tree in document order: headings become heading blocks; paragraphs, list items and
 * cells become paragraph blocks; text lying loose in a container becomes a paragraph of its own.
 */
export function blocksOf(root: Element): PolicyBlock[] {
  const blocks: PolicyBlock[] = [];
  let budget = MAX_POLICY_CHARS;
  let loose = '';
  const flushLoose = () => {
    const text = loose.replace(/\s+/gu, ' ').trim();
    loose = '';
    if (text) push({ kind: 'paragraph', level: 0, text });
  };
  const push = (block: PolicyBlock) => {
    if (budget <= 0) return;
    const text = block.text.slice(0, budget);
    budget -= text.length;
    blocks.push({ ...block, text });
  };
  const walk = (el: Element) => {
    for (const node of Array.from(el.childNodes)) {
      if (budget <= 0) return;
      if (node.nodeType === 3) {
        loose += node.nodeValue ?? '';
        continue;
      }
      if (node.nodeType !== 1) continue;
      const child = node as Element;
      const tag = child.tagName.toUpperCase();
      if (SKIP_TAGS.has(tag) || child.getAttribute('hidden') !== null || child.getAttribute('aria-hidden') === 'true') continue;
      const heading = HEADING.exec(tag);
      if (tag === 'TR' && !Array.from(child.children).some(hasBlockChild)) {
        // A table row reads as one statement ("Logs — 30 days"), not as loose cells.
        flushLoose();
        push({ kind: 'paragraph', level: 0, text: Array.from(child.children).map(textOf).filter(Boolean).join(' — ') });
      } else if (heading) {
        flushLoose();
        push({ kind: 'heading', level: Number(heading[1]), text: textOf(child) });
      } else if (BLOCK_TAGS.has(tag) && !hasBlockChild(child)) {
        flushLoose();
        push({ kind: 'paragraph', level: 0, text: textOf(child) });
      } else if (CONTAINER_TAGS.has(tag) || BLOCK_TAGS.has(tag)) {
        flushLoose();
        walk(child);
        flushLoose();
      } else if (tag === 'BR') {
        loose += ' ';
      } else {
        loose += textOf(child); // inline: a, span, strong, em...
      }
    }
  };
  walk(root);
  flushLoose();
  return blocks.filter((b) => /[\p{L}\p{N}]/u.test(b.text));
}

function hasBlockChild(el: Element): boolean {
  for (const child of Array.from(el.children)) {
    const tag = child.tagName.toUpperCase();
    if (BLOCK_TAGS.has(tag) || CONTAINER_TAGS.has(tag) || HEADING.test(tag)) return true;
  }
  return false;
}

function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/gu, ' ').trim();
}
