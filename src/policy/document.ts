/**
 * The text model every policy analyser works on: one plain string, cut into sections (from the page's
 * headings), passages (paragraphs and list items) and sentences (Intl.Segmenter). Every offset is a
 * UTF-16 index into `text`, so a fact can point at the exact sentence it came from.
 */

export interface PolicyBlock {
  kind: 'heading' | 'paragraph';
  /** Heading level 1–6; paragraphs carry 0. */
  level: number;
  text: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface Section extends Span {
  index: number;
  heading: string;
  level: number;
}

export interface Passage extends Span {
  index: number;
  /** Index into `sections`, or -1 before the first heading. */
  section: number;
  /** Sentences [first, last] (inclusive) that make up the passage. */
  firstSentence: number;
  lastSentence: number;
}

export interface Sentence extends Span {
  index: number;
  passage: number;
  section: number;
  text: string;
}

export interface PolicyDocument {
  /** BCP 47 primary language as detected ('en', 'zh', 'de', ...). */
  lang: string;
  text: string;
  sections: Section[];
  passages: Passage[];
  sentences: Sentence[];
  /** Present only when the policy was longer than MAX_ANALYSED_CHARS and `text` is its beginning. */
  truncated?: PolicyTruncation;
}

/**
 * Most characters of policy text analysed (blocks joined as in `PolicyDocument.text`). Real
 * policies are far shorter (the longest common ones are about 250,000 characters, 40,000 words);
 * a page claiming to be a multi-megabyte policy is analysed from its beginning only, so analysis
 * time and the stored text stay bounded. The cut falls at a sentence boundary.
 */
export const MAX_ANALYSED_CHARS = 500_000;

/** A policy analysed only in part: `text` holds its first `analysedChars` of `totalChars` characters. */
export interface PolicyTruncation {
  analysedChars: number;
  totalChars: number;
}

/** A pointer from a claim to the sentence it came from. `start`/`end` index into PolicyDocument.text. */
export interface Evidence extends Span {
  sentence: number;
}

export function evidenceOf(sentence: Sentence): Evidence {
  return { sentence: sentence.index, start: sentence.start, end: sentence.end };
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

const LANGUAGE_SAMPLE = 4000;

/** The blocks' texts joined with spaces, only as far as `n` characters (not a multi-megabyte join). */
function leadingText(blocks: readonly { text: string }[], n: number): string {
  let out = '';
  for (const b of blocks) {
    if (out.length >= n) break;
    out += out ? ` ${b.text}` : b.text;
  }
  return out;
}

/** Guess the primary language of a policy from its script and a few function words. */
export function guessLanguage(text: string): string {
  const sample = text.slice(0, LANGUAGE_SAMPLE);
  let cjk = 0;
  for (const ch of sample) if (CJK.test(ch)) cjk++;
  if (cjk > sample.length * 0.15) return 'zh';
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const score = (list: string[]) => words.filter((w) => list.includes(w)).length;
  const candidates: [string, number][] = [
    ['en', score(['the', 'and', 'of', 'to', 'we', 'your', 'you', 'information'])],
    ['de', score(['der', 'die', 'und', 'das', 'wir', 'ihre', 'daten', 'sie'])],
    ['fr', score(['le', 'la', 'les', 'et', 'des', 'vos', 'nous', 'données'])],
    ['es', score(['el', 'la', 'los', 'y', 'de', 'sus', 'datos', 'nosotros'])],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : 'en';
}

/** Sentences ending in one of these were cut too early by the segmenter. */
const ABBREVIATION = /(?:^|\s)(?:Dr|Mr|Mrs|Ms|Prof|Inc|Ltd|Co|Corp|St|No|Nr|Art|Sec|vs|approx|z\.B|bzw|ca|M|Mme|Sr|Sra)\.$/u;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity: 'sentence' });
    segmenters.set(lang, s);
  }
  return s;
}

/**
 * Join blocks into one text (blank line between blocks) and cut it into sections, passages and
 * sentences. Whitespace inside a block is collapsed; empty blocks are dropped.
 */
export function buildPolicyDocument(blocks: readonly PolicyBlock[], lang?: string, maxChars: number = MAX_ANALYSED_CHARS): PolicyDocument {
  const all = blocks
    .map((b) => ({ ...b, text: b.text.replace(/\s+/gu, ' ').trim() }))
    .filter((b) => b.text.length > 0);
  const totalChars = all.reduce((n, b, i) => n + b.text.length + (i > 0 ? 2 : 0), 0);
  const language = lang ?? guessLanguage(leadingText(all, LANGUAGE_SAMPLE));
  const seg = segmenter(language);
  const clean = totalChars > maxChars ? prefixBlocks(all, maxChars, seg) : all;
  const sections: Section[] = [];
  const passages: Passage[] = [];
  const sentences: Sentence[] = [];
  let text = '';
  for (const block of clean) {
    if (text) text += '\n\n';
    const start = text.length;
    text += block.text;
    const end = text.length;
    if (block.kind === 'heading') {
      const previous = sections.at(-1);
      if (previous) previous.end = start;
      sections.push({ index: sections.length, heading: block.text, level: block.level, start, end });
      continue;
    }
    const passage: Passage = {
      index: passages.length,
      section: sections.length - 1,
      start,
      end,
      firstSentence: sentences.length,
      lastSentence: sentences.length - 1,
    };
    for (const part of seg.segment(block.text)) {
      const raw = part.segment;
      const lead = raw.length - raw.trimStart().length;
      const body = raw.trim();
      if (!body) continue;
      const s = start + part.index + lead;
      const previous = sentences.at(-1);
      if (previous && previous.passage === passage.index && ABBREVIATION.test(previous.text)) {
        // The segmenter cut after "Dr." or "Inc.": join the pieces back into one sentence.
        previous.end = s + body.length;
        previous.text = text.slice(previous.start, previous.end);
        continue;
      }
      sentences.push({ index: sentences.length, passage: passage.index, section: passage.section, start: s, end: s + body.length, text: body });
    }
    passage.lastSentence = sentences.length - 1;
    passages.push(passage);
  }
  const last = sections.at(-1);
  if (last) last.end = text.length;
  const doc: PolicyDocument = { lang: language, text, sections, passages, sentences };
  if (totalChars > maxChars) doc.truncated = { analysedChars: text.length, totalChars };
  return doc;
}

/**
 * The blocks that fit in `maxChars` once joined (blank line between blocks). The block that
 * crosses the limit is cut after its last whole sentence that fits, and dropped if no whole
 * sentence of it fits (a first block that is one giant sentence is cut at a space instead).
 */
function prefixBlocks(blocks: { kind: PolicyBlock['kind']; level: number; text: string }[], maxChars: number, seg: Intl.Segmenter): typeof blocks {
  const kept: typeof blocks = [];
  let used = 0;
  for (const block of blocks) {
    const sep = kept.length > 0 ? 2 : 0;
    const room = maxChars - used - sep;
    if (block.text.length <= room) {
      kept.push(block);
      used += sep + block.text.length;
      continue;
    }
    if (block.kind === 'paragraph' && room > 0) {
      // Every sentence of the part that fits, except a last one the limit cut in half.
      const parts = [...seg.segment(block.text.slice(0, room))];
      let end = 0;
      for (const [i, part] of parts.entries()) {
        const body = part.segment.trimEnd();
        if (i < parts.length - 1 || /[.!?。！？]$/u.test(body)) end = part.index + body.length;
      }
      // No whole sentence fits: drop the block, unless it is the first (one giant "sentence"; cut at a space).
      if (end === 0 && kept.length === 0) end = Math.max(0, block.text.lastIndexOf(' ', room));
      const text = block.text.slice(0, end).trim();
      if (text) kept.push({ ...block, text });
    }
    break;
  }
  return kept;
}

/**
 * Blocks from plain text: blank lines separate blocks; a short line without closing punctuation
 * that is followed by text reads as a heading (as in a policy saved as .txt).
 */
export function blocksFromPlainText(input: string): PolicyBlock[] {
  const chunks = input.replace(/\r\n?/gu, '\n').split(/\n\s*\n/u);
  const blocks: PolicyBlock[] = [];
  for (const chunk of chunks) {
    const lines = chunk.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    const first = lines[0]!;
    if (looksLikeHeading(first) && (lines.length > 1 || chunks.length > 1)) {
      blocks.push({ kind: 'heading', level: /^#+/u.test(first) ? first.match(/^#+/u)![0].length : 2, text: first.replace(/^#+\s*/u, '') });
      if (lines.length > 1) blocks.push({ kind: 'paragraph', level: 0, text: lines.slice(1).join(' ') });
    } else {
      // A bulleted list: one passage per item.
      if (lines.every((l) => /^([-*•·]|\d+[.)])\s/u.test(l))) {
        for (const l of lines) blocks.push({ kind: 'paragraph', level: 0, text: l.replace(/^([-*•·]|\d+[.)])\s+/u, '') });
      } else blocks.push({ kind: 'paragraph', level: 0, text: lines.join(' ') });
    }
  }
  return blocks;
}

const DATE_LINE = /^(?:(?:last (?:updated|modified|revised)|effective|updated|revised|date|version|stand|dernière mise à jour|última actualización)\b|最近更新|更新日期|生效日期|发布日期)/iu;

function looksLikeHeading(line: string): boolean {
  if (/^#{1,6}\s/u.test(line)) return true;
  if (line.length > 80) return false;
  // A list item or a date line ("Last updated: March 3, 2024") is text, however short.
  if (/^(?:[-*•·]|\d+[.)])\s/u.test(line) || DATE_LINE.test(line)) return false;
  if (/[.;:,!?。；：，！？]$/u.test(line)) return false;
  return /\p{L}/u.test(line);
}
