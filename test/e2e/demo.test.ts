/**
 * `npm start` (scripts/demo.mjs) end to end: run headless on the built extension into a temporary
 * folder, then check what it wrote — the screenshots are real PNGs of a plausible size, and the
 * exports (made through the dashboard's own controls) hold the visit: a reject-all decision on the
 * news site's banner and a denied location request from the shop.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, browserOrSkip, builtExtension } from './support/browsers.ts';

const executablePath = browserOrSkip('chromium');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(out: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/demo.mjs', '--no-build', '--headless', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: executablePath as string },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Width and height from the IHDR chunk, after checking the 8-byte PNG signature. */
function png(file: string): { signature: string; width: number; height: number; bytes: number } {
  const bytes = readFileSync(file);
  return { signature: bytes.toString('hex', 0, 8), width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes: bytes.length };
}

const PNG_SIGNATURE = '89504e470d0a1a0a';

describe.skipIf(!executablePath)('npm start: the demo walk-through (headless)', () => {
  let out: string;
  let run: Run;
  const file = (pattern: RegExp): string => {
    const name = readdirSync(out).find((n) => pattern.test(n));
    if (!name) throw new Error(`no file matching ${pattern} in ${out}: ${readdirSync(out).join(', ')}\n${run.stdout}\n${run.stderr}`);
    return join(out, name);
  };

  beforeAll(async () => {
    builtExtension('chrome'); // fails with "run npm run build first" if missing
    out = mkdtempSync(join(tmpdir(), 'consent-lens-demo-out-'));
    run = await runDemo(out);
  }, 180_000);
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('exits 0 and prints every file it wrote and a summary', () => {
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    for (const name of readdirSync(out)) expect(run.stdout).toContain(name);
    expect(run.stdout).toMatch(/decisions: +1 \(reject-all "Reject all" on news\.localhost\)/u);
    expect(run.stdout).toMatch(/permission requests: +1 \(geolocation denied on shop\.localhost/u);
  });

  it('writes the popup and dashboard screenshots as real PNGs of their viewport sizes', () => {
    const sizes: Record<string, [number, number]> = { 'popup-news.png': [400, 600], 'popup-shop.png': [400, 600] };
    for (const name of ['popup-news.png', 'popup-shop.png', 'popup-policy.png', 'dashboard-overview.png', 'dashboard.png', 'news-banner.png']) {
      const path = join(out, name);
      expect(existsSync(path), name).toBe(true);
      const image = png(path);
      expect(image.signature, name).toBe(PNG_SIGNATURE);
      expect(image.bytes, name).toBe(statSync(path).size);
      expect(image.bytes, name).toBeGreaterThan(8_000);
      const [width, height] = sizes[name] ?? [];
      if (width !== undefined) expect([image.width, image.height], name).toEqual([width, height]);
      else expect(image.width * image.height, name).toBeGreaterThan(100 * 100);
    }
    // The dashboard at 1280 px wide, the whole page.
    expect(png(join(out, 'dashboard.png')).width).toBe(1280);
  });

  it('exports the ledger (JSON): a reject-all decision on the news banner, a denied location request from the shop', () => {
    const ledger = JSON.parse(readFileSync(file(/^consent-lens-ledger-.*\.json$/u), 'utf8')) as {
      format: string;
      prompts: { id: string; site: string; cmp?: string }[];
      decisions: { promptId: string; site: string; role: string; label: string; indicatedBy: string }[];
      permissions: { site: string; permission: string; api: string; outcome: string; gesture: boolean }[];
      policies: { url: string }[];
    };
    expect(ledger.format).toBe('consent-lens-ledger');
    const prompt = ledger.prompts.find((p) => p.site === 'news.localhost');
    expect(prompt?.cmp).toBe('cookieconsent3');
    expect(ledger.decisions).toContainEqual(
      expect.objectContaining({ promptId: prompt?.id, site: 'news.localhost', role: 'reject-all', label: 'Reject all', indicatedBy: 'user' }),
    );
    expect(ledger.permissions).toContainEqual(
      expect.objectContaining({ site: 'shop.localhost', permission: 'geolocation', api: 'geolocation.getCurrentPosition', outcome: 'denied', gesture: false }),
    );
    expect(ledger.policies.map((p) => new URL(p.url).pathname)).toEqual(['/privacy.html']);
  });

  it('exports the events (JSON Lines) with the same decision and permission request', () => {
    const events = readFileSync(file(/^consent-lens-jsonl-.*\.jsonl$/u), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { kind: string; site: string });
    expect(events.map((e) => `${e.kind} ${e.site}`)).toEqual(
      expect.arrayContaining(['prompt-shown news.localhost', 'decision news.localhost', 'permission-request shop.localhost', 'policy-version shop.localhost']),
    );
  });
});
