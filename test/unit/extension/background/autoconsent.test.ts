import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DETECT_ONLY_CONFIG} from '../../../../extension/background/autoconsent.ts';
import { autoconsentHandlers, type FrameActions } from '../../../../extension/background/autoconsent.ts';
import { LedgerDb } from '../../../../extension/background/db.ts';
import { markWithdrawal, putPrompt, updateSettings, withdrawalPending } from '../../../../extension/background/ledger-store.ts';
import { promptRecordFrom, type SenderFacts } from '../../../../src/ledger/records.ts';

const sender: SenderFacts = { tabUrl: 'https://www.news.example/a', frameUrl: 'https://www.news.example/a', frameId: 0, tabId: 7 };
let db: LedgerDb;
let sent: unknown[];
let ranInMainWorld: number;
let handlers: ReturnType<typeof autoconsentHandlers>;
const frames: FrameActions = {
  inject: vi.fn(async () => undefined),
  send: async (_tab, _frame, message) => {
    sent.push(message);
  },
  runInMainWorld: async () => {
    ranInMainWorld++;
    return true;
  },
  later: (_ms, fn) => fn(),
};
const msg = (message: Record<string, unknown>) => handlers['autoconsent/message']({ promptId: 'prompt-ac000001', message: message as never }, sender);

beforeEach(async () => {
  db = new LedgerDb(`ac-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  sent = [];
  ranInMainWorld = 0;
  handlers = autoconsentHandlers({ db, frames, changed: () => undefined, now: () => new Date(5000), badge: () => undefined });
  await putPrompt(
    db,
    promptRecordFrom(
      { id: 'prompt-ac000001', kind: 'cookie-banner', detector: 'generic', language: 'en', text: 'We use cookies for ads.', actions: [{ label: 'Accept all', role: 'accept-all' }], facts: { toggles: [], blocksPage: false, policyLink: true }, time: 1 },
      sender,
    ),
  );
});

describe('autoconsent in the background', () => {
  it('injects on a candidate, in the sender\'s tab and frame', async () => {
    await handlers['autoconsent/candidate']({ promptId: 'prompt-ac000001' }, sender);
    expect(frames.inject).toHaveBeenCalledWith(7, 0);
  });

  it('answers init with the detect-only config and the rules for this page', async () => {
    await msg({ type: 'init', url: sender.frameUrl });
    expect(sent).toHaveLength(1);
    const resp = sent[0] as { type: string; config: typeof DETECT_ONLY_CONFIG; rules: { compact: { r: unknown[] } } };
    expect(resp.type).toBe('initResp');
    expect(resp.config).toMatchObject({ autoAction: null, enablePrehide: false, enableCosmeticRules: false, heuristicMode: 'off' });
    expect(resp.rules.compact.r.length).toBeGreaterThan(0);
  });

  it('runs main-world checks by snippet name only; an unknown snippet is answered false without running anything', async () => {
    await msg({ type: 'eval', id: 'e1', snippetId: 'EVAL_KLARO_1', code: 'ignored' });
    await msg({ type: 'eval', id: 'e2', snippetId: 'fetch("https://evil.example")', code: 'alert(1)' });
    await msg({ type: 'eval', id: 'e3', snippetId: 'toString' });
    expect(ranInMainWorld).toBe(1);
    expect(sent).toEqual([
      { type: 'evalResp', id: 'e1', result: true },
      { type: 'evalResp', id: 'e2', result: false },
      { type: 'evalResp', id: 'e3', result: false },
    ]);
  });

  it('names the platform on the prompt and does not refuse while "reject when possible" is off', async () => {
    await msg({ type: 'popupFound', cmp: 'Klaro', url: sender.frameUrl });
    expect((await db.prompts.get('prompt-ac000001'))?.cmp).toBe('Klaro');
    expect(sent).toEqual([]);
  });

  it('with "reject when possible" on: opts out, records the refusal as by the extension, then its self-test', async () => {
    await updateSettings(db, { autoReject: true });
    await msg({ type: 'popupFound', cmp: 'Klaro', url: sender.frameUrl });
    expect(sent).toEqual([{ type: 'optOut' }]);
    await msg({ type: 'optOutResult', cmp: 'Klaro', result: true, scheduleSelfTest: true, url: sender.frameUrl });
    expect(sent).toEqual([{ type: 'optOut' }, { type: 'selfTest' }]);
    expect(await db.decisions.toArray()).toEqual([
      expect.objectContaining({ promptId: 'prompt-ac000001', kind: 'reject-all', indicatedBy: 'extension', autoconsent: { cmp: 'Klaro', optOut: true, selfTest: null } }),
    ]);
    await msg({ type: 'selfTestResult', cmp: 'Klaro', result: true, url: sender.frameUrl });
    expect((await db.decisions.toArray())[0]?.autoconsent).toEqual({ cmp: 'Klaro', optOut: true, selfTest: true });
  });

  it('records nothing when the opt-out failed', async () => {
    await msg({ type: 'optOutResult', cmp: 'Klaro', result: false, scheduleSelfTest: false, url: sender.frameUrl });
    expect(await db.decisions.count()).toBe(0);
  });

  it('refuses even while recording is paused, but stores nothing then', async () => {
    await updateSettings(db, { autoReject: true, recording: false });
    await msg({ type: 'popupFound', cmp: 'Klaro', url: sender.frameUrl });
    expect(sent).toEqual([{ type: 'optOut' }]);
    expect((await db.prompts.get('prompt-ac000001'))?.cmp).toBe(null);
    await msg({ type: 'optOutResult', cmp: 'Klaro', result: true, scheduleSelfTest: false, url: sender.frameUrl });
    expect(await db.decisions.count()).toBe(0);
  });

  it('an opt-out on a site with a pending withdrawal is that withdrawal', async () => {
    await markWithdrawal(db, 'news.example', 4000);
    await msg({ type: 'optOutResult', cmp: 'Klaro', result: true, scheduleSelfTest: false, url: sender.frameUrl });
    expect((await db.decisions.toArray())[0]).toMatchObject({ kind: 'withdrawn', indicatedBy: 'extension', time: 5000 });
    expect(await withdrawalPending(db, 'news.example', 5000)).toBe(false);
  });
});
