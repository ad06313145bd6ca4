/**
 * Runs code in ConsentLens's content-script world (the isolated world Chromium names
 * "ConsentLens") of a page, over CDP Runtime.evaluate, as scripts/bench/ledger.mjs does: the code
 * has that world's `chrome.runtime`, so what it sends reaches the background exactly as a
 * compromised content script's messages would.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface IsolatedWorld {
  cdp: CDPSession;
  /** Evaluates `expression` (awaited, returned by value) in the content script's world. */
  evaluate<T>(expression: string): Promise<T>;
}

export async function isolatedWorldOf(context: BrowserContext, page: Page, extensionId: string, url: string): Promise<IsolatedWorld> {
  const cdp = await context.newCDPSession(page);
  const worlds = new Map<number, { name: string; origin: string }>();
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
    if ((c.auxData as { type?: string } | undefined)?.type === 'isolated') worlds.set(c.id, { name: c.name, origin: c.origin });
  });
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => void worlds.delete(executionContextId));
  cdp.on('Runtime.executionContextsCleared', () => worlds.clear());
  await cdp.send('Runtime.enable');
  await page.goto(url);
  let id: number | null = null;
  for (let i = 0; i < 100 && id === null; i++) {
    id = [...worlds.entries()].find(([, w]) => w.name === 'ConsentLens' && w.origin === `chrome-extension://${extensionId}`)?.[0] ?? null;
    if (id === null) await page.waitForTimeout(100);
  }
  if (id === null) throw new Error(`ConsentLens's isolated world did not appear on ${url}`);
  const contextId = id;
  return {
    cdp,
    async evaluate<T>(expression: string): Promise<T> {
      const answer = await cdp.send('Runtime.evaluate', { contextId, expression, awaitPromise: true, returnByValue: true });
      if (answer.exceptionDetails) throw new Error(`isolated-world evaluate failed: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
      return answer.result.value as T;
    },
  };
}

/**
 * Every object store of the extension's IndexedDB ledger, rows sorted by JSON: runs inside the
 * extension (service worker or an extension page). Self-contained: it is passed to the browser.
 */
export async function snapshotDbInBrowser(): Promise<Record<string, string[]>> {
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const open = indexedDB.open('consent-lens');
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  const out: Record<string, string[]> = {};
  try {
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((ok, fail) => {
        const req = db.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      out[store] = rows.map((r) => JSON.stringify(r)).sort();
    }
  } finally {
    db.close();
  }
  return out;
}
