/**
 * The dashboard's side of the export port: a `LedgerReader` (src/export/stream.ts) whose every call
 * is one request on a runtime.Port to the background, answered with the same `seq`. If the port
 * closes (the service worker stopped, the extension reloaded), every open and later call fails
 * with `ExportPortClosed`.
 */
import * as v from 'valibot';
import {
  EXPORT_PORT,
  ExportPortReplySchema,
  type ErrorCode,
  type ExportPortInput,
  type ExportPortResponses,
  type ExportPortType,
} from '../../src/protocol/messages.ts';
import type { LedgerReader } from '../../src/export/stream.ts';
import { browser } from './browser.ts';
import { MessageError } from './messaging.ts';

export class ExportPortClosed extends Error {
  override name = 'ExportPortClosed';
}

export interface PortReader extends LedgerReader {
  close(): void;
}

export function connectLedgerReader(): PortReader {
  const port = browser.runtime.connect({ name: EXPORT_PORT });
  const waiting = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
  let closed: Error | null = null;
  let seq = 0;
  port.onMessage.addListener((message: unknown) => {
    const reply = v.safeParse(ExportPortReplySchema, message);
    if (!reply.success) return;
    const r = reply.output;
    if (r.seq === null) {
      // Refused as a whole (or a message it could not number): fail everything open.
      for (const w of waiting.values()) w.reject(r.ok ? new Error('unexpected answer') : new MessageError(r.error.code as ErrorCode, r.error.message));
      waiting.clear();
      return;
    }
    const w = waiting.get(r.seq);
    if (!w) return;
    waiting.delete(r.seq);
    if (r.ok) w.resolve(r.data);
    else w.reject(new MessageError(r.error.code as ErrorCode, r.error.message));
  });
  port.onDisconnect.addListener(() => {
    closed = new ExportPortClosed('the connection to the background closed');
    for (const w of waiting.values()) w.reject(closed);
    waiting.clear();
  });
  function ask<K extends ExportPortType>(type: K, payload: ExportPortInput<K>): Promise<ExportPortResponses[K]> {
    if (closed) return Promise.reject(closed);
    const id = ++seq;
    return new Promise<ExportPortResponses[K]>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (data: unknown) => void, reject });
      try {
        port.postMessage({ type, seq: id, payload });
      } catch (error) {
        waiting.delete(id);
        closed = new ExportPortClosed(error instanceof Error ? error.message : String(error));
        reject(closed);
      }
    });
  }
  return {
    plan: (sites) => ask('plan', { sites }),
    count: async (scope) => (await ask('count', scope)).rows,
    page: (query) => ask('page', query) as never,
    prompts: async (ids) => (await ask('prompts', { ids })).rows,
    decisionsOf: async (promptIds) => (await ask('decisions-of', { promptIds })).rows,
    policies: async () => (await ask('policies', {})).rows,
    studyConsents: async () => (await ask('study-consents', {})).rows,
    close() {
      closed ??= new ExportPortClosed('closed');
      port.disconnect();
    },
  };
}
