import { describe, expect, it, vi } from 'vitest';
import { createRouter, type ContentHandlers, type SenderLike, type UiHandlers } from '../../../../extension/background/router.ts';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}`;

function setup() {
  const content = {
    'prompt/seen': vi.fn(async () => ({ stored: true })),
    'prompt/layer': vi.fn(async () => ({ stored: true })),
    'decision/made': vi.fn(async () => ({ stored: true })),
    'prompt/reopen-check': vi.fn(async () => ({ stored: true })),
    'signals/seen': vi.fn(async () => ({ stored: true })),
    'page/hello': vi.fn(async () => ({ withdrawPending: false })),
    'autoconsent/candidate': vi.fn(async () => ({ injected: true })),
    'autoconsent/message': vi.fn(async () => ({ handled: true })),
    'policy/links': vi.fn(async () => ({ stored: true })),
    'policy/page': vi.fn(async () => ({ stored: true, version: null, changed: false })),
    'permission/requested': vi.fn(async () => ({ stored: true })),
    'permission/outcome': vi.fn(async () => ({ stored: true })),
    'forms/candidate': vi.fn(async () => ({ injected: true })),
    'form/seen': vi.fn(async () => ({ stored: true })),
    'form/submitted': vi.fn(async () => ({ stored: true })),
  } satisfies ContentHandlers;
  const ui = {
    'ledger/site': vi.fn(async ({ site }: { site: string }) => ({ site, entries: [] })),
    'ledger/list': vi.fn(async () => ({ total: 0, entries: [] })),
    'ledger/delete-site': vi.fn(async () => ({ deletedPrompts: 1, deletedDecisions: 1 })),
    'ledger/delete-all': vi.fn(async () => ({ deletedPrompts: 2, deletedDecisions: 2 })),
    'ledger/export': vi.fn(async () => {
      throw new Error('not in this test');
    }),
    'settings/get': vi.fn(async () => ({ recording: true, reminderDays: 180, autoReject: false, fetchPolicyAtConsent: false, retentionDays: null, language: 'auto' as const })),
    'settings/set': vi.fn(async () => ({ recording: false, reminderDays: 180, autoReject: false, fetchPolicyAtConsent: false, retentionDays: null, language: 'auto' as const })),
    'site/withdraw': vi.fn(async () => ({ url: 'https://news.example/' })),
    'ledger/reminders': vi.fn(async () => ({ reminderDays: 180, sites: [] })),
    'policy/site': vi.fn(async ({ site }: { site: string }) => ({ site, links: [], versions: [], latest: null, diff: null, changed: false })),
    'policy/fetch': vi.fn(async () => ({ version: 'v', changed: false })),
    'policy/ack': vi.fn(async () => ({ acknowledged: true })),
    'collection/site': vi.fn(async ({ site }: { site: string }) => ({ site, permissions: [], forms: [], signIns: [], expected: [] })),
    'collection/sites': vi.fn(async () => ({ sites: [] })),
    'ledger/restore': vi.fn(async () => ({ ok: true as const, added: {}, warnings: [] })),
    'extensions/audit': vi.fn(async () => ({ records: [] })),
    'extensions/list': vi.fn(async () => ({ records: [] })),
    'permissions/expected': vi.fn(async ({ site }: { site: string }) => ({ site, expected: [] })),
    'research/load': vi.fn(async () => ({ ok: false as const, errors: [] })),
    'research/get': vi.fn(async () => ({ state: 'none' as const })),
    'research/join': vi.fn(async () => ({ participantId: 'P-1' })),
    'research/discard': vi.fn(async () => ({ discarded: true })),
    'research/leave': vi.fn(async () => ({ dataDeleted: false, deleted: {} })),
    'research/exported': vi.fn(async () => ({ lastExportAt: 1 })),
    'site/of': vi.fn(async () => ({ site: null })),
    'storage/check': vi.fn(async () => ({ full: false })),
    'dashboard/overview': vi.fn(async () => ({ sites: 0, prompts: 0, decisions: 0, given: 0, refused: 0, withdrawn: 0, flags: 0, permissions: 0, mostFlagged: [], permissionsByName: [], perDay: [] })),
    'dashboard/sites': vi.fn(async () => ({ total: 0, sites: [] })),
    'dashboard/site': vi.fn(async () => ({ stats: null, records: [], truncated: false })),
  } satisfies UiHandlers;
  const route = createRouter({ extensionId: EXT_ID, extensionOrigin: ORIGIN }, content, ui);
  return { route, content, ui };
}

const page: SenderLike = { id: EXT_ID, url: 'https://news.example/a', frameId: 0, tab: { id: 3, url: 'https://news.example/a' } };
const dashboard: SenderLike = { id: EXT_ID, url: `${ORIGIN}/extension/ui/dashboard/index.html`, tab: { id: 4, url: `${ORIGIN}/extension/ui/dashboard/index.html` } };
const popup: SenderLike = { id: EXT_ID, url: `${ORIGIN}/extension/ui/popup/index.html` };
const prompt = { id: 'prompt-000001', kind: 'cookie-banner', detector: 'generic', language: 'en', text: 'We use cookies', actions: [], facts: { toggles: [], blocksPage: false, policyLink: false }, time: 1 };

describe('router: sender checks', () => {
  it('accepts a content report from a web page and passes browser-given facts', async () => {
    const { route, content } = setup();
    await expect(route({ type: 'prompt/seen', payload: prompt }, page)).resolves.toEqual({ ok: true, data: { stored: true } });
    expect(content['prompt/seen']).toHaveBeenCalledWith(prompt, { tabUrl: 'https://news.example/a', frameUrl: 'https://news.example/a', frameId: 0, tabId: 3 });
  });

  it.each(['ledger/delete-all', 'ledger/delete-site', 'ledger/export', 'settings/set', 'ledger/list', 'site/withdraw', 'ledger/reminders', 'research/load', 'research/get', 'research/join', 'research/leave', 'research/exported', 'research/discard'])(
    'refuses the privileged %s from a web page',
    async (type) => {
      const { route, ui } = setup();
      const reply = await route({ type, payload: { confirm: true, site: 'news.example', recording: false } }, page);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      for (const handler of Object.values(ui)) expect(handler).not.toHaveBeenCalled();
    },
  );

  it('accepts privileged messages from the dashboard and the popup', async () => {
    const { route, ui } = setup();
    await expect(route({ type: 'ledger/delete-all', payload: { confirm: true } }, dashboard)).resolves.toMatchObject({ ok: true });
    await expect(route({ type: 'settings/get', payload: {} }, popup)).resolves.toMatchObject({ ok: true });
    expect(ui['ledger/delete-all']).toHaveBeenCalledOnce();
  });

  it('refuses content reports that come from an extension page (no forged prompts from the UI)', async () => {
    const { route, content } = setup();
    const reply = await route({ type: 'prompt/seen', payload: prompt }, dashboard);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(content['prompt/seen']).not.toHaveBeenCalled();
  });

  it('refuses messages from another extension', async () => {
    const { route } = setup();
    const reply = await route({ type: 'settings/get', payload: {} }, { ...popup, id: 'someone-else' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a page pretending to be the extension through a look-alike URL', async () => {
    const { route } = setup();
    const fake: SenderLike = { ...page, url: `https://evil.example/?${ORIGIN}/`, tab: { url: 'https://evil.example/' } };
    expect(await route({ type: 'ledger/export', payload: {} }, fake)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('router: envelopes and payloads', () => {
  it.each([null, 'prompt/seen', [], 42, { payload: {} }, { type: 'x'.repeat(100), payload: {} }])(
    'refuses the malformed envelope %j',
    async (raw) => {
      const { route } = setup();
      expect(await route(raw, page)).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    },
  );

  it('refuses unknown types and prototype keys', async () => {
    const { route } = setup();
    expect(await route({ type: 'constructor', payload: {} }, popup)).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
  });

  it('refuses invalid payloads with a readable reason', async () => {
    const { route, content } = setup();
    const reply = await route({ type: 'prompt/seen', payload: { ...prompt, text: 'x'.repeat(5000) } }, page);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    if (!reply.ok) expect(reply.error.message).toContain('text');
    expect(content['prompt/seen']).not.toHaveBeenCalled();
  });

  it('turns a handler failure into an internal error reply, not a rejection', async () => {
    const { route } = setup();
    expect(await route({ type: 'ledger/export', payload: {} }, popup)).toMatchObject({ ok: false, error: { code: 'internal', message: 'not in this test' } });
  });

  it('names a write refused for lack of space (QuotaExceededError, bare or wrapped by Dexie) "storage-full"', async () => {
    const { route, ui } = setup();
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    ui['settings/set'].mockRejectedValueOnce(quota);
    expect(await route({ type: 'settings/set', payload: { recording: true } }, popup)).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    ui['settings/set'].mockRejectedValueOnce(Object.assign(new Error('aborted'), { name: 'AbortError', inner: quota }));
    expect(await route({ type: 'settings/set', payload: { recording: true } }, popup)).toMatchObject({ ok: false, error: { code: 'storage-full' } });
  });
});
