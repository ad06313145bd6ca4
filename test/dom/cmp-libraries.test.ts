/**
 * The generic detector on banners rendered by real open-source consent libraries: klaro 0.7,
 * Osano cookieconsent 3.1 and tarteaucitron.js 1.34. Each fixture (fixtures/cmp-*.html) is the
 * DOM Chromium had once the library showed its banner on test/e2e/pages/<page>.html, with the
 * scripts removed and the library's stylesheet inlined (happy-dom's checkVisibility reads it, so
 * what the library hides with CSS stays hidden here too).
 */
import { describe, expect, it } from 'vitest';
import { findBanners, type DetectedBanner } from '../../src/detect/cookie-banner.ts';
import { roleFromLabel } from '../../src/detect/classify-control.ts';
import { loadFixture } from './fixture-loader.ts';

function onlyBanner(doc: Document): DetectedBanner {
  const banners = findBanners(doc);
  expect(banners).toHaveLength(1);
  return banners[0] as DetectedBanner;
}

const labelsAndRoles = (banner: DetectedBanner) => banner.controls.map((c) => [c.label, c.role]);

describe('klaro 0.7 consent notice (cmp-klaro.html)', () => {
  const file = 'cmp-klaro.html';

  it('finds the notice with settings, reject-all and accept-all ("That\'s ok")', () => {
    const banner = onlyBanner(loadFixture(file));
    expect(labelsAndRoles(banner)).toEqual([
      ['Let me choose', 'settings'],
      ['I decline', 'reject-all'],
      ["That's ok", 'accept-all'],
    ]);
  });

  it('reads klaro\'s accept label "That\'s ok" as accept-all', () => {
    expect(roleFromLabel("That's ok")).toBe('accept-all');
  });

  it('with only the accept label changed to "Accept all", finds the notice and nothing else', () => {
    const doc = loadFixture(file);
    const accept = doc.querySelector('#klaro-cookie-notice .cn-buttons .cm-btn-success') as Element;
    expect(accept.textContent).toBe("That's ok");
    accept.textContent = 'Accept all';
    const banner = onlyBanner(doc);
    const notice = doc.getElementById('klaro-cookie-notice') as Element;
    expect(banner.element === notice || banner.element.contains(notice)).toBe(true);
    expect(banner.element.contains(doc.querySelector('article'))).toBe(false);
    expect(banner).toMatchObject({ kind: 'consent-dialog', language: 'en', detector: 'generic' });
    expect(banner.text).toContain('Could we please enable some additional services');
    expect(labelsAndRoles(banner)).toEqual([
      ['Let me choose', 'settings'],
      ['I decline', 'reject-all'],
      ['Accept all', 'accept-all'],
    ]);
  });
});

describe('Osano cookieconsent 3.1, type "opt-in" (cmp-osano-cookieconsent.html)', () => {
  const file = 'cmp-osano-cookieconsent.html';

  it('finds its window as one consent dialog with "Decline" (reject-all) and "Allow cookies" (accept-all)', () => {
    const doc = loadFixture(file);
    const banner = onlyBanner(doc);
    const window = doc.querySelector('.cc-window') as Element;
    expect(banner.element).toBe(window);
    expect(banner).toMatchObject({ kind: 'consent-dialog', language: 'en', detector: 'generic' });
    expect(banner.text).toBe('This website uses cookies to ensure you get the best experience on our website. Learn more Decline Allow cookies');
    // The controls are <a role="button"> with aria-labels ("deny cookies"); the visible text wins.
    expect(labelsAndRoles(banner)).toEqual([
      ['Learn more', 'other'],
      ['Decline', 'reject-all'],
      ['Allow cookies', 'accept-all'],
    ]);
  });
});

describe('tarteaucitron.js 1.34, highPrivacy with DenyAllCta and AcceptAllCta (cmp-tarteaucitron.html)', () => {
  const file = 'cmp-tarteaucitron.html';
  const barText = 'This site uses cookies and gives you control over what you want to activate';

  it('finds one banner whose controls are the visible bar\'s: "OK, accept all" and "Deny all cookies" among them', () => {
    const doc = loadFixture(file);
    const banner = onlyBanner(doc);
    const bar = doc.getElementById('tarteaucitronAlertBig') as Element;
    expect(banner.element === bar || banner.element.contains(bar)).toBe(true);
    expect(banner).toMatchObject({ language: 'en', detector: 'generic' });
    expect(banner.text).toContain(barText);
    // The management panel (#tarteaucitron, hidden by the library's CSS) has its own "Allow all
    // cookies" / "Deny all cookies" and per-service buttons: none of them may be listed.
    expect(banner.controls.map((c) => c.label)).toEqual(['OK, accept all', 'Deny all cookies', 'Personalize', 'Privacy policy']);
    expect(banner.controls.map((c) => c.role)).toEqual(expect.arrayContaining(['accept-all', 'reject-all']));
    expect(banner.controls.find((c) => c.label === 'Deny all cookies')?.element.id).toBe('tarteaucitronAllDenied2');
  });

  it('reads "Personalize" (opens the services panel) as settings', () => {
    const banner = onlyBanner(loadFixture(file));
    expect(banner.controls.find((c) => c.label === 'Personalize')?.role).toBe('settings');
  });

  it('records the text of the bar the person sees, not of the hidden panel around it', () => {
    const banner = onlyBanner(loadFixture(file));
    expect(banner.text).not.toContain('Cookies management panel');
    expect(banner.text.startsWith(barText)).toBe(true);
  });

  it('does not read the category toggle "Specific consent for Google services" as accept-all', () => {
    const doc = loadFixture(file);
    const toggle = doc.querySelector('button.catToggleBtn[data-cat="tarteaucitronDetailsgoogle"]') as Element;
    expect(toggle.textContent?.trim()).toBe('Specific consent for Google services');
    expect(roleFromLabel(toggle.textContent ?? '')).not.toBe('accept-all');
  });

  // Same cause: kindOf sees the hidden panel's role="dialog" inside #tarteaucitronRoot, so the
  // bottom bar (no role, not modal) is recorded as a consent dialog.
  it('records the bottom bar as a cookie banner, not a dialog', () => {
    const banner = onlyBanner(loadFixture(file));
    expect(banner.kind).toBe('cookie-banner');
  });
});
