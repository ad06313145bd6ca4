/**
 * The two ui -> background messages of the installed-extensions audit. Spread into `uiSchemas` and
 * `UiResponses` in src/protocol/messages.ts. The extensions page reads `management.getAll()` (the
 * background never holds the optional `management` permission's data on its own) and sends the
 * snapshot; the background merges it into the `extensions` table.
 */
import * as v from 'valibot';
import { INSTALL_TYPES, type ExtensionRecord } from './audit.ts';

export const MAX_EXTENSIONS = 500;
export const MAX_API_PERMISSIONS = 256;
export const MAX_HOST_PERMISSIONS = 1024;

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const ExtensionInfoSchema = v.strictObject({
  // Chrome: 32 letters a-p; Firefox: an email-like id or a {uuid}.
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  name: Text(512),
  version: Text(128),
  enabled: v.boolean(),
  installType: v.picklist(INSTALL_TYPES),
  type: Text(64),
  permissions: v.pipe(v.array(Text(256)), v.maxLength(MAX_API_PERMISSIONS)),
  hostPermissions: v.pipe(v.array(Text(2048)), v.maxLength(MAX_HOST_PERMISSIONS)),
  mayDisable: v.optional(v.boolean()),
});

export const extensionUiSchemas = {
  /** A fresh `management.getAll()` snapshot (ConsentLens itself left out): merge, store, answer all records. */
  'extensions/audit': v.strictObject({ extensions: v.pipe(v.array(ExtensionInfoSchema), v.maxLength(MAX_EXTENSIONS)) }),
  /** The stored records, without a new look (no permission needed). */
  'extensions/list': v.strictObject({}),
} as const;

export interface ExtensionUiResponses {
  'extensions/audit': { records: ExtensionRecord[] };
  'extensions/list': { records: ExtensionRecord[] };
}
