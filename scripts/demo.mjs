#!/usr/bin/env node
/**
 * `npm start`: the ConsentLens demo. Builds the extension, serves the bundled demo site (demo/site:
 * a news article whose cookie banner is drawn by the real vanilla-cookieconsent package from
 * node_modules, a shop whose store finder asks for the location on load, and their privacy
 * policy) on loopback only, launches Chromium with dist/chrome in a fresh profile (a window where
 * there is a display, headless otherwise) and walks through a visit: reject the banner, deny the
 * location request, open the policy. Then it screenshots the popup for each site and the
 * dashboard, exports the ledger through the dashboard's own export controls, and prints where
 * everything went.
 *
 *   node scripts/demo.mjs [--no-build] [--headless] [--out <dir>]
 *
 * The two sites are news.localhost and shop.localhost: Chromium maps both to 127.0.0.1 (host
 * resolver rules that also refuse every other name) and treats them as secure contexts, so the
 * geolocation API is there. Nothing leaves the machine; any request to a non-loopback host fails
 * the run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const SITE_DIR = join(ROOT, 'demo', 'site');
const VENDOR = { 'vanilla-cookieconsent': join(ROOT, 'node_modules', 'vanilla-cookieconsent', 'dist') };
const HOSTS = { news: 'news.localhost', shop: 'shop.localhost' };
const CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** How long to wait for the extension to record something, or for its UI to show it. */
const WAIT_MS = 20_000;

class DemoError extends Error {}
/** Set on Ctrl-C during the walk-through: the SIGINT handler exits, not the error path. */
let interrupted = false;

function usage() {
  return [
    'usage: node scripts/demo.mjs [--no-build] [--headless] [--out <dir>]',
    '  --no-build   use the existing dist/chrome (default: run `npm run build` first)',
    '  --headless   no browser window even where a display exists',
    '  --out <dir>  where screenshots and exports go (default: ./demo-output)',
  ].join('\n');
}

function options() {
  try {
    const { values } = parseArgs({
      options: {
        'no-build': { type: 'boolean', default: false },
        headless: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    return values;
  } catch (error) {
    throw new DemoError(`${error.message}\n${usage()}`);
  }
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const found = CHROMIUM.find((p) => existsSync(p));
  if (found) return found;
  const onPath = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return onPath.status === 0 && onPath.stdout.trim() ? onPath.stdout.trim() : null;
}

/** Serves demo/site and the consent library's dist files; answers only for the demo hosts. */
async function startSiteServer() {
  const log = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log.push(`${req.headers.host} ${url.pathname}`);
    const vendor = /^\/vendor\/([^/]+)\/(.+)$/u.exec(url.pathname);
    const base = vendor ? VENDOR[vendor[1]] : SITE_DIR;
    const rel = vendor ? vendor[2] : url.pathname.slice(1) || 'index.html';
    const file = base ? normalize(join(base, decodeURIComponent(rel))) : null;
    try {
      if (!file || !file.startsWith(base + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  return { port: server.address().port, log, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Polls `probe` until it returns something other than undefined. */
async function waitFor(what, probe, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new DemoError(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${last.message ?? last})` : ''}`);
}

/** Runs in the extension's service worker: one object store of the ledger ([] if absent). */
async function readStore(store) {
  const db = await new Promise((ok, fail) => {
    const open = indexedDB.open('consent-lens');
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  try {
    if (!db.objectStoreNames.contains(store)) return [];
    return await new Promise((ok, fail) => {
      const req = db.transaction(store, 'readonly').objectStore(store).getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
  } finally {
    db.close();
  }
}

/** Width and height from a PNG's IHDR chunk; throws if the file is not a PNG. */
function pngSize(file) {
  const bytes = readFileSync(file);
  if (bytes.length < 24 || bytes.toString('hex', 0, 8) !== '89504e470d0a1a0a') throw new DemoError(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function main() {
  const opts = options();
  if (opts.help) {
    console.log(usage());
    return;
  }
  const out = resolve(process.cwd(), opts.out ?? 'demo-output');
  const written = [];
  const show = (file) => {
    const rel = relative(process.cwd(), file);
    return rel && !rel.startsWith('..') ? rel : file;
  };

  if (!opts['no-build']) {
    console.log('demo: building the extension (npm run build)…');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    if (build.status !== 0) throw new DemoError(`npm run build failed (exit ${build.status ?? build.signal})`);
  }
  const extension = join(ROOT, 'dist', 'chrome');
  if (!existsSync(join(extension, 'manifest.json'))) throw new DemoError('dist/chrome is missing: run `npm run build` (or `npm start` without --no-build).');
  if (!existsSync(join(VENDOR['vanilla-cookieconsent'], 'cookieconsent.umd.js'))) {
    throw new DemoError('node_modules/vanilla-cookieconsent is missing: run `npm ci` first.');
  }
  const executablePath = findChromium();
  if (!executablePath && process.env.CHROMIUM_PATH) throw new DemoError(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist. Unset it, or run \`npm run browsers\` to install Chromium.`);
  if (!executablePath) throw new DemoError('Chromium was not found (looked for /usr/bin/chromium, /usr/lib/chromium/chromium and `chromium` on PATH; CHROMIUM_PATH overrides). Run `npm run browsers` to install it.');

  const display = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headed = display && !opts.headless;
  mkdirSync(out, { recursive: true });

  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new DemoError('playwright-core is missing: run `npm ci` first.');
  }

  const server = await startSiteServer();
  const origin = (host) => `http://${host}:${server.port}`;
  const profile = mkdtempSync(join(tmpdir(), 'consent-lens-demo-'));
  let context;
  let cleaning = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await context?.close().catch(() => undefined);
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    })());
  // Ctrl-C: in the final wait it just ends the demo; before that it stops it (exit 130). Either
  // way the browser is closed and its temporary profile removed.
  let onInterrupt = null;
  process.on('SIGINT', () => {
    if (onInterrupt) return onInterrupt();
    interrupted = true;
    console.error('\ndemo: interrupted');
    void cleanup().finally(() => process.exit(130));
  });
  try {
    console.log(`demo: demo site on ${origin(HOSTS.news)}/news.html and ${origin(HOSTS.shop)}/shop.html (127.0.0.1 only)`);
    console.log(`demo: launching ${executablePath} ${headed ? 'with a window' : 'headless'}…`);
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: !headed,
      viewport: { width: 1280, height: 860 },
      args: [
        `--disable-extensions-except=${extension}`,
        `--load-extension=${extension}`,
        // Loopback only: the two demo names go to 127.0.0.1, every other name fails to resolve.
        `--host-resolver-rules=MAP ${HOSTS.news} 127.0.0.1, MAP ${HOSTS.shop} 127.0.0.1, MAP * ~NOTFOUND`,
        '--disable-gpu',
        '--disable-quic',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-domain-reliability',
        '--disable-default-apps',
        // Every permission prompt is answered "Block" at once (as a person refusing would), in a
        // window too: the shop's location request ends denied, and no prompt waits for a click.
        '--deny-permission-prompts',
      ],
      ignoreDefaultArgs: ['--disable-extensions'], // Playwright adds it by default
      handleSIGINT: false, // our own handler closes the browser and removes the profile
      acceptDownloads: true,
    });
    const outside = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && !['127.0.0.1', HOSTS.news, HOSTS.shop].includes(url.hostname)) outside.push(request.url());
    });

    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: WAIT_MS }));
    const extensionId = new URL(worker.url()).host;
    const store = (name) => worker.evaluate(readStore, name);
    const pages = context.pages();
    const page = pages[0] ?? (await context.newPage());

    // 1. The news article and its cookie banner (vanilla-cookieconsent): reject all.
    console.log('demo: 1/3 news article: waiting for the cookie banner, then "Reject all"');
    await page.goto(`${origin(HOSTS.news)}/news.html`);
    const banner = page.locator('#cc-main .cm');
    await banner.waitFor({ state: 'visible', timeout: WAIT_MS });
    const prompt = await waitFor('ConsentLens to record the news banner', async () =>
      (await store('prompts')).find((p) => p.site === HOSTS.news),
    );
    const newsPage = join(out, 'news-banner.png');
    await page.screenshot({ path: newsPage, animations: 'disabled' });
    written.push(newsPage);
    await banner.getByRole('button', { name: 'Reject all', exact: true }).click();
    await banner.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await waitFor('the reject-all decision in the ledger', async () =>
      (await store('decisions')).find((d) => d.promptId === prompt.id && d.role === 'reject-all'),
    );
    // ConsentLens reads the consent cookie the library wrote 1 s and 4 s after the decision.
    await waitFor('the consent cookie read after the decision', async () => {
      const stored = (await store('prompts')).find((p) => p.id === prompt.id);
      return stored?.signals?.length ? stored : undefined;
    });

    // 2. The shop: its store finder asks for the location on load; the answer is "denied".
    console.log('demo: 2/3 shop: the store finder asks for the location on load; it is denied');
    await page.goto(`${origin(HOSTS.shop)}/shop.html`);
    await page.getByText('Location not shared').waitFor({ timeout: WAIT_MS });
    await waitFor('the denied location request in the ledger', async () =>
      (await store('permissions')).find((r) => r.site === HOSTS.shop && r.permission === 'geolocation' && r.outcome === 'denied'),
    );

    // 3. The privacy policy, opened from the shop's footer: ConsentLens reads it on the device.
    console.log('demo: 3/3 privacy policy: opened from the shop footer');
    await page.locator('footer').getByRole('link', { name: 'Privacy policy' }).click();
    await page.waitForURL(`${origin(HOSTS.shop)}/privacy.html`);
    await waitFor('the policy analysis in the ledger', async () => {
      const found = (await store('policies')).find((v) => v.url === `${origin(HOSTS.shop)}/privacy.html`);
      return found?.analysis ? found : undefined;
    });

    // The popup, as a page for one site, at the size Chromium gives the toolbar popup.
    const popupUrl = (site) => `chrome-extension://${extensionId}/extension/ui/popup/index.html?site=${encodeURIComponent(site)}`;
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });

    await popup.goto(popupUrl(HOSTS.news));
    await popup.locator('.entry .decision[data-role="reject-all"]').first().waitFor({ timeout: WAIT_MS });
    await popup.locator('.entry .chip').first().waitFor({ timeout: WAIT_MS });
    const popupNews = join(out, 'popup-news.png');
    await popup.screenshot({ path: popupNews, animations: 'disabled' });
    written.push(popupNews);

    await popup.goto(popupUrl(HOSTS.shop));
    await popup.locator('.perm-request[data-permission="geolocation"][data-outcome="denied"]').waitFor({ timeout: WAIT_MS });
    await popup.locator('.key-fact').first().waitFor({ timeout: WAIT_MS });
    const popupShop = join(out, 'popup-shop.png');
    await popup.screenshot({ path: popupShop, animations: 'disabled' });
    written.push(popupShop);
    // The policy summary: the popup's policy section on its own (below the fold at 400 x 600).
    const policySection = popup.locator('.policy').first();
    const popupPolicy = join(out, 'popup-policy.png');
    if ((await policySection.count()) > 0) {
      await policySection.screenshot({ path: popupPolicy, animations: 'disabled' });
    } else {
      await popup.screenshot({ path: popupPolicy, fullPage: true, animations: 'disabled' });
    }
    written.push(popupPolicy);
    await popup.close();

    // The dashboard: its overview (charts), then the whole ledger and the export through its own controls.
    const dashboard = await context.newPage();
    await dashboard.setViewportSize({ width: 1280, height: 900 });
    await dashboard.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#overview`);
    await dashboard.locator('.overview .chart').first().waitFor({ timeout: WAIT_MS });
    const overviewPng = join(out, 'dashboard-overview.png');
    await dashboard.screenshot({ path: overviewPng, fullPage: true, animations: 'disabled' });
    written.push(overviewPng);
    await dashboard.goto(`chrome-extension://${extensionId}/extension/ui/dashboard/index.html#ledger`);
    await dashboard.locator(`.ledger-row[data-site="${HOSTS.news}"] .decision[data-role="reject-all"]`).waitFor({ timeout: WAIT_MS });
    await dashboard.locator(`.collection-site-list li[data-site="${HOSTS.shop}"]`).waitFor({ timeout: WAIT_MS });
    const dashboardPng = join(out, 'dashboard.png');
    await dashboard.screenshot({ path: dashboardPng, fullPage: true, animations: 'disabled' });
    written.push(dashboardPng);

    const save = async (click, fallbackName) => {
      const [download] = await Promise.all([dashboard.waitForEvent('download', { timeout: WAIT_MS }), click()]);
      const file = join(out, download.suggestedFilename() || fallbackName);
      await download.saveAs(file);
      written.push(file);
      return file;
    };
    // "Export JSON" in the toolbar: the exact ledger backup.
    const ledgerFile = await save(() => dashboard.locator('.toolbar button.primary').click(), 'consent-lens-ledger.json');
    // The export panel: JSON Lines events, after its preview.
    const panel = dashboard.locator('.export-panel');
    await panel.locator('input[name="export-format"][value="jsonl"]').check();
    await panel.locator('button[data-action="export-preview"]').click();
    await panel.locator('[data-export-preview]').waitFor({ timeout: WAIT_MS });
    const jsonlFile = await save(() => panel.locator('button[data-action="export-write"]').click(), 'consent-lens-events.jsonl');

    // Check what was exported, and sum it up.
    const ledger = JSON.parse(readFileSync(ledgerFile, 'utf8'));
    const events = readFileSync(jsonlFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const rejected = ledger.decisions.find((d) => d.site === HOSTS.news && d.role === 'reject-all');
    const denied = ledger.permissions.find((r) => r.site === HOSTS.shop && r.permission === 'geolocation' && r.outcome === 'denied');
    if (!rejected) throw new DemoError(`the export ${show(ledgerFile)} has no reject-all decision for ${HOSTS.news}`);
    if (!denied) throw new DemoError(`the export ${show(ledgerFile)} has no denied geolocation request for ${HOSTS.shop}`);
    if (events.length === 0) throw new DemoError(`the export ${show(jsonlFile)} is empty`);
    for (const file of written.filter((f) => f.endsWith('.png'))) {
      const { width, height } = pngSize(file);
      if (statSync(file).size < 4096 || width < 100 || height < 100) throw new DemoError(`${show(file)} looks empty (${width}x${height}, ${statSync(file).size} bytes)`);
    }
    if (outside.length > 0) throw new DemoError(`requests left the machine: ${outside.join(', ')}`);

    console.log(`\ndemo: wrote ${written.length} files to ${out}`);
    for (const file of written) console.log(`  ${show(file)}`);
    const sites = (list) => [...new Set(list.map((r) => r.site))].join(', ');
    console.log('\ndemo: the ledger now holds');
    console.log(`  prompts:             ${ledger.prompts.length} (${sites(ledger.prompts)})`);
    console.log(`  decisions:           ${ledger.decisions.length} (${ledger.decisions.map((d) => `${d.role} "${d.label}" on ${d.site}`).join('; ')})`);
    console.log(`  permission requests: ${ledger.permissions.length} (${ledger.permissions.map((r) => `${r.permission} ${r.outcome} on ${r.site}${r.gesture ? '' : ', no click'}`).join('; ')})`);
    console.log(`  policy versions:     ${ledger.policies.length} (${ledger.policies.map((p) => p.url).join(', ')})`);
    console.log(`  export events:       ${events.length} in ${show(jsonlFile)}`);
    console.log(`  network:             ${server.log.length} requests, all to the demo server on 127.0.0.1`);

    if (headed) {
      console.log(`\ndemo: the browser stays open — try ${origin(HOSTS.news)}/news.html and the ConsentLens toolbar button yourself`);
      console.log('      (this browser answers every permission prompt with Block). Press Enter (or Ctrl-C) to close it.');
      await new Promise((done) => {
        const rl = createInterface({ input: process.stdin });
        rl.once('line', () => {
          rl.close();
          done();
        });
        rl.once('close', done);
        onInterrupt = done;
        context.once('close', done);
      });
    }
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    if (interrupted) return; // the SIGINT handler cleans up and exits with 130
    console.error(`\ndemo: FAILED: ${error instanceof DemoError ? error.message : (error?.stack ?? error)}`);
    process.exit(1);
  },
);
