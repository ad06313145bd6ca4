/**
 * Permission-request flags: given one powerful request, the same site's earlier requests, the
 * kind of site and whether the person marked the permission "expected here", say which habits of
 * abusive or excessive prompting it shows. Pure; docs/permission-needs.md ("Flags") states each
 * rule and its threshold.
 *
 * permissions.query probes (`probe: true`) ask the person nothing and show no prompt, so they get
 * no flag at all and are not counted as earlier requests for P3 or P4.
 */
import type { PermissionName, PermissionOutcome, PermissionStateValue, SiteKind } from './model.ts';
import { needOf, SITE_KIND_LABELS } from './needs.ts';

export const PERMISSION_FLAG_IDS = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type PermissionFlagId = (typeof PERMISSION_FLAG_IDS)[number];
export type PermissionFlagSeverity = 'low' | 'medium' | 'high';

export interface PermissionFlag {
  id: PermissionFlagId;
  severity: PermissionFlagSeverity;
  title: string;
  /** Plain language, for the person; names the permission and the facts. */
  explanation: string;
  legal: string[];
}

/**
 * The fields of a ledger request record (PermissionRequestRecord in records.ts) the rules read.
 * `api` and `softAskBefore` are recorded too but change no flag: a page's own explanation before
 * the prompt is not a gesture, and the API only matters through the permission it asks for.
 */
export interface PermissionRequestFacts {
  permission: PermissionName;
  probe: boolean;
  /** The page had a user gesture (transient activation) at the call. */
  gesture: boolean;
  /** Milliseconds from navigation start to the call. */
  sinceNavigation: number;
  thirdParty: boolean;
  frameOrigin: string;
  stateBefore: PermissionStateValue;
  outcome: PermissionOutcome | 'pending';
  time: number;
}

export interface PermissionFlagInput {
  request: PermissionRequestFacts;
  /** The same site's earlier requests (any permission), with their outcomes so far. */
  earlier: readonly PermissionRequestFacts[];
  siteKind: SiteKind;
  /** The person marked this permission "expected here" for the site. */
  expected: boolean;
}

/** P1: a request without a gesture within this time after navigation is "on page load". */
export const ON_LOAD_MS = 5_000;
/** P4: this many distinct prompts (counting this one)… */
export const BUNDLE_MIN = 2;
/** …within this window (ending at this request) are a bundle. */
export const BUNDLE_WINDOW_MS = 10_000;

/**
 * Permissions a browser asks for in one prompt count as one for P4: getUserMedia asks for camera
 * and microphone together, and a push subscription asks for the notification permission.
 */
const SAME_PROMPT: Partial<Record<PermissionName, PermissionName>> = { microphone: 'camera', push: 'notifications' };

/** P5 is high for what PIPL art. 28 treats as sensitive (whereabouts, images and voice) or is private by nature. */
const SENSITIVE: ReadonlySet<PermissionName> = new Set(['geolocation', 'camera', 'microphone', 'display-capture', 'contacts', 'clipboard-read']);

/** What a permission gives the site, completing "asked for …". */
const ASKED_FOR: Record<PermissionName, string> = {
  geolocation: 'your location',
  notifications: 'permission to show notifications',
  push: 'permission to send push messages',
  camera: 'your camera',
  microphone: 'your microphone',
  'display-capture': 'a recording of your screen',
  'clipboard-read': 'what you copied to the clipboard',
  bluetooth: 'a Bluetooth device',
  usb: 'a USB device',
  serial: 'a serial port device',
  hid: 'an input device such as a keyboard or controller',
  midi: 'your MIDI devices',
  'idle-detection': 'to know when you are away from the device',
  'storage-access': 'its cookies while embedded in this site',
  'window-management': 'details of your screens',
  'local-fonts': 'the fonts installed on your device',
  'screen-wake-lock': 'to keep your screen on',
  contacts: 'your contacts',
  other: 'a powerful browser feature',
};

export interface PermissionFlagDefinition {
  id: PermissionFlagId;
  /** P5 is raised to 'high' for sensitive permissions (see evaluatePermissionFlags). */
  severity: PermissionFlagSeverity;
  title: string;
  /** The general rule, for the UI's list of flags. */
  explanation: string;
  legal: string[];
}

/** The flag catalogue, for the UI and docs/permission-needs.md. */
export const PERMISSION_FLAG_CATALOGUE: Record<PermissionFlagId, PermissionFlagDefinition> = {
  P1: {
    id: 'P1',
    severity: 'medium',
    title: 'Asked on page load',
    explanation: `The site asked for a permission within ${ON_LOAD_MS / 1000} seconds of opening, before you clicked or typed anything, so you could not know what it was for.`,
    legal: ['CN 认定方法 §2(3)', 'Chrome quiet-permission heuristics', 'Firefox 72 user-gesture rule for notifications', 'Lighthouse geolocation-on-start, notification-on-start'],
  },
  P2: {
    id: 'P2',
    severity: 'medium',
    title: 'Asked by another company',
    explanation: 'A frame from another site embedded in this page asked for a permission; what you allow goes to that other company.',
    legal: ['PIPL art. 23', 'GDPR art. 13(1)(e)', 'CN 认定方法 §2(1)', 'Permissions Policy (iframe allow) delegation'],
  },
  P3: {
    id: 'P3',
    severity: 'high',
    title: 'Asked again after you said no',
    explanation: 'The site asked again for a permission you had already refused or dismissed.',
    legal: ['CN 认定方法 §3(2)', 'Chrome quiet-permission heuristics', 'EDPB Guidelines 03/2022 (continuous prompting)'],
  },
  P4: {
    id: 'P4',
    severity: 'medium',
    title: 'Several permissions at once',
    explanation: `The site asked for ${BUNDLE_MIN} or more different permissions within ${BUNDLE_WINDOW_MS / 1000} seconds, which makes it hard to decide on each one.`,
    legal: ['PIPL art. 14', 'CN 认定方法 §2(3)', 'CN 认定方法 §3(2)', 'Chrome quiet-permission heuristics'],
  },
  P5: {
    id: 'P5',
    severity: 'medium',
    title: 'Not needed by this kind of site',
    explanation: 'Sites of this kind work without this permission, so asking for it collects more than the service needs.',
    legal: ['GDPR art. 5(1)(c)', 'PIPL art. 6', 'CN 必要个人信息范围规定 (2021)', 'CN 认定方法 §4'],
  },
};

function flag(id: PermissionFlagId, explanation: string, severity?: PermissionFlagSeverity): PermissionFlag {
  const def = PERMISSION_FLAG_CATALOGUE[id];
  return { id, severity: severity ?? def.severity, title: def.title, explanation, legal: [...def.legal] };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The flags one request earns, in id order. */
export function evaluatePermissionFlags(input: PermissionFlagInput): PermissionFlag[] {
  const { request, siteKind, expected } = input;
  if (request.probe) return [];
  const what = ASKED_FOR[request.permission];
  const earlier = input.earlier.filter((e) => !e.probe && e.time <= request.time);
  // Already granted: the browser shows no prompt, so there is nothing to interrupt or bundle.
  const prompts = request.stateBefore !== 'granted';
  const flags: PermissionFlag[] = [];

  if (prompts && !request.gesture && request.sinceNavigation < ON_LOAD_MS) {
    flags.push(flag('P1', `The site asked for ${what} ${seconds(request.sinceNavigation)} after the page opened, before you clicked or typed anything.`));
  }

  if (request.thirdParty) {
    flags.push(flag('P2', `${request.frameOrigin}, embedded in this page, asked for ${what}. What you allow goes to that site, not only to the one you visit.`));
  }

  const refused = earlier.some((e) => e.permission === request.permission && (e.outcome === 'denied' || e.outcome === 'dismissed'));
  if (refused || request.stateBefore === 'denied') {
    flags.push(flag('P3', `The site asked again for ${what} after you had refused or dismissed it.`));
  }

  if (prompts) {
    const group = (p: PermissionName): PermissionName => SAME_PROMPT[p] ?? p;
    const bundled = new Set([group(request.permission)]);
    for (const e of earlier) {
      if (e.stateBefore !== 'granted' && request.time - e.time <= BUNDLE_WINDOW_MS) bundled.add(group(e.permission));
    }
    if (bundled.size >= BUNDLE_MIN) {
      flags.push(flag('P4', `The site asked for ${bundled.size} different permissions within ${BUNDLE_WINDOW_MS / 1000} seconds (${[...bundled].join(', ')}).`));
    }
  }

  if (needOf(siteKind, request.permission).level === 'not-needed' && !expected) {
    flags.push(flag('P5', `This looks like a ${SITE_KIND_LABELS[siteKind]} site, and such sites work without ${what}.`, SENSITIVE.has(request.permission) ? 'high' : undefined));
  }
  return flags;
}
