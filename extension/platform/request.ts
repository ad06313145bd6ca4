/**
 * From an extension page (popup, dashboard): ask the background and get its typed answer. Apart
 * from messaging.ts so that a page can ask before it loads valibot (the popup's first draw).
 */
import type { Envelope, ErrorCode, Reply, UiInput, UiResponses, UiType } from '../../src/protocol/messages.ts';
import { browser } from './browser.ts';

export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

export function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export async function request<K extends UiType>(type: K, payload: UiInput<K>): Promise<UiResponses[K]> {
  const reply: unknown = await browser.runtime.sendMessage({ type, payload } satisfies Envelope);
  if (!isReply(reply)) throw new MessageError('internal', 'no answer from the background');
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message);
  return reply.data as UiResponses[K];
}
