import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../src/ledger/event-stream.ts';
import type { LedgerEvent } from '../../../src/ledger/events.ts';
import { previewOf, pseudonymizer, TEXT_FIELDS, URL_FIELDS } from '../../../src/export/pseudonymize.ts';
import { jsonl } from '../../../src/export/formats.ts';
import { collect, fixture } from './fixture.ts';

const events = [...eventsOf(fixture)];
const SITES = ['example.co.uk', 'shop.example', 'blog.example'];
const byId = (list: LedgerEvent[], id: string): LedgerEvent => list.find((e) => e.eventId === id)!;

describe('pseudonymizer', () => {
  it("'etld1' keeps sites, drops urls and text by default, and never changes the input", () => {
    const before = JSON.stringify(events);
    const out = events.map(pseudonymizer({ sites: 'etld1' }));
    expect(JSON.stringify(events)).toBe(before);
    expect(out.map((e) => e.site)).toEqual(events.map((e) => e.site));
    for (const e of out) for (const f of [...URL_FIELDS, ...TEXT_FIELDS]) expect(e.detail, `${e.eventId} ${f}`).not.toHaveProperty(f);
    const shown = byId(out, 'prompt-shown:prompt-onetrust-01');
    expect(shown.detail.textHash).toBe(byId(events, 'prompt-shown:prompt-onetrust-01').detail.textHash);
    expect(shown.detail.cmp).toBe('OneTrust');
    const text = collect(jsonl(out));
    expect(text).not.toMatch(/https?:\/\/(www\.)?(example\.co\.uk|shop\.example|blog\.example)/u);
    expect(text).not.toContain('812 partners');
    expect(text).not.toContain('CQNxAAA');
    expect(text).not.toContain('shopapp.apps.googleusercontent.com');
  });

  it('keeps urls or text when asked', () => {
    const urls = events.map(pseudonymizer({ sites: 'etld1', keepUrls: true }));
    expect(byId(urls, 'permission-request:perm-geo-000001').detail).toMatchObject({ url: 'https://shop.example/stores', frameOrigin: 'https://maps.tracker.example' });
    expect(byId(urls, 'prompt-shown:prompt-onetrust-01').detail).not.toHaveProperty('text');
    const text = events.map(pseudonymizer({ sites: 'etld1', keepText: true }));
    expect(byId(text, 'prompt-shown:prompt-onetrust-01').detail.text).toMatch(/^We and our 812 partners/u);
    expect(byId(text, 'decision:dec-accept-001').detail.label).toBe('Accept All Cookies');
    expect(byId(text, 'prompt-shown:prompt-onetrust-01').detail).not.toHaveProperty('url');
  });

  it("'hash' hides every site name: h: + 16 hex of SHA-256(salt + site), in site and recordKey", () => {
    const out = events.map(pseudonymizer({ sites: 'hash', salt: 'export-42' }));
    const expected = (site: string): string => `h:${createHash('sha256').update(`export-42${site}`).digest('hex').slice(0, 16)}`;
    for (const [i, e] of out.entries()) {
      const original = events[i]!;
      expect(e.site).toBe(expected(original.site));
      expect(e.recordKey).toBe(expected(original.site) + original.recordKey.slice(original.site.length));
    }
    const text = collect(jsonl(out));
    for (const site of SITES) expect(text).not.toContain(site);
  });

  it('same salt → same hash; different salt → different hash', () => {
    const a = events.map(pseudonymizer({ sites: 'hash', salt: 'study-A' }));
    const a2 = events.map(pseudonymizer({ sites: 'hash', salt: 'study-A' }));
    const b = events.map(pseudonymizer({ sites: 'hash', salt: 'study-B' }));
    expect(a.map((e) => e.site)).toEqual(a2.map((e) => e.site));
    for (const [i, e] of a.entries()) expect(e.site).not.toBe(b[i]!.site);
    expect(new Set(a.map((e) => e.site)).size).toBe(3);
  });

  it('refuses to hash without a salt (it generates none)', () => {
    expect(() => pseudonymizer({ sites: 'hash' })).toThrow(/salt/u);
    expect(() => pseudonymizer({ sites: 'etld1' })).not.toThrow();
  });
});

describe('previewOf', () => {
  it('counts per kind and per site and keeps the first n rows, from a single pass', () => {
    const p = previewOf(eventsOf(fixture), 5);
    expect(p.total).toBe(24);
    expect(p.byKind).toEqual({ 'prompt-shown': 3, 'consent-signal': 4, decision: 11, 'permission-request': 1, 'data-given': 2, 'sign-in': 2, 'policy-version': 1 });
    expect(p.bySite).toEqual({ 'example.co.uk': 9, 'shop.example': 8, 'blog.example': 7 });
    expect(p.rows).toEqual(events.slice(0, 5));
  });

  it('previews what will be written (after pseudonymisation)', () => {
    const hide = pseudonymizer({ sites: 'hash', salt: 's' });
    const p = previewOf(events.map(hide), 2);
    expect(Object.keys(p.bySite).every((s) => s.startsWith('h:'))).toBe(true);
    expect(p.rows).toHaveLength(2);
    expect(previewOf([], 3)).toEqual({ total: 0, byKind: {}, bySite: {}, rows: [] });
  });
});
