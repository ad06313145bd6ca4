/**
 * The export tests' ledger in a real LedgerDb on fake-indexeddb: the export fixture plus the cases
 * that make streaming hard (a consent signal read before its prompt, rows sharing one time across
 * page boundaries, a decision whose prompt is gone, a later privacy policy), and a LedgerReader
 * over the background's own export-store functions, with the JSON round trip a port does.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { LedgerDb } from '../../../extension/background/db.ts';
import { LEDGER_SCHEMA_VERSION } from '../../../src/ledger/records.ts';
import { exportCount, exportDecisionsOf, exportPage, exportPlan, exportPolicies, exportPrompts, exportStudyConsents } from '../../../extension/background/export-store.ts';
import type { LedgerReader } from '../../../src/export/stream.ts';
import type { DecisionRecord, PromptRecord } from '../../../src/model.ts';
import type { PolicyVersionRecord } from '../../../src/policy/record.ts';
import type { LedgerExport } from '../../../src/protocol/messages.ts';
import { sha256Hex } from '../../../src/text.ts';
import { fixture, promptOneTrust } from './fixture.ts';

export const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);
export const NOW = new Date('2025-04-01T00:00:00.000Z');
export const VERSION = '0.4.0';

const base = promptOneTrust;
function extraPrompt(id: string, site: string, time: number, extra: Partial<PromptRecord> = {}): PromptRecord {
  const text = `Cookies on ${site}, prompt ${id}`;
  return { ...base, id, site, url: `https://${site}/`, text, textHash: sha256Hex(text), time, layers: [], signals: [], flags: [], ...extra };
}
const signal = (time: number, raw: string) => ({ source: 'tcf' as const, time, eventStatus: 'tcloaded' as const, purposeConsents: [1], purposeLegitimateInterests: [], specialFeatureOptins: [], vendorConsents: 3, grantedCategories: [], raw });

/** A signal read 25 s before its prompt appeared (held back until the first prompt), before other events. */
export const earlyPrompt = extraPrompt('prompt-early-0001', 'example.co.uk', T0 + 20_000, { signals: [signal(T0 - 5_000, 'early'), signal(T0 + 21_000, 'late')] });
/** Three prompts and three decisions at one time: their order is by id. */
export const tiePrompts = ['prompt-tie-c', 'prompt-tie-a', 'prompt-tie-b'].map((id) => extraPrompt(`${id}-0000`, 'shop.example', T0 + 3_600_000, { signals: [signal(T0 + 3_600_000, id)] }));
const decision = (id: string, p: PromptRecord, kind: DecisionRecord['kind'], time: number): DecisionRecord => ({ id, promptId: p.id, site: p.site, kind, role: null, label: 'OK', indicatedBy: 'user', time });
export const extraDecisions: DecisionRecord[] = [
  decision('dec-tie-2', tiePrompts[0] as PromptRecord, 'reject-all', T0 + 3_600_000),
  decision('dec-tie-1', tiePrompts[1] as PromptRecord, 'accept-all', T0 + 3_600_000),
  decision('dec-tie-3', tiePrompts[2] as PromptRecord, 'custom', T0 + 3_600_000),
  { ...decision('dec-orphan-1', earlyPrompt, 'accept-all', T0 + 30_000), promptId: 'prompt-gone-00001' },
  decision('dec-early-1', earlyPrompt, 'reject-all', T0 + 9_000_000_000),
];

export function populatedExport(): LedgerExport {
  const doc = structuredClone(fixture);
  doc.prompts.push(earlyPrompt, ...tiePrompts);
  doc.decisions.push(...extraDecisions);
  doc.policies.push({ ...(doc.policies[0] as LedgerExport['policies'][number]), id: `shop.example privacy ${'b'.repeat(64)}`, site: 'shop.example', hash: 'b'.repeat(64), url: 'https://shop.example/privacy', firstSeen: T0 + 8_000_000, lastSeen: T0 + 8_000_000 });
  // Research mode: the participant joined a study and left it (decision events of site study:<id>).
  doc.schemaVersion = LEDGER_SCHEMA_VERSION;
  doc.studyConsents = [
    { id: 'study-consent-0001', studyId: 'cookie-banners-2026', participantId: 'P-017', action: 'joined', consentVersion: '1.0', consentTextHash: 'c'.repeat(64), dataDeleted: null, time: T0 + 7_000_000 },
    { id: 'study-consent-0002', studyId: 'cookie-banners-2026', participantId: 'P-017', action: 'left', consentVersion: '1.0', consentTextHash: 'c'.repeat(64), dataDeleted: false, time: T0 + 9_500_000 },
  ];
  return doc;
}

export function newDb(name = 'export-test'): LedgerDb {
  return new LedgerDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}

/** Writes a ledger export's records into the database as the background stores them. */
export async function seed(db: LedgerDb, doc: LedgerExport): Promise<void> {
  await db.prompts.bulkAdd(doc.prompts);
  await db.decisions.bulkAdd(doc.decisions);
  await db.permissions.bulkAdd(doc.permissions);
  await db.forms.bulkAdd(doc.forms);
  await db.signIns.bulkAdd(doc.signIns.map((s) => ({ ...s, state: 'anti-forgery-token' })));
  await db.policies.bulkAdd(
    doc.policies.map((p) => ({ ...p, lang: 'en', text: 'We collect data.', sentences: [[0, 16]], analysis: {}, acknowledged: false }) as unknown as PolicyVersionRecord),
  );
  await db.studyConsents.bulkAdd(doc.studyConsents ?? []);
}

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A LedgerReader over the background's export-store, as the port serves it. `calls` counts requests. */
export function storeReader(db: LedgerDb, calls: string[] = []): LedgerReader {
  return {
    plan: async (sites) => (calls.push('plan'), roundTrip(await exportPlan(db, sites, { version: VERSION, now: NOW }))),
    count: async (scope) => (calls.push('count'), exportCount(db, scope)),
    page: async (query) => (calls.push(`page:${query.table}`), roundTrip(await exportPage(db, query))),
    prompts: async (ids) => (calls.push('prompts'), roundTrip(await exportPrompts(db, ids))),
    decisionsOf: async (ids) => (calls.push('decisions-of'), roundTrip(await exportDecisionsOf(db, ids))),
    policies: async () => (calls.push('policies'), roundTrip(await exportPolicies(db))),
    studyConsents: async () => (calls.push('study-consents'), roundTrip(await exportStudyConsents(db))),
  };
}
