/**
 * autoconsent (DuckDuckGo's consent-platform rules) in detect-only mode, loaded only into frames
 * where ConsentLens already found a prompt. The background gives it its config and the rules that
 * apply to the page, answers its main-world checks by snippet name only (never by code string),
 * names the platform on the prompt, and - only when the person switched on "reject when possible" -
 * asks it to refuse and then to check that the refusal held (its self-test). Such a refusal is
 * recorded as indicated by the extension, with the self-test result.
 *
 * No state is kept here: every message carries the prompt id and arrives with its tab and frame.
 */
import { evalSnippets, filterCompactRules } from '@duckduckgo/autoconsent';
import compactRules from '@duckduckgo/autoconsent/rules/compact-rules.json';
import type { SenderFacts } from '../../src/ledger/records.ts';
import type { DecisionRecord, FlagRecord } from '../../src/model.ts';
import type { AutoconsentMessage, ContentResponses } from '../../src/protocol/messages.ts';
import { siteOf } from '../../src/site.ts';
import type { LedgerDb } from './db.ts';
import { clearWithdrawal, getSettings, putDecision, updatePrompt, withdrawalPending } from './ledger-store.ts';

/** Detect only: no clicking, no pre-hiding, no cosmetic hiding - the person sees the banner. */
export const DETECT_ONLY_CONFIG = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: false,
  enableHeuristicDetection: false,
  heuristicMode: 'off',
  detectRetries: 5,
  isMainWorld: false,
  prehideTimeout: 0,
  logs: { lifecycle: false, rulesteps: false, evals: false, errors: false, messages: false, waits: false },
};

export const SELF_TEST_DELAY_MS = 1000;

/** What the background can do in a tab's frame (browser APIs, injected so this file is testable). */
export interface FrameActions {
  inject(tabId: number, frameId: number): Promise<void>;
  send(tabId: number, frameId: number, message: unknown): Promise<void>;
  runInMainWorld(tabId: number, frameId: number, snippet: () => unknown): Promise<unknown>;
  later(ms: number, fn: () => void): void;
}

export interface AutoconsentDeps {
  db: LedgerDb;
  frames: FrameActions;
  changed: (site: string | null) => void;
  now: () => Date;
  badge: (tabId: number, flags: FlagRecord[]) => void;
}

const decisionId = (promptId: string) => `autoconsent-${promptId}`.slice(0, 64);

export function autoconsentHandlers({ db, frames, changed, now, badge }: AutoconsentDeps) {
  const where = (sender: SenderFacts) => {
    if (sender.tabId === undefined) throw new Error('autoconsent runs only in tabs');
    return { tabId: sender.tabId, frameId: sender.frameId };
  };

  async function handle(promptId: string, message: AutoconsentMessage, sender: SenderFacts): Promise<ContentResponses['autoconsent/message']> {
    const { tabId, frameId } = where(sender);
    const site = siteOf(sender.tabUrl);
    if (!site) return { handled: false };
    switch (message.type) {
      case 'init': {
        const rules = filterCompactRules(compactRules, { url: sender.frameUrl, mainFrame: frameId === 0 });
        await frames.send(tabId, frameId, { type: 'initResp', config: DETECT_ONLY_CONFIG, rules: { autoconsent: [], compact: rules } });
        return { handled: true };
      }
      case 'eval': {
        const snippets = evalSnippets as Record<string, () => unknown>;
        const snippet = message.snippetId !== undefined && Object.hasOwn(snippets, message.snippetId) ? snippets[message.snippetId] : undefined;
        const result = snippet ? await frames.runInMainWorld(tabId, frameId, snippet).catch(() => false) : false;
        await frames.send(tabId, frameId, { type: 'evalResp', id: message.id, result: Boolean(result) });
        return { handled: snippet !== undefined };
      }
      case 'popupFound': {
        const settings = await getSettings(db);
        // Naming the platform is a ledger write (skipped while recording is paused); refusing is
        // the person's standing instruction and happens either way.
        const flags = settings.recording ? await updatePrompt(db, promptId, site, () => ({ cmp: message.cmp })) : null;
        if (flags !== null) {
          changed(site);
          badge(tabId, flags);
        }
        if (settings.autoReject) await frames.send(tabId, frameId, { type: 'optOut' });
        return { handled: true };
      }
      case 'optOutResult': {
        if (message.scheduleSelfTest && message.result) {
          frames.later(SELF_TEST_DELAY_MS, () => void frames.send(tabId, frameId, { type: 'selfTest' }).catch(() => undefined));
        }
        // Nothing was refused, or nothing may be stored: no decision to record.
        if (!message.result || !(await getSettings(db)).recording) return { handled: true };
        const time = now().getTime();
        const withdrawing = await withdrawalPending(db, site, time);
        const record: DecisionRecord = {
          id: decisionId(promptId),
          promptId,
          site,
          kind: withdrawing ? 'withdrawn' : 'reject-all',
          role: null,
          label: '',
          indicatedBy: 'extension',
          autoconsent: { cmp: message.cmp, optOut: message.result, selfTest: null },
          time,
        };
        const flags = await putDecision(db, record).catch(() => null); // its prompt may not be stored
        if (flags && withdrawing) await clearWithdrawal(db, site);
        if (flags) badge(tabId, flags);
        changed(site);
        return { handled: true };
      }
      case 'selfTestResult': {
        await db.transaction('rw', db.decisions, async () => {
          const stored = await db.decisions.get(decisionId(promptId));
          if (stored?.autoconsent && stored.site === site) {
            await db.decisions.put({ ...stored, autoconsent: { ...stored.autoconsent, selfTest: message.result } });
          }
        });
        changed(site);
        return { handled: true };
      }
      case 'cmpDetected':
      case 'autoconsentDone':
      case 'autoconsentError':
        return { handled: false };
    }
  }

  return {
    async 'autoconsent/candidate'(_payload: { promptId: string }, sender: SenderFacts): Promise<ContentResponses['autoconsent/candidate']> {
      const { tabId, frameId } = where(sender);
      await frames.inject(tabId, frameId);
      return { injected: true };
    },
    async 'autoconsent/message'(payload: { promptId: string; message: AutoconsentMessage }, sender: SenderFacts) {
      return handle(payload.promptId, payload.message, sender);
    },
  };
}
