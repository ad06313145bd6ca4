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
 *
 * Two kinds of message go main -> isolated: SIGNAL (consent signals, top frame only) and PERMISSION
 * (a powerful-API request and, later, its outcome; every frame). Both carry a JSON string checked by
 * a strict parser here; anything malformed, oversized or with unknown keys is dropped.
 */
import { PERMISSION_APIS, PERMISSION_NAMES, PERMISSION_OUTCOMES, PERMISSION_STATES, type PermissionApi, type PermissionName, type PermissionOutcome, type PermissionStateValue } from '../../src/permissions/model.ts';

export const HANDSHAKE = 'consentlens-bridge-handshake';
export const READY = 'consentlens-bridge-isolated-ready';
export const SIGNAL = 'signal';
export const PROBE = 'probe';
/** Isolated -> main: the person asked to withdraw; open the platform's consent settings. */
export const REOPEN = 'reopen';
/** Main -> isolated: a page asked for a powerful feature, or that request ended (permission-hooks.ts). */
export const PERMISSION = 'permission';
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

const SOURCES = /* @__PURE__ */ new Set(['tcf', 'gpp', 'usp', 'consent-mode', 'api']);
const STATUSES = /* @__PURE__ */ new Set(['tcloaded', 'cmpuishown', 'useractioncomplete']);

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

/** Largest permission message accepted on the bridge (a request is about 200 characters). */
export const MAX_PERMISSION_MESSAGE = 512;
/** Sequence numbers are per frame and count up from 1. */
const MAX_SEQ = 1_000_000_000;

/** The main world saw a call go through (it did not throw), before the browser answered. */
export interface BridgePermissionRequest {
  k: 'request';
  /** Per-frame sequence number tying the outcome to its request. */
  seq: number;
  api: PermissionApi;
  permission: PermissionName;
  /** permissions.query: the page only asked for the state. */
  probe: boolean;
  /** performance.now() at the call, in ms. */
  sinceNavigation: number;
  /** navigator.userActivation.isActive at the call (before the call could consume it). */
  gesture: boolean;
}

/** How a request ended, as the API told the page. */
export interface BridgePermissionOutcome {
  k: 'outcome';
  seq: number;
  outcome: PermissionOutcome;
  /** The error's name (DOMException name, TypeError, a geolocation error code name). */
  error?: string;
  /** The state the API itself reported (permissions.query: the PermissionStatus's state). */
  state?: PermissionStateValue;
}

/**
 * Sent just before the wrapper calls the original: the isolated side reads the permission's state
 * now, before the browser has answered (and perhaps changed it), for the request that follows.
 */
export interface BridgePermissionBefore {
  k: 'before';
  permission: PermissionName;
}

export type BridgePermissionEvent = BridgePermissionRequest | BridgePermissionOutcome | BridgePermissionBefore;

const APIS: ReadonlySet<string> = /* @__PURE__ */ new Set(PERMISSION_APIS);
const NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set(PERMISSION_NAMES);
const OUTCOMES: ReadonlySet<string> = /* @__PURE__ */ new Set(PERMISSION_OUTCOMES);
const STATES: ReadonlySet<string> = /* @__PURE__ */ new Set(PERMISSION_STATES);
const REQUEST_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(['k', 'seq', 'api', 'permission', 'probe', 'sinceNavigation', 'gesture']);
const OUTCOME_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(['k', 'seq', 'outcome', 'error', 'state']);
const ERROR_NAME = /^[A-Za-z_]{1,60}$/u;

const isSeq = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_SEQ;

/**
 * Parses and checks a permission message: a JSON string of at most MAX_PERMISSION_MESSAGE
 * characters holding exactly the keys of a request or an outcome, each of its type and range.
 * Null for anything else.
 */
export function parseBridgePermission(detail: unknown): BridgePermissionEvent | null {
  if (typeof detail !== 'string' || detail.length > MAX_PERMISSION_MESSAGE) return null;
  let data: unknown;
  try {
    data = JSON.parse(detail);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const d = data as Record<string, unknown>;
  const keys = Object.keys(d);
  if (d.k === 'request') {
    if (keys.length !== REQUEST_KEYS.size || !keys.every((key) => REQUEST_KEYS.has(key))) return null;
    if (!isSeq(d.seq) || typeof d.api !== 'string' || !APIS.has(d.api) || typeof d.permission !== 'string' || !NAMES.has(d.permission)) return null;
    if (typeof d.probe !== 'boolean' || typeof d.gesture !== 'boolean') return null;
    // A probe is exactly a permissions.query call.
    if (d.probe !== (d.api === 'permissions.query')) return null;
    const since = d.sinceNavigation;
    if (typeof since !== 'number' || !Number.isFinite(since) || since < 0 || since > 8.64e10) return null;
    return { k: 'request', seq: d.seq, api: d.api as PermissionApi, permission: d.permission as PermissionName, probe: d.probe, sinceNavigation: since, gesture: d.gesture };
  }
  if (d.k === 'before') {
    if (keys.length !== 2 || !keys.every((key) => key === 'k' || key === 'permission')) return null;
    if (typeof d.permission !== 'string' || !NAMES.has(d.permission)) return null;
    return { k: 'before', permission: d.permission as PermissionName };
  }
  if (d.k === 'outcome') {
    if (!keys.every((key) => OUTCOME_KEYS.has(key))) return null;
    if (!isSeq(d.seq) || typeof d.outcome !== 'string' || !OUTCOMES.has(d.outcome)) return null;
    if (d.error !== undefined && (typeof d.error !== 'string' || !ERROR_NAME.test(d.error))) return null;
    if (d.state !== undefined && (typeof d.state !== 'string' || !STATES.has(d.state))) return null;
    return {
      k: 'outcome',
      seq: d.seq,
      outcome: d.outcome as PermissionOutcome,
      ...(d.error !== undefined ? { error: d.error as string } : {}),
      ...(d.state !== undefined ? { state: d.state as PermissionStateValue } : {}),
    };
  }
  return null;
}
