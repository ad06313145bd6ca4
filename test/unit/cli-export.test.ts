import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP, main } from '../../cli/main.ts';
import { LEDGER_SCHEMA_VERSION } from '../../src/ledger/records.ts';
import { buildExport, exportText, lineOf } from './ledger/ledger-export-fixture.ts';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cl-export-')), name);
  writeFileSync(path, content);
  return path;
}

describe('consent-lens export validate', () => {
  it('prints the counts of a valid export and exits 0', async () => {
    const { code, stdout, stderr } = await run(['export', 'validate', file('ledger.json', exportText())]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe('valid: 3 prompts, 4 decisions, 1 policy version, 1 permission request, 1 form, 1 sign-in (exported 2026-01-01T00:08:20.000Z by ConsentLens 0.1.0)\n');
  });

  it('prints warnings for an upgraded v2 export', async () => {
    const doc = JSON.parse(exportText()) as Record<string, unknown>;
    doc['schemaVersion'] = 2;
    for (const key of ['policies', 'permissions', 'forms', 'signIns']) delete doc[key];
    for (const d of doc['decisions'] as Record<string, unknown>[]) delete d['policyVersion'];
    const { code, stdout } = await run(['export', 'validate', file('v2.json', JSON.stringify(doc))]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^valid: 3 prompts, 4 decisions, 0 policy versions, 0 permission requests, 0 forms, 0 sign-ins /u);
    expect(stdout).toContain(`warning: ledger schema v2 upgraded to v${LEDGER_SCHEMA_VERSION} in memory\n`);
  });

  it('prints each error as file:line: path: message and exits 1', async () => {
    const doc = JSON.parse(exportText()) as { decisions: Record<string, unknown>[]; prompts: Record<string, unknown>[] };
    doc.decisions[1]!['kind'] = 'maybe';
    doc.prompts[0]!['id'] = 'bad id';
    const text = JSON.stringify(doc, null, 2);
    const path = file('bad.json', text);
    const { code, stdout, stderr } = await run(['export', 'validate', path]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`${path}:${lineOf(text, '"id": "bad id"')}: prompts[0].id: must be an id of 8-64 characters A-Z a-z 0-9 _ -, got "bad id"`);
    expect(lines[1]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:${lineOf(text, '"kind": "maybe"')}: decisions\\[1\\]\\.kind: must be one of \\(.*\\), got "maybe"$`, 'u'));
    expect(lines[2]).toBe(`invalid: ${path} is not a valid ConsentLens ledger export (2 errors)`);
  });

  it('reports a truncated file with the line it ends on', async () => {
    const text = exportText();
    const cut = text.slice(0, text.indexOf('"decisions"') + 30);
    const path = file('cut.json', cut);
    const { code, stderr } = await run(['export', 'validate', path]);
    expect(code).toBe(1);
    const line = cut.split('\n').length;
    expect(stderr).toMatch(new RegExp(`^.*cut\\.json:${line}: JSON syntax error at line ${line}, column \\d+: the file ends in the middle of the JSON \\(truncated\\?\\)\n`, 'u'));
  });

  it('refuses an export from a newer ConsentLens', async () => {
    const { code, stderr } = await run(['export', 'validate', file('v9.json', exportText({ ...buildExport(), schemaVersion: 9 }))]);
    expect(code).toBe(1);
    expect(stderr).toContain(':3: schemaVersion: made by a newer ConsentLens (ledger schema v9)');
  });

  it('usage and read errors: missing file 1, no file or unknown subcommand 2', async () => {
    expect(await run(['export', 'validate', '/nonexistent/ledger.json'])).toMatchObject({ code: 1, stderr: 'consent-lens: cannot read /nonexistent/ledger.json: ENOENT\n' });
    expect(await run(['export', 'validate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('export validate takes exactly one file') });
    expect(await run(['export'])).toMatchObject({ code: 2, stderr: expect.stringContaining('export needs a subcommand') });
    expect(await run(['export', 'frobnicate', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown export subcommand "frobnicate" (known: validate, stats, convert, merge)') });
    expect(await run(['export', 'stats', '--bogus', 'x'])).toMatchObject({ code: 2 });
    expect(HELP).toContain('consent-lens export validate <file>');
    expect(HELP).toContain('consent-lens export stats <file> [--json]');
  });
});

describe('consent-lens export stats', () => {
  it('prints a per-site table with decisions by kind, flags by id, requests, forms, sign-ins and totals', async () => {
    const { code, stdout } = await run(['export', 'stats', file('ledger.json', exportText())]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'site           prompts  decisions  accept-all  reject-all  custom  flags            permissions  forms  sign-ins',
        '-------------  -------  ---------  ----------  ----------  ------  ---------------  -----------  -----  --------',
        'example.co.uk        2          2           1           1       0  F6:1 F11:1                 0      1         0',
        'example.de           1          2           0           1       1  -                          0      0         0',
        'example.org          0          0           0           0       0  -                          0      0         1',
        'maps.example         0          0           0           0       0  P1:1                       1      0         0',
        '-------------  -------  ---------  ----------  ----------  ------  ---------------  -----------  -----  --------',
        'TOTAL                3          4           1           2       1  F6:1 F11:1 P1:1            1      1         1',
        '4 sites, 1 policy version',
        '',
      ].join('\n'),
    );
  });

  it('--json gives the same numbers as data', async () => {
    const { code, stdout } = await run(['export', 'stats', '--json', file('ledger.json', exportText())]);
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect(stats.totals).toEqual({
      sites: 4,
      prompts: 3,
      decisions: { 'reject-all': 2, 'accept-all': 1, custom: 1 },
      decisionsTotal: 4,
      flags: { F6: 1, F11: 1, P1: 1 },
      permissions: 1,
      forms: 1,
      signIns: 1,
      policies: 1,
    });
    expect(stats.sites.map((s: { site: string }) => s.site)).toEqual(['example.co.uk', 'example.de', 'example.org', 'maps.example']);
    expect(stats.sites[1]).toEqual({ site: 'example.de', prompts: 1, decisions: { custom: 1, 'reject-all': 1 }, decisionsTotal: 2, flags: {}, permissions: 0, forms: 0, signIns: 0 });
  });

  it('an invalid file gives the validation errors and exit 1', async () => {
    const { code, stdout, stderr } = await run(['export', 'stats', file('bad.json', '{"format": "consent-lens-ledger",\n "schemaVersion": 4,\n "prompts": 7}')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.json:1: exportedAt: missing/u);
    expect(stderr).toMatch(/bad\.json:3: prompts: expected Array but received 7/u);
  });
});
