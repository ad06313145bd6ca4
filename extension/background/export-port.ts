/**
 * The export port (runtime.connect name EXPORT_PORT): the dashboard reads the ledger page by page
 * (src/export/stream.ts). Accepted only from this extension's own pages: the sender's id must be
 * this extension's, its URL on the extension's origin, and, when it is in a tab, that tab must show
 * an extension page too (a content script's port names its web page). Every message is checked
 * against `exportPortSchemas`; a bad one is answered with an error and nothing is read. Each answer
 * carries the request's `seq`. The port's closure is the only state: the pages carry their cursor,
 * so a worker that stops mid-export loses nothing but the connection (the dashboard says so and
 * offers to start again).
 */
import * as v from 'valibot';
import {
  describeIssues,
  EXPORT_PORT,
  ExportPortEnvelopeSchema,
  exportPortSchemas,
  type ErrorCode,
  type ExportPortPayload,
  type ExportPortReply,
  type ExportPortResponses,
  type ExportPortType,
} from '../../src/protocol/messages.ts';
import { originOf } from '../../src/url.ts';
import type { LedgerDb } from './db.ts';
import { exportCount, exportDecisionsOf, exportPage, exportPlan, exportPolicies, exportPrompts, exportStudyConsents } from './export-store.ts';
import type { RouterContext, SenderLike } from './router.ts';

/** The parts of runtime.Port used here. */
export interface PortLike {
  name: string;
  sender?: SenderLike | undefined;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(fn: (message: unknown) => void): void };
}

export interface ExportPortDeps {
  db: LedgerDb;
  version: string;
  now: () => Date;
}

/** Whether a port's sender is one of this extension's pages (not a content script, not another extension). */
export function isExtensionPage(sender: SenderLike | undefined, context: RouterContext): boolean {
  if (!sender || sender.id !== context.extensionId) return false;
  if (originOf(sender.url) !== context.extensionOrigin) return false;
  if (sender.tab?.url !== undefined && originOf(sender.tab.url) !== context.extensionOrigin) return false;
  return true;
}

type Handlers = { [K in ExportPortType]: (payload: ExportPortPayload<K>) => Promise<ExportPortResponses[K]> };

function handlers({ db, version, now }: ExportPortDeps): Handlers {
  return {
    plan: ({ sites }) => exportPlan(db, sites, { version, now: now() }),
    count: async (scope) => ({ rows: await exportCount(db, scope) }),
    page: (query) => exportPage(db, query),
    prompts: async ({ ids }) => ({ rows: await exportPrompts(db, ids) }),
    'decisions-of': async ({ promptIds }) => ({ rows: await exportDecisionsOf(db, promptIds) }),
    policies: async () => ({ rows: await exportPolicies(db) }),
    'study-consents': async () => ({ rows: await exportStudyConsents(db) }),
  };
}

/**
 * Handles a newly connected port. Returns false for a port of another name (left alone) and for a
 * refused sender (told why, then disconnected).
 */
export function acceptExportPort(port: PortLike, context: RouterContext, deps: ExportPortDeps): boolean {
  if (port.name !== EXPORT_PORT) return false;
  const post = (reply: ExportPortReply) => {
    try {
      port.postMessage(reply);
    } catch {
      // The page went away: nothing to answer.
    }
  };
  const fail = (seq: number | null, code: ErrorCode, message: string) => post({ seq, ok: false, error: { code, message } });
  if (!isExtensionPage(port.sender, context)) {
    fail(null, 'forbidden', `${EXPORT_PORT} is accepted only from ConsentLens's own pages`);
    port.disconnect();
    return false;
  }
  const handle = handlers(deps);
  port.onMessage.addListener((raw: unknown) => {
    const envelope = v.safeParse(ExportPortEnvelopeSchema, raw);
    if (!envelope.success) {
      const seq = typeof (raw as { seq?: unknown } | null)?.seq === 'number' ? (raw as { seq: number }).seq : null;
      fail(seq, 'bad-message', `export port: ${describeIssues(envelope.issues)}`);
      return;
    }
    const { type, seq, payload } = envelope.output;
    const parsed = v.safeParse(exportPortSchemas[type], payload);
    if (!parsed.success) {
      fail(seq, 'invalid-payload', `${type}: ${describeIssues(parsed.issues)}`);
      return;
    }
    const handler = handle[type] as (p: unknown) => Promise<unknown>;
    handler(parsed.output).then(
      (data) => post({ seq, ok: true, data }),
      (error: unknown) => fail(seq, 'internal', error instanceof Error ? error.message : String(error)),
    );
  });
  return true;
}
