/**
 * `export convert` and `export merge` through the CLI, and the study workflow of docs/research.md:
 * the JSONL and CSV a researcher gets load into DuckDB with the counts the export says.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { eventsOf } from '../../src/ledger/event-stream.ts';
import { parseLedgerExport } from '../../src/ledger/import.ts';
import { exportText } from './ledger/ledger-export-fixture.ts';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'cl-convert-'));
const input = join(dir, 'participant-a.json');
writeFileSync(input, exportText());
const parsed = parseLedgerExport(exportText());
if (!parsed.ok) throw new Error('fixture does not parse');
const expected = [...eventsOf(parsed.doc)];

async function duck<T>(fn: (sql: (q: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await fn((q) => connection.runAndReadAll(q).then((r) => r.getRowObjectsJS()));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('consent-lens export convert', () => {
  it('writes one JSONL event per line, sites kept as eTLD+1 and addresses dropped by default', async () => {
    const out = join(dir, 'a.jsonl');
    expect((await run(['export', 'convert', input, '--to', 'jsonl', '-o', out])).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
    // No page address of any kind (OAuth scope identifiers such as Google's are URIs, and stay).
    for (const e of lines) for (const key of ['url', 'path', 'query', 'frameOrigin', 'redirectUri', 'policyUrl', 'clientId']) expect(e.detail).not.toHaveProperty(key);
    const doc = parsed.doc;
    const addresses = [...doc.prompts.map((p) => p.url), ...doc.permissions.map((p) => p.url), ...doc.forms.map((f) => f.url), ...doc.policies.map((p) => p.url)];
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(JSON.stringify(lines)).not.toContain(address);
  });

  it('hashes sites with the given salt (the same salt gives the same labels)', async () => {
    const a = await run(['export', 'convert', input, '--to', 'jsonl', '--sites', 'hash', '--salt', 'study-42']);
    const b = await run(['export', 'convert', input, '--to', 'jsonl', '--sites', 'hash', '--salt', 'study-42']);
    const c = await run(['export', 'convert', input, '--to', 'jsonl', '--sites', 'hash', '--salt', 'other']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    for (const e of expected) expect(a.stdout).not.toContain(`"site":"${e.site}"`);
    const noSalt = await run(['export', 'convert', input, '--to', 'jsonl', '--sites', 'hash']);
    expect(noSalt.stderr).toContain('using a new salt for this export only');
  });

  it('writes Kantara receipts per decision and a DPV JSON-LD graph', async () => {
    const kantara = (await run(['export', 'convert', input, '--to', 'kantara', '--pseudonym', 'p-001'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(kantara.length).toBe(parsed.doc.decisions.filter((d) => d.kind !== 'opened-settings').length);
    for (const r of kantara) expect(r).toMatchObject({ version: 'KI-CR-v1.1.0', piiPrincipalId: 'p-001', consentTimestamp: expect.any(Number) });
    const dpv = JSON.parse((await run(['export', 'convert', input, '--to', 'dpv', '--pseudonym', 'p-001'])).stdout);
    expect(dpv['@context']).toBeDefined();
    expect(dpv['@graph'].length).toBeGreaterThan(0);
  });

  it('writes the records view: one record per site and notice version, sites hashed in keys too', async () => {
    const r = await run(['export', 'convert', input, '--to', 'records', '--sites', 'hash', '--salt', 'study-42']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { format: string; records: { recordKey: string; site: string; notice: { kind: string }; events: { recordKey: string }[] }[] };
    expect(doc.format).toBe('consent-lens-records/1');
    expect(doc.records.reduce((n, rec) => n + rec.events.length, 0)).toBe(expected.length);
    for (const rec of doc.records) {
      expect(rec.recordKey.startsWith(`${rec.site} `)).toBe(true);
      expect(rec.site).not.toMatch(/example/u);
      expect(rec.events.every((e) => e.recordKey === rec.recordKey)).toBe(true);
    }
    expect(new Set(doc.records.map((rec) => rec.notice.kind))).toEqual(new Set(['consent-prompt', 'privacy-policy', 'permission-requests', 'data-collection', 'sign-in']));
  });

  it('refuses bad usage and a corrupt file clearly', async () => {
    expect((await run(['export', 'convert', input, '--to', 'xml'])).code).toBe(2);
    expect((await run(['export', 'convert', input])).code).toBe(2);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, exportText().slice(0, 300));
    const r = await run(['export', 'convert', broken, '--to', 'jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.json:\d+:/u);
  });
});

describe('consent-lens export merge, then DuckDB', () => {
  it('merges participants, drops duplicate events, and DuckDB counts what the exports hold', async () => {
    const second = join(dir, 'participant-b.jsonl');
    expect((await run(['export', 'convert', input, '--to', 'jsonl', '-o', second])).code).toBe(0);
    const merged = join(dir, 'study.jsonl');
    const r = await run(['export', 'merge', input, second, '-o', merged]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${expected.length} events, ${expected.length} duplicates dropped`);
    const csvOut = join(dir, 'study.csv');
    expect((await run(['export', 'convert', input, '--to', 'csv', '-o', csvOut])).code).toBe(0);

    const decisions = expected.filter((e) => e.kind === 'decision');
    const byStatus = new Map<string, number>();
    for (const e of decisions) byStatus.set(String(e.dpvStatus), (byStatus.get(String(e.dpvStatus)) ?? 0) + 1);
    await duck(async (sql) => {
      const jsonlSource = `read_json_auto('${merged}', format = 'newline_delimited')`;
      const [{ n }] = (await sql(`SELECT count(*)::INTEGER AS n FROM ${jsonlSource}`)) as [{ n: number }];
      expect(n).toBe(expected.length);
      const rows = await sql(`SELECT dpvStatus AS status, count(*)::INTEGER AS n FROM ${jsonlSource} WHERE kind = 'decision' GROUP BY 1 ORDER BY 1`);
      expect(Object.fromEntries(rows.map((row) => [String(row.status), row.n]))).toEqual(Object.fromEntries(byStatus));
      const csvRows = await sql(`SELECT kind, count(*)::INTEGER AS n FROM read_csv_auto('${csvOut}', header = true) GROUP BY kind ORDER BY kind`);
      const kinds = new Map<string, number>();
      for (const e of expected) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
      expect(Object.fromEntries(csvRows.map((row) => [String(row.kind), row.n]))).toEqual(Object.fromEntries(kinds));
    });
  });
});
