/**
 * The one import of webextension-polyfill in the project (lint enforces it). Everything in
 * extension/ that needs a browser API imports `browser` from here, so a later move to the native
 * `browser` namespace is a one-file change.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs } from 'webextension-polyfill';
export { browser };
