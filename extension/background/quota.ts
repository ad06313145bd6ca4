/** A write refused because the disk or the origin's storage quota is full (Dexie passes the DOMException's name on, or wraps it as `inner`). */
export function isQuotaError(error: unknown): boolean {
  const named = (e: unknown) => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'QuotaExceededError';
  return named(error) || named((error as { inner?: unknown } | null)?.inner);
}
