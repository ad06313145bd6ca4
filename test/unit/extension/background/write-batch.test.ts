import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LedgerDb } from '../../../../extension/background/db.ts';
import { contentHandlers, uiHandlers, type HandlerDeps } from '../../../../extension/background/handlers.ts';
import { createRouter } from '../../../../extension/background/router.ts';
import { createWriteBatcher } from '../../../../extension/background/write-batch.ts';
import { coalescing } from '../../../../extension/background/coalesce.ts';

const EXT = 'chrome-extension://extid';
let db: LedgerDb;
let route: ReturnType<typeof createRouter>;

const sender = (site: string, tab = 1) => {
  const url = `https://www.${site}/page`;
  return { id: 'extid', url, frameId: 0, tab: { id: tab, url } };
};
const prompt = (id: string, time: number) => ({
  id,
  kind: 'cookie-banner',
  detector: 'generic',
  language: 'en',
  text: `We use cookies for ads ${id}`,
  actions: [{ label: 'Accept all', role: 'accept-all' }, { label: 'Reject all', role: 'reject-all' }],
  facts: { toggles: [], blocksPage: false, policyLink: true },
  time,
});
const decision = (id: string, promptId: string, kind: 'accept-all' | 'reject-all', time: number) => ({ id, promptId, kind, role: kind, label: kind, time });
const pad = (i: number) => String(i).padStart(8, '0');

beforeEach(() => {
  db = new LedgerDb('batch-ledger', { indexedDB: new IDBFactory(), IDBKeyRange });
  const deps: HandlerDeps = {
    db,
    version: '9.9.9',
    changed: () => undefined,
    now: () => new Date('2026-01-02T03:04:05Z'),
    badge: () => undefined,
    openTab: async () => undefined,
    frames: { inject: async () => undefined, send: async () => undefined, runInMainWorld: async () => undefined, later: () => undefined },
    readPolicy: async () => {
      throw new Error('not in this test');
    },
    injectScript: async () => undefined,
    fetchPage: async () => {
      throw new Error('no network in this test');
    },
  };
  route = createRouter({ extensionId: 'extid', extensionOrigin: EXT }, contentHandlers(deps), uiHandlers(deps));
});
afterEach(() => db.close());

describe('group commit of content reports (write-batch.ts)', () => {
  it('writes a burst of reports from many sites in a few transactions, each report once', async () => {
    const spy = vi.spyOn(db, 'transaction');
    const sites = ['a.example', 'b.example', 'c.example', 'd.example'];
    // Everything sent at once, as 20 tabs do: per site, the prompts and right behind them their decisions.
    const replies = await Promise.all(
      sites.flatMap((site, s) =>
        Array.from({ length: 50 }, (_, i) => [
          route({ type: 'prompt/seen', payload: prompt(`p${s}${pad(i)}`, 1000 + i * 10) }, sender(site, s)),
          route({ type: 'decision/made', payload: decision(`d${s}${pad(i)}`, `p${s}${pad(i)}`, i % 2 ? 'reject-all' : 'accept-all', 1001 + i * 10) }, sender(site, s)),
        ]).flat(),
      ),
    );
    expect(replies.every((r) => r.ok && (r.data as { stored: boolean }).stored)).toBe(true);
    expect(await db.prompts.count()).toBe(200);
    expect(await db.decisions.count()).toBe(200);
    // 400 reports; one outer read-write transaction per batch (plus nested ones that reuse it).
    const outer = spy.mock.calls.filter((c) => c[0] === 'rw' && Array.isArray(c[1]) && (c[1] as unknown[]).length === 4);
    expect(outer.length).toBeGreaterThan(0);
    expect(outer.length).toBeLessThanOrEqual(4);
  });

  it('keeps each site in arrival order inside a batch: a refusal flags the next prompt of its site (F14)', async () => {
    await Promise.all([
      route({ type: 'prompt/seen', payload: prompt('p-first-0001', 100) }, sender('a.example')),
      route({ type: 'decision/made', payload: decision('d-first-0001', 'p-first-0001', 'reject-all', 101) }, sender('a.example')),
      route({ type: 'prompt/seen', payload: prompt('p-second-001', 200) }, sender('a.example')),
    ]);
    const second = await db.prompts.get('p-second-001');
    expect(second?.flags.map((f) => f.id)).toContain('F14');
  });

  it('a pending withdrawal turns only the first of two refusals in one batch into the withdrawal', async () => {
    await route({ type: 'prompt/seen', payload: prompt('p-withdraw-01', 100) }, sender('a.example'));
    const ui = { id: 'extid', url: `${EXT}/extension/ui/dashboard/index.html` };
    expect(await route({ type: 'site/withdraw', payload: { site: 'a.example' } }, ui)).toMatchObject({ ok: true });
    await Promise.all([
      route({ type: 'decision/made', payload: decision('d-withdraw-01', 'p-withdraw-01', 'reject-all', 101) }, sender('a.example')),
      route({ type: 'decision/made', payload: decision('d-withdraw-02', 'p-withdraw-01', 'reject-all', 102) }, sender('a.example')),
    ]);
    expect((await db.decisions.orderBy('time').toArray()).map((d) => d.kind)).toEqual(['withdrawn', 'reject-all']);
  });

  it('a report that fails gets its own error and the rest of its batch is stored', async () => {
    const replies = await Promise.all([
      route({ type: 'prompt/seen', payload: prompt('p-good-00001', 100) }, sender('a.example')),
      route({ type: 'decision/made', payload: decision('d-orphan-0001', 'p-missing-001', 'accept-all', 101) }, sender('a.example')),
      route({ type: 'prompt/seen', payload: prompt('p-good-00002', 102) }, sender('b.example')),
      route({ type: 'decision/made', payload: decision('d-good-00001', 'p-good-00001', 'accept-all', 103) }, sender('a.example')),
    ]);
    expect(replies.map((r) => r.ok)).toEqual([true, false, true, true]);
    expect(replies[1]).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect((await db.prompts.toCollection().primaryKeys()).sort()).toEqual(['p-good-00001', 'p-good-00002']);
    expect(await db.decisions.toCollection().primaryKeys()).toEqual(['d-good-00001']);
  });

  it('a failed batch leaves no half-written report: a job that wrote and then threw is undone', async () => {
    const batcher = createWriteBatcher(db, () => [db.settings], async () => null);
    const results = await Promise.allSettled([
      batcher.submit('x', async () => db.settings.put({ key: 'kept', value: 1 })),
      batcher.submit('y', async () => {
        await db.settings.put({ key: 'half', value: 1 });
        throw new Error('second half failed');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await db.settings.get('kept')).toBeDefined();
    expect(await db.settings.get('half')).toBeUndefined();
  });
});

describe('coalescing (coalesce.ts)', () => {
  it('flushes once per key with the latest value, in a later task', () => {
    const runs: (() => void)[] = [];
    const seen: [number, string][] = [];
    const push = coalescing((k: number, v: string) => seen.push([k, v]), (run) => runs.push(run));
    push(1, 'a');
    push(2, 'b');
    push(1, 'c');
    expect(seen).toEqual([]);
    expect(runs).toHaveLength(1);
    runs[0]?.();
    expect(seen).toEqual([
      [1, 'c'],
      [2, 'b'],
    ]);
    push(1, 'd');
    expect(runs).toHaveLength(2);
  });
});
