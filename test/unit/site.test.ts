import { describe, expect, it } from 'vitest';
import { siteOf } from '../../src/site.ts';
import { stripUrl, webUrl } from '../../src/url.ts';

describe('siteOf', () => {
  it.each([
    ['https://www.bbc.co.uk/news?x=1', 'bbc.co.uk'],
    ['https://shop.example.com:8443/a', 'example.com'],
    ['http://127.0.0.1:8080/page.html', '127.0.0.1'],
    ['http://localhost:3000/', 'localhost'],
    ['https://user.github.io/repo', 'user.github.io'],
  ])('%s -> %s', (url, site) => expect(siteOf(url)).toBe(site));

  it.each(['chrome-extension://abc/popup.html', 'about:blank', 'not a url', 'file:///tmp/x.html'])(
    'is null for %s',
    (url) => expect(siteOf(url)).toBeNull(),
  );
});

describe('stripUrl', () => {
  it('drops query and fragment', () => {
    expect(stripUrl('https://a.example/path/p?utm=1&id=2#frag')).toBe('https://a.example/path/p');
  });
});

describe('webUrl (what the UI may link to)', () => {
  it('keeps http and https addresses and refuses every other scheme or a non-URL', () => {
    expect(webUrl('https://shop.example/privacy')).toBe('https://shop.example/privacy');
    expect(webUrl('http://127.0.0.1:8080/p')).toBe('http://127.0.0.1:8080/p');
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'chrome-extension://x/y', 'not a url', '']) {
      expect(webUrl(bad)).toBeNull();
    }
  });
});
