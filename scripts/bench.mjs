#!/usr/bin/env node
/**
 * `npm run bench`: what ConsentLens's content scripts cost a page, next to DuckDuckGo's own
 * autoconsent addon, in Debian Chromium. A benchmark, not a test: it prints numbers and never
 * fails on them; it exits non-zero only when it cannot run (no Chromium, no dist/chrome, ...).
 *
 * Method (see docs of CDP Performance domain; notes: shared/notes/browser-testing.md section 6):
 * - three pages from bench/ served on 127.0.0.1 by a server in this process: an article with no
 *   JS (~2,000 elements), the same article with the site's own cookie banner inserted 300 ms after
 *   load, and the same article with an SPA feed re-rendering 500 items every 50 ms for 1.5 s;
 * - three persistent Chromium contexts, each with a fresh profile and the flags of
 *   test/e2e/chrome.test.ts: no extension, ConsentLens (dist/chrome), autoconsent
 *   (node_modules/@duckduckgo/autoconsent/dist/addon-mv3), all open for the whole run;
 * - per load: a new page, CDP `Performance.enable {timeDomain: 'threadTicks'}`, navigate, wait for
 *   `load` plus a fixed settle, `Performance.getMetrics` (ScriptDuration, TaskDuration,
 *   JSHeapUsedSize), close. Warm-ups first, then measured loads, the configurations alternating
 *   load by load (and rotating which one goes first);
 * - two script-time metrics per load: (A) from a light trace (categories v8, v8.execute) the thread
 *   time of the outermost V8 entries on the renderer main thread - script runs, Blink->JS calls,
 *   compiles and microtask checkpoints; (B) CDP ScriptDuration. Both include a content script's
 *   isolated world (it runs on the same thread), but B leaves out promise jobs run at a microtask
 *   checkpoint (`await` continuations), which is most of autoconsent's work: A is the fair one.
 *   A "devtools.timeline" traced load per extension and page at the end shows it (its
 *   FunctionCall/EvaluateScript events carry the URL of the script that ran);
 * - detection latency: on the banner page the page writes `Date.now()` when it shows the banner;
 *   the prompt ConsentLens stores (service-worker IndexedDB `consent-lens`, store `prompts`) has
 *   `time` = `Date.now()` in the content script when the scan that found it finished.
 *
 * Options: --runs N (measured loads per page and configuration, default 15), --warmups N
 * (default 2), --pages article,banner,churn, --profile (also print the content script's hottest
 * functions from a CDP CPU profile of ConsentLens on each page), --no-trace (skip the check).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem, type as osType, release as osRelease, arch } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { profileByFunction, readStream, scriptTimeByGroup, summary, v8EntryTime } from './bench/analyze.mjs';
import { BANNER_DELAY_MS, BENCH_DIR, CHURN, makePages } from './bench/make-pages.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CONSENT_LENS_DIR = join(ROOT, 'dist', 'chrome');
const AUTOCONSENT_DIR = join(ROOT, 'node_modules', '@duckduckgo', 'autoconsent', 'dist', 'addon-mv3');
/** This part's results; scripts/bench/table.mjs gathers every part into bench-results.json. */
const RESULTS_FILE = join(ROOT, 'bench-results', 'content.json');
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
const FLAGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update'];

/**
 * Fixed wait after `load` per page, the same for every configuration: long enough for ConsentLens's
 * last scan (a "settle" scan 700 ms after the last DOM change) to have run, short enough for the
 * whole run to fit in ~6 minutes on 2 cores (each load also costs ~0.6 s of navigation and setup).
 */
const PAGES = {
  article: { file: 'article.html', settleMs: 1000, what: 'article, ~2,000 elements, no page JS' },
  banner: { file: 'banner.html', settleMs: 1400, what: `article + site banner shown ${BANNER_DELAY_MS} ms after load` },
  churn: { file: 'churn.html', settleMs: CHURN.forMs + 900, what: `article + ${CHURN.items}-item list replaced every ${CHURN.everyMs} ms for ${CHURN.forMs / 1000} s from load` },
};

// ---------------------------------------------------------------------------------------------
// Arguments and preconditions

function parseArgs(argv) {
  const out = { runs: 15, warmups: 2, pages: Object.keys(PAGES), profile: false, trace: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') out.runs = Number.parseInt(value(), 10);
    else if (arg === '--warmups') out.warmups = Number.parseInt(value(), 10);
    else if (arg === '--pages') out.pages = value().split(',');
    else if (arg === '--profile') out.profile = true;
    else if (arg === '--no-trace') out.trace = false;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run bench -- [--runs N] [--warmups N] [--pages article,banner,churn] [--profile] [--no-trace]');
      process.exit(0);
    } else fail(`unknown argument ${arg} (try --help)`);
  }
  if (!(out.runs >= 1) || !(out.warmups >= 0)) fail('--runs must be >= 1 and --warmups >= 0');
  for (const p of out.pages) if (!PAGES[p]) fail(`unknown page ${p}; pages: ${Object.keys(PAGES).join(', ')}`);
  return out;
}

function fail(message) {
  console.error(`bench: cannot run: ${message}`);
  process.exit(2);
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

function checkPreconditions() {
  const chromium = findChromium();
  if (!chromium) fail('Chromium not found (looked at $CHROMIUM_PATH and /usr/bin/chromium): run `npm run browsers`');
  if (!existsSync(join(CONSENT_LENS_DIR, 'manifest.json'))) fail('dist/chrome is missing: run `npm run build` first');
  if (!existsSync(join(AUTOCONSENT_DIR, 'manifest.json'))) {
    fail('node_modules/@duckduckgo/autoconsent/dist/addon-mv3 is missing: run `npm ci`');
  }
  return chromium;
}

// ---------------------------------------------------------------------------------------------
// Machine

function chromiumVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 15_000 }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(chromiumPath) {
  const list = cpus();
  return {
    os: `${osType()} ${osRelease()} ${arch()}`,
    cpuModel: list[0]?.model?.trim() ?? 'unknown',
    cpuCount: list.length,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: chromiumVersion(chromiumPath),
    chromiumPath,
  };
}

// ---------------------------------------------------------------------------------------------
// Server

const IMAGE = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#ccc"/></svg>');

function startServer() {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const name = basename(path);
    if (path === `/${name}` && name.endsWith('.html') && existsSync(join(BENCH_DIR, name))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(readFileSync(join(BENCH_DIR, name)));
    } else if (/\.(svg|webp|png|jpg)$/u.test(path)) {
      // Every image of the article is the same grey placeholder.
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' });
      res.end(IMAGE);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePromise({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ---------------------------------------------------------------------------------------------
// Browsers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...args) => console.error('[bench]', ...args);

async function waitFor(what, probe, timeoutMs = 15_000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last.message ?? last})` : ''}`);
}

async function launch(chromium, executablePath, config) {
  const profile = mkdtempSync(join(tmpdir(), `consent-lens-bench-${config.key}-`));
  const args = [...(config.extension ? [`--disable-extensions-except=${config.extension}`, `--load-extension=${config.extension}`] : []), ...FLAGS];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1280, height: 800 },
  });
  const state = { ...config, context, profile, extensionId: null, workers: [] };
  if (config.extension) {
    context.on('serviceworker', (w) => state.workers.push(w));
    state.workers.push(...context.serviceWorkers());
    const worker = await waitFor(`${config.label}'s service worker`, async () => state.workers.find((w) => w.url().endsWith(config.workerFile)));
    state.extensionId = new URL(worker.url()).host;
  }
  return state;
}

/** The extension's live service worker (a stopped one is replaced by a new Worker object). */
function liveWorker(state) {
  const live = state.context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${state.extensionId}/`));
  return live.at(-1) ?? null;
}

/** Runs `fn(arg)` in the extension's origin: in its service worker, or else in a throwaway extension page. */
async function inExtension(state, fn, arg) {
  const worker = liveWorker(state);
  if (worker) {
    try {
      return await worker.evaluate(fn, arg);
    } catch {
      // stopped meanwhile: fall through to a page of the extension
    }
  }
  const page = await state.context.newPage();
  try {
    await page.goto(`chrome-extension://${state.extensionId}/manifest.json`);
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

/** In the extension: prompts stored with `time >= since` (id, time, site, kind, text). */
async function promptsSince(since) {
  const names = (await indexedDB.databases?.()) ?? [];
  if (!names.some((d) => d.name === 'consent-lens')) return [];
  const db = await new Promise((ok, ko) => {
    const open = indexedDB.open('consent-lens');
    open.onsuccess = () => ok(open.result);
    open.onerror = () => ko(open.error);
  });
  try {
    if (!db.objectStoreNames.contains('prompts')) return [];
    const rows = await new Promise((ok, ko) => {
      const req = db.transaction('prompts', 'readonly').objectStore('prompts').getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => ko(req.error);
    });
    return rows.filter((p) => p.time >= since).map((p) => ({ id: p.id, time: p.time, site: p.site, kind: p.kind, text: String(p.text ?? '') }));
  } finally {
    db.close();
  }
}

/** In autoconsent's service worker: its rules are loaded (it fetches them on install). */
async function autoconsentReady() {
  const { rules } = await globalThis.chrome.storage.local.get('rules');
  return Boolean(rules);
}

// ---------------------------------------------------------------------------------------------
// One measured load

const metric = (metrics, name) => metrics.find((m) => m.name === name)?.value ?? NaN;

/** Trace categories per mode: "v8" for every measured load (cheap: no per-call URL lookups),
 * "timeline" for the attribution check (FunctionCall/EvaluateScript events carry the script URL). */
const TRACE_CATEGORIES = {
  v8: ['v8', 'v8.execute'],
  timeline: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'],
};

async function measureLoad(state, origin, pageKey, { trace = 'v8', profile = false } = {}) {
  const spec = PAGES[pageKey];
  const page = await state.context.newPage();
  const cdp = await state.context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    let traceDone;
    if (trace) {
      traceDone = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.start', {
        transferMode: 'ReturnAsStream',
        traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: TRACE_CATEGORIES[trace] },
      });
    }
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const startedAt = Date.now();
    await page.goto(`${origin}/${spec.file}`, { waitUntil: 'load', timeout: 30_000 });
    await sleep(spec.settleMs);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const result = {
      page: pageKey,
      startedAt,
      endedAt: Date.now(),
      scriptMs: metric(metrics, 'ScriptDuration') * 1000,
      taskMs: metric(metrics, 'TaskDuration') * 1000,
      compileMs: metric(metrics, 'V8CompileDuration') * 1000,
      heapMB: metric(metrics, 'JSHeapUsedSize') / 2 ** 20,
    };
    if (profile) result.profile = (await cdp.send('Profiler.stop')).profile;
    if (trace) {
      await cdp.send('Tracing.end');
      const { stream } = await traceDone;
      const parsed = JSON.parse(await readStream(cdp, stream));
      const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
      if (trace === 'v8') result.jsMs = v8EntryTime(events);
      else result.traceEvents = events;
    }
    // Only after the metrics and the trace: this evaluation is script time too.
    const marks = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    if (marks.benchBannerShown) result.bannerShownAt = Number(marks.benchBannerShown);
    if (marks.benchChurnDone) result.churnRewrites = Number(marks.benchChurnDone);
    return result;
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
}

/** The banner page's own banner, as ConsentLens stores its text. */
const BENCH_BANNER_TEXT = 'We value your privacy';

/**
 * Assigns the prompts ConsentLens stored to the loads whose time window holds their `time`;
 * on banner-page loads, detection latency = prompt.time - the page's Date.now() at "shown".
 */
function assignPrompts(loads, prompts) {
  const perPage = {};
  const latencies = [];
  let detected = 0;
  let bannerLoads = 0;
  const sorted = [...loads].sort((a, b) => a.startedAt - b.startedAt);
  for (const [i, load] of sorted.entries()) {
    // A prompt belongs to the load whose page was open when it was detected (until the next load).
    const until = sorted[i + 1]?.startedAt ?? Infinity;
    const mine = prompts.filter((p) => p.time >= load.startedAt && p.time < until);
    const entry = (perPage[load.page] ??= { loads: 0, prompts: 0, kinds: {}, examples: [] });
    entry.loads++;
    const others = mine.filter((p) => !(load.page === 'banner' && p.text.includes(BENCH_BANNER_TEXT)));
    entry.prompts += others.length;
    for (const p of others) {
      entry.kinds[p.kind] = (entry.kinds[p.kind] ?? 0) + 1;
      if (entry.examples.length < 1) entry.examples.push(`${p.kind}: "${p.text.slice(0, 60)}..."`);
    }
    if (load.page !== 'banner' || !load.measured) continue;
    bannerLoads++;
    const banner = mine.filter((p) => p.text.includes(BENCH_BANNER_TEXT)).sort((a, b) => a.time - b.time)[0];
    if (banner && load.bannerShownAt !== undefined) {
      detected++;
      latencies.push(banner.time - load.bannerShownAt);
    }
  }
  return { perPage, latencies, detected, bannerLoads };
}

// ---------------------------------------------------------------------------------------------
// The ConsentLens build under test

/**
 * Copies dist/chrome to a temporary folder and loads that: a rebuild during the run (others work
 * in this tree) must not change the extension under test halfway.
 */
function snapshotConsentLens() {
  const dir = mkdtempSync(join(tmpdir(), 'consent-lens-bench-dist-'));
  cpSync(CONSENT_LENS_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const contentDir = join(dir, 'extension', 'content');
  const hash = createHash('sha256');
  for (const f of readdirSync(contentDir).sort()) hash.update(f).update(readFileSync(join(contentDir, f)));
  return {
    dir,
    version: manifest.version,
    builtAt: statSync(join(CONSENT_LENS_DIR, 'manifest.json')).mtime.toISOString(),
    contentHash: hash.digest('hex').slice(0, 12),
    declared: new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? [])),
  };
}

// ---------------------------------------------------------------------------------------------
// Sizes

function gz(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

function bundleSizes(build) {
  const dir = join(build.dir, 'extension', 'content');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const ours = files.map((f) => {
    const data = readFileSync(join(dir, f));
    const declared = build.declared.has(`extension/content/${f}`);
    return { file: `dist/chrome/extension/content/${f}`, raw: data.length, gzip: gz(data), declared };
  });
  const sum = (list, k) => list.reduce((a, b) => a + b[k], 0);
  const always = ours.filter((f) => f.declared);
  const theirs = readFileSync(join(AUTOCONSENT_DIR, 'content.bundle.js'));
  return {
    consentLens: {
      files: ours,
      raw: sum(ours, 'raw'),
      gzip: sum(ours, 'gzip'),
      everyPage: { raw: sum(always, 'raw'), gzip: sum(always, 'gzip') },
      note: 'files not declared in manifest content_scripts are injected on demand (scripting.executeScript)',
    },
    autoconsent: {
      files: [{ file: 'autoconsent addon-mv3/content.bundle.js', raw: theirs.length, gzip: gz(theirs), declared: true }],
      raw: theirs.length,
      gzip: gz(theirs),
      note: `plus the rules its background sends each frame on "init" (compact-rules.json: ${statSync(join(AUTOCONSENT_DIR, 'compact-rules.json')).size} B on disk)`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Output

const f1 = (v) => (Number.isFinite(v) ? (Math.abs(v) < 10 ? v.toFixed(2) : v.toFixed(1)) : 'n/a');
const range = (s) => `${f1(s.median)} (${f1(s.min)}..${f1(s.max)})`;
const signed = (v) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${f1(v)}` : 'n/a');
const ratioText = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');
const CONFIG_LABEL = { none: 'no extension', consentlens: 'ConsentLens', autoconsent: 'autoconsent' };
const CONFIG_KEYS = ['none', 'consentlens', 'autoconsent'];

function table(rows, { rightAlign = [] } = {}) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (rightAlign.includes(c) && i > 0 ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c]))).join('  ');
      return i === 0 ? `${line.trimEnd()}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line.trimEnd();
    })
    .join('\n');
}

function timeTable(pages, metricKey) {
  const rows = [['page', 'settle', 'no extension', 'ConsentLens', 'autoconsent', 'CL added', 'AC added', 'CL/AC']];
  for (const [key, p] of Object.entries(pages)) {
    const m = p.metrics[metricKey];
    rows.push([key, `${p.settleMs} ms`, range(p.none[metricKey]), range(p.consentlens[metricKey]), range(p.autoconsent[metricKey]), signed(m.added.consentlens), signed(m.added.autoconsent), ratioText(m.ratio)]);
  }
  return table(rows, { rightAlign: [5, 6, 7] });
}

function report(results) {
  const { machine: m, settings, pages, detection, bundles, verification, build, prompts } = results;
  const out = [];
  out.push(`ConsentLens benchmark - ${results.date}`);
  out.push(`machine:  ${m.os}; ${m.cpuCount} x ${m.cpuModel}; ${m.totalMemoryGiB} GiB RAM; node ${m.node}; ${m.chromium}`);
  out.push(`build:    ConsentLens ${build.version} from dist/chrome built ${build.builtAt} (content scripts sha256 ${build.contentHash}); autoconsent addon ${results.autoconsentVersion}`);
  out.push(`method:   ${settings.runs} measured loads (+${settings.warmups} warm-ups) per page and configuration, configurations alternating load by load;`);
  out.push('          per load a new page, CDP Performance.enable {timeDomain: threadTicks} + a "v8" trace, navigate, load + settle, getMetrics.');
  out.push('WARNING:  absolute times are noisy on a 2-core machine (three browsers, the server and this script share it);');
  out.push('          compare the configurations within one run: the added times and the ratios are the result, not the absolute ms.');
  out.push('');
  out.push('A. JS on the renderer main thread incl. microtasks, ms per load (trace: outermost v8.run/v8.callFunction/v8.compile/RunMicrotasks,');
  out.push('   thread time) - median (min..max); added = median(config) - median(no extension). This is the fair comparison (D shows why).');
  out.push(timeTable(pages, 'jsMs'));
  out.push('');
  out.push('B. CDP ScriptDuration, ms per load (threadTicks) - median (min..max). Counts content scripts (isolated world) too, but not promise');
  out.push('   jobs run at a microtask checkpoint (await continuations), so it undercounts async code such as autoconsent\'s.');
  out.push(timeTable(pages, 'scriptMs'));
  out.push('');
  out.push('Other per-load medians: TaskDuration ms (all main-thread work; too noisy to attribute), V8 compile ms, JS heap MB, churn rewrites');
  const other = [['page', 'config', 'TaskDuration', 'V8 compile', 'JS heap MB', 'page rewrites done (of ' + Math.ceil(CHURN.forMs / CHURN.everyMs) + ')']];
  for (const [key, p] of Object.entries(pages)) {
    for (const c of CONFIG_KEYS) {
      const s = p[c];
      other.push([key, CONFIG_LABEL[c], f1(s.taskMs.median), f1(s.compileMs.median), f1(s.heapMB.median), s.rewrites ? range(s.rewrites) : '-']);
    }
  }
  out.push(table(other, { rightAlign: [2, 3, 4] }));
  out.push('');
  if (detection) {
    out.push('Banner detection latency, ConsentLens (prompt.time - page Date.now() when it showed the banner; target <= 100 ms):');
    out.push(
      `          median ${f1(detection.latency.median)} ms (min ${f1(detection.latency.min)} .. max ${f1(detection.latency.max)}); ` +
        `banner recorded in ${detection.detected}/${detection.loads} measured loads, ${detection.within100}/${detection.detected} within 100 ms`,
    );
  }
  if (prompts) {
    const parts = Object.entries(prompts).map(([page, e]) => `${page} ${e.prompts}/${e.loads}${e.examples.length ? ` (${e.examples[0]})` : ''}`);
    out.push(`Other prompts ConsentLens stored (all loads incl. warm-ups; none expected): ${parts.join('; ')}`);
  }
  out.push('');
  out.push('C. Content-script bundles, bytes (raw / gzip -9):');
  const sizes = [['bundle', 'raw', 'gzip', 'loaded']];
  for (const f of bundles.consentLens.files) sizes.push([f.file, f.raw, f.gzip, f.declared ? 'every page' : 'on demand']);
  sizes.push(['ConsentLens, every page', bundles.consentLens.everyPage.raw, bundles.consentLens.everyPage.gzip, '']);
  sizes.push(['ConsentLens, all', bundles.consentLens.raw, bundles.consentLens.gzip, '']);
  for (const f of bundles.autoconsent.files) sizes.push([f.file, f.raw, f.gzip, 'every frame']);
  out.push(table(sizes, { rightAlign: [1, 2] }));
  out.push(
    `          ConsentLens / autoconsent: every page raw ${(bundles.consentLens.everyPage.raw / bundles.autoconsent.raw).toFixed(2)}x, gzip ${(bundles.consentLens.everyPage.gzip / bundles.autoconsent.gzip).toFixed(2)}x; ` +
      `all raw ${(bundles.consentLens.raw / bundles.autoconsent.raw).toFixed(2)}x, gzip ${(bundles.consentLens.gzip / bundles.autoconsent.gzip).toFixed(2)}x`,
  );
  out.push(`          (autoconsent ${bundles.autoconsent.note})`);
  if (verification?.length) {
    out.push('');
    out.push('D. Which scripts the time belongs to: one "devtools.timeline" traced load each (tracing inflates times). Thread time of outermost');
    out.push('   EvaluateScript/FunctionCall/compile/RunMicrotasks events by script URL; "no url" = microtask checkpoints (promise jobs).');
    const vr = [['page', 'config', 'ScriptDuration', 'extension scripts (by URL)', 'page', 'no url']];
    for (const v of verification) {
      const ext = Object.entries(v.groups).filter(([g]) => g.startsWith('extension:'));
      vr.push([
        v.page,
        CONFIG_LABEL[v.config],
        f1(v.scriptMs),
        ext.map(([g, ms]) => `${g.slice('extension:'.length).replace(/^extension\/content\//u, '')} ${f1(ms)}`).join(', ') || '0',
        f1(v.groups.page ?? 0),
        f1(v.groups['no url (microtasks etc.)'] ?? 0),
      ]);
    }
    out.push(table(vr, { rightAlign: [2, 4, 5] }));
  }
  return out.join('\n');
}

function printProfile(byPage, bundleText) {
  const lines = ['', 'ConsentLens content script: hottest functions (CDP CPU profile, ms per load; minified names, with a peek at the code)'];
  for (const [pageKey, { loads, functions }] of Object.entries(byPage)) {
    lines.push(`-- ${pageKey} (${loads} loads) --`);
    const rows = [['self', 'total', 'function', 'file:line:col', 'code']];
    for (const fn of [...functions].sort((a, b) => b.selfMs - a.selfMs).slice(0, 14)) {
      const text = bundleText[basename(fn.url)];
      const lineText = text?.split('\n')[fn.line] ?? '';
      const peek = lineText.slice(fn.column, fn.column + 90).replace(/\s+/gu, ' ');
      rows.push([f1(fn.selfMs / loads), f1(fn.totalMs / loads), fn.functionName, `${basename(fn.url)}:${fn.line + 1}:${fn.column + 1}`, peek]);
    }
    lines.push(table(rows, { rightAlign: [0, 1] }));
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

const METRICS = ['jsMs', 'scriptMs', 'taskMs', 'compileMs', 'heapMB'];

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const executablePath = checkPreconditions();
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('playwright-core is not installed: run `npm ci`');
  }
  // The pages are generated (deterministically) on every run, so they always match the generator.
  makePages();
  const began = Date.now();
  const info = machine(executablePath);
  const build = snapshotConsentLens();
  const autoconsentVersion = JSON.parse(readFileSync(join(AUTOCONSENT_DIR, 'manifest.json'), 'utf8')).version;
  log(`${info.chromium}; ${info.cpuCount} CPUs; ConsentLens build ${build.builtAt} (${build.contentHash}); ${options.runs} runs + ${options.warmups} warm-ups per page and configuration`);
  const { server, origin } = await startServer();
  const states = [];
  try {
    const configs = [
      { key: 'none', label: 'no extension', extension: null },
      { key: 'consentlens', label: 'ConsentLens', extension: build.dir, workerFile: 'service-worker-loader.js' },
      { key: 'autoconsent', label: 'autoconsent', extension: AUTOCONSENT_DIR, workerFile: 'background.bundle.js' },
    ];
    for (const config of configs) {
      log(`launching ${config.label}`);
      states.push(await launch(chromium, executablePath, config));
    }
    const byKey = Object.fromEntries(states.map((s) => [s.key, s]));
    await waitFor('autoconsent to load its rules', () => inExtension(byKey.autoconsent, autoconsentReady), 20_000, 200);

    const pages = {};
    const consentLensLoads = [];
    for (const pageKey of options.pages) {
      const samples = Object.fromEntries(CONFIG_KEYS.map((k) => [k, []]));
      const total = options.warmups + options.runs;
      for (let i = 0; i < total; i++) {
        const measured = i >= options.warmups;
        // Alternate load by load, rotating which configuration goes first.
        const order = states.map((_, j) => states[(i + j) % states.length]);
        for (const state of order) {
          const load = await measureLoad(state, origin, pageKey);
          load.measured = measured;
          if (state.key === 'consentlens') consentLensLoads.push(load);
          if (measured) samples[state.key].push(load);
        }
        const s = (k) => `${f1(samples[k].at(-1)?.jsMs)}/${f1(samples[k].at(-1)?.scriptMs)}`;
        log(
          `${pageKey} ${measured ? `run ${i - options.warmups + 1}/${options.runs}` : `warm-up ${i + 1}/${options.warmups}`}` +
            (measured ? `  JS/ScriptDuration ms: none ${s('none')}, ConsentLens ${s('consentlens')}, autoconsent ${s('autoconsent')}` : '') +
            `  (${Math.round((Date.now() - began) / 1000)} s)`,
        );
      }
      const stats = (key) => {
        const loads = samples[key];
        const rewrites = loads.map((l) => l.churnRewrites).filter((v) => v !== undefined);
        return {
          ...Object.fromEntries(METRICS.map((m) => [m, summary(loads.map((l) => l[m]))])),
          ...(rewrites.length ? { rewrites: summary(rewrites) } : {}),
        };
      };
      const entry = { file: `bench/${PAGES[pageKey].file}`, what: PAGES[pageKey].what, settleMs: PAGES[pageKey].settleMs };
      for (const key of CONFIG_KEYS) entry[key] = stats(key);
      entry.metrics = {};
      for (const m of ['jsMs', 'scriptMs', 'taskMs']) {
        const added = { consentlens: entry.consentlens[m].median - entry.none[m].median, autoconsent: entry.autoconsent[m].median - entry.none[m].median };
        entry.metrics[m] = { added, ratio: added.autoconsent > 0 ? added.consentlens / added.autoconsent : NaN };
      }
      pages[pageKey] = entry;
    }

    // Prompts ConsentLens stored, read once from its IndexedDB and matched to the loads by time.
    const stored = await waitFor('ConsentLens\'s ledger', () => inExtension(byKey.consentlens, promptsSince, 0), 10_000, 200).catch(() => []);
    const assigned = assignPrompts(consentLensLoads, stored);
    const detection = options.pages.includes('banner')
      ? {
          latency: summary(assigned.latencies),
          detected: assigned.detected,
          loads: assigned.bannerLoads,
          within100: assigned.latencies.filter((v) => v <= 100).length,
          targetMs: 100,
        }
      : null;

    const verification = [];
    if (options.trace) {
      for (const pageKey of options.pages.filter((p) => p !== 'churn')) {
        for (const key of ['consentlens', 'autoconsent']) {
          log(`attribution trace: ${CONFIG_LABEL[key]} on ${pageKey}`);
          const state = byKey[key];
          const load = await measureLoad(state, origin, pageKey, { trace: 'timeline' });
          const prefix = `chrome-extension://${state.extensionId}/`;
          const groups = scriptTimeByGroup(load.traceEvents, (url) => {
            if (url.startsWith(prefix)) return `extension:${url.slice(prefix.length)}`;
            if (url.startsWith('chrome-extension://')) return 'other extension';
            return 'page';
          });
          verification.push({ page: pageKey, config: key, scriptMs: load.scriptMs, groups });
        }
      }
    }

    let profileReport = null;
    if (options.profile) {
      const state = byKey.consentlens;
      const prefix = `chrome-extension://${state.extensionId}/`;
      const byPage = {};
      for (const pageKey of options.pages) {
        const loads = 3;
        const merged = new Map();
        for (let i = 0; i < loads; i++) {
          log(`profiling ConsentLens on ${pageKey} ${i + 1}/${loads}`);
          const load = await measureLoad(state, origin, pageKey, { trace: null, profile: true });
          for (const fn of profileByFunction(load.profile, (url) => url.startsWith(prefix))) {
            const m = merged.get(fn.key);
            if (m) {
              m.selfMs += fn.selfMs;
              m.totalMs += fn.totalMs;
            } else merged.set(fn.key, fn);
          }
        }
        byPage[pageKey] = { loads, functions: [...merged.values()] };
      }
      const dir = join(build.dir, 'extension', 'content');
      const bundleText = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      profileReport = { byPage, text: printProfile(byPage, bundleText) };
    }

    const round = (v) => Math.round(v * 1000) / 1000;
    for (const p of Object.values(pages)) for (const c of CONFIG_KEYS) for (const s of Object.values(p[c])) s.samples = s.samples.map(round);
    const results = {
      date: new Date().toISOString(),
      machine: info,
      build: { version: build.version, builtAt: build.builtAt, contentHash: build.contentHash },
      autoconsentVersion,
      settings: {
        runs: options.runs,
        warmups: options.warmups,
        pages: Object.fromEntries(options.pages.map((k) => [k, { file: `bench/${PAGES[k].file}`, settleMs: PAGES[k].settleMs, what: PAGES[k].what }])),
        flags: FLAGS,
        metrics: {
          jsMs: 'trace (categories v8, v8.execute): thread time of the outermost v8.run/v8.callFunction/v8.compile/v8.evaluateModule/RunMicrotasks events on renderer main threads',
          scriptMs: 'CDP Performance.getMetrics ScriptDuration, timeDomain threadTicks, from Performance.enable on a new page through load + settle',
        },
        extensions: { consentlens: 'dist/chrome (copied to a temporary folder at start)', autoconsent: 'node_modules/@duckduckgo/autoconsent/dist/addon-mv3' },
      },
      pages,
      detection: detection && { ...detection, latency: { ...detection.latency, samples: detection.latency.samples.map(round) } },
      prompts: assigned.perPage,
      bundles: bundleSizes(build),
      verification,
      durationSeconds: Math.round((Date.now() - began) / 1000),
      note: 'Absolute times are noisy on a 2-core machine; the added times and ratios within one run are the result.',
    };
    if (profileReport) {
      results.profile = Object.fromEntries(
        Object.entries(profileReport.byPage).map(([k, v]) => [
          k,
          [...v.functions]
            .sort((a, b) => b.selfMs - a.selfMs)
            .slice(0, 20)
            .map((fn) => ({ function: fn.functionName, file: basename(fn.url), line: fn.line + 1, column: fn.column + 1, selfMsPerLoad: round(fn.selfMs / v.loads), totalMsPerLoad: round(fn.totalMs / v.loads) })),
        ]),
      );
    }
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(report(results));
    if (profileReport) console.log(profileReport.text);
    console.log(`\n(${results.durationSeconds} s; the same numbers are in bench-results/content.json)`);
  } finally {
    for (const state of states) {
      await state.context.close().catch(() => undefined);
      rmSync(state.profile, { recursive: true, force: true });
    }
    server.close();
    rmSync(build.dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench: could not run: ${error?.stack ?? error}`);
  process.exit(1);
});
