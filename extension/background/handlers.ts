/** What each message does: validate (done by the router) -> build records (src/) -> persist. */
import { snapshotOf } from '../../src/consent/snapshot.ts';
import { REFUSALS } from '../../src/ledger/flags-for.ts';
import { decisionRecordFrom, ledgerExport, promptRecordFrom, RecordError, type SenderFacts } from '../../src/ledger/records.ts';
import type { FlagRecord } from '../../src/model.ts';
import { judgePolicyPage } from '../../src/policy/policy-page.ts';
import { policyVersionRecord, versionRef, type AnalyzedPolicy, type PolicySource, type PolicyVersionRecord } from '../../src/policy/record.ts';
import type { AnalysisRequest } from '../../src/protocol/messages.ts';
import { normalizeText } from '../../src/text.ts';
import { siteOf } from '../../src/site.ts';
import { autoconsentHandlers, type FrameActions } from './autoconsent.ts';
import { storageHasRoom, type LedgerDb } from './db.ts';
import {
  addLayer,
  addSignal,
  allRecords,
  clearWithdrawal,
  consentsOlderThan,
  latestPromptUrl,
  markWithdrawal,
  purgeIfDue,
  withdrawalPending,
  deleteAll,
  deleteSite,
  getSettings,
  listEntries,
  newestEntries,
  putDecision,
  putPrompt,
  setReopenControl,
  updateSettings,
} from './ledger-store.ts';
import { acknowledgePolicy, allPolicySummaries, latestPolicy, policySiteView, putPolicyLinks, putPolicyVersion } from './policy-store.ts';
import { extensionHandlers } from './extensions-store.ts';
import { restoreLedger } from './restore.ts';
import { allStudyConsents, discardStudy, joinStudy, leaveStudy, loadStudy, markExported, researchState, type ResearchDeps } from './research-store.ts';
import { allSiteStats, overview, siteTimeline, sites, trackRefresh } from './site-stats.ts';
import { collectionContentHandlers, collectionUiHandlers, observeSignIn, type CollectionDeps } from './collection-handlers.ts';
import type { ContentHandlers, UiHandlers } from './router.ts';
import { createWriteBatcher } from './write-batch.ts';

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
  /** Reads policy markup into an analysis, off the web page (offscreen document or event page). */
  readPolicy: (request: AnalysisRequest) => Promise<AnalyzedPolicy>;
  /**
   * Downloads a page without cookies or referrer. Used only for the site's own policy link, and
   * only when the person asked (a button, or the off-by-default setting at the moment of consent).
   */
  fetchPage: (url: string) => Promise<{ url: string; contentType: AnalysisRequest['contentType']; body: string }>;
  /** ConsentLens's own extension id (left out of the extensions audit). */
  selfId?: string;
  /** Loads one of the on-demand scripts (vite.config.ts ON_DEMAND_SCRIPTS) into a tab's frame. */
  injectScript: (tabId: number, frameId: number, file: string) => Promise<void>;
}

/** Built from extension/content/forms-engine.ts by the vite plugin in vite.config.ts. */
export const FORMS_SCRIPT = 'extension/content/forms.js';

/** Fewer words than this is not a policy worth a version (an error page, a stub). */
const MIN_POLICY_WORDS = 80;

/**
 * Reads a page and, if its main text is a privacy or cookie policy, stores it as a version; returns
 * the version and whether it changed the site's policy of that kind. `expect` names the kind for
 * a page fetched from a privacy link (its text alone decides for a page the person visited).
 */
async function storePolicy(
  deps: HandlerDeps,
  where: { site: string; url: string; source: PolicySource; expect?: 'privacy' },
  request: AnalysisRequest,
): Promise<{ id: string; changed: boolean } | null> {
  const analyzed = await deps.readPolicy(request);
  if (analyzed.analysis.readability.words < MIN_POLICY_WORDS) return null;
  const { document } = analyzed;
  const verdict = judgePolicyPage({
    title: analyzed.title,
    headings: document.sections.map((s) => s.heading).slice(0, 20),
    text: document.text,
    url: where.url,
  });
  const kind = verdict.kind ?? where.expect;
  if (!kind) return null;
  const time = deps.now().getTime();
  const record = policyVersionRecord(analyzed, { site: where.site, url: where.url, kind, source: where.source, time, first: false });
  const stored = await putPolicyVersion(deps.db, record);
  summarizing(deps)(where.site);
  return stored;
}

/** The site's privacy-policy link to fetch: one on the site itself first, else any it links to. */
async function policyLinkOf(db: LedgerDb, site: string): Promise<string | null> {
  const links = (await db.policyLinks.get(site))?.links ?? [];
  const privacy = links.filter((l) => l.kind === 'privacy');
  return (privacy.find((l) => siteOf(l.url) === site) ?? privacy[0])?.url ?? null;
}

async function fetchPolicy(deps: HandlerDeps, site: string): Promise<{ id: string; changed: boolean }> {
  const url = await policyLinkOf(deps.db, site);
  if (!url) throw new RecordError(`no link to a privacy policy has been seen on ${site} yet: open one of its pages first`);
  const page = await deps.fetchPage(url);
  const stored = await storePolicy(deps, { site, url: page.url, source: 'fetched', expect: 'privacy' }, { html: page.body, url: page.url, contentType: page.contentType });
  if (!stored) throw new RecordError(`${url} does not read as a privacy policy (too little text)`);
  return stored;
}

function siteOrFail(sender: SenderFacts): string {
  const site = siteOf(sender.tabUrl);
  if (!site) throw new RecordError('report from a page that is not a web site');
  return site;
}

/**
 * `changed(site)` for the handlers: queues the site's summary refresh (site-stats.ts; every read of
 * the summaries waits for the queue, so a page that reloads on the notice sees the change) and tells
 * open pages.
 */
function summarizing(deps: HandlerDeps): (site: string | null) => void {
  return (site) => {
    trackRefresh(deps.db, site);
    deps.changed(site);
  };
}

export function contentHandlers(deps: HandlerDeps): ContentHandlers {
  const { db, badge, now, frames } = deps;
  const changed = summarizing(deps);
  const recording = async () => (await getSettings(db)).recording;
  /** After a prompt's flags changed: tell open pages and the tab's badge. */
  const after = (site: string, sender: SenderFacts, flags: FlagRecord[] | null) => {
    if (flags === null) return { stored: false };
    changed(site);
    if (sender.tabId !== undefined) badge(sender.tabId, flags); // a CMP in a frame counts for the tab
    return { stored: true };
  };
  /** The person's setting: fetch the policy at the moment of consent, and note it on the decision. */
  const policyAtConsent = async (decisionId: string, site: string) => {
    try {
      const { id } = await fetchPolicy(deps, site);
      const version = await db.policies.get(id);
      if (version) await db.decisions.update(decisionId, { policyVersion: versionRef(version) });
      changed(site);
    } catch {
      // No link known, offline, not a policy: the decision keeps "no policy known".
    }
  };
  const collection: CollectionDeps = { db, changed, now, recording, newId: () => crypto.randomUUID() };
  // Per batch (one transaction): the settings, and per site its latest policy and pending withdrawal,
  // read once for all of the batch's reports (only decisions of the batch change the withdrawal).
  const writes = createWriteBatcher(db, () => [db.prompts, db.decisions, db.settings, db.policies], async () => ({
    settings: await getSettings(db),
    policies: new Map<string, Promise<PolicyVersionRecord | undefined>>(),
    withdrawals: new Map<string, Promise<boolean>>(),
  }));
  const once = <T,>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
    let found = cache.get(key);
    if (!found) {
      found = read();
      cache.set(key, found);
    }
    return found;
  };
  return {
    ...autoconsentHandlers({ db, frames, changed, now, badge }),
    ...collectionContentHandlers(collection),
    async 'prompt/seen'(payload, sender) {
      const record = promptRecordFrom(payload, sender);
      // Written with the other reports that arrive meanwhile (write-batch.ts): undefined = not
      // recording, null = already stored (a retry), else the flags the prompt was stored with.
      const flags = await writes.submit(record.site, async ({ settings }) => {
        if (!settings.recording) return undefined;
        return putPrompt(db, record);
      });
      if (flags === undefined) return { stored: false };
      if (flags !== null) after(record.site, sender, flags);
      return { stored: true };
    },
    async 'prompt/layer'(payload, sender) {
      const site = siteOrFail(sender);
      if (!(await recording())) return { stored: false };
      const layer = { actions: payload.actions.map((a) => ({ ...a, label: normalizeText(a.label) })), toggles: payload.toggles, time: payload.time };
      return after(site, sender, await addLayer(db, payload.promptId, site, layer));
    },
    async 'page/hello'(_payload, sender) {
      const site = siteOrFail(sender);
      await observeSignIn(collection, sender);
      if (await purgeIfDue(db, now().getTime())) changed(null);
      return { withdrawPending: await withdrawalPending(db, site, now().getTime()) };
    },
    async 'decision/made'(payload, sender) {
      const made = decisionRecordFrom(payload, sender);
      const stored = await writes.submit(made.site, async ({ settings, policies, withdrawals }) => {
        if (!settings.recording) return undefined;
        let record = made;
        // The person asked to withdraw on this site: their next refusal is that withdrawal.
        const withdrawing = REFUSALS.has(record.kind) && (await once(withdrawals, record.site, () => withdrawalPending(db, made.site, now().getTime())));
        if (withdrawing) record = { ...record, kind: 'withdrawn' };
        // The policy known when the decision was given (null: none read yet).
        const policy = await once(policies, record.site, () => latestPolicy(db, made.site));
        record = { ...record, policyVersion: policy ? versionRef(policy) : null };
        const flags = await putDecision(db, record);
        if (flags === null) return null;
        if (withdrawing) {
          await clearWithdrawal(db, record.site);
          withdrawals.set(record.site, Promise.resolve(false));
        }
        return { flags, fetchPolicy: !policy && settings.fetchPolicyAtConsent };
      });
      if (stored === undefined) return { stored: false };
      if (stored !== null) {
        after(made.site, sender, stored.flags);
        if (stored.fetchPolicy) void policyAtConsent(made.id, made.site);
      }
      return { stored: true };
    },
    async 'forms/candidate'(_payload, sender) {
      siteOrFail(sender);
      if (sender.tabId === undefined || !(await recording())) return { injected: false };
      await deps.injectScript(sender.tabId, sender.frameId, FORMS_SCRIPT);
      return { injected: true };
    },
    async 'policy/links'(payload, sender) {
      const site = siteOrFail(sender);
      if (sender.frameId !== 0 || !(await recording())) return { stored: false };
      const stored = await putPolicyLinks(db, { site, links: payload.links.map((l) => ({ ...l, text: normalizeText(l.text) })), updatedAt: now().getTime() });
      if (stored) changed(site);
      return { stored };
    },
    async 'policy/page'(payload, sender) {
      const site = siteOrFail(sender);
      if (sender.frameId !== 0 || !(await recording())) return { stored: false, version: null, changed: false };
      const stored = await storePolicy(deps, { site, url: sender.frameUrl, source: 'visited' }, { html: payload.html, url: sender.frameUrl, contentType: 'text/html' });
      return stored ? { stored: true, version: stored.id, changed: stored.changed } : { stored: false, version: null, changed: false };
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

export function uiHandlers(deps: HandlerDeps): UiHandlers {
  const { db, version, now, openTab } = deps;
  const changed = summarizing(deps);
  const recording = async () => (await getSettings(db)).recording;
  const research: ResearchDeps = { db, now: () => now().getTime(), newId: () => crypto.randomUUID() };
  return {
    'research/load': ({ text }) => loadStudy(research, text),
    'research/get': () => researchState(research),
    'research/join': async (payload) => {
      const result = await joinStudy(research, payload);
      changed(null);
      return result;
    },
    'research/discard': async ({ studyId }) => discardStudy(research, studyId),
    'research/leave': async ({ studyId }) => {
      const result = await leaveStudy(research, studyId);
      changed(null);
      return result;
    },
    'research/exported': async ({ studyId }) => {
      const result = await markExported(research, studyId);
      changed(null);
      return result;
    },
    ...collectionUiHandlers({ db, changed, now, recording, newId: () => crypto.randomUUID() }),
    ...extensionHandlers(db, { now: () => now().getTime(), selfId: deps.selfId }),
    'dashboard/overview': () => overview(db, now().getTime()),
    'dashboard/sites': (query) => sites(db, query),
    'dashboard/site': ({ site }) => siteTimeline(db, site, deps.version, now()),
    'policy/site': ({ site }) => policySiteView(db, site),
    'policy/fetch': async ({ site }) => {
      const { id, changed: didChange } = await fetchPolicy(deps, site);
      return { version: id, changed: didChange };
    },
    'policy/ack': async ({ site, id }) => {
      const acknowledged = await acknowledgePolicy(db, site, id);
      if (acknowledged) changed(site);
      return { acknowledged };
    },
    'site/of': async ({ url }) => ({ site: siteOf(url) }),
    'storage/check': async () => ({ full: !(await storageHasRoom(db)) }),
    'ledger/site': async ({ site, limit }) => ({ site, entries: await newestEntries(db, site, limit) }),
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
    'ledger/restore': async ({ text, mode }) => {
      const result = await restoreLedger(db, text, mode);
      if (result.ok) changed(null);
      return result;
    },
    'ledger/export': async () => {
      const { prompts, decisions } = await allRecords(db);
      const [permissions, forms, signIns] = await Promise.all([db.permissions.orderBy('time').toArray(), db.forms.orderBy('time').toArray(), db.signIns.orderBy('time').toArray()]);
      return ledgerExport(prompts, decisions, version, now(), await allPolicySummaries(db), { permissions, forms, signIns }, await allStudyConsents(db));
    },
    'settings/get': () => getSettings(db),
    'settings/set': async (change) => {
      const settings = await updateSettings(db, change);
      if (change.retentionDays !== undefined && (await purgeIfDue(db, now().getTime(), true))) changed(null);
      return settings;
    },
    'site/withdraw': async ({ site }) => {
      const url = (await latestPromptUrl(db, site)) ?? `https://${site}/`;
      await markWithdrawal(db, site, now().getTime());
      await openTab(url);
      return { url };
    },
    'ledger/reminders': async () => {
      const { reminderDays } = await getSettings(db);
      const before = now().getTime() - reminderDays * 24 * 60 * 60 * 1000;
      return { reminderDays, sites: await consentsOlderThan(db, before, await allSiteStats(db)) };
    },
  };
}
