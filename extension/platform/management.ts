/**
 * The optional `management` permission and what it gives: the list of installed extensions, for
 * the audit page (extension/ui/extensions/). ConsentLens only reads the list; it never enables,
 * disables or uninstalls anything.
 *
 * `requestManagement` must be called directly from a click handler, before any `await`: Chrome and
 * Firefox both accept `permissions.request` only during a user gesture.
 */
import { INSTALL_TYPES, type ExtensionInfo, type InstallType } from '../../src/extensions/audit.ts';
import { MAX_API_PERMISSIONS, MAX_EXTENSIONS, MAX_HOST_PERMISSIONS } from '../../src/extensions/messages.ts';
import { browser } from './browser.ts';

const MANAGEMENT = { permissions: ['management' as const] };

/** Asks the person (the browser shows its prompt); true if granted. Call it in the click handler. */
export function requestManagement(): Promise<boolean> {
  return browser.permissions.request(MANAGEMENT);
}

export function hasManagement(): Promise<boolean> {
  return browser.permissions.contains(MANAGEMENT);
}

/** Gives the permission back; true if it was removed. */
export function releaseManagement(): Promise<boolean> {
  return browser.permissions.remove(MANAGEMENT);
}

/** Calls `handler(granted)` when the person grants or removes it elsewhere (e.g. the browser's settings). */
export function onManagementChange(handler: (granted: boolean) => void): () => void {
  const added = (p: { permissions?: string[] }) => {
    if (p.permissions?.includes('management')) handler(true);
  };
  const removed = (p: { permissions?: string[] }) => {
    if (p.permissions?.includes('management')) handler(false);
  };
  browser.permissions.onAdded.addListener(added);
  browser.permissions.onRemoved.addListener(removed);
  return () => {
    browser.permissions.onAdded.removeListener(added);
    browser.permissions.onRemoved.removeListener(removed);
  };
}

const installTypeOf = (value: unknown): InstallType =>
  INSTALL_TYPES.includes(value as InstallType) ? (value as InstallType) : 'other';

const strings = (value: unknown, max: number): string[] =>
  Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string').slice(0, max) : [];

/**
 * Every installed extension, app and theme except ConsentLens itself, in the audit's shape. Themes
 * are left out too (they cannot hold permissions). Needs the `management` permission.
 */
export async function installedExtensions(): Promise<ExtensionInfo[]> {
  if (!browser.management?.getAll) throw new Error('management.getAll is not available: the permission is not granted');
  const all = await browser.management.getAll();
  return all
    .filter((info) => info.id !== browser.runtime.id && info.type !== 'theme')
    .map((info) => ({
      id: info.id,
      name: info.name.slice(0, 512),
      version: info.version.slice(0, 128),
      enabled: info.enabled,
      installType: installTypeOf(info.installType),
      type: String(info.type).slice(0, 64),
      permissions: strings(info.permissions, MAX_API_PERMISSIONS),
      // Firefox lists each extension's own moz-extension:// origin (a random per-profile id): not a website.
      hostPermissions: strings(info.hostPermissions, Infinity)
        .filter((p) => !p.startsWith('moz-extension://'))
        .slice(0, MAX_HOST_PERMISSIONS),
      mayDisable: info.mayDisable,
    }))
    .slice(0, MAX_EXTENSIONS);
}
