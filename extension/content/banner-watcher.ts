/**
 * Watches a page for consent banners and for the person's answer to them.
 *
 * - scans once at start, then after DOM changes (debounced, throttled, and one "settle" scan a
 *   little later so banners that fade in are seen once they are visible);
 * - reports each banner once per page load;
 * - turns a trusted click (a real person's, not a page script's `el.click()`) on a classified
 *   control of a reported banner into a decision.
 * DOM access only; sending is injected so the same watcher runs under happy-dom in tests.
 */
import { findBanners, type DetectedBanner } from '../../src/detect/cookie-banner.ts';
import type { ActionRole } from '../../src/model.ts';

export interface PromptReport {
  id: string;
  banner: DetectedBanner;
  time: number;
}

export interface DecisionReport {
  id: string;
  promptId: string;
  role: ActionRole;
  label: string;
  time: number;
}

export interface WatcherSink {
  prompt(report: PromptReport): void;
  decision(report: DecisionReport): void;
}

export interface WatcherOptions {
  newId: () => string;
  now: () => number;
  /** Minimum time between two scans. */
  throttleMs?: number;
  /** A scan this long after the last change, for banners that fade in. */
  settleMs?: number;
  /** After this many scans the watcher stops observing (a page that never settles). */
  maxScans?: number;
  /**
   * Whether a click is the person's own. Default: `event.isTrusted` (false for a page script's
   * `el.click()` or dispatched event). Tests under happy-dom, where no event is trusted, pass their own.
   */
  isTrustedClick?: (event: Event) => boolean;
}

interface KnownControl {
  promptId: string;
  role: ActionRole;
  label: string;
}

/** Controls whose click answers the prompt; "other" ones (a policy link, "learn more") do not. */
const answering = (banner: DetectedBanner) => banner.controls.filter((c) => c.role !== 'other');

export function watchBanners(doc: Document, sink: WatcherSink, options: WatcherOptions) {
  const throttleMs = options.throttleMs ?? 150;
  const settleMs = options.settleMs ?? 700;
  const maxScans = options.maxScans ?? 400;
  const isTrustedClick = options.isTrustedClick ?? ((event: Event) => event.isTrusted);
  const view = doc.defaultView;
  const reported = new WeakMap<Element, string>(); // banner element -> prompt id
  const promptByText = new Map<string, string>(); // banner text -> prompt id (re-renders)
  const controls = new WeakMap<Element, KnownControl>();
  let scans = 0;
  let lastScan = -Infinity;
  let scanTimer: ReturnType<typeof setTimeout> | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function scan(): void {
    scanTimer = undefined;
    if (stopped) return;
    scans++;
    lastScan = options.now();
    for (const banner of findBanners(doc)) {
      const known = reported.get(banner.element) ?? promptByText.get(banner.text);
      if (known !== undefined) {
        // Same banner, or a re-render of it with new elements: its controls answer the same prompt.
        reported.set(banner.element, known);
        for (const c of answering(banner)) controls.set(c.element, { promptId: known, role: c.role, label: c.label });
        continue;
      }
      const id = options.newId();
      reported.set(banner.element, id);
      promptByText.set(banner.text, id);
      for (const c of answering(banner)) controls.set(c.element, { promptId: id, role: c.role, label: c.label });
      sink.prompt({ id, banner, time: options.now() });
    }
    if (scans >= maxScans) stop();
  }

  function schedule(): void {
    if (stopped) return;
    if (scanTimer === undefined) {
      const wait = Math.max(0, throttleMs - (options.now() - lastScan));
      scanTimer = setTimeout(scan, wait);
    }
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = undefined;
      if (scanTimer === undefined) scan();
    }, settleMs);
  }

  function onClick(event: Event): void {
    if (!isTrustedClick(event)) return; // a page script's synthetic click is not the person's decision
    for (const target of event.composedPath()) {
      const known = controls.get(target as Element);
      if (!known) continue;
      sink.decision({ id: options.newId(), promptId: known.promptId, role: known.role, label: known.label, time: options.now() });
      return;
    }
  }

  const Observer = view?.MutationObserver;
  const observer = Observer ? new Observer(schedule) : null;
  observer?.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'open', 'aria-hidden'],
  });
  doc.addEventListener('click', onClick, true);
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
      doc.removeEventListener('click', onClick, true);
    },
    get scans() {
      return scans;
    },
  };
}
