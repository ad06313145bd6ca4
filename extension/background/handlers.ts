/** What each message does: validate (done by the router) -> build records (src/) -> persist. */
import { snapshotOf } from '../../src/consent/snapshot.ts';
import { REFUSALS } from '../../src/ledger/flags-for.ts';
import { decisionRecordFrom, ledgerExport, promptRecordFrom, RecordError, type SenderFacts } from '../../src/ledger/records.ts';
import type { FlagRecord } from '../../src/model.ts';
import { normalizeText } from '../../src/text.ts';
import { siteOf } from '../../src/site.ts';
import { autoconsentHandlers, type FrameActions } from './autoconsent.ts';
import type { LedgerDb } from './db.ts';
import {
  addLayer,
  addSignal,
  allRecords,
  clearWithdrawal,
  consentsOlderThan,
  latestPromptUrl,
  markWithdrawal,
  withdrawalPending,
  deleteAll,
  deleteSite,
  getSettings,
  listEntries,
  putDecision,
  putPrompt,
  setReopenControl,
  updateSettings,
} from './ledger-store.ts';
import type { ContentHandlers, UiHandlers } from './router.ts';

export interface HandlerDeps {
  db: LedgerDb;
  version: string;
  /** Tells open extension pages that the ledger changed (for this site, or everywhere). */
  changed: (site: string | null) => void;
  now: () => Date;
  /** Shows the number of flags on the tab's toolbar button. */
  badge: (tabId: number, flags: FlagRecord[]) => void;
  /** Opens a page for the person (a new tab). */
  openTab: (url: string) => Promise<void>;
  /** Loading autoconsent into a frame and talking to it. */
  frames: FrameActions;
}

function siteOrFail(sender: SenderFacts): string {
  const site = siteOf(sender.tabUrl);
  if (!site) throw new RecordError('report from a page that is not a web site');
  return site;
}

export function contentHandlers({ db, changed, badge, now, frames }: HandlerDeps): ContentHandlers {
  const recording = async () => (await getSettings(db)).recording;
  /** After a prompt's flags changed: tell open pages and the tab's badge. */
  const after = (site: string, sender: SenderFacts, flags: FlagRecord[] | null) => {
    if (flags === null) return { stored: false };
    changed(site);
    if (sender.tabId !== undefined) badge(sender.tabId, flags); // a CMP in a frame counts for the tab
    return { stored: true };
  };
  return {
    ...autoconsentHandlers({ db, frames, changed, now, badge }),
    async 'prompt/seen'(payload, sender) {
      const record = promptRecordFrom(payload, sender);
      if (!(await recording())) return { stored: false };
      if (await putPrompt(db, record)) {
        const stored = await db.prompts.get(record.id);
        after(record.site, sender, stored?.flags ?? []);
      }
      return { stored: true };
    },
    async 'prompt/layer'(payload, sender) {
      const site = siteOrFail(sender);
      if (!(await recording())) return { stored: false };
      const layer = { actions: payload.actions.map((a) => ({ ...a, label: normalizeText(a.label) })), toggles: payload.toggles, time: payload.time };
      return after(site, sender, await addLayer(db, payload.promptId, site, layer));
    },
    async 'page/hello'(_payload, sender) {
      return { withdrawPending: await withdrawalPending(db, siteOrFail(sender), now().getTime()) };
    },
    async 'decision/made'(payload, sender) {
      let record = decisionRecordFrom(payload, sender);
      if (!(await recording())) return { stored: false };
      // The person asked to withdraw on this site: their next refusal is that withdrawal.
      const withdrawing = REFUSALS.has(record.kind) && (await withdrawalPending(db, record.site, now().getTime()));
      if (withdrawing) record = { ...record, kind: 'withdrawn' };
      if (await putDecision(db, record)) {
        if (withdrawing) await clearWithdrawal(db, record.site);
        const prompt = await db.prompts.get(record.promptId);
        after(record.site, sender, prompt?.flags ?? []);
      }
      return { stored: true };
    },
    async 'prompt/reopen-check'(payload, sender) {
      const site = siteOrFail(sender);
      if (!(await recording())) return { stored: false };
      return after(site, sender, await setReopenControl(db, payload.promptId, site, payload.found));
    },
    async 'signals/seen'(payload, sender) {
      const site = siteOrFail(sender);
      if (!(await recording()) || payload.promptId === null) return { stored: false };
      const snapshot = snapshotOf(payload);
      if (!snapshot) return { stored: false };
      return after(site, sender, await addSignal(db, payload.promptId, site, snapshot));
    },
  };
}

export function uiHandlers({ db, changed, version, now, openTab }: HandlerDeps): UiHandlers {
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
    'site/withdraw': async ({ site }) => {
      const url = (await latestPromptUrl(db, site)) ?? `https://${site}/`;
      await markWithdrawal(db, site, now().getTime());
      await openTab(url);
      return { url };
    },
    'ledger/reminders': async () => {
      const { reminderDays } = await getSettings(db);
      const before = now().getTime() - reminderDays * 24 * 60 * 60 * 1000;
      return { reminderDays, sites: await consentsOlderThan(db, before) };
    },
  };
}
