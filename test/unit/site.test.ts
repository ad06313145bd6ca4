import { describe, expect, it } from 'vitest';
import { siteOf } from '../../src/site.ts';
import { stripUrl } from '../../src/url.ts';

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
