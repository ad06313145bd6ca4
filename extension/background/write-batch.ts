/**
 * Group commit for the reports content scripts send most (prompt/seen, decision/made): the reports
 * that arrive while one read-write transaction runs wait and are written together in the next one,
 * instead of one transaction (and its commit) per message. Under a light load a batch holds one
 * report and nothing waits; under a burst (a page of frames, 20 tabs at once) one transaction
 * stores hundreds.
 *
 * Inside a batch, the reports of one site run one after another in arrival order (a decision finds
 * the prompt sent before it, a prompt finds the site's earlier refusals); different sites run side
 * by side in the same transaction. A report whose work throws (a decision for an unknown prompt)
 * gets its own error and the others are written. If the whole transaction fails (quota, abort), each
 * report of the batch is tried again alone, so one bad report cannot lose the others' writes.
 *
 * Nothing here outlives the worker: a batch in flight when the worker stops is never acknowledged,
 * the content script's send fails and it sends again; writes are idempotent by record id.
 */
import type { Table } from 'dexie';
import type { LedgerDb } from './db.ts';

/** At most this many reports in one transaction (a transaction's work stays bounded). */
export const MAX_BATCH = 256;

export interface WriteJob<C> {
  /** Reports of one key (a site) run in order; different keys may interleave. */
  key: string;
  work: (shared: C) => Promise<unknown>;
}

interface Queued<C> extends WriteJob<C> {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * `prepare` runs once per transaction, inside it, before the reports (for reads every report needs,
 * such as the settings); `tables` are the tables any report may touch.
 */
export function createWriteBatcher<C>(db: LedgerDb, tables: () => Table[], prepare: () => Promise<C>) {
  const queue: Queued<C>[] = [];
  let running = false;

  async function runBatch(batch: Queued<C>[]): Promise<void> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await db.transaction('rw', tables(), async () => {
        const shared = await prepare();
        const byKey = new Map<string, number[]>();
        batch.forEach((job, i) => byKey.set(job.key, [...(byKey.get(job.key) ?? []), i]));
        await Promise.all(
          [...byKey.values()].map(async (indexes) => {
            for (const i of indexes) {
              try {
                outcomes[i] = { ok: true, value: await (batch[i] as Queued<C>).work(shared) };
              } catch (error) {
                outcomes[i] = { ok: false, value: error };
              }
            }
          }),
        );
        // A report that failed must not keep a half of its writes: when one did, the batch is
        // undone and every report is run again in its own transaction (below).
        if (outcomes.some((o) => !o.ok)) throw new BatchRetry();
      });
    } catch {
      for (const job of batch) {
        try {
          job.resolve(await db.transaction('rw', tables(), async () => job.work(await prepare())));
        } catch (error) {
          job.reject(error);
        }
      }
      return;
    }
    batch.forEach((job, i) => job.resolve(outcomes[i]?.value));
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length) await runBatch(queue.splice(0, MAX_BATCH));
    } finally {
      running = false;
    }
  }

  return {
    /** Runs `work` in the next batch's transaction; resolves with its result once that commits. */
    submit<R>(key: string, work: (shared: C) => Promise<R>): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ key, work, resolve: resolve as (value: unknown) => void, reject });
        // Reports arriving in the same task join this batch; later ones wait for the next.
        if (!running) queueMicrotask(() => void (running ? undefined : drain()));
      });
    },
  };
}

class BatchRetry extends Error {}
