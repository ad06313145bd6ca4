/**
 * The content-script watcher (extension/content/banner-watcher.ts) on a live happy-dom document.
 *
 * Timers: happy-dom's MutationObserver delivers its records in a microtask, so vi.useFakeTimers()
 * (which leaves microtasks alone) drives the watcher's throttle / settle timers deterministically;
 * one test repeats the late-banner case with real timers to show the two agree.
 *
 * Clicks: in happy-dom `el.click()` and `dispatchEvent` give events whose `isTrusted` is not true,
 * and the watcher rightly ignores untrusted clicks. Most decision tests therefore pass the option
 * `isTrustedClick: () => true`; the default (`event.isTrusted`) is covered with `personClick`, a
 * click event whose own `isTrusted` property is set to true.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  watchBanners,
  type DecisionReport,
  type PromptReport,
  type WatcherOptions,
} from '../../extension/content/banner-watcher.ts';
import { loadFixtureIntoDocument } from './fixture-loader.ts';

const THROTTLE_MS = 50;
const SETTLE_MS = 120;

let active: ReturnType<typeof watchBanners> | undefined;

function watch(extra: Partial<WatcherOptions> = {}) {
  const prompts: PromptReport[] = [];
  const decisions: DecisionReport[] = [];
  let next = 0;
  const options: WatcherOptions = {
    newId: () => `id-${++next}`,
    now: () => Date.now(),
    throttleMs: THROTTLE_MS,
    settleMs: SETTLE_MS,
    ...extra,
  };
  const watcher = watchBanners(document, { prompt: (r) => prompts.push(r), decision: (d) => decisions.push(d) }, options);
  active = watcher;
  return { prompts, decisions, watcher };
}

/** Lets the watcher see every pending change: observer microtasks, throttle and settle timers. */
async function settle(ms = SETTLE_MS + THROTTLE_MS + 10): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/** A click as a person's would be seen by the watcher: `isTrusted` true. */
function personClick(target: Element): void {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

function banner(): HTMLElement {
  return document.querySelector('.cookie-notice') as HTMLElement;
}

function rejectButton(): HTMLElement {
  return document.querySelector('.cookie-notice .cn-reject') as HTMLElement;
}

beforeEach(() => {
  vi.useFakeTimers();
  loadFixtureIntoDocument('banner-en.html');
});

afterEach(() => {
  active?.dispose();
  active = undefined;
  vi.useRealTimers();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('prompts', () => {
  it('a banner present at start is reported once, however often the page changes', async () => {
    const { prompts, watcher } = watch();
    expect(prompts).toHaveLength(1);
    const [prompt] = prompts as [PromptReport];
    expect(prompt.id).toBe('id-1');
    expect(prompt.banner.element).toBe(banner());
    expect(prompt.banner.language).toBe('en');
    expect(prompt.banner.controls.map((c) => c.role)).toEqual(['other', 'accept-all', 'reject-all', 'settings']);

    for (let i = 0; i < 5; i++) {
      document.querySelector('main')?.insertAdjacentHTML('beforeend', `<p>Update ${i}: more news below.</p>`);
      banner().classList.toggle('is-animating');
      await settle();
    }
    expect(watcher.scans).toBeGreaterThanOrEqual(6);
    expect(prompts).toHaveLength(1);
  });

  it('a banner inserted 300 ms after start is reported', async () => {
    const html = banner().outerHTML;
    banner().remove();
    const start = Date.now();
    const { prompts } = watch();
    setTimeout(() => document.body.insertAdjacentHTML('beforeend', html), 300);

    await vi.advanceTimersByTimeAsync(299);
    expect(prompts).toHaveLength(0);
    await settle();
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.banner.element).toBe(banner());
    expect(prompts[0]?.time).toBeGreaterThanOrEqual(start + 300);
  });

  it('a page that never settles slows the watcher down (one scan per slowThrottleMs) but never blinds it', async () => {
    const html = banner().outerHTML;
    banner().remove();
    const { prompts, watcher } = watch({ maxScans: 10, slowThrottleMs: 1000 });
    for (let i = 0; i < 40; i++) {
      document.documentElement.classList.toggle('flip'); // always worth a look: CMPs show banners this way
      await settle(THROTTLE_MS + 5);
    }
    const used = watcher.scans;
    expect(used).toBeGreaterThanOrEqual(10);
    // Past the budget: changes every 50 ms for 2 s give about two scans, not forty.
    for (let i = 0; i < 40; i++) {
      document.documentElement.classList.toggle('flip');
      await settle(THROTTLE_MS);
    }
    expect(watcher.scans - used).toBeLessThanOrEqual(3);
    // A banner shown now is still found, within slowThrottleMs.
    document.body.insertAdjacentHTML('beforeend', html);
    await settle(1100);
    expect(prompts).toHaveLength(1);
  });

  it('a banner inserted 300 ms after start is reported (real timers)', async () => {
    vi.useRealTimers();
    const html = banner().outerHTML;
    banner().remove();
    const { prompts } = watch({ throttleMs: 20, settleMs: 40 });
    setTimeout(() => document.body.insertAdjacentHTML('beforeend', html), 300);

    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(prompts).toHaveLength(0);
    await vi.waitFor(() => expect(prompts).toHaveLength(1), { timeout: 2000, interval: 10 });
  });

  const REVEALS: { how: string; hide: (el: HTMLElement) => void; show: (el: HTMLElement) => void }[] = [
    {
      how: 'a class hidden by a <style> rule is removed',
      hide: (el) => {
        document.head.insertAdjacentHTML('beforeend', '<style>.is-hidden { display: none; }</style>');
        el.classList.add('is-hidden');
      },
      show: (el) => el.classList.remove('is-hidden'),
    },
    {
      how: 'inline display:none is removed',
      hide: (el) => el.setAttribute('style', 'display: none'),
      show: (el) => el.removeAttribute('style'),
    },
    {
      how: 'it fades in from opacity 0',
      hide: (el) => el.setAttribute('style', 'opacity: 0'),
      show: (el) => el.setAttribute('style', 'opacity: 1'),
    },
    {
      how: 'the hidden attribute is removed',
      hide: (el) => el.setAttribute('hidden', ''),
      show: (el) => el.removeAttribute('hidden'),
    },
  ];

  for (const r of REVEALS) {
    it(`a hidden banner is reported when shown: ${r.how}`, async () => {
      r.hide(banner());
      const { prompts } = watch();
      await settle(1000);
      expect(prompts).toHaveLength(0);

      r.show(banner());
      await settle();
      expect(prompts).toHaveLength(1);
      expect(prompts[0]?.banner.element).toBe(banner());
    });
  }

  it('re-rendering the same banner does not report a second prompt', async () => {
    const { prompts, watcher } = watch();
    const html = banner().outerHTML;
    const scansBefore = watcher.scans;

    banner().remove();
    await settle();
    document.body.insertAdjacentHTML('beforeend', html);
    await settle();

    expect(watcher.scans).toBeGreaterThan(scansBefore);
    expect(prompts).toHaveLength(1);

    // A new banner with other words is a new prompt: the watcher is still looking.
    banner().remove();
    document.body.insertAdjacentHTML('beforeend', html.replace('Read our cookie policy', 'Read how long we keep your choice'));
    await settle();
    expect(prompts).toHaveLength(2);
  });
});

describe('decisions', () => {
  it('a click on a link that does not answer the prompt (the cookie policy) is no decision', async () => {
    const { decisions } = watch({ isTrustedClick: () => true });
    const policyLink = [...banner().querySelectorAll('a')].find((a) => /cookie policy/iu.test(a.textContent ?? ''));
    expect(policyLink).toBeDefined();
    (policyLink as HTMLElement).click();
    await settle();
    expect(decisions).toEqual([]);
  });

  it('in happy-dom, el.click() is not trusted (why isTrustedClick is needed)', () => {
    const seen: unknown[] = [];
    document.addEventListener('click', (e) => seen.push(e.isTrusted), { once: true });
    rejectButton().click();
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toBe(true);
  });

  it('a click on the reject button is one reject-all decision for that prompt', async () => {
    const { prompts, decisions } = watch({ isTrustedClick: () => true });
    rejectButton().click();
    expect(decisions).toEqual([
      { id: 'id-2', promptId: prompts[0]?.id, kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: expect.any(Number) },
    ]);
  });

  it('isTrustedClick receives the click event', () => {
    const events: Event[] = [];
    const { decisions } = watch({ isTrustedClick: (e) => (events.push(e), true) });
    rejectButton().click();
    expect(events.map((e) => e.type)).toEqual(['click']);
    expect(decisions.map((d) => d.role)).toEqual(['reject-all']);
  });

  it('a click on the accept button of a banner inserted later is an accept-all decision for it', async () => {
    const html = banner().outerHTML;
    banner().remove();
    const { prompts, decisions } = watch({ isTrustedClick: () => true });
    document.body.insertAdjacentHTML('beforeend', html);
    await settle();
    expect(prompts).toHaveLength(1);
    (document.querySelector('.cookie-notice .cn-accept') as HTMLElement).click();
    expect(decisions.map((d) => [d.promptId, d.role, d.label])).toEqual([[prompts[0]?.id, 'accept-all', 'Accept all']]);
  });

  it('a synthetic (untrusted) click is not a decision, with the default options', () => {
    const { prompts, decisions } = watch();
    expect(prompts).toHaveLength(1);
    rejectButton().click();
    rejectButton().dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(decisions).toEqual([]);
  });

  it('isTrustedClick returning false ignores even a trusted click', () => {
    const { decisions } = watch({ isTrustedClick: () => false });
    personClick(rejectButton());
    expect(decisions).toEqual([]);
  });

  it('a trusted click on the reject button (or on a label inside it) is a decision, with the default options', () => {
    const { prompts, decisions } = watch();
    personClick(rejectButton());
    rejectButton().innerHTML = '<span class="label">Reject all</span>';
    personClick(rejectButton().querySelector('span') as Element);
    expect(decisions.map((d) => [d.promptId, d.role, d.label])).toEqual([
      [prompts[0]?.id, 'reject-all', 'Reject all'],
      [prompts[0]?.id, 'reject-all', 'Reject all'],
    ]);
  });

  it('a click on an unrelated page button or on the banner text is nothing', () => {
    document.querySelector('main')?.insertAdjacentHTML('beforeend', '<button type="button" id="load-more">Load more stories</button><button type="button" id="ok">OK</button>');
    const { decisions } = watch({ isTrustedClick: () => true });
    for (const target of ['#load-more', '#ok', 'nav a', '.cookie-notice p']) {
      const el = document.querySelector(target) as HTMLElement;
      el.click();
      personClick(el);
    }
    expect(decisions).toEqual([]);
  });

  it('after a re-render, a click on the new reject button is a decision for the first prompt', async () => {
    const { prompts, decisions } = watch();
    const html = banner().outerHTML;
    banner().remove();
    document.body.insertAdjacentHTML('beforeend', html);
    await settle();
    expect(prompts).toHaveLength(1);
    personClick(rejectButton());
    expect(decisions.map((d) => [d.promptId, d.role])).toEqual([[prompts[0]?.id, 'reject-all']]);
  });
});
