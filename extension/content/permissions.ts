/**
 * Isolated world: turns the main world's permission events (bridge-protocol.ts, sent by
 * permission-hooks.ts) into `permission/requested` and `permission/outcome` reports.
 *
 * For each request it reads the Permissions API state before (right when the request arrives) and
 * after (when the outcome arrives) with navigator.permissions.query from this isolated world: its
 * own prototypes, so the page's hooks never see it, and a query the page cannot observe. The kind
 * of site is inferred once per page, lazily, at the first request. The requested report is always
 * queued before its outcome (the content channel keeps order).
 *
 * A page that calls these APIs in a loop cannot flood the ledger: at most MAX_PER_KIND requests per
 * API and permission, MAX_PER_PAGE in all, are reported per frame; the rest are dropped.
 */
import { PERMISSION_STATES, type PermissionName, type PermissionStateValue, type SiteKind } from '../../src/permissions/model.ts';
import type { ContentPayload, ContentResponses } from '../../src/protocol/messages.ts';
import type { BridgePermissionEvent } from './bridge-protocol.ts';

export const MAX_PER_PAGE = 200;
export const MAX_PER_KIND = 25;
const MAX_SIGNALS = 8;
const MAX_SIGNAL_LENGTH = 80;

type PermissionType = 'permission/requested' | 'permission/outcome';
export interface PermissionReporterDeps {
  post<K extends PermissionType>(type: K, payload: ContentPayload<K>): Promise<ContentResponses[K]>;
  /** The Permissions API state of `permission` for this frame; 'unknown' when it cannot be read. */
  readState(permission: PermissionName): Promise<PermissionStateValue>;
  /** The page's site kind (src/permissions/site-kind.ts); called once, at the first request. */
  siteKind(): { kind: SiteKind; signals: string[] };
  /** Whether a notification soft-ask was reported in this page before now. */
  softAskBefore(): boolean;
  newId(): string;
  now(): number;
}

interface Pending {
  /** The ledger row's id. */
  id: string;
  /** Settles once the requested report is queued. */
  queued: Promise<void>;
  permission: PermissionName;
  probe: boolean;
}

const STATES: ReadonlySet<string> = new Set(PERMISSION_STATES);

export function createPermissionReporter(deps: PermissionReporterDeps): (event: BridgePermissionEvent) => void {
  const pending = new Map<number, Pending>();
  const perKind = new Map<string, number>();
  let total = 0;
  let site: { kind: SiteKind; signals: string[] } | null = null;
  const swallow = (): undefined => undefined;

  const siteKind = (): { kind: SiteKind; signals: string[] } => {
    if (site) return site;
    try {
      const inferred = deps.siteKind();
      site = { kind: inferred.kind, signals: inferred.signals.slice(0, MAX_SIGNALS).map((s) => s.slice(0, MAX_SIGNAL_LENGTH)) };
    } catch {
      site = { kind: 'other', signals: [] };
    }
    return site;
  };
  const state = (permission: PermissionName): Promise<PermissionStateValue> =>
    deps.readState(permission).then(
      (value) => (STATES.has(value) ? value : 'unknown'),
      () => 'unknown',
    );

  /** States read at a `before` event, waiting for the request that follows (one per permission). */
  const early = new Map<PermissionName, Promise<PermissionStateValue>>();
  let reads = 0;
  return (event) => {
    if (event.k === 'before') {
      // Bounded like requests: at most twice this page's request cap in reads, the newest kept.
      if (total >= MAX_PER_PAGE || reads >= 2 * MAX_PER_PAGE) return;
      reads += 1;
      early.set(event.permission, state(event.permission));
      return;
    }
    if (event.k === 'request') {
      if (pending.has(event.seq) || total >= MAX_PER_PAGE) return;
      const kind = `${event.api} ${event.permission}`;
      const count = perKind.get(kind) ?? 0;
      if (count >= MAX_PER_KIND) return;
      perKind.set(kind, count + 1);
      total += 1;
      const id = deps.newId();
      const time = deps.now();
      const softAskBefore = deps.softAskBefore();
      const { kind: sk, signals } = siteKind();
      const read = early.get(event.permission) ?? state(event.permission);
      early.delete(event.permission);
      const queued = read.then((stateBefore) => {
        deps
          .post('permission/requested', {
            id,
            api: event.api,
            permission: event.permission,
            probe: event.probe,
            sinceNavigation: event.sinceNavigation,
            gesture: event.gesture,
            softAskBefore,
            stateBefore,
            siteKind: sk,
            siteKindSignals: signals,
            time,
          })
          .catch(swallow);
      });
      pending.set(event.seq, { id, queued, permission: event.permission, probe: event.probe });
      return;
    }
    const request = pending.get(event.seq);
    if (!request) return;
    pending.delete(event.seq); // one outcome per request
    const time = deps.now();
    const after: Promise<PermissionStateValue> = request.probe && event.state !== undefined ? Promise.resolve(event.state) : state(request.permission);
    void Promise.all([request.queued, after]).then(([, stateAfter]) => {
      deps
        .post('permission/outcome', {
          id: request.id,
          outcome: event.outcome,
          stateAfter,
          ...(event.error !== undefined ? { error: event.error } : {}),
          time,
        })
        .catch(swallow);
    });
  };
}

/** Permission names the Permissions API can be asked about, with the descriptor to ask with. */
const QUERYABLE: Partial<Record<PermissionName, PermissionDescriptor & { userVisibleOnly?: boolean }>> = {
  geolocation: { name: 'geolocation' },
  notifications: { name: 'notifications' },
  push: { name: 'push', userVisibleOnly: true },
  camera: { name: 'camera' as PermissionName & PermissionDescriptor['name'] },
  microphone: { name: 'microphone' as PermissionName & PermissionDescriptor['name'] },
  'display-capture': { name: 'display-capture' as PermissionDescriptor['name'] },
  'clipboard-read': { name: 'clipboard-read' as PermissionDescriptor['name'] },
  midi: { name: 'midi' as PermissionDescriptor['name'] },
  'idle-detection': { name: 'idle-detection' as PermissionDescriptor['name'] },
  'storage-access': { name: 'storage-access' as PermissionDescriptor['name'] },
  'window-management': { name: 'window-management' as PermissionDescriptor['name'] },
  'local-fonts': { name: 'local-fonts' as PermissionDescriptor['name'] },
  'screen-wake-lock': { name: 'screen-wake-lock' },
};

/** Reads a permission's state with this (isolated) world's own navigator.permissions. */
export async function queryPermissionState(permissions: Permissions | undefined, permission: PermissionName): Promise<PermissionStateValue> {
  const descriptor = QUERYABLE[permission];
  if (!descriptor || !permissions) return 'unknown';
  try {
    const status = await permissions.query(descriptor);
    return STATES.has(status.state) ? (status.state as PermissionStateValue) : 'unknown';
  } catch {
    return 'unknown'; // a name this browser does not know, or a context without the API
  }
}
