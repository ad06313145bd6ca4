/**
 * Record ids from a content script. `crypto.randomUUID` exists only in secure contexts, and a
 * content script on a plain-http page runs in an insecure one; `getRandomValues` works in both.
 * 32 hex characters: 128 random bits, valid under the protocol's id rule (8–64 url-safe chars).
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
