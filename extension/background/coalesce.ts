/**
 * Calls `flush(key, value)` once per key for everything passed in one task (the latest value wins),
 * in a task of its own. A burst of stored reports then updates a tab's badge once and tells open
 * pages once per site, instead of once per report. Only a notification in flight lives here: if the
 * worker stops first, the next report updates the badge again.
 */
export function coalescing<K, V>(flush: (key: K, value: V) => void, later: (run: () => void) => void = (run) => void setTimeout(run, 0)) {
  const pending = new Map<K, V>();
  return (key: K, value: V): void => {
    const first = pending.size === 0;
    pending.set(key, value);
    if (!first) return;
    later(() => {
      const batch = [...pending];
      pending.clear();
      for (const [k, v] of batch) flush(k, v);
    });
  };
}
