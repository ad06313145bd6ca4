/**
 * Chrome's offscreen document (reason DOM_PARSER): the background service worker has no DOM, so it
 * sends policy markup here to be read. Accepts only the background's own messages, only the one
 * type, validated; everything else is ignored (other extension pages get the same broadcasts).
 */
import * as v from 'valibot';
import { analysisSchemas, describeIssues, type AnalysisReply } from '../../src/protocol/messages.ts';
import { browser, type Runtime } from '../platform/browser.ts';
import { analyzePolicyMarkup } from '../analysis/analyze-html.ts';

const Request = v.strictObject({ target: v.literal('offscreen'), type: v.literal('policy/analyze'), payload: analysisSchemas['policy/analyze'] });

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender): Promise<AnalysisReply> | undefined => {
  if ((message as { target?: unknown } | null)?.target !== 'offscreen') return undefined;
  if (sender.id !== browser.runtime.id || sender.tab) return Promise.resolve({ ok: false, error: 'not from the background' });
  const parsed = v.safeParse(Request, message);
  if (!parsed.success) return Promise.resolve({ ok: false, error: describeIssues(parsed.issues) });
  try {
    return Promise.resolve({ ok: true, data: analyzePolicyMarkup(parsed.output.payload) });
  } catch (error) {
    return Promise.resolve({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
