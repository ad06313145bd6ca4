import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { decodeGppString, decodeTcString } from '../../src/signals/index.ts';
import { fullGppString, fullTcString, usnatSection } from './signals/fixtures.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function page(html: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cl-cli-')), 'page.html');
  writeFileSync(file, html);
  return file;
}

const BANNER = `<!doctype html><html lang="de"><body><main><h1>Nachrichten</h1><p>Text.</p></main>
<div class="consent"><p>Wir und unsere Partner verwenden Cookies, um die Nutzung zu messen und Werbung anzuzeigen.</p>
<button>Alle akzeptieren</button><button>Alle ablehnen</button><button>Einstellungen</button></div>
<footer><a href="/datenschutz">Datenschutz</a></footer>
<script>document.title = 'pwned'</script></body></html>`;

describe('consent-lens CLI', () => {
  it('prints help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('consent-lens scan <page.html> [--url URL]');
    for (const line of ['consent-lens tcf <tc-string>', 'consent-lens gpp <gpp-string>', 'consent-lens gpp --section <name|id> <s>', 'consent-lens usp <us-privacy-string>']) {
      expect(stdout).toContain(line);
    }
  });

  it('scans a saved page and prints the findings as JSON', async () => {
    const { code, stdout } = await run(['scan', page(BANNER), '--url', 'https://www.spiegel-example.de/a?b=1']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ site: 'spiegel-example.de', prompts: [{ kind: 'cookie-banner', cmp: null, selector: 'body > div', language: 'de', detector: 'generic' }] });
    expect(result.prompts[0].actions).toEqual([
      { label: 'Alle akzeptieren', role: 'accept-all', prominence: null },
      { label: 'Alle ablehnen', role: 'reject-all', prominence: null },
      { label: 'Einstellungen', role: 'settings', prominence: null },
    ]);
    // No policy link in the banner: F11 says so, with evidence and legal references.
    expect(result.prompts[0].flags).toEqual([
      expect.objectContaining({ id: 'F11', severity: 'low', evidence: { values: { missing: ['policy link'] }, selector: 'body > div' }, legal: expect.arrayContaining(['GDPR Art. 13']) }),
    ]);
    expect(result.policyLinks).toEqual([{ kind: 'privacy', text: 'Datenschutz', url: 'https://www.spiegel-example.de/datenschutz' }]);
  });

  it('shows what a cookie wall looks like in a saved page (F1, F8 need layout: F1 and F9 here)', async () => {
    const wall = `<html lang="en"><body><div class="wall" role="dialog" aria-modal="true"><p>We use cookies for advertising and analytics. <a href="/privacy">Privacy policy</a></p><button>Accept all</button><button>Subscribe</button></div></body></html>`;
    const { stdout } = await run(['scan', page(wall)]);
    expect(JSON.parse(stdout).prompts[0].flags.map((f: { id: string }) => f.id)).toEqual(['F1', 'F9']);
  });

  it('finds nothing on a page without a banner', async () => {
    const { code, stdout } = await run(['scan', page('<html><body><p>Just cookies and milk.</p><button>OK</button></body></html>')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ url: null, site: null, prompts: [], policyLinks: [] });
  });

  it.each([
    [[], 2],
    [['scan'], 2],
    [['scan', 'a.html', 'b.html'], 2],
    [['scan', 'a.html', '--url', 'javascript:alert(1)'], 2],
    [['scan', 'a.html', '--bogus'], 2],
    [['frobnicate'], 2],
    [['scan', '/nonexistent/page.html'], 1],
    [['tcf'], 2],
    [['usp', '1YNN', '1NNN'], 2],
    [['gpp', '--section', 'usxx', 'BAAA'], 2],
    [['gpp', '--section'], 2],
    [['tcf', '--section', 'usnat', 'CAAA'], 2],
  ])('exits with a clear error for %j', async (args, expected) => {
    const { code, stderr, stdout } = await run(args);
    expect(code).toBe(expected);
    expect(stderr).toMatch(/consent-lens/u);
    expect(stdout).toBe('');
  });

  describe('signal commands', () => {
    it('tcf prints the decoded TC string', async () => {
      const tc = fullTcString();
      const { code, stdout, stderr } = await run(['tcf', tc]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(JSON.parse(stdout)).toEqual(decodeTcString(tc));
      expect(stdout).toContain('  "vendorConsents": [8, 755],\n'); // lists of numbers stay on one line
    });

    it('gpp prints the decoded GPP string', async () => {
      const gpp = fullGppString();
      const { code, stdout, stderr } = await run(['gpp', gpp]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(JSON.parse(stdout)).toEqual(decodeGppString(gpp));
    });

    it('gpp --section decodes one section by prefix or id', async () => {
      const byName = await run(['gpp', '--section', 'usnat', usnatSection()]);
      expect(byName.code).toBe(0);
      expect(JSON.parse(byName.stdout)).toMatchObject({ kind: 'gpp-section', sectionId: 7, section: 'usnat', fields: { SaleOptOut: 2, GpcSegmentIncluded: false } });
      const byId = await run(['gpp', '--section', '7', usnatSection()]);
      expect(byId.stdout).toBe(byName.stdout);
    });

    it('usp prints the decoded US Privacy string', async () => {
      const { code, stdout, stderr } = await run(['usp', '1YNN']);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(JSON.parse(stdout)).toEqual({ kind: 'usp', version: 1, noticeGiven: true, optedOutOfSale: false, lspaCovered: false });
    });

    it.each([
      [['tcf', 'CPé'], 'tcf', 'TC string', 'segment 1 is not base64url (only A-Z a-z 0-9 - _ are allowed)'],
      [['tcf', '1YNN'], 'tcf', 'TC string', 'not a TC string: the first segment must be a version 1 ("B...") or version 2 ("C...") core segment, found version 53'],
      [['gpp', 'DBABM'], 'gpp', 'GPP string', 'the header lists 1 section(s) [2] but the string has 0'],
      [['gpp', '--section', 'uspv1', '1YXN'], 'gpp', 'GPP uspv1 section', 'uspv1 section: character 3 (opt-out-of-sale) must be Y, N or -, got "X"'],
      [['usp', '1YXN'], 'usp', 'US Privacy string', 'character 3 (opt-out-of-sale) must be Y, N or -, got "X"'],
    ])('%j is invalid: JSON on stdout, one line on stderr, exit 1', async (args, format, what, reason) => {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(1);
      expect(JSON.parse(stdout)).toEqual({ kind: 'invalid', format, reason });
      expect(stderr).toBe(`consent-lens: invalid ${what}: ${reason}\n`);
    });
  });

  it('runs through the package bin, as `npx consent-lens` does', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'consent-lens.mjs'), 'scan', page(BANNER)], { encoding: 'utf8' });
    expect(JSON.parse(out).prompts).toHaveLength(1);
  }, 60_000); // a fresh Node with tsx compiling the CLI: seconds on a loaded machine

  it('decodes a signal through the package bin', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'consent-lens.mjs'), 'usp', '1NYN'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ kind: 'usp', version: 1, noticeGiven: false, optedOutOfSale: true, lspaCovered: false });
  }, 60_000);
});
