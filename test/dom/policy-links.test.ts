import { afterEach, describe, expect, it } from 'vitest';
import { findPolicyLinks } from '../../src/detect/policy-links.ts';
import { policyPageHint } from '../../src/policy/policy-page.ts';
import { loadFixture } from './fixture-loader.ts';

// Footers written for these tests (fixtures/policy-links/*.html), one per language.
const found = (fixture: string, base: string) => findPolicyLinks(loadFixture(`policy-links/${fixture}`), 20, base).map((l) => [l.kind, l.url, l.text]);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('findPolicyLinks on realistic footers', () => {
  it('en: rel="privacy-policy" / rel="terms-of-service", footer links; not a headline, a settings link or a menu item', () => {
    expect(found('footer-en.html', 'https://www.riversidegazette.example/')).toEqual([
      ['privacy', 'https://www.riversidegazette.example/legal/privacy-notice', ''],
      ['terms', 'https://www.riversidegazette.example/legal/terms', ''],
      ['privacy', 'https://www.riversidegazette.example/privacy-policy?ref=footer', 'Privacy Policy'],
      ['cookie', 'https://www.riversidegazette.example/cookie-policy#top', 'Cookie Policy'],
      ['terms', 'https://www.riversidegazette.example/terms-of-use', 'Terms of Use'],
    ]);
  });

  it('zh-Hans: 隐私政策, 隐私权政策, 个人信息保护政策, 隐私声明, 隐私条款, Cookie政策, 用户协议, 服务条款, 使用条款; not 法律声明 or a news link', () => {
    expect(found('footer-zh.html', 'https://shop.example.cn/')).toEqual([
      ['terms', 'https://shop.example.cn/agreement/user.html', '《用户协议》'],
      ['privacy', 'https://shop.example.cn/agreement/privacy.html', '《隐私政策》'],
      ['privacy', 'https://shop.example.cn/help/yinsi.html', '隐私权政策'],
      ['privacy', 'https://shop.example.cn/legal/pipl', '个人信息保护政策'],
      ['privacy', 'https://shop.example.cn/statement', '隐私声明'],
      ['privacy', 'https://shop.example.cn/legal/yszc', '隐私条款'],
      ['cookie', 'https://shop.example.cn/cookie.html', 'Cookie政策'],
      ['terms', 'https://shop.example.cn/fwtk', '服务条款'],
      ['terms', 'https://shop.example.cn/legal/terms-of-use', '使用条款'],
    ]);
  });

  it('de: Datenschutz, Datenschutzerklärung, Cookie-Richtlinie, AGB, Nutzungsbedingungen; not the Impressum', () => {
    expect(found('footer-de.html', 'https://www.baeckerei.example/')).toEqual([
      ['privacy', 'https://www.baeckerei.example/datenschutz', 'Datenschutz'],
      ['privacy', 'https://www.baeckerei.example/rechtliches/datenschutzerklaerung.html', 'Datenschutzerklärung'],
      ['cookie', 'https://www.baeckerei.example/cookie-richtlinie', 'Cookie-Richtlinie'],
      ['terms', 'https://www.baeckerei.example/agb', 'AGB'],
      ['terms', 'https://www.baeckerei.example/nutzungsbedingungen', 'Nutzungsbedingungen'],
    ]);
  });

  it('fr: politique de confidentialité, confidentialité, cookies, CGU; not the mentions légales', () => {
    expect(found('footer-fr.html', 'https://librairie.example.fr/')).toEqual([
      ['privacy', 'https://librairie.example.fr/politique-de-confidentialite', 'Politique de confidentialité'],
      ['privacy', 'https://librairie.example.fr/aide#confidentialite', 'Confidentialité'],
      ['cookie', 'https://librairie.example.fr/politique-relative-aux-cookies', 'Politique relative aux cookies'],
      ['terms', 'https://librairie.example.fr/cgu', "Conditions générales d'utilisation"],
      ['terms', 'https://librairie.example.fr/conditions-generales-d-utilisation', 'CGU'],
    ]);
  });

  it('es: política / aviso de privacidad, política de cookies, términos, condiciones de uso; not the aviso legal', () => {
    expect(found('footer-es.html', 'https://tiendasol.example.es/')).toEqual([
      ['privacy', 'https://tiendasol.example.es/politica-de-privacidad', 'Política de privacidad'],
      ['privacy', 'https://tiendasol.example.es/mx/aviso-de-privacidad', 'Aviso de privacidad'],
      ['cookie', 'https://tiendasol.example.es/politica-de-cookies', 'Política de cookies'],
      ['terms', 'https://tiendasol.example.es/terminos-y-condiciones', 'Términos y condiciones'],
      ['terms', 'https://tiendasol.example.es/condiciones-de-uso', 'Condiciones de uso'],
    ]);
  });
});

describe('findPolicyLinks: what is and is not a policy link', () => {
  it('finds a link by its address alone when its text says nothing (icon, "Legal", "Learn more")', () => {
    document.body.innerHTML = `
      <p>We use cookies. <a href="/legal/privacy.html?lang=en">Learn more</a></p>
      <footer><a href="/tos" aria-label="Rules"><img src="r.svg" alt=""></a><a href="/index.php?page=datenschutz">Rechtliches</a></footer>`;
    expect(findPolicyLinks(document, 20, 'https://a.example/').map((l) => [l.kind, l.url])).toEqual([
      ['privacy', 'https://a.example/legal/privacy.html?lang=en'],
      ['terms', 'https://a.example/tos'],
      ['privacy', 'https://a.example/index.php?page=datenschutz'],
    ]);
  });

  it('ignores a "Privacy settings" button, a long headline about privacy and a paragraph-sized link', () => {
    document.body.innerHTML = `
      <button>Privacy settings</button>
      <a href="/news/facebook-updates-its-privacy-policy-again">Facebook updates its privacy policy again</a>
      <a href="/story/123">New privacy law passes</a>
      <a href="/privacy">${'Read this long teaser about how the privacy debate unfolded in parliament over the summer. '.repeat(2)}</a>`;
    expect(findPolicyLinks(document, 20, 'https://a.example/')).toEqual([]);
  });

  it('takes a footer "Cookies" for the cookie policy, but not a shop menu\'s', () => {
    document.body.innerHTML = `<nav><a href="/shop/cookies">Cookies</a></nav><div class="Page-Footer__links"><a href="/cookies">Cookies</a></div>`;
    expect(findPolicyLinks(document, 20, 'https://a.example/').map((l) => [l.kind, l.url])).toEqual([['cookie', 'https://a.example/cookies']]);
  });
});

describe('policyPageHint', () => {
  it('looks at the title, top headings and address only', () => {
    const page = (title: string, h1: string) => new DOMParser().parseFromString(`<title>${title}</title><h1>${h1}</h1><p>Text.</p>`, 'text/html');
    expect(policyPageHint(page('Example', 'Datenschutzerklärung'), null)).toBe(true);
    expect(policyPageHint(page('隐私政策 - 示例', 'x'), null)).toBe(true);
    expect(policyPageHint(page('Example', 'Welcome'), 'https://example.com/legal/privacy-policy')).toBe(true);
    expect(policyPageHint(page('Riverside Gazette', 'Local news'), 'https://example.com/news/today')).toBe(false);
  });
});
