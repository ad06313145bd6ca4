/**
 * Powerful web-platform requests: the APIs ConsentLens watches, the permission each one asks for,
 * and the record the ledger keeps of every request (see docs/ledger-schema.md).
 */

/** The hooked API entry points (`<interface>.<method>`). */
export const PERMISSION_APIS = [
  'geolocation.getCurrentPosition',
  'geolocation.watchPosition',
  'Notification.requestPermission',
  'PushManager.subscribe',
  'mediaDevices.getUserMedia',
  'mediaDevices.getDisplayMedia',
  'permissions.query',
  'clipboard.read',
  'clipboard.readText',
  'bluetooth.requestDevice',
  'usb.requestDevice',
  'serial.requestPort',
  'hid.requestDevice',
  'navigator.requestMIDIAccess',
  'IdleDetector.requestPermission',
  'document.requestStorageAccess',
  'window.getScreenDetails',
  'window.queryLocalFonts',
  'wakeLock.request',
  'contacts.select',
] as const;
export type PermissionApi = (typeof PERMISSION_APIS)[number];

/** Permission names (Permissions API names where one exists). */
export const PERMISSION_NAMES = [
  'geolocation',
  'notifications',
  'push',
  'camera',
  'microphone',
  'display-capture',
  'clipboard-read',
  'bluetooth',
  'usb',
  'serial',
  'hid',
  'midi',
  'idle-detection',
  'storage-access',
  'window-management',
  'local-fonts',
  'screen-wake-lock',
  'contacts',
  'other',
] as const;
export type PermissionName = (typeof PERMISSION_NAMES)[number];

export const PERMISSION_STATES = ['granted', 'denied', 'prompt', 'unknown'] as const;
export type PermissionStateValue = (typeof PERMISSION_STATES)[number];

/**
 * How a request ended: 'granted' / 'denied' by the person or the browser; 'dismissed' when the
 * prompt was closed without an answer (the API reports it as such, e.g. Notification "default");
 * 'error' for any other failure; 'answered' for a permissions.query probe (it asks nothing).
 */
export const PERMISSION_OUTCOMES = ['granted', 'denied', 'dismissed', 'error', 'answered'] as const;
export type PermissionOutcome = (typeof PERMISSION_OUTCOMES)[number];

/** What kind of site a page belongs to, inferred on the device (src/permissions/site-kind.ts). */
export const SITE_KINDS = [
  'news',
  'shop',
  'maps-travel',
  'video-call',
  'social',
  'bank-finance',
  'game',
  'video-streaming',
  'education',
  'health',
  'search',
  'email-productivity',
  'government',
  'food-delivery',
  'ride-hailing',
  'dating',
  'other',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
