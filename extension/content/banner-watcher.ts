/**
 * Watches a page for consent banners and for the person's answer to them.
 *
 * - scans once at start, then after DOM changes (debounced, throttled, and one "settle" scan a
 *   little later so banners that fade in are seen once they are visible);
 * - reports each banner once per page load, with the facts the validity flags need (toggles,
 *   policy link, page blocking, each control's prominence);
 * - a banner that appears within LAYER_WINDOW_MS of a click on a prompt's settings control is that
 *   prompt's next layer, not a new prompt;
 * - turns a trusted click (a real person's, not a page script's `el.click()`) on an answering
 *   control into a decision: saving from a layer is a "custom" decision with each purpose's state;
 * - a banner that disappears unanswered is "implied" consent when the person had scrolled, else
 *   "dismissed".
 * DOM access only; sending is injected so the same watcher runs under happy-dom in tests.
 */
import { findBanners, isProbablyVisible, MAX_SCAN_VISITS, type DetectedBanner, type ScanBudget } from '../../src/detect/cookie-banner.ts';
import { factsOf, kindWithFacts, prominenceOf, togglesIn } from '../../src/detect/prompt-facts.ts';
import { IMPLIED_CONSENT } from '../../src/detect/lexicon.ts';
import { mayHoldPrompt } from '../../src/detect/prefilter.ts';
import { findSoftAsks } from '../../src/detect/soft-ask.ts';
import { decisionKindOf, type ActionRole, type ReportedDecisionKind, type OfferedAction, type PromptFacts, type PurposeChoice, type PurposeToggle } from '../../src/model.ts';

export interface PromptReport {
  id: string;
  banner: DetectedBanner;
  actions: OfferedAction[];
  facts: PromptFacts;
  time: number;
}

export interface LayerReport {
  promptId: string;
  actions: OfferedAction[];
  toggles: PurposeToggle[];
  time: number;
}

export interface DecisionReport {
  id: string;
  promptId: string;
  kind: ReportedDecisionKind;
  role: ActionRole | null;
  label: string;
  choices?: PurposeChoice[];
  time: number;
}

export interface WatcherSink {
  prompt(report: PromptReport): void;
  layer?(report: LayerReport): void;
  decision(report: DecisionReport): void;
}

export interface WatcherOptions {
  newId: () => string;
  now: () => number;
  /** Minimum time between two scans. */
  throttleMs?: number;
  /** A scan this long after the last change, for banners that fade in. */
  settleMs?: number;
  /**
   * After this many scans (a page that never settles) the watcher slows down to one scan per
   * `slowThrottleMs`, with no settle scans. It does not stop: a page could otherwise spend the budget
   * on purpose (flip a class 400 times) and then show its banner unseen.
   */
  maxScans?: number;
  slowThrottleMs?: number;
  /**
   * Whether a click is the person's own. Default: `event.isTrusted` (false for a page script's
   * `el.click()` or dispatched event). Tests under happy-dom, where no event is trusted, pass their own.
   */
  isTrustedClick?: (event: Event) => boolean;
}

/** A banner shown this soon after a settings click is that prompt's next layer. */
export const LAYER_WINDOW_MS = 10_000;

/**
 * Back-off under a flood of DOM changes: when FLOOD_BATCHES relevant change batches, or
 * FLOOD_NODES added nodes, arrived since the last scan, the time between scans doubles, up to
 * MAX_THROTTLE_MS; it returns to `throttleMs` once the page has been quiet for `settleMs`. A page
 * that mutates without pause (a ticker, or a page trying to keep the content script busy) costs a
 * scan every few seconds, not several a second, and takes far longer to use up `maxScans` (after
 * which the watcher slows to one scan per `slowThrottleMs`, and never stops).
 */
const FLOOD_BATCHES = 10;
const FLOOD_NODES = 2000;
export const MAX_THROTTLE_MS = 4000;

interface KnownControl {
  promptId: string;
  role: ActionRole;
  label: string;
  container: Element; // the banner or layer it belongs to
}

interface Tracked {
  id: string;
  element: Element;
  text: string;
  shownAt: number;
  answered: boolean; // a decision (or a move to another layer) was recorded
}

/** Controls whose click means something; "other" ones (a policy link, "learn more") do not. */
const answering = (banner: DetectedBanner) => banner.controls.filter((c) => c.role !== 'other');

const offered = (banner: DetectedBanner): OfferedAction[] =>
  banner.controls.map((c) => {
    const prominence = prominenceOf(c.element);
    return prominence ? { label: c.label, role: c.role, prominence } : { label: c.label, role: c.role };
  });

export function watchBanners(doc: Document, sink: WatcherSink, options: WatcherOptions) {
  const throttleMs = options.throttleMs ?? 150;
  const settleMs = options.settleMs ?? 700;
  const maxScans = options.maxScans ?? 400;
  const slowThrottleMs = options.slowThrottleMs ?? 5000;
  const isTrustedClick = options.isTrustedClick ?? ((event: Event) => event.isTrusted);
  const view = doc.defaultView;
  const reported = new WeakMap<Element, string>(); // banner or layer element -> prompt id
  const promptByText = new Map<string, string>(); // banner text -> prompt id (re-renders)
  const controls = new WeakMap<Element, KnownControl>();
  const tracked: Tracked[] = [];
  let pendingLayer: { promptId: string; until: number } | null = null;
  let lastScrollAt = -Infinity;
  let scans = 0;
  let lastScan = -Infinity;
  let throttle = throttleMs;
  let batchesSinceScan = 0;
  let nodesSinceScan = 0;
  const stats = { lastVisited: 0, maxVisited: 0, exhaustedScans: 0 };
  let scanTimer: ReturnType<typeof setTimeout> | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let href = view?.location.href ?? '';

  /**
   * A single-page app moved to another URL: a new page view. The same banner drawn again there is
   * shown again (a new prompt), and a watcher that ran out of scan budget starts afresh.
   */
  function noticeNavigation(): void {
    const now = view?.location.href ?? '';
    if (now === href) return;
    href = now;
    promptByText.clear();
    scans = 0;
    if (stopped) start();
  }

  function learn(banner: DetectedBanner, promptId: string): void {
    for (const c of answering(banner)) controls.set(c.element, { promptId, role: c.role, label: c.label, container: banner.element });
  }

  function scan(): void {
    scanTimer = undefined;
    if (stopped) return;
    scans++;
    lastScan = options.now();
    if (batchesSinceScan >= FLOOD_BATCHES || nodesSinceScan >= FLOOD_NODES) throttle = Math.min(throttle * 2, Math.max(MAX_THROTTLE_MS, throttleMs));
    batchesSinceScan = 0;
    nodesSinceScan = 0;
    noticeNavigation();
    const budget: ScanBudget = { maxVisits: MAX_SCAN_VISITS, visited: 0, exhausted: false };
    const banners = findBanners(doc, { budget });
    stats.lastVisited = budget.visited;
    stats.maxVisited = Math.max(stats.maxVisited, budget.visited);
    if (budget.exhausted) stats.exhaustedScans++;
    const inBanner = (el: Element) => reported.has(el) || banners.some((b) => b.element === el || b.element.contains(el) || el.contains(b.element));
    for (const banner of [...banners, ...findSoftAsks(doc, inBanner)]) {
      const known = reported.get(banner.element) ?? promptByText.get(banner.text);
      if (known !== undefined) {
        // Same banner, or a re-render of it with new elements: its controls answer the same prompt.
        reported.set(banner.element, known);
        learn(banner, known);
        const entry = tracked.find((t) => t.id === known);
        if (entry) entry.element = banner.element; // it did not vanish: it was drawn again
        continue;
      }
      const now = options.now();
      if (pendingLayer && now <= pendingLayer.until) {
        const promptId = pendingLayer.promptId;
        pendingLayer = null;
        reported.set(banner.element, promptId);
        promptByText.set(banner.text, promptId);
        learn(banner, promptId);
        sink.layer?.({ promptId, actions: offered(banner), toggles: togglesIn(banner.element), time: now });
        continue;
      }
      const id = options.newId();
      reported.set(banner.element, id);
      promptByText.set(banner.text, id);
      learn(banner, id);
      tracked.push({ id, element: banner.element, text: banner.text, shownAt: now, answered: false });
      const facts = factsOf(banner.element);
      const kind = kindWithFacts(banner.kind, facts, banner.controls.map((c) => c.role));
      sink.prompt({ id, banner: { ...banner, kind }, actions: offered(banner), facts, time: now });
    }
    checkVanished();
  }

  /** A first layer that went away with no answer: implied (after scrolling) or dismissed. */
  function checkVanished(): void {
    for (const t of tracked) {
      if (t.answered) continue;
      if (t.element.isConnected && isProbablyVisible(t.element)) continue;
      if (pendingLayer?.promptId === t.id) continue;
      t.answered = true;
      const kind: ReportedDecisionKind = lastScrollAt >= t.shownAt ? 'implied' : 'dismissed';
      sink.decision({ id: options.newId(), promptId: t.id, kind, role: null, label: '', time: options.now() });
    }
  }

  function schedule(): void {
    if (stopped) return;
    batchesSinceScan++;
    const slow = scans >= maxScans;
    if (scanTimer === undefined) {
      // Past the scan budget: one scan per slowThrottleMs at most; before it, the (backed-off) pace.
      const wait = Math.max(0, (slow ? Math.max(slowThrottleMs, throttle) : throttle) - (options.now() - lastScan));
      scanTimer = setTimeout(scan, wait);
    }
    if (slow) return; // no settle scans for a page that never settles
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = undefined;
      throttle = throttleMs; // quiet again: back to the normal pace
      if (scanTimer === undefined) scan();
    }, settleMs);
  }

  function onClick(event: Event): void {
    if (!isTrustedClick(event)) return; // a page script's synthetic click is not the person's decision
    for (const target of event.composedPath()) {
      const known = controls.get(target as Element);
      if (!known) continue;
      const entry = tracked.find((t) => t.id === known.promptId);
      if (entry) entry.answered = true;
      if (known.role === 'settings') {
        pendingLayer = { promptId: known.promptId, until: options.now() + LAYER_WINDOW_MS };
        return;
      }
      const kind = decisionKindOf(known.role);
      if (kind === null) return;
      const choices =
        kind === 'custom' ? togglesIn(known.container).map((t) => ({ label: t.label, on: t.checked })) : undefined;
      sink.decision({
        id: options.newId(),
        promptId: known.promptId,
        kind,
        role: known.role,
        label: known.label,
        ...(choices ? { choices } : {}),
        time: options.now(),
      });
      return;
    }
  }

  const onScroll = (): void => {
    lastScrollAt = options.now();
  };

  /**
   * Leaving the page with a prompt still unanswered: where the prompt itself says that continuing
   * means consent ("by continuing to browse you accept"), the site now counts it as given - implied.
   */
  const onPageHide = (): void => {
    for (const t of tracked) {
      if (t.answered || !IMPLIED_CONSENT.test(t.text)) continue;
      t.answered = true;
      sink.decision({ id: options.newId(), promptId: t.id, kind: 'implied', role: null, label: '', time: options.now() });
    }
  };

  /** Whether a DOM change could have brought, shown or removed a prompt (see src/detect/prefilter.ts). */
  function relevant(record: MutationRecord): boolean {
    if (record.type === 'attributes') {
      const target = record.target as Element;
      // Classes on <html>/<body> are how many CMPs show their banner; elsewhere, read the element.
      return target === doc.documentElement || target === doc.body || mayHoldPrompt(target.textContent ?? '');
    }
    for (const node of Array.from(record.addedNodes)) {
      if (node.nodeType === 1 && mayHoldPrompt(node.textContent ?? '')) return true;
    }
    if (record.removedNodes.length && tracked.some((t) => !t.answered)) return true; // did a prompt vanish?
    return false;
  }

  const Observer = view?.MutationObserver;
  const observer = Observer
    ? new Observer((records) => {
        for (const record of records) nodesSinceScan += record.addedNodes.length;
        if (records.some(relevant)) schedule();
      })
    : null;
  function start(): void {
    stopped = false;
    observer?.observe(doc.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['class', 'style', 'hidden', 'open', 'aria-hidden'],
    });
  }
  start();
  doc.addEventListener('click', onClick, true);
  view?.addEventListener('scroll', onScroll, { passive: true, capture: true });
  view?.addEventListener('pagehide', onPageHide);
  // History navigations of single-page apps (pushState is invisible from here; the URL is not).
  const onHistory = (): void => {
    noticeNavigation();
    schedule();
  };
  view?.addEventListener('popstate', onHistory);
  const navigationTimer = setInterval(() => {
    if ((view?.location.href ?? '') !== href) onHistory();
  }, 1000);
  scan();

  function stop(): void {
    stopped = true;
    observer?.disconnect();
    if (scanTimer !== undefined) clearTimeout(scanTimer);
    if (settleTimer !== undefined) clearTimeout(settleTimer);
  }

  return {
    /** Stops observing; clicks on already reported banners are still recorded. */
    stop,
    /** Removes every listener. */
    dispose(): void {
      stop();
      clearInterval(navigationTimer);
      view?.removeEventListener('popstate', onHistory);
      view?.removeEventListener('pagehide', onPageHide);
      doc.removeEventListener('click', onClick, true);
      view?.removeEventListener('scroll', onScroll, { capture: true });
    },
    get scans() {
      return scans;
    },
    /**
     * The watcher's own counters, for tests and diagnostics (this object lives in the content
     * script's isolated world; nothing here is visible to the page): the work of the last and the
     * largest scan (findBanners visits), scans that hit their budget, the current time between scans.
     */
    get stats() {
      return { scans, ...stats, throttleMs: throttle, maxThrottleMs: Math.max(MAX_THROTTLE_MS, throttleMs) };
    },
    /** Scan soon, whatever the DOM did (e.g. a consent API says its interface is on screen). */
    rescan(): void {
      if (stopped) start();
      schedule();
    },
    /** Elements of the banners (and layers) reported so far, e.g. to look for controls outside them. */
    isReported(el: Element): boolean {
      return reported.has(el);
    },
  };
}
