/**
 * Reads the ledger straight from the extension's IndexedDB. Runs inside the extension (its
 * service worker or one of its pages), passed to the browser as a function: keep it self-contained.
 */
export interface RawLedger {
  prompts: { id: string; site: string; url: string; frame: string; kind: string; detector: string; language: string; text: string; textHash: string; actions: { label: string; role: string }[] }[];
  decisions: { id: string; promptId: string; site: string; role: string; label: string; indicatedBy: string }[];
}

export async function readLedgerInBrowser(): Promise<RawLedger> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('consent-lens');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const all = (store: string) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (!db.objectStoreNames.contains(store)) return resolve([]);
      const req = db.transaction(store, 'readonly').objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const ledger = { prompts: await all('prompts'), decisions: await all('decisions') } as RawLedger;
  db.close();
  return ledger;
}

/**
 * Reads one object store of the extension's IndexedDB ledger; `[]` when the store does not exist.
 * Runs inside the browser (the service worker, or an extension page of the same origin): pass it
 * to `worker.evaluate(readStoreInBrowser, 'policies')` or `page.evaluate(...)`.
 */
export async function readStoreInBrowser(store: string): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const open = indexedDB.open('consent-lens');
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  try {
    if (!db.objectStoreNames.contains(store)) return [];
    return await new Promise<unknown[]>((ok, fail) => {
      const req = db.transaction(store, 'readonly').objectStore(store).getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
  } finally {
    db.close();
  }
}
