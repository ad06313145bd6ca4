import { describe, expect, it } from 'vitest';
import { policyKindOfLink, policyKindOfUrl } from '../../../src/detect/policy-links.ts';

describe('policyKindOfUrl', () => {
  it.each([
    ['/privacy', 'privacy'],
    ['/privacy-policy', 'privacy'],
    ['/privacy_policy.html', 'privacy'],
    ['/privacy.html', 'privacy'],
    ['https://example.com/legal/privacy/', 'privacy'],
    ['/en-us/privacystatement', 'privacy'],
    ['/PrivacyPolicy.aspx', 'privacy'],
    ['/datenschutz', 'privacy'],
    ['/de/datenschutzerklaerung.html', 'privacy'],
    ['/politique-de-confidentialite', 'privacy'],
    ['/confidentialite', 'privacy'],
    ['/politica-de-privacidad', 'privacy'],
    ['/privacidad', 'privacy'],
    ['/yinsi', 'privacy'],
    ['/about/yinsizhengce.html', 'privacy'],
    ['/%E9%9A%90%E7%A7%81%E6%94%BF%E7%AD%96', 'privacy'],
    ['/privacy?lang=de', 'privacy'],
    ['/legal#privacy', 'privacy'],
    ['/index.php?page=privacy-policy', 'privacy'],
    ['/privacy-and-cookie-policy', 'privacy'],
    ['/cookie-policy', 'cookie'],
    ['/cookies-policy', 'cookie'],
    ['/legal/cookies', 'cookie'],
    ['/cookie-richtlinie', 'cookie'],
    ['/politique-cookies', 'cookie'],
    ['/politica-de-cookies', 'cookie'],
    ['/terms', 'terms'],
    ['/tos', 'terms'],
    ['/terms-of-service', 'terms'],
    ['/terms-and-conditions.html', 'terms'],
    ['/agb', 'terms'],
    ['/nutzungsbedingungen', 'terms'],
    ['/conditions-generales-d-utilisation', 'terms'],
    ['/cgu', 'terms'],
    ['/terminos-y-condiciones', 'terms'],
    ['/condiciones-de-uso', 'terms'],
    ['/user-agreement', 'terms'],
  ])('%s -> %s', (href, kind) => {
    expect(policyKindOfUrl(href)).toBe(kind);
  });

  it.each([
    '/',
    'https://privacy.example.com/',
    '/news/2024/new-privacy-law-passes',
    '/privacy/news/new-law',
    '/privacy-settings',
    '/shop/cookies',
    '/impressum',
    '/mentions-legales',
    '/blog/terms-explained',
    '/conditions/diabetes',
    '/search?q=privacy+law+news',
  ])('%s -> none', (href) => {
    expect(policyKindOfUrl(href)).toBeNull();
  });
});

describe('policyKindOfLink', () => {
  it.each([
    ['Privacy', '/p/1', 'privacy'],
    ['Your privacy', '/p/1', 'privacy'],
    ['Privacy & Cookies', '/p/1', 'privacy'],
    ['Privacy and Cookie Policy', '/p/1', 'privacy'],
    ['Read our privacy policy', '/p/1', 'privacy'],
    ['Data protection', '/p/1', 'privacy'],
    ['隐私', '/p/1', 'privacy'],
    ['Terms', '/p/1', 'terms'],
    ['Terms & Conditions', '/p/1', 'terms'],
    ['Impressum & Datenschutz', '/impressum', 'privacy'],
    ['Learn more in our privacy policy about how we use your data', '/privacy', 'privacy'],
  ])('"%s" (%s) -> %s', (text, href, kind) => {
    expect(policyKindOfLink(text, href, '')).toBe(kind);
  });

  it.each([
    ['Impressum', '/impressum'],
    ['Mentions légales', '/mentions-legales'],
    ['Aviso legal', '/aviso-legal'],
    ['Privacy settings', '/privacy-settings'],
    ['Cookie-Einstellungen', '/cookies'],
    ['Do Not Sell or Share My Personal Information', '/ccpa'],
    ['New privacy law passes', '/story/123'],
    ['Cookies', '/shop/cookies'],
  ])('"%s" (%s) -> none', (text, href) => {
    expect(policyKindOfLink(text, href, '')).toBeNull();
  });

  it('trusts the registered link relations', () => {
    expect(policyKindOfLink('', '/x', 'privacy-policy')).toBe('privacy');
    expect(policyKindOfLink('', '/y', 'noopener terms-of-service')).toBe('terms');
  });
});
