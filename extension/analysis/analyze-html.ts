/**
 * Reads a policy page's markup into an analysis. Runs where there is a DOM but no web page:
 * Chrome's offscreen document, or Firefox's background page. DOMParser makes an inert copy (no
 * script runs, nothing loads), so Readability can rewrite it freely: the person's page is never
 * touched, and the page's main thread does none of this work.
 */
import { analyzeBlocks } from '../../src/policy/analyze.ts';
import { blocksFromPlainText } from '../../src/policy/document.ts';
import { extractPolicy } from '../../src/policy/extract.ts';
import type { AnalyzedPolicy } from '../../src/policy/record.ts';
import type { AnalysisRequest } from '../../src/protocol/messages.ts';

export function analyzePolicyMarkup({ html, contentType }: AnalysisRequest): AnalyzedPolicy {
  if (contentType === 'text/plain') {
    const { document, analysis } = analyzeBlocks(blocksFromPlainText(html));
    return { title: document.sections[0]?.heading ?? '', document, analysis };
  }
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const extracted = extractPolicy(parsed);
  const { document, analysis } = analyzeBlocks(extracted.blocks);
  return { title: extracted.title, document, analysis };
}
