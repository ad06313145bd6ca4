/**
 * A ledger export's decisions, flattened to JSON Lines (one row per decision: site, kind, time),
 * load into DuckDB with read_json_auto and count per kind as the export says. Self-contained: the
 * rows are made here from a parsed LedgerExport; the project's JSONL format proper comes later.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { parseLedgerExport } from '../../src/ledger/import.ts';
import { exportText } from './ledger/ledger-export-fixture.ts';

describe('DuckDB reads decisions flattened to JSON Lines', () => {
  it('counts per kind and per site match the export', async () => {
    const parsed = parseLedgerExport(exportText());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const rows = parsed.doc.decisions.map((d) => ({ site: d.site, kind: d.kind, time: new Date(d.time).toISOString() }));
    const path = join(mkdtempSync(join(tmpdir(), 'cl-duckdb-')), 'decisions.jsonl');
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const sql = (q: string) => connection.runAndReadAll(q).then((r) => r.getRowObjectsJS());
      const source = `read_json_auto('${path.replace(/'/gu, "''")}', format = 'newline_delimited')`;
      const byKind = await sql(`SELECT kind, count(*)::INTEGER AS n FROM ${source} GROUP BY kind ORDER BY kind`);
      expect(byKind).toEqual([
        { kind: 'accept-all', n: 1 },
        { kind: 'custom', n: 1 },
        { kind: 'reject-all', n: 2 },
      ]);
      const bySite = await sql(`SELECT site, count(*)::INTEGER AS n FROM ${source} GROUP BY site ORDER BY site`);
      expect(bySite).toEqual([
        { site: 'example.co.uk', n: 2 },
        { site: 'example.de', n: 2 },
      ]);
      // read_json_auto infers the ISO times as timestamps.
      const [span] = await sql(`SELECT typeof(min(time)) AS type, (max(time) - min(time))::VARCHAR AS span FROM ${source}`);
      expect(span).toEqual({ type: 'TIMESTAMP', span: '00:01:58.8' });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
