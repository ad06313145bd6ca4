/** Prompt kinds beyond the cookie banner, and single-page-app navigations. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findBanners } from '../../src/detect/cookie-banner.ts';
import { kindWithFacts } from '../../src/detect/prompt-facts.ts';
import { findSoftAsks } from '../../src/detect/soft-ask.ts';
import { watchBanners, type PromptReport } from '../../extension/content/banner-watcher.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('soft-asks and sign-up modals', () => {
  it.each([
    ['en', '<div class="push-modal" role="dialog"><p>We’d like to send you notifications about breaking news.</p><button>Allow</button><button>Not now</button></div>', ['accept-all', 'reject-all']],
    ['de', '<div role="dialog"><p>Möchten Sie Benachrichtigungen zu Eilmeldungen erhalten?</p><button>Zulassen</button><button>Nicht jetzt</button></div>', ['accept-all', 'reject-all']],
    ['zh', '<div role="dialog"><p>允许我们向您推送新闻通知吗？</p><button>允许所有</button><button>以后再说</button></div>', ['accept-all', 'reject-all']],
  ])('a notification soft-ask (%s)', (_lang, html, roles) => {
    document.body.innerHTML = `<main><p>Article.</p></main>${html}`;
    expect(findBanners(document)).toEqual([]); // not a cookie prompt
    const [ask] = findSoftAsks(document);
    expect(ask?.kind).toBe('notification-soft-ask');
    expect(ask?.controls.map((c) => c.role)).toEqual(roles);
  });

  it('a newsletter pop-up asking for an e-mail address', () => {
    document.body.innerHTML = `<main><p>Article.</p></main>
      <div class="newsletter-popup" role="dialog"><h2>Get our newsletter</h2><p>The week's best stories, every Friday.</p>
      <input type="email" placeholder="you@example.com"><button>Subscribe</button><button aria-label="Close">×</button></div>`;
    const [ask] = findSoftAsks(document);
    expect(ask?.kind).toBe('signup-modal');
    expect(ask?.controls.map((c) => [c.label, c.role])).toEqual([
      ['Subscribe', 'accept-all'],
      ['×', 'close'],
    ]);
  });

  it('ignores a newsletter form that is part of the page (a sidebar), but not the same form in a pop-up', () => {
    const form = '<h3>Newsletter</h3><p>Sign up for our weekly newsletter.</p><input type="email"><button>Sign up</button>';
    document.body.innerHTML = `<main><p>Article.</p></main><aside><section class="newsletter">${form}</section></aside>`;
    expect(findSoftAsks(document)).toEqual([]);
    document.body.insertAdjacentHTML('beforeend', `<div class="newsletter-overlay" style="position: fixed; inset: 20% 20%">${form}</div>`);
    expect(findSoftAsks(document).map((a) => a.kind)).toEqual(['signup-modal']);
  });

  it('ignores modals that ask for nothing, hidden ones, and the page behind', () => {
    document.body.innerHTML = `
      <div class="modal" role="dialog"><p>Your order was placed.</p><button>OK</button></div>
      <div class="modal" role="dialog" hidden><p>Turn on notifications?</p><button>Allow</button></div>
      <main><p>Turn on notifications in your phone's settings to get alerts.</p><button>Allow</button></main>`;
    expect(findSoftAsks(document)).toEqual([]);
  });
});

describe('cookie walls', () => {
  const facts = (blocksPage: boolean) => ({ toggles: [], blocksPage, policyLink: true });
  it.each([
    [true, ['accept-all', 'settings'], 'cookie-wall'],
    [true, ['accept-all', 'pay'], 'pay-or-accept'],
    [true, ['accept-all', 'reject-all'], 'consent-dialog'],
    [true, ['accept-all', 'close'], 'consent-dialog'],
    [false, ['accept-all'], 'consent-dialog'],
  ] as const)('blocks=%s offers %j -> %s', (blocks, roles, kind) => {
    expect(kindWithFacts('consent-dialog', facts(blocks), roles)).toBe(kind);
  });

  it('leaves soft-asks alone', () => {
    expect(kindWithFacts('signup-modal', facts(true), ['accept-all'])).toBe('signup-modal');
  });
});

describe('single-page apps', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a page that rewrites itself costs no scans until a prompt could be among the changes', async () => {
    document.body.innerHTML = '<main><ul id="list"></ul></main>';
    const prompts: PromptReport[] = [];
    const watcher = watchBanners(document, { prompt: (p) => prompts.push(p), decision: () => undefined }, { newId: () => 'id-1', now: () => Date.now(), throttleMs: 20, settleMs: 50 });
    const scansAtStart = watcher.scans;
    for (let round = 0; round < 50; round++) {
      (document.getElementById('list') as HTMLElement).innerHTML = Array.from({ length: 100 }, (_, i) => `<li class="item">Item ${round}-${i}</li>`).join('');
      await vi.advanceTimersByTimeAsync(30);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(watcher.scans).toBe(scansAtStart);
    // A consent API saying its interface is on screen asks for a scan, whatever the DOM did.
    watcher.rescan();
    await vi.advanceTimersByTimeAsync(30);
    expect(watcher.scans).toBe(scansAtStart + 1);
    document.body.insertAdjacentHTML('beforeend', '<div class="cc"><p>We use cookies for analytics.</p><button>Accept all</button><button>Reject all</button></div>');
    await vi.advanceTimersByTimeAsync(200);
    expect(watcher.scans).toBeGreaterThan(scansAtStart + 1);
    expect(prompts).toHaveLength(1);
    watcher.dispose();
  });

  it('the same banner drawn again after a history navigation is a new prompt', async () => {
    const banner = '<div class="cc"><p>We use cookies for analytics.</p><button>Accept all</button><button>Reject all</button></div>';
    document.body.innerHTML = `<main id="app"><p>Home</p></main>${banner}`;
    const prompts: PromptReport[] = [];
    let n = 0;
    const watcher = watchBanners(document, { prompt: (p) => prompts.push(p), decision: () => undefined }, { newId: () => `id-${++n}`, now: () => Date.now(), throttleMs: 20, settleMs: 50 });
    expect(prompts).toHaveLength(1);

    // Same URL, banner re-rendered: still one prompt.
    document.querySelector('.cc')?.remove();
    document.body.insertAdjacentHTML('beforeend', banner);
    await vi.advanceTimersByTimeAsync(200);
    expect(prompts).toHaveLength(1);

    // The app navigates; its router draws the banner again: a new page view, a new prompt.
    history.pushState({}, '', '/article/42');
    document.querySelector('.cc')?.remove();
    document.body.insertAdjacentHTML('beforeend', banner);
    await vi.advanceTimersByTimeAsync(1200);
    expect(prompts).toHaveLength(2);
    watcher.dispose();
  });
});
