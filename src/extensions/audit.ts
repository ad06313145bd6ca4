/**
 * The installed-extensions audit (pure): what another extension may do, scored from Chrome's
 * permission-warning table, and how its permissions grew across updates.
 *
 * The table is Chrome's "Permission warning guidelines" (developer.chrome.com, updated 2023-05-23;
 * the authoritative source is Chromium's chrome_permission_message_rules.cc), as summarized in
 * standards.md section 5.3. Each warning has a risk class, and each class a weight:
 *
 *   critical 60, high 30, medium 15, low-medium 10, low 5; specific hosts 10 + 5 per host (at most 40);
 *   install type: development 10, sideload 15.
 *
 * The score is the sum of the weights of the warnings the browser would show, capped at 100. The
 * level is `high` from 60 (one critical warning is enough), `medium` from 25, otherwise `low`.
 *
 * Like Chrome, a warning is counted once however many permissions cause it, and the broader
 * warning hides the narrower one: "all websites" hides specific hosts, browsing history (`tabs`,
 * `webNavigation`, `declarativeNetRequestFeedback`), `topSites` and `favicon`; `history` hides the
 * read-only browsing-history warning; `sessions` turns the history warnings into their "on all your
 * signed-in devices" forms. Permissions Chrome shows no warning for (`activeTab`, `storage`,
 * `alarms`, `scripting`, `cookies`, `webRequest`, ... and Firefox-only names) add nothing: their
 * power comes from host permissions, which are scored.
 */

export type InstallType = 'admin' | 'development' | 'normal' | 'sideload' | 'other';
export const INSTALL_TYPES: readonly InstallType[] = ['admin', 'development', 'normal', 'sideload', 'other'];

/** The fields of management.ExtensionInfo (Chrome and Firefox) the audit reads. */
export interface ExtensionInfo {
  id: string;
  name: string;
  version: string;
  enabled: boolean;
  installType: InstallType;
  /** `extension`, `theme`, or one of Chrome's app types. */
  type: string;
  permissions: string[];
  hostPermissions: string[];
  mayDisable?: boolean | undefined;
}

export type RiskClass = 'critical' | 'high' | 'medium' | 'low-medium' | 'low';
export type RiskLevel = 'low' | 'medium' | 'high';

export const RISK_WEIGHTS: Readonly<Record<RiskClass, number>> = {
  critical: 60,
  high: 30,
  medium: 15,
  'low-medium': 10,
  low: 5,
};

/** Weight of the "your data on <these sites>" warning: medium for one host, growing with the count. */
export const hostsWeight = (count: number): number => Math.min(40, 10 + 5 * count);

export const INSTALL_TYPE_WEIGHTS: Readonly<Partial<Record<InstallType, number>>> = { development: 10, sideload: 15 };

/** Level thresholds on the 0-100 score. */
export const HIGH_FROM = 60;
export const MEDIUM_FROM = 25;

/** Chrome's warnings (English text as in Chrome's table), with their risk class. */
export const WARNINGS = {
  allHosts: { text: 'Read and change all your data on all websites', risk: 'critical' },
  debugger: { text: 'Access the page debugger backend', risk: 'critical' },
  historyReadWrite: { text: 'Read and change your browsing history on all signed-in devices', risk: 'high' },
  historySynced: { text: 'Read and change your browsing history on all your signed-in devices', risk: 'high' },
  historySyncedRead: { text: 'Read your browsing history on all your signed-in devices', risk: 'high' },
  historyRead: { text: 'Read your browsing history', risk: 'high' },
  topSites: { text: 'Read a list of your most frequently visited websites', risk: 'medium' },
  contentSettings: {
    text: "Change your settings that control websites' access to features such as cookies, JavaScript, plugins, geolocation, microphone, camera etc.",
    risk: 'high',
  },
  privacy: { text: 'Change your privacy-related settings', risk: 'high' },
  management: { text: 'Manage your apps, extensions, and themes', risk: 'high' },
  nativeMessaging: { text: 'Communicate with cooperating native applications', risk: 'high' },
  desktopCapture: { text: 'Capture content of your screen', risk: 'high' },
  clipboardRead: { text: 'Read data you copy and paste', risk: 'high' },
  clipboardWrite: { text: 'Modify data you copy and paste', risk: 'low' },
  geolocation: { text: 'Detect your physical location', risk: 'high' },
  email: { text: 'Know your email address', risk: 'medium' },
  bookmarks: { text: 'Read and change your bookmarks', risk: 'medium' },
  downloads: { text: 'Manage your downloads', risk: 'medium' },
  blockContent: { text: 'Block content on any page', risk: 'medium' },
  favicon: { text: 'Read the icons of the websites you visit', risk: 'low-medium' },
  notifications: { text: 'Display notifications', risk: 'low' },
  tabGroups: { text: 'View and manage your tab groups', risk: 'low' },
  ttsEngine: { text: 'Read all text spoken using synthesized speech', risk: 'medium' },
  storageDevices: { text: 'Identify and eject storage devices', risk: 'low' },
  accessibilityRead: { text: 'Read your accessibility settings', risk: 'low' },
  accessibilityModify: { text: 'Change your accessibility settings', risk: 'medium' },
} as const satisfies Record<string, { text: string; risk: RiskClass }>;

export type WarningId = keyof typeof WARNINGS;
/** Reasons that are not a Chrome permission warning. */
export type ReasonId = WarningId | 'someHosts' | 'installDevelopment' | 'installSideload';

/** API permission -> the warnings Chrome shows for it on its own. */
export const PERMISSION_WARNINGS: Readonly<Record<string, readonly WarningId[]>> = {
  debugger: ['debugger', 'allHosts'],
  pageCapture: ['allHosts'],
  proxy: ['allHosts'],
  tabCapture: ['allHosts'],
  webAuthenticationProxy: ['allHosts'],
  history: ['historyReadWrite'],
  tabs: ['historyRead'],
  webNavigation: ['historyRead'],
  declarativeNetRequestFeedback: ['historyRead'],
  topSites: ['topSites'],
  contentSettings: ['contentSettings'],
  privacy: ['privacy'],
  management: ['management'],
  nativeMessaging: ['nativeMessaging'],
  desktopCapture: ['desktopCapture'],
  clipboardRead: ['clipboardRead'],
  clipboardWrite: ['clipboardWrite'],
  geolocation: ['geolocation'],
  'identity.email': ['email'],
  bookmarks: ['bookmarks'],
  downloads: ['downloads'],
  declarativeNetRequest: ['blockContent'],
  favicon: ['favicon'],
  notifications: ['notifications'],
  tabGroups: ['tabGroups'],
  ttsEngine: ['ttsEngine'],
  'system.storage': ['storageDevices'],
  'accessibilityFeatures.read': ['accessibilityRead'],
  'accessibilityFeatures.modify': ['accessibilityModify'],
};

export interface RiskReason {
  /** Stable id (for translation). */
  id: ReasonId;
  /** The permission(s) or install type that cause it, comma-separated. */
  permission: string;
  /** Chrome's warning text in English (or, for the install type, what it means). */
  warning: string;
  weight: number;
  /** For `someHosts`: the sites named in the warning (at most 3; more = "a number of websites"). */
  hosts?: string[];
}

export interface Risk {
  score: number;
  level: RiskLevel;
  /** Heaviest first. */
  reasons: RiskReason[];
}

const ALL_HOST_SCHEMES = new Set(['*', 'http', 'https', 'ws', 'wss']);

/**
 * What a host pattern grants: every website, one named site (`example.com`, or `*.example.com` for
 * all its subdomains), or nothing Chrome warns about (file:, chrome:, malformed).
 */
export function hostScope(pattern: string): { all: true } | { all: false; host: string } | null {
  if (pattern === '<all_urls>') return { all: true };
  const match = /^([a-z*-]+):\/\/([^/]*)(?:\/.*)?$/iu.exec(pattern.trim());
  if (!match) return null;
  const scheme = (match[1] as string).toLowerCase();
  const host = (match[2] as string).toLowerCase().replace(/:\d+$|:\*$/u, '');
  if (!ALL_HOST_SCHEMES.has(scheme) || !host) return null;
  if (host === '*') return { all: true };
  // `*.com`: every site under a top-level domain is, for a person, every website.
  if (host.startsWith('*.') && !host.slice(2).includes('.')) return { all: true };
  return { all: false, host };
}

function hostsWarning(hosts: string[]): string {
  const named = hosts.map((h) => (h.startsWith('*.') ? `all ${h.slice(2)} sites` : h));
  if (named.length === 1) return `Read and change your data on ${named[0]}`;
  if (named.length === 2) return `Read and change your data on ${named[0]} and ${named[1]}`;
  if (named.length === 3) return `Read and change your data on ${named[0]}, ${named[1]}, and ${named[2]}`;
  return 'Read and change your data on a number of websites';
}

const INSTALL_REASONS: Partial<Record<InstallType, { id: ReasonId; warning: string }>> = {
  development: { id: 'installDevelopment', warning: 'Loaded from a folder in developer mode, not installed from a store' },
  sideload: { id: 'installSideload', warning: 'Installed by another program on this computer, not by you from a store' },
};

export function levelOf(score: number): RiskLevel {
  return score >= HIGH_FROM ? 'high' : score >= MEDIUM_FROM ? 'medium' : 'low';
}

/** The warnings Chrome would show for these permissions, and the risk they add up to. */
export function riskOf(info: Pick<ExtensionInfo, 'permissions' | 'hostPermissions' | 'installType'>): Risk {
  // warning -> the permissions that cause it, in order of appearance
  const causes = new Map<WarningId, string[]>();
  const add = (id: WarningId, permission: string) => {
    const list = causes.get(id) ?? [];
    if (!list.includes(permission)) list.push(permission);
    causes.set(id, list);
  };
  for (const permission of info.permissions) for (const id of PERMISSION_WARNINGS[permission] ?? []) add(id, permission);

  const hosts: string[] = [];
  const hostPatterns: string[] = [];
  for (const pattern of info.hostPermissions) {
    const scope = hostScope(pattern);
    if (!scope) continue;
    if (scope.all) add('allHosts', pattern);
    else {
      if (!hostPatterns.includes(pattern)) hostPatterns.push(pattern);
      if (!hosts.includes(scope.host)) hosts.push(scope.host);
    }
  }

  // Chrome's combinations.
  const has = (id: WarningId) => causes.has(id);
  const move = (from: WarningId, to: WarningId, extra: string) => {
    const list = [...(causes.get(from) ?? []), extra];
    causes.delete(from);
    for (const p of list) add(to, p);
  };
  if (info.permissions.includes('sessions')) {
    if (has('historyReadWrite')) move('historyReadWrite', 'historySynced', 'sessions');
    else if (has('historyRead')) move('historyRead', 'historySyncedRead', 'sessions');
  }
  if (has('historyReadWrite') || has('historySynced')) {
    causes.delete('historyRead');
    causes.delete('historySyncedRead');
  }
  const allHosts = has('allHosts');
  if (allHosts) for (const hidden of ['historyRead', 'topSites', 'favicon'] as const) causes.delete(hidden);

  const reasons: RiskReason[] = [...causes].map(([id, permissions]) => ({
    id,
    permission: permissions.join(', '),
    warning: WARNINGS[id].text,
    weight: RISK_WEIGHTS[WARNINGS[id].risk],
  }));
  if (!allHosts && hosts.length > 0) {
    reasons.push({
      id: 'someHosts',
      permission: hostPatterns.join(', '),
      warning: hostsWarning(hosts),
      weight: hostsWeight(hosts.length),
      hosts: hosts.length <= 3 ? hosts : [],
    });
  }
  const install = INSTALL_REASONS[info.installType];
  const installWeight = INSTALL_TYPE_WEIGHTS[info.installType];
  if (install && installWeight) reasons.push({ id: install.id, permission: info.installType, warning: install.warning, weight: installWeight });

  reasons.sort((a, b) => b.weight - a.weight);
  const score = Math.min(100, reasons.reduce((sum, r) => sum + r.weight, 0));
  return { score, level: levelOf(score), reasons };
}

export interface PermissionSet {
  permissions: readonly string[];
  hostPermissions: readonly string[];
}

/** What `next` has that `prev` had not, and the reverse, over API and host permissions together. */
export function diffPermissions(prev: PermissionSet, next: PermissionSet): { added: string[]; removed: string[] } {
  const before = new Set([...prev.permissions, ...prev.hostPermissions]);
  const after = new Set([...next.permissions, ...next.hostPermissions]);
  return {
    added: [...after].filter((p) => !before.has(p)),
    removed: [...before].filter((p) => !after.has(p)),
  };
}

export interface PermissionChange {
  time: number;
  fromVersion: string;
  toVersion: string;
  added: string[];
  removed: string[];
}

/** One audited extension as the ledger keeps it (table `extensions`, key `id`). */
export interface ExtensionRecord {
  id: string;
  name: string;
  version: string;
  installType: InstallType;
  type: string;
  enabled: boolean;
  permissions: string[];
  hostPermissions: string[];
  risk: Risk;
  firstSeen: number;
  lastSeen: number;
  /** Permission changes seen between audits, oldest first (at most MAX_HISTORY). */
  history: PermissionChange[];
  /** Set when an audit no longer found it installed; cleared when it comes back. */
  removedAt?: number;
}

export const MAX_HISTORY = 100;

/**
 * The stored record after one more look at the extension. A change of permissions between the two
 * looks (an update, or optional permissions granted or given back) appends a history entry.
 */
export function mergeSnapshot(previous: ExtensionRecord | undefined, info: ExtensionInfo, now: number): ExtensionRecord {
  const history = [...(previous?.history ?? [])];
  if (previous) {
    const { added, removed } = diffPermissions(previous, info);
    if (added.length > 0 || removed.length > 0) {
      history.push({ time: now, fromVersion: previous.version, toVersion: info.version, added, removed });
    }
  }
  return {
    id: info.id,
    name: info.name,
    version: info.version,
    installType: info.installType,
    type: info.type,
    enabled: info.enabled,
    permissions: [...info.permissions],
    hostPermissions: [...info.hostPermissions],
    risk: riskOf(info),
    firstSeen: previous?.firstSeen ?? now,
    lastSeen: now,
    history: history.slice(-MAX_HISTORY),
  };
}

/** Installed first, then by score (highest first), then by name. */
export function compareRecords(a: ExtensionRecord, b: ExtensionRecord): number {
  const gone = Number(a.removedAt !== undefined) - Number(b.removedAt !== undefined);
  if (gone !== 0) return gone;
  if (b.risk.score !== a.risk.score) return b.risk.score - a.risk.score;
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/** Permission changes that widened access (something added), newest first. */
export const increases = (record: ExtensionRecord): PermissionChange[] => record.history.filter((h) => h.added.length > 0).reverse();
