/**
 * Issue #8, item 2 (DOM pressure), in Debian Chromium with the built extension (dist/chrome): a
 * page nests 5,000 elements deep, embeds 100 iframes (each gets the content scripts) and 1,000
 * shadow roots, then adds 50,000 nodes a second for 3 s - every one of them "cookie consent" text,
 * so every change looks relevant to the banner watcher. Not a timing benchmark: the assertions are
 * about behaviour with generous limits - the page's own timer keeps ticking during the storm, and a
 * banner inserted after it is still detected and recorded within 10 s.
 *
 * The 5,000-deep tree is display:none: laid out, it crashes Chromium's renderer by itself ("Page
 * crashed" with and without the extension, checked on Debian Chromium 156). Hidden, it is still in
 * the DOM every scan of the content script walks.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, waitFor } from '../e2e/support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../e2e/support/chromium.ts';
import { readLedgerInBrowser } from '../e2e/support/ledger.ts';
import { startServer, type TestServer } from '../e2e/support/server.ts';

const executablePath = browserOrSkip('chromium');

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pressure</title></head><body>
<h1>A heavy page</h1>
<div id="deep" style="display:none"></div><div id="frames"></div><div id="hosts"></div><div id="storm"></div>
<script>
  window.__ticks = [];
  setInterval(function () { window.__ticks.push(performance.now()); }, 50);
  // 5,000 elements deep (hidden: see the header)
  var el = document.getElementById('deep');
  for (var i = 0; i < 5000; i++) { var d = document.createElement('div'); el.appendChild(d); el = d; }
  el.textContent = 'the bottom';
  // 100 iframes, each with its own content scripts
  var frames = document.getElementById('frames');
  for (var f = 0; f < 100; f++) { var frame = document.createElement('iframe'); frame.src = '/pressure/frame.html?' + f; frame.width = 30; frame.height = 20; frames.appendChild(frame); }
  // 1,000 shadow roots, open and closed, with consent-like text inside
  var hosts = document.getElementById('hosts');
  for (var s = 0; s < 1000; s++) {
    var host = document.createElement('div');
    var root = host.attachShadow({ mode: s % 2 ? 'open' : 'closed' });
    var p = document.createElement('p'); p.textContent = 'We use cookies, item ' + s; root.appendChild(p);
    var b = document.createElement('button'); b.textContent = 'OK'; root.appendChild(b);
    hosts.appendChild(host);
  }
  window.__nodes = document.getElementsByTagName('*').length;
  // 50,000 nodes a second for 3 s: 5,000 every 100 ms (150,000 in all), each with consent words
  window.startStorm = function () {
    var storm = document.getElementById('storm'), start = performance.now(), n = 0;
    window.__storm = { start: start, end: null, added: 0 };
    var timer = setInterval(function () {
      var frag = document.createDocumentFragment();
      for (var k = 0; k < 5000; k++) { var span = document.createElement('span'); span.textContent = 'cookie consent partners ' + (n++) + ' '; frag.appendChild(span); }
      storm.appendChild(frag);
      window.__storm.added = n;
      // 30 rounds: 3 s at the intended rate; longer where the machine cannot keep up.
      if (n >= 150000) { clearInterval(timer); window.__storm.end = performance.now(); }
    }, 100);
  };
  window.showBanner = function () {
    var banner = document.createElement('div');
    banner.id = 'cookie-banner'; banner.setAttribute('role', 'dialog');
    banner.style.cssText = 'position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1rem;z-index:10';
    banner.innerHTML = '<p>We and our partners use cookies to personalise ads and measure traffic after the storm.</p><button>Accept all</button> <button>Reject all</button>';
    document.body.appendChild(banner);
  };
</script>
</body></html>`;

/**
 * A page that never settles, on purpose: a class on <html> (a change the watcher must look at: many
 * consent platforms show their banner that way) flips every 10 ms, long enough to use up the
 * watcher's 400-scan budget, and only then shows its banner.
 */
const FLIP = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Flipper</title></head><body>
<h1>A page that never settles</h1>
<script>
  window.__flips = 0;
  setInterval(function () { document.documentElement.classList.toggle('flip'); window.__flips++; }, 10);
  window.showBanner = function () {
    var banner = document.createElement('div');
    banner.id = 'cookie-banner'; banner.setAttribute('role', 'dialog');
    banner.style.cssText = 'position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1rem';
    banner.innerHTML = '<p>We and our partners use cookies to personalise ads, shown after a long wait.</p><button>Accept all</button> <button>Reject all</button>';
    document.body.appendChild(banner);
  };
</script></body></html>`;

describe.skipIf(!executablePath)('hostile (Chromium): a page under DOM pressure', () => {
  let server: TestServer;
  let context: BrowserContext;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startServer();
    server.setPage('/pressure/page.html', PAGE);
    server.setPage('/pressure/flip.html', FLIP);
    server.setPage('/pressure/frame.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><p>frame</p></body></html>');
    browser = await launchChromiumWithExtension(executablePath as string);
    ({ context } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the page keeps ticking through a 3 s storm of 150,000 nodes, and a banner shown afterwards is recorded within 10 s', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/pressure/page.html`, { waitUntil: 'load', timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __nodes: number }).__nodes)).toBeGreaterThan(6000);

    await page.evaluate(() => (window as unknown as { startStorm: () => void }).startStorm());
    const storm = await waitFor(
      'the storm to end',
      async () => {
        const s = await page.evaluate(() => (window as unknown as { __storm: { start: number; end: number | null; added: number } }).__storm);
        return s.end !== null ? s : undefined;
      },
      60_000,
    );
    expect(storm.added).toBeGreaterThanOrEqual(150_000);
    // The page's own 50 ms timer during the storm: it kept running (generous: the storm itself is heavy).
    const ticks = await page.evaluate(({ start, end }) => (window as unknown as { __ticks: number[] }).__ticks.filter((t) => t >= start && t <= (end as number)), storm);
    const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] as number));
    console.log(`[dom-pressure] storm ${Math.round((storm.end as number) - storm.start)} ms, ${ticks.length} ticks, longest gap ${Math.round(Math.max(...gaps))} ms`);
    expect(ticks.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...gaps)).toBeLessThan(3000);

    // A banner after the storm is still seen and recorded.
    const shownAt = Date.now();
    await page.evaluate(() => (window as unknown as { showBanner: () => void }).showBanner());
    const prompt = await waitFor(
      'the banner shown after the storm in the ledger',
      async () => (await browser.worker.evaluate(readLedgerInBrowser)).prompts.find((p) => p.url.endsWith('/pressure/page.html') && p.text.includes('after the storm')),
      10_000,
    );
    console.log(`[dom-pressure] banner recorded ${Date.now() - shownAt} ms after it was shown`);
    expect(prompt.actions.map((a) => a.role)).toEqual(expect.arrayContaining(['accept-all', 'reject-all']));
    await page.close();
  });

  it('a page that spends the watcher\'s scan budget on purpose (flipping a class for 75 s) still has its later banner recorded within 10 s', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/pressure/flip.html`);
    // 400 scans at most one per 150 ms: 60 s at the least; 75 s to be past it.
    await page.waitForTimeout(75_000);
    expect(await page.evaluate(() => (window as unknown as { __flips: number }).__flips)).toBeGreaterThan(2000);
    await page.evaluate(() => (window as unknown as { showBanner: () => void }).showBanner());
    const prompt = await waitFor(
      'the banner shown after 75 s of flipping in the ledger',
      async () => (await browser.worker.evaluate(readLedgerInBrowser)).prompts.find((p) => p.url.endsWith('/pressure/flip.html')),
      10_000,
    );
    expect(prompt.text).toContain('shown after a long wait');
    await page.close();
  });
});
