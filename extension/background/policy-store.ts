/** Policy versions and links in the ledger database (background only: the single writer). */
import type { PolicyLinksRecord, PolicyVersionRecord } from '../../src/policy/record.ts';
import { sentencesOf } from '../../src/policy/record.ts';
import { sentenceDiff } from '../../src/policy/versions.ts';
import type { PolicySiteView, PolicyVersionSummary } from '../../src/protocol/messages.ts';
import type { LedgerDb } from './db.ts';

/** Versions kept per site; the oldest beyond this are dropped (their decisions keep the reference). */
export const MAX_VERSIONS_PER_SITE = 20;

export async function putPolicyLinks(db: LedgerDb, record: PolicyLinksRecord): Promise<boolean> {
  return db.transaction('rw', db.policyLinks, async () => {
    const known = await db.policyLinks.get(record.site);
    // Keep the links already known and add new ones: a page without a footer forgets nothing.
    const merged = [...record.links];
    for (const link of known?.links ?? []) if (!merged.some((l) => l.kind === link.kind && l.url === link.url)) merged.push(link);
    const links = merged.slice(0, 20);
    if (known && JSON.stringify(known.links) === JSON.stringify(links)) return false;
    await db.policyLinks.put({ site: record.site, links, updatedAt: record.updatedAt });
    return true;
  });
}

type Kind = PolicyVersionRecord['kind'];

/** A site's versions of one kind of policy (its privacy policy, or its cookie policy), oldest first. */
const series = (db: LedgerDb, site: string, kind: Kind) =>
  db.policies.where('[site+kind+firstSeen]').between([site, kind, -Infinity], [site, kind, Infinity]);

/** The newest version of the site's privacy policy (else of its cookie policy). */
export async function latestPolicy(db: LedgerDb, site: string): Promise<PolicyVersionRecord | undefined> {
  return (await series(db, site, 'privacy').last()) ?? (await series(db, site, 'cookie').last());
}

/**
 * Stores a version. The same text again only moves `lastSeen`. A new text is a new version; it is
 * a change (alerted) when the site's policy of that kind had another version before.
 */
export async function putPolicyVersion(db: LedgerDb, record: PolicyVersionRecord): Promise<{ id: string; changed: boolean; isNew: boolean }> {
  return db.transaction('rw', db.policies, async () => {
    const known = await db.policies.get(record.id);
    if (known) {
      await db.policies.update(record.id, { lastSeen: Math.max(known.lastSeen, record.lastSeen) });
      return { id: record.id, changed: false, isNew: false };
    }
    const count = await series(db, record.site, record.kind).count();
    await db.policies.put({ ...record, acknowledged: count === 0 });
    if (count + 1 > MAX_VERSIONS_PER_SITE) {
      const oldest = await series(db, record.site, record.kind).first();
      if (oldest) await db.policies.delete(oldest.id);
    }
    return { id: record.id, changed: count > 0, isNew: true };
  });
}

export async function acknowledgePolicy(db: LedgerDb, site: string, id: string): Promise<boolean> {
  const version = await db.policies.get(id);
  if (!version || version.site !== site) return false;
  await db.policies.update(id, { acknowledged: true });
  return true;
}

export const summary = (v: PolicyVersionRecord): PolicyVersionSummary => ({
  id: v.id,
  site: v.site,
  kind: v.kind,
  hash: v.hash,
  url: v.url,
  title: v.title,
  source: v.source,
  firstSeen: v.firstSeen,
  lastSeen: v.lastSeen,
});

export async function policySiteView(db: LedgerDb, site: string): Promise<PolicySiteView> {
  const links = await db.policyLinks.get(site);
  let versions = await series(db, site, 'privacy').reverse().toArray();
  if (versions.length === 0) versions = await series(db, site, 'cookie').reverse().toArray();
  const latest = versions[0] ?? null;
  const previous = versions[1] ?? null;
  return {
    site,
    links: links?.links ?? [],
    versions: versions.map(summary),
    latest,
    diff: latest && previous ? sentenceDiff(sentencesOf(previous), sentencesOf(latest)) : null,
    changed: latest !== null && previous !== null && !latest.acknowledged,
  };
}

/** Every version without its text or analysis, oldest first: what an export carries. */
export async function allPolicySummaries(db: LedgerDb): Promise<PolicyVersionSummary[]> {
  const all = await db.policies.toArray();
  return all.sort((a, b) => a.firstSeen - b.firstSeen).map(summary);
}
