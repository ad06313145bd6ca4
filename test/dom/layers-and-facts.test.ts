/**
 * The watcher's layered flows and the page facts the validity flags need, on live happy-dom
 * documents (no layout here: prominence is absent, visibility comes from markup and style sheets).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findBanners } from '../../src/detect/cookie-banner.ts';
import { contrastRatio, factsOf, parseColor, prominenceOf } from '../../src/detect/prompt-facts.ts';
import { findReopenControl } from '../../src/detect/reopen-control.ts';
import { watchBanners, type DecisionReport, type LayerReport, type PromptReport } from '../../extension/content/banner-watcher.ts';

const BANNER = `
<div id="banner" role="dialog" aria-label="Cookies">
  <p>We and our partners use cookies for analytics and personalised advertising. <a href="/privacy-policy">Privacy policy</a></p>
  <button id="accept">Accept all</button><button id="settings">Manage preferences</button>
</div>`;
const LAYER = `
<div id="layer" role="dialog" aria-label="Preferences">
  <h2>Cookie preferences</h2>
  <p>Choose which cookies we may use.</p>
  <label><input type="checkbox" checked disabled> Strictly necessary</label>
  <label><input id="t-analytics" type="checkbox" checked> Analytics</label>
  <label><input id="t-ads" type="checkbox"> Advertising</label>
  <button id="accept2">Accept all</button><button id="save">Save my choices</button>
</div>`;

let watcher: ReturnType<typeof watchBanners> | undefined;
function watch() {
  const prompts: PromptReport[] = [];
  const layers: LayerReport[] = [];
  const decisions: DecisionReport[] = [];
  let n = 0;
  watcher = watchBanners(
    document,
    { prompt: (r) => prompts.push(r), layer: (r) => layers.push(r), decision: (d) => decisions.push(d) },
    { newId: () => `id-${++n}`, now: () => Date.now(), throttleMs: 20, settleMs: 60, isTrustedClick: () => true },
  );
  return { prompts, layers, decisions };
}
const settle = () => vi.advanceTimersByTimeAsync(200);
const $ = (sel: string) => document.querySelector(sel) as HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = `<main><h1>News</h1><p>Story.</p></main>${BANNER}`;
});
afterEach(() => {
  watcher?.dispose();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('a layered flow', () => {
  it('settings -> layer -> save is one prompt, one layer with its toggles, one custom decision with the choices', async () => {
    const { prompts, layers, decisions } = watch();
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.facts).toEqual({ toggles: [], blocksPage: false, policyLink: true });

    $('#settings').click();
    $('#banner').remove();
    document.body.insertAdjacentHTML('beforeend', LAYER);
    await settle();
    expect(prompts).toHaveLength(1);
    expect(layers).toEqual([
      expect.objectContaining({
        promptId: 'id-1',
        toggles: [
          { label: 'Strictly necessary', checked: true, essential: true },
          { label: 'Analytics', checked: true, essential: false },
          { label: 'Advertising', checked: false, essential: false },
        ],
      }),
    ]);
    expect(decisions).toEqual([]); // opening settings is not a decision, and the first layer did not "vanish"

    ($('#t-analytics') as HTMLInputElement).checked = false;
    ($('#t-ads') as HTMLInputElement).checked = true;
    $('#save').click();
    expect(decisions).toEqual([
      expect.objectContaining({
        promptId: 'id-1',
        kind: 'custom',
        role: 'save-choices',
        choices: [
          { label: 'Strictly necessary', on: true },
          { label: 'Analytics', on: false },
          { label: 'Advertising', on: true },
        ],
      }),
    ]);
  });

  it('a banner long after the settings click is a new prompt, not a layer', async () => {
    const { prompts, layers } = watch();
    $('#settings').click();
    await vi.advanceTimersByTimeAsync(11_000);
    document.body.insertAdjacentHTML('beforeend', LAYER);
    await settle();
    expect(layers).toEqual([]);
    expect(prompts).toHaveLength(2);
  });
});

describe('a banner that goes away unanswered', () => {
  it('is implied consent when the person had scrolled', async () => {
    const { decisions } = watch();
    window.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(10);
    $('#banner').remove();
    await settle();
    expect(decisions).toEqual([expect.objectContaining({ promptId: 'id-1', kind: 'implied', role: null })]);
  });

  it('is dismissed when the person had not scrolled', async () => {
    const { decisions } = watch();
    $('#banner').style.display = 'none';
    await settle();
    expect(decisions).toEqual([expect.objectContaining({ kind: 'dismissed', role: null })]);
  });

  it('is not a second decision after the person answered it', async () => {
    const { decisions } = watch();
    $('#accept').click();
    $('#banner').remove();
    await settle();
    expect(decisions.map((d) => d.kind)).toEqual(['accept-all']);
  });
});

describe('leaving the page with the prompt unanswered', () => {
  it('is implied consent where the prompt says continuing means consent', () => {
    $('#banner').querySelector('p')?.insertAdjacentText('beforeend', ' By continuing to browse you accept our use of cookies.');
    const { decisions } = watch();
    window.dispatchEvent(new Event('pagehide'));
    expect(decisions).toEqual([expect.objectContaining({ kind: 'implied', role: null })]);
  });

  it('is nothing where the prompt asks for an answer', () => {
    const { decisions } = watch();
    window.dispatchEvent(new Event('pagehide'));
    expect(decisions).toEqual([]);
  });
});

describe('page facts', () => {
  it('reads toggles (essential by lock or by name) and the policy link', () => {
    document.body.innerHTML = LAYER.replace('Choose which', 'We use cookies. <a href="/cookies">Cookie policy</a> Choose which');
    const [banner] = findBanners(document);
    expect(banner).toBeDefined();
    const facts = factsOf(banner?.element as Element);
    expect(facts.policyLink).toBe(true);
    expect(facts.toggles.map((t) => [t.label, t.checked, t.essential])).toEqual([
      ['Strictly necessary', true, true],
      ['Analytics', true, false],
      ['Advertising', false, false],
    ]);
    expect(facts.blocksPage).toBe(false);
  });

  it('has no prominence where the DOM has no layout', () => {
    expect(prominenceOf($('#accept'))).toBeUndefined();
  });

  it('computes WCAG contrast and parses computed colours', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 2);
    expect(parseColor('rgba(10, 20, 30, 0.5)')).toEqual({ rgb: [10, 20, 30], alpha: 0.5 });
    expect(parseColor('rgb(10 20 30 / 25%)')).toEqual({ rgb: [10, 20, 30], alpha: 0.25 });
    expect(parseColor('transparent')).toEqual({ rgb: [0, 0, 0], alpha: 0 });
    expect(parseColor('color(srgb 1 0 0)')).toBeNull();
  });
});

describe('the reopen control after a choice', () => {
  it('is found in the footer, outside the answered banner', () => {
    document.body.insertAdjacentHTML('beforeend', '<footer><a href="#" id="cs">Cookie settings</a></footer>');
    const answered = $('#banner');
    expect(findReopenControl(document, (el) => el === answered)).toEqual({ label: 'Cookie settings', element: $('#cs') });
  });

  it('is found as a floating icon by its attributes', () => {
    document.body.insertAdjacentHTML('beforeend', '<button class="cmp-revoke-consent" aria-label=""><svg></svg></button>');
    expect(findReopenControl(document, () => false)).not.toBeNull();
  });

  it('is not the banner\'s own settings button, nor an unrelated link', () => {
    document.body.insertAdjacentHTML('beforeend', '<footer><a href="/about">About us</a><a href="/settings">Account settings</a></footer>');
    const answered = $('#banner');
    expect(findReopenControl(document, (el) => el === answered)).toBeNull();
  });
});
