/**
 * Where policy markup is read: in a context with a DOM that is not the web page. Firefox's
 * background is an event page with a DOM, so it reads there (the reader is loaded only when first
 * needed). Chrome's background is a service worker without a DOM, so it hands the markup to an
 * offscreen document (permission "offscreen", reason DOM_PARSER), created on first use.
 */
import type { AnalyzedPolicy } from '../../src/policy/record.ts';
import type { AnalysisReply, AnalysisRequest } from '../../src/protocol/messages.ts';
import { browser } from './browser.ts';

const OFFSCREEN_PAGE = 'extension/offscreen/index.html';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?: () => Promise<boolean>;
}

function offscreenApi(): OffscreenApi | undefined {
  return (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
}

/**
 * The offscreen document being created, shared by every analysis that asks meanwhile. Chrome lets
 * one createDocument call win; the others throw at once, before the winner's page has loaded and
 * listens, so their messages found no receiver ("Receiving end does not exist"). Waiting for the
 * one creation fixes that. (A handle only: a restarted worker starts with null and asks again.)
 */
let creating: Promise<void> | null = null;

async function createOffscreen(api: OffscreenApi): Promise<void> {
  try {
    await api.createDocument({
      url: OFFSCREEN_PAGE,
      reasons: ['DOM_PARSER'],
      justification: 'Read the text of privacy policies on the device, off the web page.',
    });
  } catch (error) {
    // Created by an earlier worker, or by a call that did not go through `creating`.
    if (!/single offscreen|already/iu.test(String(error))) throw error;
  }
}

async function ensureOffscreen(api: OffscreenApi): Promise<void> {
  if (!creating && (await api.hasDocument?.())) return;
  creating ??= createOffscreen(api).finally(() => {
    creating = null;
  });
  await creating;
}

export async function readPolicy(request: AnalysisRequest): Promise<AnalyzedPolicy> {
  if (typeof DOMParser !== 'undefined') {
    const { analyzePolicyMarkup } = await import('../analysis/analyze-html.ts');
    return analyzePolicyMarkup(request);
  }
  const api = offscreenApi();
  if (!api) throw new Error('no DOM here and no offscreen document API: cannot read the policy');
  await ensureOffscreen(api);
  const reply = (await browser.runtime.sendMessage({ target: 'offscreen', type: 'policy/analyze', payload: request })) as AnalysisReply | undefined;
  if (!reply) throw new Error('the policy reader did not answer');
  if (!reply.ok) throw new Error(`the policy reader failed: ${reply.error}`);
  return reply.data;
}
