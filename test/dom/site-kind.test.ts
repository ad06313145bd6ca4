/** inferSiteKind on small saved pages (fixtures/site-kind/) and on edge cases. */
import { describe, expect, it } from 'vitest';
import { inferSiteKind, MAX_ELEMENTS, MAX_TEXT } from '../../src/permissions/site-kind.ts';
import { loadFixture } from './fixture-loader.ts';

const page = (head: string, body: string): Document =>
  new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, 'text/html');

describe('fixtures', () => {
  it.each([
    ['news-en.html', 'news', ['schema.org NewsArticle', 'og:type article', 'news words: latest news, politics']],
    ['shop-en.html', 'shop', ['schema.org Product', 'og:type product', 'shop words: add to cart, buy now']],
    ['maps-en.html', 'maps-travel', ['maps-travel words: route, maps, directions, nearby, routes']],
    ['video-meeting-en.html', 'video-call', ['video-call words: join a meeting, webinar, join meeting, start a meeting']],
    ['shop-zh.html', 'shop', ['schema.org Product', 'shop words: 购物车, 加入购物车, 立即购买']],
    ['news-de.html', 'news', ['og:type article', 'news words: eilmeldung, nachrichten, politik']],
    ['bank-fr.html', 'bank-finance', ['schema.org BankOrCreditUnion', 'bank-finance words: banque, banque en ligne, épargne, carte bancaire']],
  ])('%s is %s', (name, kind, signals) => {
    const result = inferSiteKind(loadFixture(`site-kind/${name}`));
    expect(result.kind).toBe(kind);
    expect(result.signals.slice(0, signals.length)).toEqual(signals);
  });

  it('a plain blog (BlogPosting, og:type article) is other, with what was considered', () => {
    expect(inferSiteKind(loadFixture('site-kind/blog-en.html'))).toEqual({ kind: 'other', signals: ['no clear kind', 'og:type article'] });
  });
});

describe('schema.org types', () => {
  it('reads full type IRIs and type arrays in JSON-LD, and a top-level array of items', () => {
    const doc = page('<script type="application/ld+json">[{"@type":"WebPage"},{"@type":["http://schema.org/Restaurant","LocalBusiness"]}]</script>', '');
    expect(inferSiteKind(doc)).toEqual({ kind: 'food-delivery', signals: ['schema.org Restaurant'] });
  });

  it("reads a WebPage's mainEntity", () => {
    const doc = page('<script type="application/ld+json">{"@type":"ItemPage","mainEntity":{"@type":"Product","name":"Lamp"}}</script>', '');
    expect(inferSiteKind(doc).kind).toBe('shop');
  });

  it("ignores items nested in another item's properties (JSON-LD and microdata)", () => {
    const jsonLd = page('<script type="application/ld+json">{"@type":"BlogPosting","about":{"@type":"Product"}}</script>', '');
    expect(inferSiteKind(jsonLd).kind).toBe('other');
    const microdata = page('', '<article itemscope itemtype="https://schema.org/BlogPosting"><div itemprop="about" itemscope itemtype="https://schema.org/Movie"></div></article>');
    expect(inferSiteKind(microdata).kind).toBe('other');
  });

  it('ignores an og:type that is not a known key, even an Object.prototype name', () => {
    for (const type of ['constructor', '__proto__', 'website']) {
      expect(inferSiteKind(page(`<meta property="og:type" content="${type}">`, ''))).toEqual({ kind: 'other', signals: ['no clear kind'] });
    }
  });

  it('survives broken JSON-LD and still uses the other signals', () => {
    const doc = page('<script type="application/ld+json">{"@type": "NewsArticle",</script><title>Breaking news and headlines</title>', '');
    expect(inferSiteKind(doc)).toEqual({ kind: 'news', signals: ['news words: breaking news, headlines'] });
  });
});

describe('deciding', () => {
  it('one kind word alone is not enough', () => {
    expect(inferSiteKind(page('<title>Our bank holiday opening hours</title>', ''))).toEqual({ kind: 'other', signals: ['no clear kind', 'bank-finance words: bank'] });
  });

  it('a tie between two kinds is other, and says which kinds were considered', () => {
    const doc = page('<title>Movies and hotels</title><script type="application/ld+json">[{"@type":"NewsArticle"},{"@type":"Product"}]</script>', '');
    const result = inferSiteKind(doc);
    expect(result.kind).toBe('other');
    expect(result.signals).toEqual(expect.arrayContaining(['no clear kind', 'schema.org NewsArticle', 'schema.org Product']));
  });

  it('matches Latin words whole, not inside other words', () => {
    // "bankruptcy", "embankment", "sparenberg" and "routeing-table" contain kind words but are not them.
    const doc = page('<title>Bankruptcy law on the embankment</title>', '<nav><a>Sparenberg</a><a>Routeing-table</a></nav>');
    expect(inferSiteKind(doc)).toEqual({ kind: 'other', signals: ['no clear kind'] });
  });
});

describe('limits', () => {
  const late = '<button>Add to cart</button><button>Checkout</button>';
  const buttons = (count: number, length: number): string =>
    Array.from({ length: count }, (_, i) => `<button>${String(i).padEnd(length, 'x')}</button>`).join('');

  it('reads at most MAX_TEXT characters of page text', () => {
    const filler = buttons(Math.ceil(MAX_TEXT / 199) + 5, 199);
    expect(inferSiteKind(page('', filler + late)).kind).toBe('other');
    expect(inferSiteKind(page('', late + filler)).kind).toBe('shop');
  });

  it('reads the text of at most MAX_ELEMENTS elements, each distinct text once', () => {
    expect(inferSiteKind(page('', buttons(MAX_ELEMENTS, 5) + late)).kind).toBe('other');
    expect(inferSiteKind(page('', buttons(MAX_ELEMENTS - 2, 5) + late)).kind).toBe('shop');
    // 150 copies of one 199-character label would pass MAX_TEXT if repeats were kept.
    const repeated = `<button>${'x'.repeat(199)}</button>`.repeat(150);
    expect(inferSiteKind(page('', repeated + late)).kind).toBe('shop');
  });

  it('keeps at most 8 signals of at most 80 characters', () => {
    const words = 'breaking news|headlines|politics|add to cart|checkout|buy now|directions|nearby|flights|hotels|inbox|drafts|spam|calendar|dating|swipe|games|leaderboard';
    const types = ['NewsArticle', 'Product', 'Map', 'VideoGame', 'Movie', 'Course', 'Hospital', 'TaxiService', 'Restaurant'].map((t) => `{"@type":"${t}"}`).join(',');
    const result = inferSiteKind(page(`<script type="application/ld+json">[${types}]</script><title>${words.replaceAll('|', ', ')}</title>`, ''));
    expect(result.signals).toHaveLength(8);
    for (const signal of result.signals) expect(signal.length).toBeLessThanOrEqual(80);
    const shopWords = 'add to cart, add to bag, checkout, buy now, 加入购物车, 立即购买, in den warenkorb, jetzt kaufen, ajouter au panier';
    const long = inferSiteKind(page(`<meta property="og:type" content="video.${'x'.repeat(100)}"><title>${shopWords}</title>`, ''));
    expect(long.signals.map((s) => s.slice(0, 20))).toEqual(['shop words: add to c', 'og:type video.xxxxxx']);
    expect(long.signals.map((s) => s.length)).toEqual([80, 80]);
  });

  it('is fast on a 2,000-element page', () => {
    const rows = Array.from({ length: 400 }, (_, i) => `<li><a href="/p/${i}">Item ${i}</a><span>€${i}</span><button>Add to cart</button><p>Some text about item ${i}.</p></li>`).join('');
    const doc = page('<title>Catalogue</title>', `<nav>${'<a>Link</a>'.repeat(50)}</nav><ul>${rows}</ul>`);
    expect(doc.querySelectorAll('*').length).toBeGreaterThan(2000);
    inferSiteKind(doc); // warm up
    const start = performance.now();
    for (let i = 0; i < 10; i++) inferSiteKind(doc);
    // The budget is 2 ms in a browser; happy-dom's selectors are much slower, hence the margin.
    expect((performance.now() - start) / 10).toBeLessThan(50);
  });
});
