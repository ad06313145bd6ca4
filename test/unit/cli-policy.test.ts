import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const POLICY_HTML = join(ROOT, 'test', 'e2e', 'pages', 'privacy.html');

async function run(args: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}) });
  return { code, stdout, stderr };
}

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cl-policy-')), name);
  writeFileSync(path, content);
  return path;
}

describe('consent-lens policy', () => {
  it('prints the full report of an HTML policy: facts quoting their sentences, checklist, reading time, grade', async () => {
    const { code, stdout } = await run(['policy', POLICY_HTML]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ title: 'Privacy Policy | Northwind Outfitters', lang: 'en', hash: expect.stringMatching(/^[0-9a-f]{64}$/u) });
    expect(report.readability).toMatchObject({ wpm: 238, wpmSource: expect.stringContaining('Brysbaert'), fleschReadingEase: expect.any(Number) });
    expect(report.checklist.items).toHaveLength(21);
    expect(report.keyFacts.length).toBeGreaterThan(0);
    expect(report.keyFacts.length).toBeLessThanOrEqual(10);
    const sells = report.keyFacts.find((k: { id: string }) => k.id === 'flag:sells-data');
    expect(sells.quote).toBe('We sell your personal information to selected marketing partners who may contact you with their own offers.');
    const retention = report.facts.find((f: { kind: string }) => f.kind === 'retention');
    expect(retention).toMatchObject({ duration: 'P6Y', quote: 'We keep order records for 6 years to meet our tax obligations.' });
  });

  it('reads a plain-text policy too', async () => {
    const txt = file('policy.txt', 'Privacy Policy\n\nWe collect your email address. We keep it for 30 days.\n\nContact\n\nWrite to privacy@example.org.');
    const report = JSON.parse((await run(['policy', txt])).stdout);
    expect(report.facts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'retention', duration: 'P30D' }), expect.objectContaining({ kind: 'contact', value: 'privacy@example.org' })]));
  });

  it('fails clearly on a missing file, an empty page and bad usage', async () => {
    expect(await run(['policy', '/nonexistent/policy.html'])).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read /nonexistent/policy.html: ENOENT') });
    expect(await run(['policy', file('empty.html', '<html><body><script>x()</script></body></html>')])).toMatchObject({ code: 1, stderr: expect.stringContaining('no readable text') });
    expect((await run(['policy'])).code).toBe(2);
    expect((await run(['policy', 'a', 'b'])).code).toBe(2);
  });
});

describe('consent-lens classify', () => {
  it('writes one line of OPP-115 categories per input line, ids kept', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'We share your device identifiers with advertising networks.' }),
      JSON.stringify({ id: 7, text: 'You can unsubscribe from our newsletters at any time.' }),
      '',
    ].join('\n');
    const { code, stdout } = await run(['classify'], input);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 'a', categories: expect.arrayContaining(['Third Party Sharing/Collection']) },
      { id: 7, categories: expect.arrayContaining(['User Choice/Control']) },
    ]);
  });

  it('reports a bad line in place and goes on; exits 1', async () => {
    const { code, stdout, stderr } = await run(['classify'], `{"id":"x","text":"We use SSL encryption to protect your data."}\n{oops\n{"id":"y"}\n`);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ id: 'x', categories: ['Data Security'] });
    expect(lines[1]).toMatchObject({ line: 2, error: expect.stringContaining('not JSON') });
    expect(lines[2]).toMatchObject({ line: 3, error: expect.stringContaining('expected') });
    expect(stderr).toContain('line 2');
  });

  it('runs through the package bin with standard input', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'consent-lens.mjs'), 'classify'], {
      input: '{"id":1,"text":"We will notify you by email if we change this privacy policy."}\n',
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ id: 1, categories: expect.arrayContaining(['Policy Change']) });
  }, 60_000); // a fresh Node with tsx compiling the CLI
});
