import { describe, expect, it } from 'vitest';
import { filterEvents, filterLedger } from '../../../src/export/filter.ts';
import { collect, fixture } from './fixture.ts';
import { kantaraReceipts } from '../../../src/export/formats.ts';
import { eventsOf } from '../../../src/ledger/event-stream.ts';
import type { LedgerEvent } from '../../../src/ledger/events.ts';

const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);
const all = (): LedgerEvent[] => [...eventsOf(fixture)];

describe('filterEvents', () => {
  it('keeps everything without a filter', () => {
    expect([...filterEvents(eventsOf(fixture), {})]).toEqual(all());
    expect(all().length).toBeGreaterThan(15);
  });

  it('is lazy: pulls from the source only as far as the reader goes', () => {
    let pulled = 0;
    const source = (function* () {
      for (const e of eventsOf(fixture)) {
        pulled++;
        yield e;
      }
    })();
    const filtered = filterEvents(source, { kinds: ['decision'] });
    expect(pulled).toBe(0);
    const first = filtered[Symbol.iterator]().next();
    expect(first.value?.kind).toBe('decision');
    expect(pulled).toBeLessThan(all().length);
  });

  it('filters by kinds', () => {
    const kept = [...filterEvents(eventsOf(fixture), { kinds: ['decision', 'sign-in'] })];
    expect(new Set(kept.map((e) => e.kind))).toEqual(new Set(['decision', 'sign-in']));
    expect(kept).toHaveLength(all().filter((e) => e.kind === 'decision' || e.kind === 'sign-in').length);
    expect([...filterEvents(eventsOf(fixture), { kinds: [] })]).toEqual([]);
  });

  it('filters by sites (exact eTLD+1)', () => {
    const kept = [...filterEvents(eventsOf(fixture), { sites: ['shop.example'] })];
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.every((e) => e.site === 'shop.example')).toBe(true);
    expect([...filterEvents(eventsOf(fixture), { sites: ['example'] })]).toEqual([]);
  });

  it('filters by an inclusive time range', () => {
    const from = T0 + 3_600_000; // the shop prompt, to the millisecond
    const to = T0 + 86_400_000;
    const kept = [...filterEvents(eventsOf(fixture), { from, to })];
    const times = kept.map((e) => Date.parse(e.eventTime));
    expect(times).toContain(from);
    expect(times.every((t) => t >= from && t <= to)).toBe(true);
    expect(kept).toHaveLength(all().filter((e) => Date.parse(e.eventTime) >= from && Date.parse(e.eventTime) <= to).length);
    expect(kept.length).toBeLessThan(all().length);
    expect([...filterEvents(eventsOf(fixture), { from: T0 + 1, to: T0 + 99 })]).toEqual([]);
  });

  it('combines filters with AND', () => {
    const kept = [...filterEvents(eventsOf(fixture), { sites: ['example.co.uk'], kinds: ['decision'], to: T0 + 300_000_000 })];
    expect(kept.map((e) => e.eventId)).toEqual(['decision:dec-accept-001', 'decision:dec-dismiss-001', 'decision:autoconsent-prompt-onetrust-01']);
  });
});

describe('filterLedger', () => {
  it('returns the same records without a filter', () => {
    const doc = filterLedger(fixture, {});
    expect(doc.decisions).toEqual(fixture.decisions);
    expect(doc.prompts).toEqual(fixture.prompts);
    expect(doc.forms).toEqual(fixture.forms);
    expect([...eventsOf(doc)]).toEqual(all());
  });

  it('keeps decisions by time and site, with their prompts as context', () => {
    const doc = filterLedger(fixture, { sites: ['shop.example'], from: T0 + 3_600_000 + 10_000 });
    expect(doc.decisions.every((d) => d.site === 'shop.example' && d.time >= T0 + 3_610_000)).toBe(true);
    expect(doc.decisions.map((d) => d.id)).toEqual(['dec-custom-off1', 'dec-necess-001']);
    // the shop prompt was shown before `from`, but its decisions need it
    expect(doc.prompts.map((p) => p.id)).toEqual(['prompt-shop-0001']);
    expect(doc.prompts[0]?.signals).toEqual([]); // its signal was before `from`
    expect(doc.permissions.map((r) => r.id)).toEqual(['perm-geo-000001']);
    expect(doc.signIns.map((s) => s.id)).toEqual(['signin-google-01']);
    expect(doc.forms).toEqual([]);
    expect(doc.policies).toEqual([]);
  });

  it('filters form submissions and signals one by one', () => {
    const doc = filterLedger(fixture, { from: T0 + 7_500_000, kinds: ['data-given'] });
    expect(doc.forms).toHaveLength(1);
    expect(doc.forms[0]?.submissions.map((s) => s.time)).toEqual([T0 + 8_000_000]);
    expect(doc.decisions).toEqual([]);
    expect(doc.prompts).toEqual([]);
    const signals = filterLedger(fixture, { from: T0 + 1_000, to: T0 + 9_200, kinds: ['consent-signal'] });
    expect(signals.prompts.map((p) => [p.id, p.signals.length])).toEqual([['prompt-onetrust-01', 1]]);
  });

  it('drops every decision when decisions are not a kind asked for', () => {
    const doc = filterLedger(fixture, { kinds: ['prompt-shown'] });
    expect(doc.decisions).toEqual([]);
    expect(doc.prompts).toHaveLength(3);
    expect(collect(kantaraReceipts(doc, { piiPrincipalId: 'p' }))).toBe('');
  });

  it('gives Kantara receipts only for the decisions in range', () => {
    const doc = filterLedger(fixture, { to: T0 + 3_610_000 });
    const receipts = collect(kantaraReceipts(doc, { piiPrincipalId: 'p' })).trim().split('\n').map((l) => JSON.parse(l) as { consentTimestamp: number; policyUrl: string });
    expect(receipts.map((r) => r.consentTimestamp * 1000)).toEqual([T0 + 9_000, T0 + 3_605_000]);
    expect(receipts[0]?.policyUrl).toBe('https://www.example.co.uk/privacy');
  });

  it("keeps the privacy policy of a kept decision's site as context, for the receipt's policy URL", () => {
    const doc = filterLedger(fixture, { kinds: ['decision'], sites: ['example.co.uk'], from: T0 + 100_000_000 });
    expect(doc.policies.map((p) => p.site)).toEqual(['example.co.uk']);
    const receipts = collect(kantaraReceipts(doc, { piiPrincipalId: 'p' })).trim().split('\n').map((l) => JSON.parse(l) as { policyUrl: string });
    expect(receipts.length).toBe(3); // dismissed, autoconsent reject, withdrawn: none carries its own policy version
    expect(receipts.every((r) => r.policyUrl === 'https://www.example.co.uk/privacy')).toBe(true);
    expect(filterLedger(fixture, { kinds: ['decision'], to: T0 - 2000 }).policies).toEqual([]); // no decision in range: no context
  });
});
