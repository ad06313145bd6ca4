import { describe, expect, it } from 'vitest';
import { createRetryQueue, RefusedError } from '../../../src/protocol/retry-queue.ts';

type Reply = { ok: boolean; final?: boolean };

function harness(script: (msg: string, attempt: number) => Reply | Error) {
  const attempts = new Map<string, number>();
  const delivered: string[] = [];
  const sleeps: number[] = [];
  const queue = createRetryQueue<string, Reply>({
    async send(msg) {
      const n = (attempts.get(msg) ?? 0) + 1;
      attempts.set(msg, n);
      const outcome = script(msg, n);
      if (outcome instanceof Error) throw outcome;
      if (outcome.ok) delivered.push(msg);
      return outcome;
    },
    isAck: (r) => r.ok,
    isFinal: (r) => r.final === true,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    maxAttempts: 5,
  });
  return { queue, attempts, delivered, sleeps };
}

describe('createRetryQueue', () => {
  it('retries while the receiver is asleep, then delivers once', async () => {
    const h = harness((_m, n) => (n < 3 ? new Error('Receiving end does not exist') : { ok: true }));
    await expect(h.queue.post('a')).resolves.toEqual({ ok: true });
    expect(h.attempts.get('a')).toBe(3);
    expect(h.delivered).toEqual(['a']);
    expect(h.sleeps).toEqual([100, 200]);
  });

  it('keeps order: a later message waits for the earlier one', async () => {
    const h = harness((m, n) => (m === 'first' && n < 2 ? new Error('asleep') : { ok: true }));
    await Promise.all([h.queue.post('first'), h.queue.post('second'), h.queue.post('third')]);
    expect(h.delivered).toEqual(['first', 'second', 'third']);
  });

  it('does not retry a final refusal', async () => {
    const h = harness(() => ({ ok: false, final: true }));
    await expect(h.queue.post('bad')).rejects.toBeInstanceOf(RefusedError);
    expect(h.attempts.get('bad')).toBe(1);
  });

  it('gives up after the last attempt and goes on with the next message', async () => {
    const h = harness((m) => (m === 'doomed' ? new Error('gone') : { ok: true }));
    await expect(h.queue.post('doomed')).rejects.toThrow('gone');
    expect(h.attempts.get('doomed')).toBe(5);
    await expect(h.queue.post('next')).resolves.toEqual({ ok: true });
    expect(h.queue.pending).toBe(0);
  });
});
