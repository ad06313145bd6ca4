/**
 * `consent-lens policy` and `consent-lens classify`: the policy analysis of src/policy over local
 * files and standard input. HTML goes through Readability in an inert happy-dom document, exactly
 * as the extension's offscreen reader does with DOMParser.
 */
import { analyzeBlocks, type PolicyAnalysis } from '../src/policy/analyze.ts';
import { classifyPassage } from '../src/policy/categories.ts';
import { blocksFromPlainText, MAX_ANALYSED_CHARS, type Evidence, type PolicyDocument } from '../src/policy/document.ts';
import { extractPolicy } from '../src/policy/extract.ts';
import { policyHash } from '../src/policy/versions.ts';
import { inertWindow } from './scan.ts';

export interface PolicyReport {
  file: string;
  title: string;
  lang: string;
  hash: string;
  words: number;
  readability: PolicyAnalysis['readability'];
  keyFacts: (PolicyAnalysis['keyFacts'][number] & { quote: string })[];
  redFlags: (PolicyAnalysis['redFlags'][number] & { quotes: string[] })[];
  vagueness: PolicyAnalysis['vagueness'];
  breakdown: PolicyAnalysis['breakdown'];
  checklist: { score: number; items: (PolicyAnalysis['checklist']['items'][number] & { quotes: string[] })[] };
  facts: (PolicyAnalysis['facts'][number] & { quote: string })[];
  /** Only when the text was longer than MAX_ANALYSED_CHARS: the report covers its beginning. */
  truncated?: PolicyAnalysis['truncated'];
}

export async function readPolicyFile(file: string, content: string): Promise<{ title: string; document: PolicyDocument; analysis: PolicyAnalysis }> {
  if (/\.html?$/iu.test(file) || /^\s*<(?:!doctype|html|head|body)/iu.test(content)) {
    const window = inertWindow(null);
    try {
      const parsed = new window.DOMParser().parseFromString(content, 'text/html') as unknown as Document;
      const extracted = extractPolicy(parsed);
      return { title: extracted.title, ...analyzeBlocks(extracted.blocks) };
    } finally {
      await window.happyDOM.close();
    }
  }
  const result = analyzeBlocks(blocksFromPlainText(content));
  return { title: result.document.sections[0]?.heading ?? '', ...result };
}

export function policyReport(file: string, read: { title: string; document: PolicyDocument; analysis: PolicyAnalysis }): PolicyReport {
  const { document: doc, analysis: a } = read;
  const quote = (e: Evidence) => doc.text.slice(e.start, e.end);
  return {
    file,
    title: read.title,
    lang: doc.lang,
    hash: policyHash(doc.text),
    words: a.readability.words,
    readability: a.readability,
    keyFacts: a.keyFacts.map((k) => ({ ...k, quote: quote(k.evidence) })),
    redFlags: a.redFlags.map((f) => ({ ...f, quotes: f.evidence.map(quote) })),
    vagueness: a.vagueness,
    breakdown: a.breakdown,
    checklist: { score: a.checklist.score, items: a.checklist.items.map((i) => ({ ...i, quotes: i.evidence.map(quote) })) },
    facts: a.facts.map((f) => ({ ...f, quote: quote(f.evidence) })),
    ...(a.truncated ? { truncated: a.truncated } : {}),
  };
}

/** The one-line notice printed (on standard error) when only the beginning of a policy was analysed. */
export function truncationNotice(file: string, analysis: PolicyAnalysis): string | null {
  const t = analysis.truncated;
  if (!t) return null;
  const n = (x: number) => x.toLocaleString('en');
  return `consent-lens: note: ${file} has ${n(t.totalChars)} characters of text; only the first ${n(t.analysedChars)} were analysed (the limit is ${n(MAX_ANALYSED_CHARS)})`;
}

/** One JSON line in, one out: `{"id", "text"}` → `{"id", "categories"}`; a bad line gets `{"line", "error"}`. */
export function classifyLine(line: string, lineNumber: number): { out: string; ok: boolean } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { out: JSON.stringify({ line: lineNumber, error: `not JSON: ${(error as Error).message}` }), ok: false };
  }
  const record = input as { id?: unknown; text?: unknown } | null;
  if (typeof record !== 'object' || record === null || typeof record.text !== 'string' || !['string', 'number'].includes(typeof record.id)) {
    return { out: JSON.stringify({ line: lineNumber, error: 'expected {"id": string|number, "text": string}' }), ok: false };
  }
  return { out: JSON.stringify({ id: record.id, categories: classifyPassage(record.text) }), ok: true };
}
