/**
 * The main world -> isolated world bridge, shared by both sides.
 *
 * Handshake (both scripts run at document_start, before any page script):
 *   - the main-world script creates a detached element and dispatches, synchronously, a MouseEvent
 *     HANDSHAKE on `document` whose relatedTarget is that element; the isolated script keeps it;
 *   - whichever script runs second triggers the handshake (the isolated one dispatches READY);
 *   - each side accepts exactly one handshake.
 * After that, messages are events on the detached element. It was never in the document and no
 * page script existed while its reference crossed over, so a page cannot listen to or forge them.
 */
export const HANDSHAKE = 'consentlens-bridge-handshake';
export const READY = 'consentlens-bridge-isolated-ready';
export const SIGNAL = 'signal';
export const PROBE = 'probe';
/** Isolated -> main: the person asked to withdraw; open the platform's consent settings. */
export const REOPEN = 'reopen';
/** Largest message accepted on the bridge (a TC string with many vendors is a few KB). */
export const MAX_BRIDGE_MESSAGE = 20_000;

export interface BridgeSignal {
  /** 'api': a consent platform's API exists on the page (name = "__tcfapi" / "__gpp" / "__uspapi"). */
  source: 'tcf' | 'gpp' | 'usp' | 'consent-mode' | 'api';
  name: string;
  value: string;
  eventStatus?: 'tcloaded' | 'cmpuishown' | 'useractioncomplete';
  cmpId?: number;
}

const SOURCES = new Set(['tcf', 'gpp', 'usp', 'consent-mode', 'api']);
const STATUSES = new Set(['tcloaded', 'cmpuishown', 'useractioncomplete']);

/** Parses and checks a bridge message; null for anything malformed or oversized. */
export function parseBridgeSignal(detail: unknown): BridgeSignal | null {
  if (typeof detail !== 'string' || detail.length > MAX_BRIDGE_MESSAGE) return null;
  let data: unknown;
  try {
    data = JSON.parse(detail);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.source !== 'string' || !SOURCES.has(d.source)) return null;
  if (typeof d.name !== 'string' || d.name.length > 64 || typeof d.value !== 'string' || d.value.length === 0) return null;
  if (d.eventStatus !== undefined && (typeof d.eventStatus !== 'string' || !STATUSES.has(d.eventStatus))) return null;
  if (d.cmpId !== undefined && !(Number.isInteger(d.cmpId) && (d.cmpId as number) >= 0 && (d.cmpId as number) <= 4095)) return null;
  return {
    source: d.source as BridgeSignal['source'],
    name: d.name,
    value: d.value,
    ...(d.eventStatus ? { eventStatus: d.eventStatus as BridgeSignal['eventStatus'] & string } : {}),
    ...(d.cmpId !== undefined ? { cmpId: d.cmpId as number } : {}),
  } as BridgeSignal;
}
