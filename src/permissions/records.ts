/**
 * Ledger records of powerful requests, built from validated content reports plus what the browser
 * says about the sender. The site, the page and the frame's origin come from the browser, never
 * from the payload.
 */
import type { ContentPayload } from '../protocol/messages.ts';
import { RecordError, type SenderFacts } from '../ledger/records.ts';
import { siteOf } from '../site.ts';
import { originOf, stripUrl } from '../url.ts';
import type { PermissionFlag } from './flags.ts';
import type { PermissionApi, PermissionName, PermissionOutcome, PermissionStateValue, SiteKind } from './model.ts';

export interface PermissionRequestRecord {
  id: string;
  site: string;
  /** The top-level page (query and fragment removed). */
  url: string;
  /** The origin of the frame that called the API. */
  frameOrigin: string;
  /** The calling frame belongs to another site than the page. */
  thirdParty: boolean;
  api: PermissionApi;
  permission: PermissionName;
  /** A permissions.query: the page asked about the state, not for the permission. */
  probe: boolean;
  sinceNavigation: number;
  gesture: boolean;
  softAskBefore: boolean;
  stateBefore: PermissionStateValue;
  outcome: PermissionOutcome | 'pending';
  stateAfter: PermissionStateValue | null;
  error?: string;
  siteKind: SiteKind;
  siteKindSignals: string[];
  time: number;
  flags: PermissionFlag[];
}

export function permissionRecordFrom(payload: ContentPayload<'permission/requested'>, sender: SenderFacts): PermissionRequestRecord {
  const site = siteOf(sender.tabUrl);
  const url = stripUrl(sender.tabUrl);
  // An about:blank frame runs with the origin of the document that made it: the browser says which.
  const frameAddress = /^about:(?:blank|srcdoc)(?:[?#]|$)/u.test(sender.frameUrl) && sender.frameOrigin ? sender.frameOrigin : sender.frameUrl;
  const frameOrigin = originOf(frameAddress);
  if (!site || !url || !frameOrigin) throw new RecordError('permission request from a page that is not a web site');
  const frameSite = siteOf(frameAddress);
  return {
    id: payload.id,
    site,
    url,
    frameOrigin,
    thirdParty: frameSite !== site,
    api: payload.api,
    permission: payload.permission,
    probe: payload.probe,
    sinceNavigation: Math.round(payload.sinceNavigation),
    gesture: payload.gesture,
    softAskBefore: payload.softAskBefore,
    stateBefore: payload.stateBefore,
    outcome: 'pending',
    stateAfter: null,
    siteKind: payload.siteKind,
    siteKindSignals: payload.siteKindSignals,
    time: payload.time,
    flags: [],
  };
}
