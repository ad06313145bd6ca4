/** What each message does: validate (done by the router) -> build records (src/) -> persist. */
import { decisionRecordFrom, ledgerExport, promptRecordFrom } from '../../src/ledger/records.ts';
import type { LedgerDb } from './db.ts';
import {
  allRecords,
  deleteAll,
  deleteSite,
  getSettings,
  listEntries,
  putDecision,
  putPrompt,
  updateSettings,
} from './ledger-store.ts';
import type { ContentHandlers, UiHandlers } from './router.ts';

export interface HandlerDeps {
  db: LedgerDb;
  version: string;
  /** Tells open extension pages that the ledger changed (for this site, or everywhere). */
  changed: (site: string | null) => void;
  now: () => Date;
}

export function contentHandlers({ db, changed }: HandlerDeps): ContentHandlers {
  return {
    async 'prompt/seen'(payload, sender) {
      const record = promptRecordFrom(payload, sender);
      if (!(await getSettings(db)).recording) return { stored: false };
      const stored = await putPrompt(db, record);
      if (stored) changed(record.site);
      return { stored: true };
    },
    async 'decision/made'(payload, sender) {
      const record = decisionRecordFrom(payload, sender);
      if (!(await getSettings(db)).recording) return { stored: false };
      const stored = await putDecision(db, record);
      if (stored) changed(record.site);
      return { stored: true };
    },
  };
}

export function uiHandlers({ db, changed, version, now }: HandlerDeps): UiHandlers {
  return {
    'ledger/site': async ({ site }) => ({
      site,
      entries: (await listEntries(db, { offset: 0, limit: 200, site })).entries,
    }),
    'ledger/list': (query) => listEntries(db, query),
    'ledger/delete-site': async ({ site }) => {
      const result = await deleteSite(db, site);
      changed(site);
      return result;
    },
    'ledger/delete-all': async () => {
      const result = await deleteAll(db);
      changed(null);
      return result;
    },
    'ledger/export': async () => {
      const { prompts, decisions } = await allRecords(db);
      return ledgerExport(prompts, decisions, version, now());
    },
    'settings/get': () => getSettings(db),
    'settings/set': (change) => updateSettings(db, change),
  };
}
