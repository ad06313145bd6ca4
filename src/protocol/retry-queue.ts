/**
 * Delivers messages one at a time, in order, until the receiver acknowledges each one.
 *
 * Why: an MV3 service worker sleeps and restarts; a message sent while it starts can fail with
 * "Receiving end does not exist", and a worker killed mid-write never answers. The content script
 * keeps its reports here until acknowledged. Receivers store by the message's own id, so a retry
 * after a lost acknowledgement is stored once (idempotent), never twice.
 */
export interface RetryQueueOptions<M, R> {
  send: (message: M) => Promise<R>;
  /** True when the reply is an acknowledgement; anything else is retried. */
  isAck: (reply: R) => boolean;
  /** True when a reply is a final refusal (e.g. the message is invalid): it is dropped, not retried. */
  isFinal?: (reply: R) => boolean;
  sleep: (ms: number) => Promise<void>;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onGiveUp?: (message: M, lastError: unknown) => void;
}

export interface RetryQueue<M, R> {
  /** Resolves with the acknowledging reply, or rejects after the last attempt. */
  post(message: M): Promise<R>;
  /** Messages not yet acknowledged. */
  readonly pending: number;
}

export function createRetryQueue<M, R>(options: RetryQueueOptions<M, R>): RetryQueue<M, R> {
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 5000;
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;

  async function deliver(message: M): Promise<R> {
    let lastError: unknown = null;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) await options.sleep(Math.min(maxDelay, base * 2 ** (attempt - 1)));
      try {
        const reply = await options.send(message);
        if (options.isAck(reply)) return reply;
        if (options.isFinal?.(reply)) throw new RefusedError(reply);
        lastError = new Error('not acknowledged');
      } catch (error) {
        if (error instanceof RefusedError) throw error;
        lastError = error;
      }
    }
    options.onGiveUp?.(message, lastError);
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }

  return {
    post(message: M): Promise<R> {
      pending++;
      const result = tail.then(() => deliver(message));
      tail = result.catch(() => undefined).finally(() => {
        pending--;
      });
      return result;
    },
    get pending() {
      return pending;
    },
  };
}

export class RefusedError extends Error {
  constructor(readonly reply: unknown) {
    super('message refused by the receiver');
    this.name = 'RefusedError';
  }
}
