/**
 * Export filters: a date range, a set of sites and a set of event kinds, applied before
 * pseudonymisation and before any writer of src/export/formats.ts runs.
 *
 * - `from` / `to` are epoch milliseconds, both inclusive; either may be left out.
 * - `sites` are sites as the ledger stores them (eTLD+1, see src/site.ts `siteOf`); matched exactly.
 * - `kinds` are event kinds (src/ledger/events.ts).
 * A field left `undefined` does not filter; an empty array matches nothing (the caller passes
 * `undefined` for "all sites" / "all kinds").
 *
 * `filterEvents` filters the event stream lazily (for JSONL, CSV, the sites table and the JSON-LD
 * document). `filterLedger` filters the records of a LedgerExport for the views built from the export
 * itself (Kantara receipts, DPV records): each record is kept by its own time, the time its event
 * carries (prompts by `time`, decisions by `time`, consent signals by their `time`, permission
 * requests by `time`, form submissions by their `time`, sign-ins by `outcomeTime ?? time`, policy
 * versions by `firstSeen`), its site and its kind.
 *
 * Context: a kept decision keeps its prompt (its purposes, language and notice version come from
 * it), even when the prompt itself is filtered out by time or kind; such a context prompt keeps
 * only the consent signals that pass the filter. Likewise the privacy policy of a kept decision's
 * site is kept, for the receipt's policy URL (policies carry no consent status, so they make no DPV
 * record). `eventsOf(filterLedger(doc, f))` can therefore hold a few more events than
 * `filterEvents(eventsOf(doc), f)`; the event formats use the latter.
 */
import { studySite } from '../ledger/event-stream.ts';
import type { LedgerExport } from '../protocol/messages.ts';
import type { EventKind, LedgerEvent } from '../ledger/events.ts';

export interface ExportFilter {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, inclusive. */
  to?: number;
  sites?: string[];
  kinds?: EventKind[];
}

/** A compiled filter: (site, time, kind) → keep? */
export function matcher(f: ExportFilter): (site: string, time: number, kind: EventKind) => boolean {
  const sites = f.sites ? new Set(f.sites) : null;
  const kinds = f.kinds ? new Set<EventKind>(f.kinds) : null;
  const from = f.from ?? -Infinity;
  const to = f.to ?? Infinity;
  return (site, time, kind) => time >= from && time <= to && (!sites || sites.has(site)) && (!kinds || kinds.has(kind));
}

export function filterEvents(events: Iterable<LedgerEvent>, f: ExportFilter): Iterable<LedgerEvent> {
  const keep = matcher(f);
  return {
    *[Symbol.iterator]() {
      for (const e of events) if (keep(e.site, Date.parse(e.eventTime), e.kind)) yield e;
    },
  };
}

export function filterLedger(doc: LedgerExport, f: ExportFilter): LedgerExport {
  const keep = matcher(f);
  const decisions = (doc.decisions ?? []).filter((d) => keep(d.site, d.time, 'decision'));
  const contextPrompts = new Set(decisions.map((d) => d.promptId));
  const decisionSites = new Set(decisions.map((d) => d.site));
  const prompts = (doc.prompts ?? [])
    .map((p) => {
      const signals = (p.signals ?? []).filter((s) => keep(p.site, s.time, 'consent-signal'));
      const shown = keep(p.site, p.time, 'prompt-shown');
      if (!shown && !signals.length && !contextPrompts.has(p.id)) return null;
      return p.signals === undefined ? p : { ...p, signals };
    })
    .filter((p) => p !== null);
  const forms = (doc.forms ?? [])
    .map((form) => {
      const submissions = form.submissions.filter((s) => keep(form.site, s.time, 'data-given'));
      return submissions.length ? { ...form, submissions } : null;
    })
    .filter((form) => form !== null);
  // Context: the privacy policy a kept decision's site had published by the end of the range.
  const policies = (doc.policies ?? []).filter(
    (p) => keep(p.site, p.firstSeen, 'policy-version') || (p.kind === 'privacy' && decisionSites.has(p.site) && p.firstSeen <= (f.to ?? Infinity)),
  );
  return {
    ...doc,
    prompts,
    decisions,
    policies,
    permissions: (doc.permissions ?? []).filter((r) => keep(r.site, r.time, 'permission-request')),
    forms,
    signIns: (doc.signIns ?? []).filter((s) => keep(s.site, s.outcomeTime ?? s.time, 'sign-in')),
    // A study's consent records are `decision` events of site study:<id>, filtered like every event.
    ...(doc.studyConsents ? { studyConsents: doc.studyConsents.filter((r) => keep(studySite(r.studyId), r.time, 'decision')) } : {}),
  };
}
