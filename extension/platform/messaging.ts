/**
 * Typed messaging over src/protocol: requests from extension pages, the content script's
 * acknowledged channel, and background -> UI notifications. Replies are `Reply<T>` envelopes;
 * errors cross as `{ok: false, error}` and are re-thrown here as `MessageError`.
 */
import * as v from 'valibot';
import {
  backgroundToUiSchemas,
  type BackgroundToUiPayload,
  type BackgroundToUiType,
  type ContentPayload,
  type ContentResponses,
  type ContentType,
  type Envelope,
  type ErrorCode,
} from '../../src/protocol/messages.ts';
import { createRetryQueue } from '../../src/protocol/retry-queue.ts';
import { originOf } from '../../src/url.ts';
import { browser, type Runtime } from './browser.ts';
import { isReply } from './request.ts';

// `request` and its error live in request.ts (no valibot: the popup draws before loading it).
export { isReply, MessageError, request } from './request.ts';

const FINAL_CODES: ReadonlySet<ErrorCode> = new Set(['bad-message', 'unknown-type', 'forbidden', 'invalid-payload']);

/** The content script's channel: ordered, acknowledged, retried while the worker wakes up. */
export function createContentChannel() {
  const queue = createRetryQueue<Envelope, unknown>({
    send: (message) => browser.runtime.sendMessage(message),
    isAck: (reply) => isReply(reply) && reply.ok,
    isFinal: (reply) => isReply(reply) && !reply.ok && FINAL_CODES.has(reply.error.code),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  return {
    post<K extends ContentType>(type: K, payload: ContentPayload<K>): Promise<ContentResponses[K]> {
      return queue.post({ type, payload }).then((reply) => (reply as { data: ContentResponses[K] }).data);
    },
  };
}

/** Send a notification to open extension pages; nobody listening is fine. */
export function notifyUi<K extends BackgroundToUiType>(type: K, payload: BackgroundToUiPayload<K>): void {
  browser.runtime.sendMessage({ type, payload } satisfies Envelope).catch(() => undefined);
}

/** In an extension page: listen to the background's notifications (and ignore everything else). */
export function onBackgroundEvent<K extends BackgroundToUiType>(
  type: K,
  handler: (payload: BackgroundToUiPayload<K>) => void,
): () => void {
  const extensionOrigin = originOf(browser.runtime.getURL('/'));
  const listener = (message: unknown, sender: Runtime.MessageSender): undefined => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined; // only the background
    if (sender.url && originOf(sender.url) !== extensionOrigin) return undefined;
    if (typeof message !== 'object' || message === null || (message as Envelope).type !== type) return undefined;
    const parsed = v.safeParse(backgroundToUiSchemas[type], (message as Envelope).payload);
    if (parsed.success) handler(parsed.output as BackgroundToUiPayload<K>);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
