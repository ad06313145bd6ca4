import { afterEach, describe, expect, it } from 'vitest';
import { cmpOf } from '../../src/detect/cmp-signatures.ts';
import { findBanners } from '../../src/detect/cookie-banner.ts';
import { findPolicyLinks } from '../../src/detect/policy-links.ts';
import { loadFixture } from './fixture-loader.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('cmpOf', () => {
  it.each([
    ['cmp-klaro.html', 'Klaro'],
    ['cmp-osano-cookieconsent.html', 'Osano Cookie Consent'],
    ['cmp-tarteaucitron.html', 'tarteaucitron'],
    ['banner-en.html', null],
    ['banner-zh.html', null],
  ])('%s -> %s', (fixture, name) => {
    const doc = loadFixture(fixture);
    const [banner] = findBanners(doc);
    expect(banner).toBeDefined();
    expect(cmpOf(banner?.element as Element)).toBe(name);
  });

  it('recognises a platform from an element inside its root', () => {
    document.body.innerHTML = '<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk"><p id="inner">x</p></div></div>';
    expect(cmpOf(document.getElementById('inner') as Element)).toBe('OneTrust');
  });
});

describe('findPolicyLinks', () => {
  it('finds privacy, cookie and terms links by text and address in several languages, resolved and de-duplicated', () => {
    document.body.innerHTML = `
      <footer>
        <a href="/privacy">Privacy policy</a>
        <a href="/privacy">Privacy</a>
        <a href="/cookies">Cookie Policy</a>
        <a href="/agb">AGB</a>
        <a href="/datenschutz">Datenschutzerklärung</a>
        <a href="/yinsi.html">隐私政策</a>
        <a href="/politique-cookies">Politique de cookies</a>
        <a href="/x">Política de privacidad</a>
        <a href="/legal/privacy-policy">Legal</a>
        <a href="javascript:void(0)">Privacy settings</a>
        <a href="/about">About us</a>
      </footer>`;
    const links = findPolicyLinks(document, 20, 'https://www.example.com/news/');
    expect(links.map((l) => [l.kind, l.url])).toEqual([
      ['privacy', 'https://www.example.com/privacy'],
      ['cookie', 'https://www.example.com/cookies'],
      ['terms', 'https://www.example.com/agb'],
      ['privacy', 'https://www.example.com/datenschutz'],
      ['privacy', 'https://www.example.com/yinsi.html'],
      ['cookie', 'https://www.example.com/politique-cookies'],
      ['privacy', 'https://www.example.com/x'],
      ['privacy', 'https://www.example.com/legal/privacy-policy'],
    ]);
  });

  it('stops at the limit', () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<a href="/privacy-${i}">Privacy</a>`).join('');
    expect(findPolicyLinks(document, 5, 'https://a.example/')).toHaveLength(5);
  });
});

describe('cssPath', () => {
  it('points at the element: nearest id, then tags with :nth-of-type', async () => {
    const { cssPath } = await import('../../src/detect/css-path.ts');
    document.body.innerHTML = '<div id="page"><section><p>a</p><p>b<span>x</span></p></section></div><div><p>c</p></div>';
    const span = document.querySelector('span') as Element;
    const path = cssPath(span);
    expect(path).toBe('#page > section > p:nth-of-type(2) > span');
    expect(document.querySelector(path)).toBe(span);
    const c = document.querySelectorAll('p')[2] as Element;
    expect(document.querySelector(cssPath(c))).toBe(c);
  });
});
