/**
 * The generic banner detector (src/detect/cookie-banner.ts) on saved pages under happy-dom.
 */
import { describe, expect, it } from 'vitest';
import { controlsIn, findBanners, isProbablyVisible, type DetectedBanner } from '../../src/detect/cookie-banner.ts';
import type { ActionRole, PromptKind } from '../../src/model.ts';
import { normalizeText } from '../../src/text.ts';
import { loadFixture } from './fixture-loader.ts';

function onlyBanner(doc: Document): DetectedBanner {
  const banners = findBanners(doc);
  expect(banners).toHaveLength(1);
  return banners[0] as DetectedBanner;
}

interface PositiveCase {
  file: string;
  declaredLang: string;
  /** The element that holds the whole notice (text and buttons). */
  root: string;
  kind: PromptKind;
  language: string;
  /** Roles of the banner's controls, in document order. */
  roles: ActionRole[];
  /** Sentences of the banner that its `text` must contain. */
  bannerText: string[];
  /** A sentence of the page's article that must not leak into the banner's `text`. */
  articleText: string;
}

const POSITIVES: PositiveCase[] = [
  {
    file: 'banner-en.html',
    declaredLang: 'en',
    root: 'div.cookie-notice',
    kind: 'cookie-banner',
    language: 'en',
    roles: ['other', 'accept-all', 'reject-all', 'settings'],
    bannerText: ['We and our advertising partners use cookies to keep the site running', 'Read our cookie policy'],
    articleText: 'The narrow iron footbridge',
  },
  {
    file: 'banner-de.html',
    declaredLang: 'de',
    root: 'div[role="dialog"][aria-modal="true"]',
    kind: 'consent-dialog',
    language: 'de',
    roles: ['accept-all', 'reject-all', 'settings'],
    bannerText: ['Ihre Privatsphäre ist uns wichtig', 'Wir verwenden Cookies und ähnliche Techniken'],
    articleText: 'Der Weg beginnt am kleinen Parkplatz',
  },
  {
    file: 'banner-fr.html',
    declaredLang: 'fr',
    root: 'div[role="dialog"]',
    kind: 'consent-dialog',
    language: 'fr',
    roles: ['reject-all', 'settings', 'accept-all'],
    bannerText: ['Vos choix concernant les cookies', 'nous et nos partenaires utilisons des cookies'],
    articleText: 'Quand les premières courges arrivent',
  },
  {
    file: 'banner-es.html',
    declaredLang: 'es',
    root: 'section#aviso-cookies',
    kind: 'cookie-banner',
    language: 'es',
    roles: ['other', 'accept-all', 'reject-all', 'settings'],
    bannerText: ['Utilizamos cookies propias y de terceros'],
    articleText: 'Para colgar cuadros',
  },
  {
    file: 'banner-it.html',
    declaredLang: 'it',
    root: 'div#avviso-cookie',
    kind: 'cookie-banner',
    language: 'it',
    roles: ['close', 'accept-all', 'reject-all', 'settings'],
    bannerText: ['Questo sito utilizza cookie tecnici'],
    articleText: 'Da giugno a settembre il circolo',
  },
  {
    file: 'banner-nl.html',
    declaredLang: 'nl',
    root: 'dialog[open]',
    kind: 'consent-dialog',
    language: 'nl',
    roles: ['accept-all', 'necessary-only', 'settings'],
    bannerText: ['Cookies op onze website', 'Wij gebruiken functionele cookies'],
    articleText: 'Vanaf volgende week lezen vrijwilligers',
  },
  {
    file: 'banner-pt.html',
    declaredLang: 'pt',
    root: 'div#caixa-cookies',
    kind: 'cookie-banner',
    language: 'pt',
    roles: ['accept-all', 'reject-all', 'settings'],
    bannerText: ['Utilizamos cookies para que o site funcione corretamente'],
    articleText: 'A massa-mãe é alimentada',
  },
  {
    file: 'banner-pl.html',
    declaredLang: 'pl',
    root: 'aside.zgoda-cookie',
    kind: 'cookie-banner',
    language: 'pl',
    roles: ['accept-all', 'necessary-only', 'settings'],
    bannerText: ['Używamy plików cookie, aby strona działała poprawnie'],
    articleText: 'Od grudnia do marca schronisko',
  },
  {
    file: 'banner-zh.html',
    declaredLang: 'zh-CN',
    root: 'div#cookie-consent-bar',
    kind: 'cookie-banner',
    language: 'zh',
    roles: ['other', 'accept-all', 'necessary-only', 'settings'],
    bannerText: ['我们使用 Cookie 来保证网站正常运行', '仅接受必要的 Cookie'],
    articleText: '今年春天气温回升较早',
  },
];

describe.each(POSITIVES)('$file', (c) => {
  it('keeps <html lang> and finds exactly one banner', () => {
    const doc = loadFixture(c.file);
    expect(doc.documentElement.getAttribute('lang')).toBe(c.declaredLang);
    const banner = onlyBanner(doc);
    expect(banner.detector).toBe('generic');
  });

  it(`the banner is the whole notice (${c.root}), not a part of it nor the page`, () => {
    const doc = loadFixture(c.file);
    const banner = onlyBanner(doc);
    const root = doc.querySelector(c.root) as Element;
    expect(root).not.toBeNull();
    expect(banner.element === root || banner.element.contains(root)).toBe(true);
    expect(banner.element.contains(doc.querySelector('main'))).toBe(false);
  });

  it(`kind is ${c.kind}`, () => {
    expect(onlyBanner(loadFixture(c.file)).kind).toBe(c.kind);
  });

  it(`language is ${c.language}`, () => {
    expect(onlyBanner(loadFixture(c.file)).language).toBe(c.language);
  });

  it(`language is ${c.language} from the text alone (no <html lang>)`, () => {
    const doc = loadFixture(c.file);
    doc.documentElement.removeAttribute('lang');
    expect(onlyBanner(doc).language).toBe(c.language);
  });

  it(`language is ${c.language} even when <html lang> says otherwise`, () => {
    const doc = loadFixture(c.file);
    doc.documentElement.setAttribute('lang', c.language === 'en' ? 'de' : 'en');
    expect(onlyBanner(doc).language).toBe(c.language);
  });

  it(`control roles are ${c.roles.join(', ')}`, () => {
    const banner = onlyBanner(loadFixture(c.file));
    expect(banner.controls.map((control) => control.role)).toEqual(c.roles);
    expect(banner.controls.every((control) => banner.element.contains(control.element))).toBe(true);
  });

  it("text is the banner's, not the article's", () => {
    const banner = onlyBanner(loadFixture(c.file));
    for (const sentence of c.bannerText) expect(banner.text).toContain(normalizeText(sentence));
    expect(banner.text).not.toContain(normalizeText(c.articleText));
  });
});

describe('structures the fixtures are meant to cover', () => {
  it.each([
    ['banner-es.html', 'links with role="button"', (b: DetectedBanner) => b.controls.filter((c) => c.element.matches('a[role="button"]')).length === 3],
    ['banner-fr.html', 'reject as a plain text link', (b: DetectedBanner) => b.controls.some((c) => c.role === 'reject-all' && c.element.matches('a:not([role])'))],
    ['banner-it.html', 'icon-only close with aria-label', (b: DetectedBanner) => b.controls.some((c) => c.role === 'close' && c.label === 'Chiudi' && !c.element.textContent?.trim())],
    ['banner-pt.html', 'input type=submit / button', (b: DetectedBanner) => b.controls.filter((c) => c.element.tagName === 'INPUT').length === 3],
  ])('%s: %s', (file, _what, check) => {
    expect(check(onlyBanner(loadFixture(file)))).toBe(true);
  });
});

describe('consent wording without the word "cookie", per language', () => {
  // Each banner names consent, personal data or partners in its own language but never says
  // "cookie", so only that language's CONSENT_CONTEXT pattern can make it a banner.
  it.each([
    ['en', 'We and our partners process personal data to measure audiences and to choose the adverts you see.', 'Accept all', 'Reject all'],
    ['de', 'Wir und unsere Partner verarbeiten personenbezogene Daten, sobald Sie in die Messung der Reichweite einwilligen.', 'Alle akzeptieren', 'Alle ablehnen'],
    ['fr', 'Avec votre consentement, nous et nos partenaires traitons vos données personnelles pour mesurer la fréquentation.', 'Tout accepter', 'Tout refuser'],
    ['es', 'Con su consentimiento, nosotros y nuestros socios tratamos sus datos personales para medir las visitas.', 'Aceptar todo', 'Rechazar todo'],
    ['it', 'Con il tuo consenso, noi e i nostri partner trattiamo i tuoi dati personali per misurare le visite.', 'Accetta tutto', 'Rifiuta tutto'],
    ['nl', 'Met uw toestemming verwerken wij en onze partners uw persoonsgegevens om het bezoek te meten.', 'Alles accepteren', 'Alles weigeren'],
    ['pt', 'Com o seu consentimento, nós e os nossos parceiros tratamos os seus dados pessoais para medir as visitas.', 'Aceitar todos', 'Rejeitar todos'],
    ['pl', 'Za Twoją zgodą my i nasi partnerzy przetwarzamy Twoje dane osobowe, aby mierzyć ruch na stronie.', 'Akceptuj wszystkie', 'Odrzuć wszystkie'],
    ['zh', '经您同意后，我们和合作伙伴会处理您的个人信息，用于统计访问量。', '全部接受', '全部拒绝'],
  ])('%s', (lang, sentence, accept, reject) => {
    const doc = new DOMParser().parseFromString(
      `<!doctype html><html lang="${lang}"><body><main><h1>Home</h1><p>Welcome.</p></main>` +
        `<div class="notice"><p>${sentence}</p><button>${accept}</button><button>${reject}</button></div></body></html>`,
      'text/html',
    );
    const banner = onlyBanner(doc);
    expect(banner.element.className).toBe('notice');
    expect(banner.controls.map((c) => c.role)).toEqual(['accept-all', 'reject-all']);
  });
});

describe('<dialog open> and role="alertdialog" are consent dialogs', () => {
  it('the Dutch <dialog open> with its buttons directly inside (no <form method="dialog">)', () => {
    const doc = loadFixture('banner-nl.html');
    const form = doc.querySelector('dialog form') as Element;
    form.replaceWith(...Array.from(form.children));
    const banner = onlyBanner(doc);
    expect(banner.element.tagName).toBe('DIALOG');
    expect(banner.kind).toBe('consent-dialog');
    expect(banner.text).toContain('Wij gebruiken functionele cookies');
  });

  it('the Chinese bar given role="alertdialog"', () => {
    const doc = loadFixture('banner-zh.html');
    doc.getElementById('cookie-consent-bar')?.setAttribute('role', 'alertdialog');
    expect(onlyBanner(doc).kind).toBe('consent-dialog');
  });
});

describe('negatives: no banner', () => {
  const NEGATIVES: { name: string; file: string; change?: (doc: Document) => void }[] = [
    {
      name: 'long baking article (main about 6800 characters) with a newsletter "OK" button',
      file: 'negative-baking.html',
    },
    {
      name: 'the same recipe without its comments (main about 4000 characters)',
      file: 'negative-baking.html',
      change: (doc) => doc.querySelector('section.comments')?.remove(),
    },
    { name: 'privacy policy with "Back to top" and "Print"', file: 'negative-privacy-policy.html' },
    {
      name: 'privacy policy with an in-text "opt out" link',
      file: 'negative-privacy-policy.html',
      change: (doc) => {
        const p = doc.createElement('p');
        p.innerHTML =
          'If you would rather not be counted, you can <a href="/measurement-opt-out">opt out of audience measurement</a>; we then set one cookie that only records your refusal.';
        (doc.querySelector('article.policy h2:nth-of-type(3)') as Element).after(p);
      },
    },
    { name: 'login form with "Sign in" and an "Accept terms" checkbox', file: 'negative-login.html' },
    {
      name: 'login form with a "Continue with Google" button and privacy fine print',
      file: 'negative-login.html',
      change: (doc) => {
        (doc.querySelector('form') as Element).insertAdjacentHTML(
          'beforeend',
          '<button type="button">Continue with Google</button><p class="fine">By signing in you agree to our terms and privacy policy.</p>',
        );
      },
    },
    { name: 'banner hidden with inline display:none', file: 'negative-hidden-inline.html' },
    { name: 'banner hidden with a class and a <style> rule', file: 'negative-hidden-class.html' },
    {
      name: 'banner hidden with the hidden attribute',
      file: 'negative-hidden-attribute.html',
    },
  ];

  for (const n of NEGATIVES) {
    it(`${n.name} (${n.file})`, () => {
      const doc = loadFixture(n.file);
      n.change?.(doc);
      expect(findBanners(doc)).toEqual([]);
    });
  }
});

describe('the MAX_BANNER_TEXT guard (a long text is a page, not a banner)', () => {
  /** A <div> with `paragraphs` 200-character paragraphs about cookies and an "OK" button. */
  function longNotice(indent: string): Document {
    const sentence = 'Our cookies are baked fresh every morning with butter, oats and a pinch of salt, then cooled on racks until crisp. ';
    const paragraph = `<p>${sentence.repeat(2).trim()}</p>`;
    const html = `<div class="page">${indent}${Array(45).fill(paragraph).join(indent)}${indent}<button>OK</button></div>`;
    return new DOMParser().parseFromString(`<!doctype html><html lang="en"><body><main>${html}</main></body></html>`, 'text/html');
  }

  it('a 10,000-character block without markup whitespace is not a banner', () => {
    expect(findBanners(longNotice(''))).toEqual([]);
  });

  it('the same block with indented markup is not a banner', () => {
    expect(findBanners(longNotice('\n' + ' '.repeat(40)))).toEqual([]);
  });
});

describe('hidden banners', () => {
  // Each hidden fixture holds a real banner: shown, it must be found, so the negative is not vacuous.
  it.each([
    ['negative-hidden-inline.html', (doc: Document) => doc.getElementById('consent-bar')?.removeAttribute('style')],
    ['negative-hidden-class.html', (doc: Document) => doc.getElementById('einwilligung')?.classList.remove('einwilligung--geschlossen')],
    ['negative-hidden-attribute.html', (doc: Document) => doc.getElementById('cookie-prompt')?.removeAttribute('hidden')],
  ])('%s: the same banner, shown, is found', (file, reveal) => {
    const doc = loadFixture(file);
    reveal(doc);
    const banner = onlyBanner(doc);
    expect(banner.controls.map((c) => c.role)).toContain('accept-all');
  });

  it.each([
    ['inline visibility:hidden', (el: Element) => el.setAttribute('style', 'visibility: hidden')],
    ['inline opacity:0', (el: Element) => el.setAttribute('style', 'opacity: 0')],
    ['an ancestor with display:none', (el: Element) => {
      const wrapper = el.ownerDocument.createElement('div');
      wrapper.setAttribute('style', 'display:none');
      el.replaceWith(wrapper);
      wrapper.append(el);
    }],
    ['a stylesheet rule with visibility:hidden', (el: Element) => {
      el.ownerDocument.head.insertAdjacentHTML('beforeend', '<style>.cookie-notice.is-off { visibility: hidden; }</style>');
      el.classList.add('is-off');
    }],
  ])('the English banner hidden by %s is ignored', (_how, hide) => {
    const doc = loadFixture('banner-en.html');
    hide(doc.querySelector('.cookie-notice') as Element);
    expect(findBanners(doc)).toEqual([]);
  });

  it('hidden controls are not listed', () => {
    const doc = loadFixture('banner-en.html');
    doc.querySelector('.cn-settings')?.setAttribute('style', 'display:none');
    expect(onlyBanner(doc).controls.map((c) => c.role)).toEqual(['other', 'accept-all', 'reject-all']);
  });

  it('a notice whose only answer buttons are hidden is not a banner', () => {
    const doc = loadFixture('banner-en.html');
    for (const sel of ['.cn-accept', '.cn-reject']) doc.querySelector(sel)?.setAttribute('style', 'display:none');
    expect(findBanners(doc)).toEqual([]);
  });
});

describe('banner inside an open shadow root', () => {
  const SHADOW_BANNER =
    '<div class="panel" role="dialog" aria-label="Privacy choices">' +
    '<p>We use cookies and similar tracking technologies to keep you signed in and to measure how the site is used.</p>' +
    '<button type="button">Accept all</button><button type="button">Decline</button>' +
    '<button type="button" aria-label="Close"><svg width="12" height="12"></svg></button>' +
    '</div>';

  /** The English page without its own banner, plus <my-consent> with the banner in its shadow root. */
  function pageWithShadowBanner(wrapped: boolean): { doc: Document; host: Element; shadow: ShadowRoot } {
    const doc = loadFixture('banner-en.html');
    doc.querySelector('.cookie-notice')?.remove();
    const host = doc.createElement('my-consent');
    if (wrapped) {
      const app = doc.createElement('div');
      app.id = 'app';
      app.append(host);
      doc.body.append(app);
    } else {
      doc.body.append(host);
    }
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = SHADOW_BANNER;
    return { doc, host, shadow };
  }

  it('the page without the banner has none', () => {
    const doc = loadFixture('banner-en.html');
    doc.querySelector('.cookie-notice')?.remove();
    expect(findBanners(doc)).toEqual([]);
  });

  it('is found, with the controls from the shadow root', () => {
    const { doc, host, shadow } = pageWithShadowBanner(false);
    const banner = onlyBanner(doc);
    expect(banner.controls.map((c) => [c.label, c.role])).toEqual([
      ['Accept all', 'accept-all'],
      ['Decline', 'reject-all'],
      ['Close', 'close'],
    ]);
    expect(banner.controls.every((c) => c.element.getRootNode() === shadow)).toBe(true);
    expect(banner.language).toBe('en');
    expect(banner.element === host || shadow.contains(banner.element)).toBe(true);
  });

  it('controlsIn(host) lists the controls inside its shadow root', () => {
    const { host } = pageWithShadowBanner(false);
    expect(controlsIn(host).map((c) => c.role)).toEqual(['accept-all', 'reject-all', 'close']);
  });

  it('its text is the shadow content', () => {
    const { doc } = pageWithShadowBanner(false);
    expect(onlyBanner(doc).text).toContain('We use cookies and similar tracking technologies');
  });

  it('its kind is consent-dialog', () => {
    const { doc } = pageWithShadowBanner(false);
    expect(onlyBanner(doc).kind).toBe('consent-dialog');
  });

  it('is found when the host is not a direct child of <body>', () => {
    const { doc } = pageWithShadowBanner(true);
    expect(findBanners(doc)).toHaveLength(1);
  });
});

describe('isProbablyVisible without checkVisibility (the attribute / inline-style fallback)', () => {
  function withoutCheckVisibility(html: string): Element {
    const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
    const target = doc.getElementById('t') as Element;
    Object.defineProperty(target, 'checkVisibility', { value: undefined });
    return target;
  }

  it.each([
    ['<div id="t">shown</div>', true],
    ['<div id="t" style="opacity: 0.5">half</div>', true],
    ['<div id="t" hidden>x</div>', false],
    ['<div hidden><p id="t">x</p></div>', false],
    ['<div id="t" aria-hidden="true">x</div>', false],
    ['<div id="t" style="display: none">x</div>', false],
    ['<section style="visibility:hidden"><div id="t">x</div></section>', false],
    ['<div id="t" style="opacity:0">x</div>', false],
    ['<div id="t" style="color: red; opacity: 0.0;">x</div>', false],
  ])('%s → %s', (html, visible) => {
    expect(isProbablyVisible(withoutCheckVisibility(html))).toBe(visible);
  });
});
