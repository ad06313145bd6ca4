/** The dashboard's export panel: preview before writing, pseudonymised CSV built chunk by chunk, filters. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture, parseCsv } from '../../unit/export/fixture.ts';
import { LEDGER_SCHEMA_VERSION } from '../../../src/ledger/records.ts';
import { newDb, seed, storeReader } from '../../unit/export/stream-support.ts';
import type { LedgerDb } from '../../../extension/background/db.ts';
import { eventsOf } from '../../../src/ledger/event-stream.ts';
import type { LedgerExport } from '../../../src/protocol/messages.ts';

vi.mock('../../../extension/platform/browser.ts', () => ({
  browser: {
    i18n: {
      getMessage: (key: string, subs?: string | string[]) => (subs === undefined ? `[${key}]` : `[${key}:${([] as string[]).concat(subs).join('|')}]`),
      getUILanguage: () => 'en',
    },
  },
}));
/** The export port, replaced by a reader over the background's export-store on fake-indexeddb. */
class ExportPortClosed extends Error {}
let db: LedgerDb;
let breakAfterPages: number | null = null;
const connect = vi.fn(() => {
  const reader = storeReader(db);
  let pages = 0;
  return {
    ...reader,
    page: async (q: Parameters<typeof reader.page>[0]) => {
      if (breakAfterPages !== null && ++pages > breakAfterPages) throw new ExportPortClosed('the connection to the background closed');
      return reader.page(q);
    },
    close: () => undefined,
  };
});
vi.mock('../../../extension/platform/export-port.ts', () => ({ connectLedgerReader: connect, ExportPortClosed }));
const { ExportPanel, parseSites } = await import('../../../extension/ui/components/export-panel.tsx');

const SITES = ['example.co.uk', 'shop.example', 'blog.example'];
const ALL = [...eventsOf(fixture)];
const rowsOf = (doc: LedgerExport) => doc.prompts.length + doc.decisions.length + doc.permissions.length + doc.forms.length + doc.signIns.length + doc.policies.length;

let root: HTMLElement;
let blobs: Blob[];
let names: string[];

beforeEach(async () => {
  blobs = [];
  names = [];
  breakAfterPages = null;
  connect.mockClear();
  db = newDb(`dom-${Math.random()}`);
  await seed(db, fixture);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  root = document.createElement('div');
  document.body.append(root);
  await act(async () => {
    render(<ExportPanel />, root);
  });
});

afterEach(() => {
  db.close();
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
};
const input = (selector: string) => {
  const el = root.querySelector<HTMLInputElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const button = (action: string) => root.querySelector(`button[data-action="${action}"]`) as HTMLButtonElement;
async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
  });
  await settle();
}

/** Settles until a Blob is written (the stream reads fake-indexeddb in macrotasks). */
async function untilWritten(count = 1) {
  for (let i = 0; i < 400 && blobs.length < count; i++) await settle(1);
}
async function untilPreview() {
  for (let i = 0; i < 400 && !root.querySelector('[data-export-preview]'); i++) await settle(1);
}

async function previewAndExport(): Promise<string> {
  await click(button('export-preview'));
  await untilPreview();
  expect(root.querySelector('[data-export-preview]')).not.toBeNull();
  await click(button('export-write'));
  await untilWritten();
  expect(blobs).toHaveLength(1);
  return (blobs[0] as Blob).text();
}

describe('ExportPanel', () => {
  it('labels its parts: fieldsets with legends, every input inside a label', () => {
    expect(root.querySelectorAll('fieldset > legend').length).toBeGreaterThanOrEqual(4);
    for (const el of root.querySelectorAll('input')) expect(el.closest('label'), el.outerHTML).not.toBeNull();
    expect(root.querySelectorAll('input[name="export-kind"]')).toHaveLength(7);
  });

  it('writes nothing before a preview', async () => {
    expect(button('export-write').disabled).toBe(true);
    await click(button('export-write'));
    expect(blobs).toHaveLength(0);
    expect(connect).not.toHaveBeenCalled();
  });

  it('CSV with hashed sites: the preview shows counts and sample rows without site names', async () => {
    await click(input('input[name="export-format"][value="csv"]'));
    await click(input('input[name="export-sites-as"][value="hash"]'));
    await click(button('export-preview'));
    await untilPreview();
    expect(connect).toHaveBeenCalledTimes(1);
    const preview = root.querySelector('[data-export-preview]') as HTMLElement;
    expect(preview.querySelector('[data-export-total]')?.textContent).toBe(`[exportPreviewTotal:${ALL.length}]`);
    const decisions = ALL.filter((e) => e.kind === 'decision').length;
    expect(preview.querySelector('[data-export-by-kind] tr[data-kind="decision"] td')?.textContent).toBe(String(decisions));
    const siteRows = [...preview.querySelectorAll('[data-export-by-site] tr')].map((tr) => tr.getAttribute('data-site') ?? '');
    expect(siteRows).toHaveLength(3);
    for (const s of siteRows) expect(s).toMatch(/^h:[0-9a-f]{16}$/u);
    expect(preview.querySelectorAll('[data-export-rows] tbody tr')).toHaveLength(5);
    for (const site of SITES) expect(root.textContent).not.toContain(site);
    // texts are dropped by default: the hostile banner text of the fixture is not shown
    expect(root.textContent).not.toContain('partners store');
  });

  it('exports a CSV Blob with one row per event and no site names, with a progress bar and a file name', async () => {
    await click(input('input[name="export-sites-as"][value="hash"]'));
    const text = await previewAndExport();
    const rows = parseCsv(text);
    expect(rows).toHaveLength(ALL.length + 1);
    const site = (rows[0] as string[]).indexOf('site');
    expect(rows.slice(1).every((r) => /^h:[0-9a-f]{16}$/u.test(r[site] as string))).toBe(true);
    for (const s of SITES) expect(text).not.toContain(s);
    expect(names).toEqual(['consent-lens-csv-2025-04-01.csv']);
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    const progress = root.querySelector('progress') as HTMLProgressElement;
    expect(progress.getAttribute('aria-label')).toBe('[exportProgress]');
    expect(Number(progress.getAttribute('value'))).toBe(rowsOf(fixture));
    expect(Number(progress.getAttribute('max'))).toBe(rowsOf(fixture));
  });

  it('a new salt per export: two exports hash sites differently; a study salt hashes them the same', async () => {
    await click(input('input[name="export-sites-as"][value="hash"]'));
    const siteOfRows = (text: string) => {
      const rows = parseCsv(text);
      const i = (rows[0] as string[]).indexOf('site');
      return new Set(rows.slice(1).map((r) => r[i]));
    };
    const a = siteOfRows(await previewAndExport());
    blobs = [];
    const b = siteOfRows(await previewAndExport());
    expect([...a].some((h) => b.has(h))).toBe(false);
    await click(input('input[name="export-salt"][value="study"]'));
    expect(button('export-preview').disabled).toBe(true); // no study salt yet
    const salt = input('input[name="export-study-salt"]');
    await act(async () => {
      salt.value = 'study-42';
      salt.dispatchEvent(new Event('input', { bubbles: true }));
    });
    blobs = [];
    const c = siteOfRows(await previewAndExport());
    blobs = [];
    const d = siteOfRows(await previewAndExport());
    expect([...c]).toEqual([...d]);
  });

  it('a filter by kind reduces the rows', async () => {
    for (const kind of ['prompt-shown', 'consent-signal', 'permission-request', 'data-given', 'sign-in', 'policy-version']) {
      await click(input(`input[name="export-kind"][value="${kind}"]`));
    }
    const rows = parseCsv(await previewAndExport());
    const decisions = ALL.filter((e) => e.kind === 'decision').length;
    expect(rows).toHaveLength(decisions + 1);
    const kind = (rows[0] as string[]).indexOf('kind');
    expect(new Set(rows.slice(1).map((r) => r[kind]))).toEqual(new Set(['decision']));
  });

  it('a filter by site (typed as a URL) keeps that site only', async () => {
    const sites = input('input[name="export-sites"]');
    await act(async () => {
      sites.value = 'https://www.shop.example/checkout';
      sites.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const rows = parseCsv(await previewAndExport());
    expect(rows).toHaveLength(ALL.filter((e) => e.site === 'shop.example').length + 1);
    expect(parseSites('example.co.uk, https://a.b.shop.example/x ,,').sites).toEqual(['example.co.uk', 'shop.example']);
  });

  it('the JSON backup is exact: filters and pseudonymization are disabled and the file is the whole export', async () => {
    await click(input('input[name="export-format"][value="ledger"]'));
    expect(input('input[name="export-sites-as"][value="hash"]').closest('fieldset')?.disabled).toBe(true);
    expect(input('input[name="export-kind"]').closest('fieldset')?.parentElement?.closest('fieldset')?.disabled).toBe(true);
    const text = await previewAndExport();
    // Every record as stored, each list in the ledger's (time, id) order.
    const byTime = <T extends { time?: number; firstSeen?: number; id: string }>(list: T[]) => [...list].sort((a, b) => (a.time ?? a.firstSeen ?? 0) - (b.time ?? b.firstSeen ?? 0) || (a.id < b.id ? -1 : 1));
    const doc = JSON.parse(text) as LedgerExport;
    expect(doc).toEqual({
      ...fixture,
      schemaVersion: LEDGER_SCHEMA_VERSION,
      studyConsents: [],
      prompts: byTime(fixture.prompts),
      decisions: byTime(fixture.decisions),
      policies: byTime(fixture.policies),
      permissions: byTime(fixture.permissions),
      forms: byTime(fixture.forms),
      signIns: byTime(fixture.signIns),
    });
    expect(names).toEqual(['consent-lens-ledger-2025-04-01.json']);
  });

  it('Kantara receipts: one line per decision with a consent status, sites hashed', async () => {
    await click(input('input[name="export-format"][value="kantara"]'));
    await click(input('input[name="export-sites-as"][value="hash"]'));
    const text = await previewAndExport();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(fixture.decisions.filter((d) => d.kind !== 'opened-settings').length);
    for (const s of SITES) expect(text).not.toContain(s);
  });

  it('builds a large file page by page, moving the progress bar to its end', async () => {
    const many = structuredClone(fixture);
    const base = fixture.decisions[0] as (typeof fixture.decisions)[number];
    many.decisions = Array.from({ length: 1000 }, (_, i) => ({ ...base, id: `dec-many-${i}`, time: base.time + i }));
    db.close();
    db = newDb(`dom-many-${Math.random()}`);
    await seed(db, many);
    await click(button('export-preview'));
    await untilPreview();
    await act(async () => {
      button('export-write').click();
    });
    const seen: number[] = [];
    let total = 0;
    for (let i = 0; i < 2000 && blobs.length === 0; i++) {
      await settle(1);
      const progress = root.querySelector('progress');
      if (progress && blobs.length === 0) {
        seen.push(Number(progress.getAttribute('value')));
        total = Number(progress.getAttribute('max'));
      }
    }
    expect(blobs).toHaveLength(1);
    expect(total).toBe(rowsOf(many));
    expect(seen.some((v) => v > 0 && v < total)).toBe(true); // the bar moved while the file was built
    expect(Number((root.querySelector('progress') as HTMLProgressElement).getAttribute('value'))).toBe(total);
    expect(parseCsv(await (blobs[0] as Blob).text())).toHaveLength([...eventsOf(many)].length + 1);
  });

  it('a lost connection mid-export: says so, writes nothing, and "Try again" writes the file', async () => {
    await click(button('export-preview'));
    await untilPreview();
    breakAfterPages = 1;
    await click(button('export-write'));
    for (let i = 0; i < 200 && !root.querySelector('button[data-action="export-retry"]'); i++) await settle(1);
    expect(root.querySelector('.status.error')?.textContent).toBe('[exportDisconnected]');
    expect(blobs).toHaveLength(0);
    breakAfterPages = null;
    await click(button('export-retry'));
    await untilWritten();
    expect(blobs).toHaveLength(1);
    expect(parseCsv(await (blobs[0] as Blob).text())).toHaveLength(ALL.length + 1);
  });

  it('Cancel stops the export: no file', async () => {
    await click(button('export-preview'));
    await untilPreview();
    await act(async () => {
      button('export-write').click();
    });
    await click(button('export-cancel'));
    await settle(50);
    expect(blobs).toHaveLength(0);
    expect(root.querySelector('.status')?.textContent).toBe('[exportCancelled]');
  });
});
