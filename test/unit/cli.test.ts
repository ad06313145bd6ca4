import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';

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
<script>document.title = 'pwned'</script></body></html>`;

describe('consent-lens CLI', () => {
  it('prints help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('consent-lens scan <page.html> [--url URL]');
  });

  it('scans a saved page and prints the findings as JSON', async () => {
    const { code, stdout } = await run(['scan', page(BANNER), '--url', 'https://www.spiegel-example.de/a?b=1']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ site: 'spiegel-example.de', prompts: [{ kind: 'cookie-banner', language: 'de', detector: 'generic' }] });
    expect(result.prompts[0].actions).toEqual([
      { label: 'Alle akzeptieren', role: 'accept-all' },
      { label: 'Alle ablehnen', role: 'reject-all' },
      { label: 'Einstellungen', role: 'settings' },
    ]);
  });

  it('finds nothing on a page without a banner', async () => {
    const { code, stdout } = await run(['scan', page('<html><body><p>Just cookies and milk.</p><button>OK</button></body></html>')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ url: null, site: null, prompts: [] });
  });

  it.each([
    [[], 2],
    [['scan'], 2],
    [['scan', 'a.html', 'b.html'], 2],
    [['scan', 'a.html', '--url', 'javascript:alert(1)'], 2],
    [['scan', 'a.html', '--bogus'], 2],
    [['frobnicate'], 2],
    [['scan', '/nonexistent/page.html'], 1],
  ])('exits with a clear error for %j', async (args, expected) => {
    const { code, stderr, stdout } = await run(args);
    expect(code).toBe(expected);
    expect(stderr).toMatch(/consent-lens/u);
    expect(stdout).toBe('');
  });

  it('runs through the package bin, as `npx consent-lens` does', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'consent-lens.mjs'), 'scan', page(BANNER)], { encoding: 'utf8' });
    expect(JSON.parse(out).prompts).toHaveLength(1);
  });
});
