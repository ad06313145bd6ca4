/**
 * Powerful permission requests, data-collection forms and sign-in scope screens: validate (the
 * router did) -> build records (src/) -> evaluate flags -> persist. Background only.
 */
import { allSiteStats } from './site-stats.ts';
import { formRecordFrom, MAX_SUBMISSIONS, signInRecordFrom, type SignInRecord } from '../../src/ledger/collection.ts';
import type { SenderFacts } from '../../src/ledger/records.ts';
import { parseAuthorizationRequest, parseAuthorizationResponse } from '../../src/oauth/index.ts';
import { evaluatePermissionFlags } from '../../src/permissions/flags.ts';
import type { PermissionName } from '../../src/permissions/model.ts';
import { permissionRecordFrom, type PermissionRequestRecord } from '../../src/permissions/records.ts';
import type { CollectionSiteView } from '../../src/protocol/messages.ts';
import { siteOf } from '../../src/site.ts';
import type { LedgerDb } from './db.ts';
import type { ContentHandlers, UiHandlers } from './router.ts';

export interface CollectionDeps {
  db: LedgerDb;
  changed: (site: string | null) => void;
  now: () => Date;
  recording: () => Promise<boolean>;
  newId: () => string;
}

/** A sign-in answer is matched to its request only within this time. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
const EXPECTED_KEY = (site: string) => `expected:${site}`;

async function expectedOn(db: LedgerDb, site: string): Promise<PermissionName[]> {
  return ((await db.settings.get(EXPECTED_KEY(site)))?.value as PermissionName[] | undefined) ?? [];
}

/** (Re)evaluates a request's flags against the site's earlier requests and the person's marks. */
async function withFlags(db: LedgerDb, record: PermissionRequestRecord): Promise<PermissionRequestRecord> {
  const earlier = (await db.permissions.where('[site+time]').between([record.site, -Infinity], [record.site, record.time], true, true).toArray()).filter((r) => r.id !== record.id);
  const expected = (await expectedOn(db, record.site)).includes(record.permission);
  return { ...record, flags: evaluatePermissionFlags({ request: record, earlier, siteKind: record.siteKind, expected }) };
}

export function collectionContentHandlers(deps: CollectionDeps): Pick<ContentHandlers, 'permission/requested' | 'permission/outcome' | 'form/seen' | 'form/submitted'> {
  const { db, changed, recording } = deps;
  return {
    async 'permission/requested'(payload, sender) {
      const record = permissionRecordFrom(payload, sender);
      if (!(await recording())) return { stored: false };
      const stored = await db.transaction('rw', db.permissions, db.settings, async () => {
        if (await db.permissions.get(record.id)) return false; // a retried report
        await db.permissions.add(await withFlags(db, record));
        return true;
      });
      if (stored) changed(record.site);
      return { stored: true };
    },
    async 'permission/outcome'(payload, sender) {
      const site = siteOf(sender.tabUrl);
      if (!site || !(await recording())) return { stored: false };
      const updated = await db.transaction('rw', db.permissions, db.settings, async () => {
        const known = await db.permissions.get(payload.id);
        if (!known || known.site !== site) return false;
        const next = { ...known, outcome: payload.outcome, stateAfter: payload.stateAfter, ...(payload.error ? { error: payload.error } : {}) };
        await db.permissions.put(await withFlags(db, next));
        return true;
      });
      if (updated) changed(site);
      return { stored: updated };
    },
    async 'form/seen'(payload, sender) {
      const record = formRecordFrom(payload, sender);
      if (!(await recording())) return { stored: false };
      const added = await db.transaction('rw', db.forms, async () => {
        if (await db.forms.get(record.id)) return false;
        await db.forms.add(record);
        return true;
      });
      if (added) changed(record.site);
      return { stored: true };
    },
    async 'form/submitted'(payload, sender) {
      const site = siteOf(sender.tabUrl);
      if (!site || !(await recording())) return { stored: false };
      const updated = await db.transaction('rw', db.forms, async () => {
        const form = await db.forms.get(payload.formId);
        if (!form || form.site !== site) return false;
        const submissions = [...form.submissions, { time: payload.time, categories: [...new Set(payload.categories)] }].slice(-MAX_SUBMISSIONS);
        await db.forms.update(form.id, { submissions });
        return true;
      });
      if (updated) changed(site);
      return { stored: updated };
    },
  };
}

/**
 * Called for every top-level page that says hello: an authorization request of a known provider
 * starts a sign-in record; a page at a pending request's redirect URI carrying the provider's
 * answer (code or error, matching state) settles it.
 */
export async function observeSignIn(deps: CollectionDeps, sender: SenderFacts): Promise<void> {
  if (sender.frameId !== 0 || !(await deps.recording())) return;
  const { db, now } = deps;
  const time = now().getTime();
  const request = parseAuthorizationRequest(sender.tabUrl);
  if (request) {
    const record = signInRecordFrom(request, deps.newId(), time);
    // The same screen reloaded (same client, scopes and state within the window) is one record.
    const recent = await db.signIns.where('time').above(time - SIGN_IN_WINDOW_MS).toArray();
    if (recent.some((r) => r.clientId === record.clientId && r.state === record.state && r.scopes.length === record.scopes.length && r.outcome === 'pending')) return;
    await db.signIns.add(record);
    deps.changed(record.site);
    return;
  }
  const pending = (await db.signIns.where('time').above(time - SIGN_IN_WINDOW_MS).toArray()).filter((r) => r.outcome === 'pending');
  for (const record of pending.reverse()) {
    const answer = parseAuthorizationResponse(sender.tabUrl, { provider: record.provider, redirectUri: record.redirectUri, state: record.state });
    if (!answer) continue;
    await db.signIns.update(record.id, { outcome: answer.outcome, outcomeTime: time } satisfies Partial<SignInRecord>);
    deps.changed(record.site);
    return;
  }
}

export async function collectionSiteView(db: LedgerDb, site: string): Promise<CollectionSiteView> {
  const [permissions, forms, signIns, expected] = await Promise.all([
    db.permissions.where('[site+time]').between([site, -Infinity], [site, Infinity]).reverse().limit(200).toArray(),
    db.forms.where('site').equals(site).reverse().sortBy('time'),
    db.signIns.where('site').equals(site).reverse().sortBy('time'),
    expectedOn(db, site),
  ]);
  return { site, permissions, forms: forms.slice(0, 100), signIns: signIns.slice(0, 100), expected };
}

export function collectionUiHandlers(deps: CollectionDeps): Pick<UiHandlers, 'collection/site' | 'collection/sites' | 'permissions/expected'> {
  const { db, changed } = deps;
  return {
    'collection/site': ({ site }) => collectionSiteView(db, site),
    'collection/sites': async () => ({
      // From the per-site summaries: the dashboard reads no request, form or sign-in row for this.
      sites: (await allSiteStats(db))
        .filter((s) => s.permissionRows + s.forms + s.signIns > 0)
        .sort((a, b) => b.collectionLast - a.collectionLast)
        .map((s) => ({ site: s.site, requests: s.permissionRows, flagged: s.permissionsFlagged, permissions: Object.keys(s.permissionsByName).sort(), forms: s.forms, signIns: s.signIns, last: s.collectionLast })),
    }),
    'permissions/expected': async ({ site, permission, expected }) => {
      const list = await db.transaction('rw', db.settings, db.permissions, async () => {
        const before = await expectedOn(db, site);
        const next = expected ? [...new Set([...before, permission])] : before.filter((p) => p !== permission);
        await db.settings.put({ key: EXPECTED_KEY(site), value: next });
        // Re-evaluate the site's requests of that permission: "expected here" lifts P5.
        const rows = await db.permissions.where('site').equals(site).toArray();
        for (const row of rows.filter((r) => r.permission === permission)) await db.permissions.put(await withFlags(db, row));
        return next;
      });
      changed(site);
      return { site, expected: list };
    },
  };
}

