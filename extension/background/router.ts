/**
 * The background's one message router. For every message it checks, in order:
 *   1. the envelope ({type: string, payload}) and that it came from this extension;
 *   2. who may send the type: content-script types only from a tab's web page, UI types only from
 *      the extension's own pages (popup, dashboard) - so a page can never delete or export;
 *   3. the payload against its schema (src/protocol/messages.ts);
 * then calls the handler and wraps its result in a Reply. Nothing here keeps state between calls:
 * the worker may be stopped at any time.
 */
import * as v from 'valibot';
import {
  contentSchemas,
  describeIssues,
  isContentType,
  isUiType,
  uiSchemas,
  type ContentPayload,
  type ContentResponses,
  type ContentType,
  type ErrorCode,
  type Reply,
  type UiPayload,
  type UiResponses,
  type UiType,
} from '../../src/protocol/messages.ts';
import { RecordError, type SenderFacts } from '../../src/ledger/records.ts';
import { originOf } from '../../src/url.ts';
import { isQuotaError } from './quota.ts';

/** The parts of runtime.MessageSender the router reads. */
export interface SenderLike {
  id?: string | undefined;
  url?: string | undefined;
  frameId?: number | undefined;
  /** The frame's origin (Chrome; Firefox where it has it): what an about:blank frame runs as. */
  origin?: string | undefined;
  tab?: { id?: number | undefined; url?: string | undefined } | undefined;
}

export interface RouterContext {
  extensionId: string;
  extensionOrigin: string; // chrome-extension://<id> or moz-extension://<uuid>
}

export type ContentHandlers = {
  [K in ContentType]: (payload: ContentPayload<K>, sender: SenderFacts) => Promise<ContentResponses[K]>;
};
export type UiHandlers = {
  [K in UiType]: (payload: UiPayload<K>) => Promise<UiResponses[K]>;
};

const fail = (code: ErrorCode, message: string): Reply<never> => ({ ok: false, error: { code, message } });



export function createRouter(context: RouterContext, content: ContentHandlers, ui: UiHandlers) {
  return async function route(raw: unknown, sender: SenderLike): Promise<Reply<unknown>> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('bad-message', 'not an object');
    const { type, payload } = raw as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string' || type.length > 64) return fail('bad-message', 'no message type');
    if (sender.id !== context.extensionId) return fail('forbidden', 'not from this extension');
    const fromExtensionPage = originOf(sender.url) === context.extensionOrigin;

    try {
      if (isContentType(type)) {
        const tabUrl = sender.tab?.url;
        if (fromExtensionPage || !tabUrl || !sender.url || typeof sender.frameId !== 'number') {
          return fail('forbidden', `${type} is accepted only from a web page's content script`);
        }
        const parsed = v.safeParse(contentSchemas[type], payload);
        if (!parsed.success) return fail('invalid-payload', `${type}: ${describeIssues(parsed.issues)}`);
        const facts: SenderFacts = { tabUrl, frameUrl: sender.url, frameId: sender.frameId, tabId: sender.tab?.id, frameOrigin: sender.origin };
        const handler = content[type] as (p: unknown, s: SenderFacts) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.output, facts) };
      }
      if (isUiType(type)) {
        if (!fromExtensionPage) return fail('forbidden', `${type} is accepted only from ConsentLens's own pages`);
        const parsed = v.safeParse(uiSchemas[type], payload);
        if (!parsed.success) return fail('invalid-payload', `${type}: ${describeIssues(parsed.issues)}`);
        const handler = ui[type] as (p: unknown) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.output) };
      }
    } catch (error) {
      if (error instanceof RecordError) return fail('invalid-payload', error.message);
      if (isQuotaError(error)) return fail('storage-full', 'the browser refused to store more: its storage is full');
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
    return fail('unknown-type', `unknown message type "${type}"`);
  };
}
