// @vitest-environment happy-dom
/**
 * Pathological pages against the content script's banner detection (issue #8, item 2.4): the
 * watcher (extension/content/banner-watcher.ts) and the detector it runs each scan
 * (src/detect/cookie-banner.ts findBanners) on 5,000 nested elements, 1,000 shadow roots (side by
 * side and nested), 100 iframes, and a mutation storm of 50,000 added nodes per second.
 *
 * Asserted: nothing throws (no stack overflow, no error event, nothing on console.error); every
 * scan stays within its work budget (the watcher's own counters, `stats`); under a storm the
 * watcher backs off instead of scanning at full rate; a real banner shown afterwards is reported.
 * Timers are vitest's fake timers (happy-dom's MutationObserver delivers in a microtask), as in
 * test/dom/banner-watcher.test.ts. Nothing measures wall-clock time.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchBanners, type PromptReport, type WatcherOptions } from '../../extension/content/banner-watcher.ts';
import { findBanners, MAX_SCAN_VISITS, readableText, type ScanBudget } from '../../src/detect/cookie-banner.ts';
import { loadFixtureIntoDocument } from '../dom/fixture-loader.ts';

const THROTTLE_MS = 150;
const SETTLE_MS = 700;

let active: ReturnType<typeof watchBanners> | undefined;
let bannerHtml = '';
const errors: unknown[] = [];
const onError = (event: Event) => errors.push((event as ErrorEvent).error ?? event);

function watch(extra: Partial<WatcherOptions> = {}) {
  const prompts: PromptReport[] = [];
  let next = 0;
  const watcher = watchBanners(
    document,
    { prompt: (r) => prompts.push(r), decision: () => undefined },
    { newId: () => `id-${++next}`, now: () => Date.now(), throttleMs: THROTTLE_MS, settleMs: SETTLE_MS, ...extra },
  );
  active = watcher;
  return { prompts, watcher };
}

/** The real banner of the fixture page, shown now at `parent` (default: the end of the body). */
function showBanner(parent: ParentNode = document.body): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = bannerHtml;
  const banner = holder.firstElementChild as HTMLElement;
  parent.appendChild(banner);
  return banner;
}

function expectBounded(watcher: ReturnType<typeof watchBanners>) {
  const s = watcher.stats;
  expect(s.scans).toBeGreaterThan(0);
  expect(s.maxVisited).toBeGreaterThan(0);
  expect(s.maxVisited).toBeLessThanOrEqual(MAX_SCAN_VISITS);
}

beforeEach(() => {
  vi.useFakeTimers();
  loadFixtureIntoDocument('banner-en.html');
  const banner = document.querySelector('.cookie-notice') as HTMLElement;
  bannerHtml = banner.outerHTML;
  banner.remove();
  errors.length = 0;
  window.addEventListener('error', onError);
  vi.spyOn(console, 'error');
});

afterEach(() => {
  active?.dispose();
  active = undefined;
  vi.useRealTimers();
  window.removeEventListener('error', onError);
  // No uncaught error anywhere (an error thrown in a MutationObserver callback or a timer lands here).
  expect(errors).toEqual([]);
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('deep nesting', () => {
  it('5,000 nested elements: no overflow, bounded scans, a banner shown later and one at the bottom are both reported', () => {
    // happy-dom itself recurses once per level (querySelectorAll, textContent, insertion) and needs
    // a larger stack than Node's default for this page; a browser's native DOM does not. The page
    // is therefore built and scanned in a child process with a 7 MB stack (support/deep-dom.ts).
    const script = join(import.meta.dirname, 'support', 'deep-dom.ts');
    const stdout = execFileSync(process.execPath, ['--stack-size=7000', '--import', 'tsx', script, '5000'], { encoding: 'utf8', timeout: 240_000 });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      errors: string[];
      later: { before: number; prompts: string[]; stats: { maxVisited: number; exhaustedScans: number } };
      bottom: { found: number; budget: { visited: number; exhausted: boolean }; prompts: string[]; stats: { maxVisited: number } };
    };
    expect(out.errors).toEqual([]);
    expect(out.later.before).toBe(0);
    expect(out.later.prompts).toEqual([expect.stringMatching(/^We and our advertising partners use cookies/u)]);
    expect(out.bottom.found).toBe(1);
    expect(out.bottom.prompts).toEqual([expect.stringMatching(/^We and our advertising partners use cookies/u)]);
    for (const stats of [out.later.stats, out.bottom.stats]) {
      expect(stats.maxVisited).toBeGreaterThan(0);
      expect(stats.maxVisited).toBeLessThanOrEqual(MAX_SCAN_VISITS);
    }
    expect(out.bottom.budget.exhausted).toBe(false);
  });

  it('readableText on 1,000,000 nested nodes (far deeper than the JS stack can recurse) returns', () => {
    // A node chain shaped like the DOM as readableText reads it (nodeType, tagName, firstChild,
    // nextSibling, nodeValue, shadowRoot): the recursion is cut at its depth limit, not by a RangeError.
    type FakeNode = { nodeType: number; tagName?: string; nodeValue?: string; firstChild: FakeNode | null; nextSibling: null; shadowRoot: null };
    const root: FakeNode = { nodeType: 1, tagName: 'DIV', firstChild: null, nextSibling: null, shadowRoot: null };
    let current = root;
    for (let i = 0; i < 1_000_000; i++) {
      const child: FakeNode = i % 1000 === 0 ? { nodeType: 1, tagName: 'DIV', firstChild: null, nextSibling: null, shadowRoot: null } : { nodeType: 1, tagName: 'SPAN', firstChild: null, nextSibling: null, shadowRoot: null };
      current.firstChild = child;
      current = child;
    }
    current.firstChild = { nodeType: 3, nodeValue: 'deep text', firstChild: null, nextSibling: null, shadowRoot: null };
    let text = 'unset';
    expect(() => (text = readableText(root as unknown as Element))).not.toThrow();
    expect(text).toBe(''); // what lies below the depth limit is not read
  });
});

describe('shadow roots and iframes', () => {
  it('1,000 shadow roots side by side, each with consent-like text and a button: bounded scans, and the real banner is found', async () => {
    for (let i = 0; i < 1000; i++) {
      const host = document.createElement('x-widget');
      host.attachShadow({ mode: 'open' }).innerHTML = `<p>Widget ${i} uses cookies to remember you.</p><button>More ${i}</button>`;
      document.body.appendChild(host);
    }
    const { prompts, watcher } = watch();
    showBanner();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + THROTTLE_MS);
    expect(prompts).toHaveLength(1);
    expectBounded(watcher);
  });

  it('1,000 nested shadow roots (each host inside the previous root): no overflow, bounded, banner found', async () => {
    let root: ParentNode = document.body;
    for (let i = 0; i < 1000; i++) {
      const host = document.createElement('x-nest');
      root.appendChild(host);
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.appendChild(document.createTextNode(`level ${i} cookies `));
      root = shadow;
    }
    const { prompts, watcher } = watch();
    showBanner();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + THROTTLE_MS);
    expect(prompts).toHaveLength(1);
    expectBounded(watcher);
  });

  it('a banner inside a web component (one of the first shadow roots) is still found among 1,000', () => {
    const first = document.createElement('x-consent');
    document.body.appendChild(first);
    showBanner(first.attachShadow({ mode: 'open' }));
    for (let i = 0; i < 999; i++) document.body.appendChild(document.createElement('x-widget')).attachShadow({ mode: 'open' }).innerHTML = `<span>${i}</span>`;
    const { prompts, watcher } = watch();
    expect(prompts).toHaveLength(1);
    expectBounded(watcher);
  });

  it('100 iframes: the top frame scan does not enter them, stays bounded, and finds the banner', async () => {
    for (let i = 0; i < 100; i++) {
      const frame = document.createElement('iframe');
      frame.setAttribute('srcdoc', `<p>We use cookies ${i}</p><button>Accept all</button>`);
      frame.setAttribute('title', `ad ${i}`);
      document.body.appendChild(frame);
    }
    const { prompts, watcher } = watch();
    expect(prompts).toHaveLength(0); // a frame's own banner is its own content script's business
    showBanner();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + THROTTLE_MS);
    expect(prompts).toHaveLength(1);
    expectBounded(watcher);
  });
});

describe('a page that asks for more work than a scan may do', () => {
  it('10,000 answer-like buttons: the scan stops at its budget and says so', () => {
    const box = document.createElement('div');
    box.innerHTML = Array.from({ length: 10_000 }, (_, i) => `<div><p>We use cookies (${i}).</p><button>Accept all</button></div>`).join('');
    document.body.appendChild(box);
    const budget: ScanBudget = { maxVisits: MAX_SCAN_VISITS, visited: 0, exhausted: false };
    expect(() => findBanners(document, { budget })).not.toThrow();
    expect(budget.exhausted).toBe(true);
    expect(budget.visited).toBeLessThanOrEqual(MAX_SCAN_VISITS);
    const { watcher } = watch();
    expect(watcher.stats.exhaustedScans).toBeGreaterThan(0);
    expectBounded(watcher);
  });

  it('a banner found before the budget ran out keeps its text and controls (found in Chromium by browser-dom-pressure)', () => {
    // 20,000 nodes and 1,000 shadow roots spend a small budget in the shadow-root search, after the banner was found.
    const hosts = document.createElement('div');
    for (let i = 0; i < 1000; i++) hosts.appendChild(document.createElement('div')).attachShadow({ mode: 'open' }).appendChild(document.createElement('p')).append(`x${i}`);
    const storm = document.createElement('div');
    for (let i = 0; i < 20_000; i++) storm.appendChild(document.createElement('span'));
    const banner = document.createElement('div');
    banner.innerHTML = '<p>We and our partners use cookies to personalise ads and measure traffic.</p><button>Accept all</button> <button>Reject all</button>';
    document.body.append(storm, hosts, banner);
    const budget: ScanBudget = { maxVisits: 5_000, visited: 0, exhausted: false };
    const [found] = findBanners(document, { budget, isVisible: () => true });
    expect(budget.exhausted).toBe(true);
    expect(found?.text).toContain('We and our partners use cookies');
    expect(found?.controls.map((c) => c.role)).toEqual(['accept-all', 'reject-all']);
  });
});

describe('mutation storm', () => {
  /** 50,000 nodes a second: 500 every 10 ms, each batch replacing the previous one, for `ms`. */
  function storm(ms: number, container: HTMLElement): () => void {
    let tick = 0;
    let previous: Element[] = [];
    const timer = setInterval(() => {
      tick++;
      const fragment = document.createDocumentFragment();
      const added: Element[] = [];
      for (let i = 0; i < 250; i++) {
        // 250 elements, each with its text node: 500 nodes.
        const el = document.createElement(i % 3 ? 'span' : 'div');
        // Consent words, so the watcher's prefilter cannot dismiss the storm as irrelevant.
        el.textContent = `cookies consent accept ${tick}-${i}`;
        added.push(el);
        fragment.appendChild(el);
      }
      container.appendChild(fragment);
      for (const el of previous) el.remove();
      previous = added;
      container.className = tick % 2 ? 'a' : 'b';
    }, 10);
    const end = setTimeout(() => clearInterval(timer), ms);
    return () => {
      clearInterval(timer);
      clearTimeout(end);
    };
  }

  it('50,000 nodes per second for 4 s: the watcher backs off, stays bounded, then reports a real banner', async () => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const { prompts, watcher } = watch();
    const stop = storm(4000, container);
    const startScans = watcher.scans;
    for (let t = 0; t < 4000; t += 500) await vi.advanceTimersByTimeAsync(500);
    stop();
    const stormScans = watcher.scans - startScans;
    // At the base throttle a 4 s storm costs 4000 / 150 = 26 scans; backing off (150, 300, 600,
    // 1200, 2400 ms...) it costs about 5.
    expect(stormScans).toBeGreaterThan(2);
    expect(stormScans).toBeLessThanOrEqual(8);
    expect(watcher.stats.throttleMs).toBeGreaterThan(THROTTLE_MS);
    expectBounded(watcher);

    // The storm is over: after a quiet moment the watcher is back to its base rate and sees a banner.
    await vi.advanceTimersByTimeAsync(10_000);
    showBanner();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + THROTTLE_MS + 10);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.banner.element.isConnected).toBe(true);
    expect(watcher.stats.throttleMs).toBe(THROTTLE_MS);
  });

  it('a banner shown in the middle of a storm is reported within the backed-off delay', async () => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const { prompts, watcher } = watch();
    const stop = storm(10_000, container);
    for (let t = 0; t < 3000; t += 500) await vi.advanceTimersByTimeAsync(500);
    showBanner();
    await vi.advanceTimersByTimeAsync(watcher.stats.maxThrottleMs + 100);
    expect(prompts).toHaveLength(1);
    for (let t = 3000 + watcher.stats.maxThrottleMs + 100; t < 10_000; t += 500) await vi.advanceTimersByTimeAsync(500);
    stop();
    // 10 s of storm is 66 scans at the base rate (and a storm of a minute would use up maxScans =
    // 400 and stop the watcher for good); backing off keeps it to a handful.
    expect(watcher.scans).toBeLessThan(12);
  });
});
