import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../src/ledger/event-stream.ts';
import type { Cell, LedgerEvent } from '../../../src/ledger/events.ts';
import { CSV_COLUMNS, CSV_SITE_COLUMNS, csv, csvCell, csvSites, dpvRecords, jsonDocument, jsonl, kantaraReceipts, type KantaraReceipt } from '../../../src/export/formats.ts';
import { pseudonymizer, siteLabeler } from '../../../src/export/pseudonymize.ts';
import { collect, fixture, parseCsv, promptBlog, promptOneTrust } from './fixture.ts';

const events = [...eventsOf(fixture)];

/** Undo the documented formula neutralisation: one leading ' before = + - @ TAB CR. */
const unneutralize = (cell: string): string => (/^'[=+\-@\t\r]/u.test(cell) ? cell.slice(1) : cell);
const asText = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v));

describe('jsonl', () => {
  it('writes one event per chunk and line, and parses back to the same events', () => {
    const chunks = [...jsonl(eventsOf(fixture))];
    expect(chunks).toHaveLength(events.length);
    for (const c of chunks) expect(c.endsWith('\n') && !c.slice(0, -1).includes('\n')).toBe(true);
    const back = collect(chunks).trimEnd().split('\n').map((line) => JSON.parse(line) as LedgerEvent);
    expect(back).toEqual(events);
  });

  it('pulls events lazily (a consumer can stop early)', () => {
    let pulled = 0;
    function* counting(): Generator<LedgerEvent> {
      for (const e of events) {
        pulled += 1;
        yield e;
      }
    }
    const it = jsonl(counting());
    it.next();
    it.next();
    expect(pulled).toBe(2);
  });
});

describe('csv', () => {
  const text = collect(csv(eventsOf(fixture)));
  const rows = parseCsv(text);

  it('is RFC 4180: CRLF rows, a header, one row per event, every row as wide as the header', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(rows[0]).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(events.length + 1);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it('round-trips every cell (quotes, commas and newlines inside cells)', () => {
    for (const [i, e] of events.entries()) {
      const row = rows[i + 1] as string[];
      const cell = (name: string): string => unneutralize(row[CSV_COLUMNS.indexOf(name)] as string);
      expect(cell('eventId')).toBe(e.eventId);
      expect(cell('eventTime')).toBe(e.eventTime);
      expect(cell('site')).toBe(e.site);
      expect(cell('recordKey')).toBe(e.recordKey);
      expect(cell('dpvStatus')).toBe(asText(e.dpvStatus));
      expect(cell('indicatedBy')).toBe(asText(e.indicatedBy));
      for (const [k, v] of Object.entries(e.detail)) expect([e.eventId, k, cell(k)]).toEqual([e.eventId, k, asText(v)]);
    }
    const onetrust = rows.find((r) => r[0] === 'prompt-shown:prompt-onetrust-01') as string[];
    expect(onetrust[CSV_COLUMNS.indexOf('text')]).toBe(promptOneTrust.text);
    expect(promptOneTrust.text).toMatch(/\n/u);
    expect(promptOneTrust.text).toMatch(/"/u);
    expect(text).toContain('"We and our 812 partners store and/or access information on a device, such as ""cookies"", and process personal data.\nBy clicking');
  });

  it('neutralises formula starts in page-controlled strings', () => {
    const cellOf = (id: string, col: string): string => (rows.find((r) => r[0] === id) as string[])[CSV_COLUMNS.indexOf(col)] as string;
    expect(cellOf('prompt-shown:prompt-blog-00001', 'text')).toBe(`'${promptBlog.text}`);
    expect(cellOf('decision:dec-custom-on01', 'label')).toBe(`'+Save, "my" choices`);
    expect(cellOf('decision:dec-ack-000001', 'label')).toBe("'@OK");
    expect(cellOf('decision:dec-dismiss-001', 'label')).toBe("'-");
    expect(cellOf('decision:dec-accept-001', 'label')).toBe('Accept All Cookies');
  });

  it('csvCell: strings starting with = + - @ TAB CR get an apostrophe; numbers and booleans stay as they are', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+41 22 000')).toBe("'+41 22 000");
    expect(csvCell('-3')).toBe("'-3");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(2.5)).toBe('2.5');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('puts detail keys outside the fixed columns in `extra` as JSON', () => {
    const odd: LedgerEvent = { ...events[0]!, detail: { note: 'x,y', count: 2 } };
    const parsed = parseCsv(collect(csv([odd])));
    expect(JSON.parse(parsed[1]![CSV_COLUMNS.indexOf('extra')]!)).toEqual({ note: 'x,y', count: 2 });
  });
});

describe('csvSites', () => {
  it('summarises each site', () => {
    const rows = parseCsv(collect(csvSites(eventsOf(fixture))));
    expect(rows[0]).toEqual(CSV_SITE_COLUMNS);
    const site = (name: string): Record<string, string | undefined> => Object.fromEntries(CSV_SITE_COLUMNS.map((c, i) => [c, (rows.find((r) => r[0] === name) as string[])[i]]));
    expect(rows).toHaveLength(4);
    expect(site('example.co.uk')).toMatchObject({
      events: '9',
      prompts: '1',
      decisions: '4',
      decisionsGiven: '1',
      decisionsRefused: '1',
      decisionsWithdrawn: '1',
      decisionsDeferred: '1',
      decisionsOther: '0',
      consentSignals: '3',
      policyVersions: '1',
      flags: '2',
      firstEvent: '2025-03-01T08:59:59.000Z',
    });
    expect(site('shop.example')).toMatchObject({ prompts: '1', decisions: '4', decisionsGiven: '1', decisionsRefused: '2', decisionsOther: '1', permissionRequests: '1', permissionsGranted: '0', signIns: '1', flags: '2' });
    expect(site('blog.example')).toMatchObject({ decisions: '3', decisionsGiven: '2', decisionsRefused: '1', dataGiven: '2', signIns: '1', flags: '2' });
  });
});

describe('jsonDocument', () => {
  it('streams one JSON document with schemaVersion, a DPV @context and the events', () => {
    const chunks = [...jsonDocument(fixture, eventsOf(fixture))];
    expect(chunks.length).toBe(events.length + 2);
    const doc = JSON.parse(collect(chunks)) as { schemaVersion: string; '@context': Record<string, unknown>; source: { ledgerSchemaVersion: number }; events: LedgerEvent[] };
    expect(doc.schemaVersion).toBe('consent-lens-events/1');
    expect(doc['@context'].dpv).toBe('https://w3id.org/dpv#');
    expect(doc['@context'].dpvStatus).toEqual({ '@id': 'dpv:hasConsentStatus', '@type': '@vocab' });
    expect(doc.source.ledgerSchemaVersion).toBe(4);
    expect(doc.events).toEqual(events);
    const empty = JSON.parse(collect(jsonDocument(fixture, []))) as { events: unknown[] };
    expect(empty.events).toEqual([]);
  });
});

describe('kantaraReceipts', () => {
  const receipts = collect(kantaraReceipts(fixture, { piiPrincipalId: 'pseudo-7f3a' })).trimEnd().split('\n').map((l) => JSON.parse(l) as KantaraReceipt);
  const REQUIRED = ['version', 'jurisdiction', 'consentTimestamp', 'collectionMethod', 'consentReceiptID', 'language', 'piiPrincipalId', 'piiControllers', 'policyUrl', 'services', 'sensitive', 'spiCat'];

  it('writes one receipt per decision (none for v1 "opened-settings" records), in time order', () => {
    expect(receipts).toHaveLength(10);
    const times = receipts.map((r) => r.consentTimestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('has every required field of v1.1 with its type', () => {
    for (const r of receipts) {
      for (const f of REQUIRED) expect(r, f).toHaveProperty(f);
      expect(r.version).toBe('KI-CR-v1.1.0');
      expect(Number.isInteger(r.consentTimestamp)).toBe(true);
      expect(r.consentReceiptID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
      expect(r.piiPrincipalId).toBe('pseudo-7f3a');
      expect(typeof r.sensitive).toBe('boolean');
      expect(Array.isArray(r.spiCat)).toBe(true);
      expect(r.piiControllers).toHaveLength(1);
      for (const f of ['piiController', 'contact', 'address', 'email', 'phone']) expect(r.piiControllers[0]).toHaveProperty(f);
      expect(r.services.length).toBeGreaterThan(0);
      for (const s of r.services) {
        expect(typeof s.service).toBe('string');
        expect(s.purposes.length).toBeGreaterThan(0);
        for (const p of s.purposes) {
          for (const f of ['purpose', 'purposeCategory', 'consentType', 'piiCategory', 'primaryPurpose', 'termination', 'thirdPartyDisclosure']) expect(p).toHaveProperty(f);
          if (p.thirdPartyDisclosure) expect(p.thirdPartyName).toBeTruthy(); // §4.5.11
          if (p.consentType !== 'EXPLICIT') expect(p.consentType.length).toBeGreaterThan(10); // §4.5.6: method described
        }
      }
    }
  });

  it('fills the receipt from the decision, its prompt and policy', () => {
    const accept = receipts[0]!;
    expect(accept.consentTimestamp).toBe(Math.floor((promptOneTrust.time + 9_000) / 1000));
    expect(accept.policyUrl).toBe('https://www.example.co.uk/privacy');
    expect(accept.piiControllers[0]!.piiController).toBe('example.co.uk');
    expect(accept.services[0]!.purposes.map((p) => [p.purpose, p.consentType, p.primaryPurpose, p.thirdPartyDisclosure])).toEqual([
      ['Strictly Necessary Cookies', 'EXPLICIT', true, false],
      ['Performance Cookies', 'EXPLICIT', false, true],
      ['Targeting Cookies', 'EXPLICIT', false, true],
    ]);
    const refused = receipts.find((r) => r.collectionMethod.includes('custom') && r.services[0]!.purposes.every((p) => p.purpose !== 'Marketing' || p.consentType.startsWith('NONE')));
    expect(refused).toBeDefined();
    const implied = receipts.find((r) => r.collectionMethod.includes('decision implied'))!;
    expect(implied.services[0]!.purposes[0]!.consentType).toMatch(/^IMPLIED/u);
    const auto = receipts.find((r) => r.collectionMethod.includes('autoconsent'))!;
    expect(auto.collectionMethod).toContain("ConsentLens on the person's setting");
  });

  it('same pseudonym and decision → same receipt id; another pseudonym → another', () => {
    const again = collect(kantaraReceipts(fixture, { piiPrincipalId: 'pseudo-7f3a' })).split('\n')[0];
    const other = JSON.parse(collect(kantaraReceipts(fixture, { piiPrincipalId: 'pseudo-other' })).split('\n')[0]!) as KantaraReceipt;
    expect((JSON.parse(again!) as KantaraReceipt).consentReceiptID).toBe(receipts[0]!.consentReceiptID);
    expect(other.consentReceiptID).not.toBe(receipts[0]!.consentReceiptID);
    expect(new Set(receipts.map((r) => r.consentReceiptID)).size).toBe(receipts.length);
  });

  it('relabels sites and drops the policy URL when pseudonymised', () => {
    const text = collect(kantaraReceipts(fixture, { piiPrincipalId: 'p', siteLabel: siteLabeler({ sites: 'hash', salt: 's1' }) }));
    expect(text).not.toMatch(/example/u);
    expect((JSON.parse(text.split('\n')[0]!) as KantaraReceipt).piiControllers[0]!.piiController).toMatch(/^h:[0-9a-f]{16}$/u);
  });
});

describe('dpvRecords', () => {
  type Node = Record<string, unknown>;
  const parse = (text: string): { '@context': Record<string, unknown>; '@graph': Node[] } => JSON.parse(text) as { '@context': Record<string, unknown>; '@graph': Node[] };

  it('is valid JSON-LD-shaped JSON: a DPV @context and one dpv:ConsentRecord per site × notice version', () => {
    const chunks = [...dpvRecords(fixture, { piiPrincipalId: 'pseudo-7f3a' })];
    const doc = parse(collect(chunks));
    expect(doc['@context'].dpv).toBe('https://w3id.org/dpv#');
    expect(doc['@context'].dct).toBe('http://purl.org/dc/terms/');
    const keys = doc['@graph'].map((r) => r['dct:identifier']);
    // three prompts, one sign-in granted; permissions, forms and policies carry no consent status
    expect(keys).toHaveLength(4);
    expect(chunks).toHaveLength(keys.length + 2);
    expect(keys).toContain(`example.co.uk ${promptOneTrust.textHash.slice(0, 16)}`);
    expect(keys).toContain('shop.example sign-in');
    for (const r of doc['@graph']) {
      expect(r['@type']).toBe('dpv:ConsentRecord');
      expect(r['dct:conformsTo']).toBe('https://w3id.org/dpv/schema/dpv-27560#record');
      expect(r['dpv:hasDataSubject']).toEqual({ '@type': 'dpv:DataSubject', 'dct:identifier': 'pseudo-7f3a' });
    }
  });

  it('lists a record’s events as dpv:hasConsentStatus nodes with dct:date, in time order', () => {
    const doc = parse(collect(dpvRecords(fixture, { piiPrincipalId: 'p' })));
    const onetrust = doc['@graph'].find((r) => r['dct:identifier'] === `example.co.uk ${promptOneTrust.textHash.slice(0, 16)}`)!;
    expect(onetrust['dpv:hasNotice']).toEqual({ '@type': 'dpv:ConsentNotice', 'dct:identifier': promptOneTrust.textHash.slice(0, 16) });
    const statuses = onetrust['dpv:hasConsentStatus'] as Node[];
    expect(statuses.map((s) => s['@type'])).toEqual([
      'dpv:ConsentRequested', // prompt shown
      'dpv:ConsentRequested', // TCF cmpuishown
      'dpv:ConsentGiven', // TCF useractioncomplete (same ms as the click: prompt-derived events sort first)
      'dpv:ConsentGiven', // accept-all
      'dpv:ConsentGiven', // OneTrust cookie
      'dpv:ConsentRequestDeferred',
      'dpv:ConsentRefused',
      'dpv:ConsentWithdrawn',
    ]);
    const dates = statuses.map((s) => s['dct:date'] as string);
    expect(dates).toEqual([...dates].sort());
    for (const d of dates) expect(new Date(d).toISOString()).toBe(d);
    expect(statuses[2]).toMatchObject({ 'cl:kind': 'consent-signal', 'dpv:isIndicatedBy': 'dpv:DataController' });
    expect(statuses[3]).toMatchObject({ 'cl:kind': 'decision', 'dpv:isIndicatedBy': 'dpv:DataSubject', 'dpv:hasLegalBasis': 'dpv:ExpressedConsent' });
  });

  it('applies a pseudonymizer to every event', () => {
    const text = collect(dpvRecords(fixture, { piiPrincipalId: 'p', transform: pseudonymizer({ sites: 'hash', salt: 'study-1' }) }));
    expect(text).not.toMatch(/example/u);
    expect(parse(text)['@graph'].length).toBe(4);
  });
});
