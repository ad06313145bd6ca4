/**
 * Writes the benchmark pages in bench/ (run `node scripts/bench/make-pages.mjs` after editing
 * this file; `npm run bench` only serves what is in bench/ and regenerates a missing page).
 *
 * - article.html: a news article as a real site marks it up (header, navigation with hidden
 *   drop-down menus, breadcrumb, the article with figures, a table and quotes, share buttons, a
 *   "most read" aside, a newsletter form, 24 story cards, 60 comments, a footer with "Privacy policy" and
 *   "Cookie settings" links): ~2,000 elements, no JavaScript.
 * - banner.html: the same article, plus page JS that inserts the site's own cookie banner 300 ms
 *   after `load` and shows it at once, recording when (`data-bench-banner-shown` on <html>:
 *   page `Date.now()`; `data-bench-banner-shown-perf`: `performance.now()`).
 * - churn.html: the same article, plus page JS that, from `load` on, replaces a 500-item list
 *   (a link and a button per item) every 50 ms for 1.5 s, like an SPA re-rendering a feed.
 *   It records the number of rewrites in `data-bench-churn-done` when it stops.
 * Deterministic: the text comes from a fixed word list and a seeded generator.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BENCH_DIR = resolve(import.meta.dirname, '..', '..', 'bench');
export const PAGE_FILES = ['article.html', 'banner.html', 'churn.html'];

/** Churn parameters, read back by the benchmark to choose its settle time. */
export const CHURN = { items: 500, everyMs: 50, forMs: 1500 };
export const BANNER_DELAY_MS = 300;

const WORDS = (
  'the city council voted on tuesday to expand the river path after months of debate over cost ' +
  'residents said the new bridge would shorten commutes and bring visitors to small shops along ' +
  'the water while critics warned that the budget had already grown twice since the plan was ' +
  'first proposed engineers expect construction to begin next spring and last about eighteen ' +
  'months during which some roads will close at night a spokesperson for the transport office ' +
  'said detours would be signposted and buses rerouted local schools welcomed the safer crossing ' +
  'for children who now walk along a busy road the project is funded partly by a regional grant ' +
  'and partly by a levy on new developments near the station analysts noted that similar schemes ' +
  'in other towns had raised property values and footfall but also rents for long-standing tenants'
).split(' ');

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const SEED = 20240611;
let rand = rng(SEED);
const pick = (list) => list[Math.floor(rand() * list.length)];
const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const sentence = (n = 12 + Math.floor(rand() * 14)) => {
  const s = words(n);
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
};
const title = (n = 4 + Math.floor(rand() * 5)) => {
  const s = words(n);
  return `${s[0].toUpperCase()}${s.slice(1)}`;
};
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/gu, '-');

const ICON = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M4 12h16M12 4v16"/></svg>';

/** A paragraph with inline links and emphasis, as CMS output looks. */
function paragraph() {
  const parts = [sentence()];
  if (rand() < 0.6) parts.push(`<a href="/news/${slug(words(3))}">${words(3)}</a> ${words(6)}.`);
  if (rand() < 0.4) parts.push(`<em>${words(4)}</em> ${sentence()}`);
  if (rand() < 0.3) parts.push(`<strong>${words(3)}</strong> ${sentence()}`);
  parts.push(sentence());
  return `<p>${parts.join(' ')}</p>`;
}

const SECTIONS = ['News', 'Politics', 'Business', 'Tech', 'Science', 'Health', 'Sport', 'Culture', 'Travel', 'Opinion', 'Video', 'Podcasts'];

function header() {
  const nav = SECTIONS.map((section) => {
    const menu = Array.from({ length: 12 }, () => `<li><a href="/${slug(section)}/${slug(words(2))}">${title(2)}</a></li>`).join('');
    return `<li class="nav-item"><a href="/${slug(section)}">${section}</a><ul class="dropdown">${menu}</ul></li>`;
  }).join('');
  return `<header class="site-header">
  <div class="topbar"><a class="skip" href="#content">Skip to content</a><span class="date">Tuesday 11 June</span>
    <a href="/subscribe" class="btn btn-subscribe">Subscribe</a><a href="/login">Sign in</a>
    <button type="button" class="search-toggle" aria-label="Search">${ICON}</button></div>
  <div class="masthead"><a href="/" class="logo"><img src="/logo.svg" alt="The Daily Example" width="220" height="40"></a></div>
  <nav class="primary" aria-label="Sections"><ul>${nav}</ul></nav>
</header>`;
}

function figure(i) {
  return `<figure class="figure"><picture><source srcset="/img/photo-${i}.webp" type="image/webp"><img src="/img/photo-${i}.svg" alt="${words(5)}" width="800" height="450" loading="lazy"></picture>
  <figcaption>${sentence()} <span class="credit">Photo: ${title(2)}</span></figcaption></figure>`;
}

function table() {
  const rows = Array.from({ length: 10 }, (_, i) => `<tr><th scope="row">${title(2)}</th><td>${2015 + i}</td><td>${(rand() * 90).toFixed(1)}m</td><td>${words(3)}</td></tr>`).join('');
  return `<table class="data"><caption>${title(5)}</caption><thead><tr><th>Scheme</th><th>Year</th><th>Cost</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function article() {
  const body = [];
  for (let i = 0; i < 48; i++) {
    if (i % 6 === 3) body.push(`<h2 id="s${i}">${title()}</h2>`);
    if (i === 5 || i === 17 || i === 27) body.push(figure(i));
    if (i === 9) body.push(`<blockquote><p>${sentence()} ${sentence()}</p><cite>${title(2)}</cite></blockquote>`);
    if (i === 13 || i === 24) body.push(`<ul class="bullets">${Array.from({ length: 6 }, () => `<li>${sentence(8)}</li>`).join('')}</ul>`);
    if (i === 20) body.push(table());
    if (i === 15) {
      const links = Array.from({ length: 4 }, () => `<li><a href="/news/${slug(words(3))}">${title()}</a></li>`).join('');
      body.push(`<aside class="inline-related"><h3>Read more</h3><ul>${links}</ul></aside>`);
    }
    body.push(paragraph());
  }
  const share = ['Facebook', 'X', 'LinkedIn', 'WhatsApp', 'Email', 'Copy link']
    .map((n) => `<li><button type="button" class="share share-${slug(n)}" aria-label="Share on ${n}">${ICON}<span class="visually-hidden">${n}</span></button></li>`)
    .join('');
  const tags = Array.from({ length: 8 }, () => `<li><a href="/topic/${slug(words(1))}" rel="tag">${title(1)}</a></li>`).join('');
  return `<article class="story">
  <header class="story-header"><p class="kicker"><a href="/news/local">Local news</a></p><h1>${title(10)}</h1>
    <p class="standfirst">${sentence(24)}</p>
    <div class="byline"><img class="avatar" src="/img/author.svg" alt="" width="40" height="40"><span>By <a rel="author" href="/authors/jane-doe">Jane Doe</a></span>
      <time datetime="2024-06-11T08:00:00Z">11 June 2024, 08:00</time><button type="button" class="follow">Follow</button></div>
    <ul class="share-bar">${share}</ul></header>
  ${figure(0)}
  <div class="story-body">${body.join('\n')}</div>
  <footer class="story-footer"><ul class="tags">${tags}</ul><p class="correction">${sentence()}</p></footer>
</article>`;
}

function aside() {
  const most = Array.from({ length: 10 }, (_, i) => `<li><a href="/news/${slug(words(3))}"><span class="rank">${i + 1}</span><h3>${title()}</h3><img src="/img/thumb-${i}.svg" alt="" width="96" height="64"></a></li>`).join('');
  return `<aside class="rail"><section class="most-read"><h2>Most read</h2><ol>${most}</ol></section>
  <section class="newsletter"><h2>Morning briefing</h2><p>${sentence()}</p>
    <form action="/newsletter" method="post"><label for="nl-email">Email address</label><input id="nl-email" type="email" name="email" placeholder="you@example.com" required>
    <label class="check"><input type="checkbox" name="offers"> ${sentence(8)}</label><button type="submit">Sign up</button></form></section>
  <section class="ad-slot" aria-label="Advertisement"><div class="ad-placeholder">Advertisement</div></section></aside>`;
}

function moreStories() {
  const cards = Array.from({ length: 24 }, (_, i) => `<li class="card"><a href="/news/${slug(words(3))}"><img src="/img/card-${i}.svg" alt="" width="280" height="158" loading="lazy"><h3>${title()}</h3></a><p>${sentence(14)}</p><span class="section">${pick(SECTIONS)}</span></li>`).join('');
  return `<section class="more-stories"><h2>More stories</h2><ul class="cards">${cards}</ul></section>`;
}

function comments() {
  const list = Array.from({ length: 60 }, (_, i) => {
    const name = title(2);
    return `<li class="comment" id="c${i}"><article><header><img class="avatar" src="/img/user-${i % 9}.svg" alt="" width="32" height="32"><a class="name" href="/users/${slug(name)}">${name}</a>
      <time datetime="2024-06-11T09:${String(i).padStart(2, '0')}:00Z">${i + 2} min ago</time></header>
      <div class="comment-body"><p>${sentence()} ${sentence()}</p>${i % 3 === 0 ? `<p>${sentence()}</p>` : ''}</div>
      <footer><button type="button" class="reply">Reply</button><button type="button" class="like" aria-label="Like">${ICON}<span class="count">${Math.floor(rand() * 40)}</span></button><button type="button" class="report">Report</button></footer></article></li>`;
  }).join('\n');
  return `<section class="comments" id="comments"><h2>Comments (212)</h2>
  <form class="comment-form"><label for="comment">Join the discussion</label><textarea id="comment" rows="3"></textarea><button type="submit">Post comment</button></form>
  <ol class="comment-list">${list}</ol><button type="button" class="load-more">Load more comments</button></section>`;
}

function footer() {
  const cols = ['News', 'Sections', 'Services', 'About us', 'Help'].map(
    (heading) => `<div class="col"><h3>${heading}</h3><ul>${Array.from({ length: 14 }, () => `<li><a href="/${slug(words(2))}">${title(2)}</a></li>`).join('')}</ul></div>`,
  );
  const social = ['Facebook', 'Instagram', 'X', 'YouTube', 'TikTok'].map((n) => `<li><a href="https://example.com/${slug(n)}" aria-label="${n}">${ICON}</a></li>`).join('');
  return `<footer class="site-footer"><div class="cols">${cols.join('')}</div><ul class="social">${social}</ul>
  <ul class="legal"><li><a href="/terms">Terms of use</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/cookies">Cookie policy</a></li><li><a href="/cookie-settings">Cookie settings</a></li><li><a href="/accessibility">Accessibility</a></li><li><a href="/contact">Contact us</a></li></ul>
  <p class="copyright">© 2024 The Daily Example. All rights reserved.</p></footer>`;
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 Georgia,serif;color:#222;background:#fff}
a{color:#0b5394}.site-header{border-bottom:1px solid #ddd}.topbar{display:flex;gap:1rem;align-items:center;padding:.25rem 1rem;font:13px system-ui,sans-serif}
.btn-subscribe{background:#c00;color:#fff;padding:.2rem .6rem;border-radius:3px;text-decoration:none}.masthead{text-align:center;padding:1rem}
nav.primary>ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:.5rem 1rem;font:600 14px system-ui,sans-serif}
.nav-item{position:relative}.dropdown{display:none;position:absolute;top:100%;left:0;background:#fff;box-shadow:0 2px 8px #0003;list-style:none;padding:.5rem;min-width:12rem;z-index:10}
.nav-item:hover .dropdown{display:block}.breadcrumb ol{display:flex;gap:.5rem;list-style:none;padding:0;font:13px system-ui,sans-serif}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:2rem;max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:2.2rem;line-height:1.2}.standfirst{font-size:1.2rem;color:#555}.byline{display:flex;gap:.75rem;align-items:center;font:14px system-ui,sans-serif}
.avatar{border-radius:50%;background:#ccc}.share-bar,.tags,.social,.legal{display:flex;gap:.5rem;list-style:none;padding:0;flex-wrap:wrap}
.share{border:1px solid #ccc;background:#fff;border-radius:50%;width:34px;height:34px}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
figure{margin:1.5rem 0}figure img{width:100%;height:auto;background:#eee}figcaption{font:13px system-ui,sans-serif;color:#666}
blockquote{border-left:4px solid #c00;margin:1.5rem 0;padding-left:1rem;font-style:italic}table.data{border-collapse:collapse;width:100%;font:14px system-ui,sans-serif}
table.data td,table.data th{border-bottom:1px solid #eee;padding:.3rem;text-align:left}.inline-related{background:#f6f6f6;padding:1rem}
.rail section{margin-bottom:2rem}.most-read ol{list-style:none;padding:0}.most-read a{display:grid;grid-template-columns:2rem 1fr 96px;gap:.5rem;text-decoration:none;color:#222}
.most-read h3{font-size:1rem;margin:0}.newsletter form{display:grid;gap:.5rem}.newsletter button,.comment-form button,.load-more{background:#0b5394;color:#fff;border:0;padding:.5rem 1rem;border-radius:3px}
.ad-placeholder{height:250px;background:#f0f0f0;display:grid;place-items:center;color:#999;font:12px system-ui,sans-serif}
.comments{max-width:1100px;margin:0 auto;padding:1rem}.comment-list{list-style:none;padding:0}.comment{border-top:1px solid #eee;padding:.75rem 0}
.comment header{display:flex;gap:.5rem;align-items:center;font:14px system-ui,sans-serif}.comment footer button{background:none;border:0;color:#555;font:13px system-ui,sans-serif}
.site-footer{background:#111;color:#ccc;padding:2rem 1rem;font:14px system-ui,sans-serif}.site-footer a{color:#ccc}.cols{display:grid;grid-template-columns:repeat(5,1fr);gap:1rem}
.cols ul{list-style:none;padding:0}.more-stories{max-width:1100px;margin:0 auto;padding:1rem}.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:1rem;list-style:none;padding:0}
`;

function articleBody() {
  const crumbs = `<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/news/local">Local</a></li><li aria-current="page">River path</li></ol></nav>`;
  return `${header()}
${crumbs}
<div class="layout"><main id="content">${article()}</main>${aside()}</div>
${moreStories()}
${comments()}
${footer()}`;
}

const BANNER_SCRIPT = `<script>
// The site's own cookie banner (no consent library): inserted ${BANNER_DELAY_MS} ms after load, shown at once.
addEventListener('load', () => {
  setTimeout(() => {
    const banner = document.createElement('div');
    banner.id = 'site-cookie-notice';
    banner.className = 'cookie-notice';
    banner.setAttribute('role', 'region');
    banner.setAttribute('aria-label', 'Cookie notice');
    banner.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:1000;background:#1d1d1d;color:#fff;padding:1rem 2rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 -2px 12px #0006';
    banner.innerHTML =
      '<div class="cookie-notice__inner"><h2 style="margin:0 0 .25rem;font-size:1.1rem">We value your privacy</h2>' +
      '<p style="margin:0 0 .75rem">We and our partners use cookies and similar technologies to store and access information on your device, to measure audiences and to show you personalised ads. ' +
      'You can accept all cookies, reject the ones that are not necessary, or choose which purposes you allow. Read our <a href="/cookies" style="color:#9cf">cookie policy</a>.</p>' +
      '<div class="cookie-notice__actions" style="display:flex;gap:.75rem">' +
      '<button type="button" data-action="accept" style="background:#2e7d32;color:#fff;border:0;padding:.5rem 1.25rem;border-radius:3px;font-weight:600">Accept all</button>' +
      '<button type="button" data-action="reject" style="background:#fff;color:#1d1d1d;border:0;padding:.5rem 1.25rem;border-radius:3px">Reject all</button>' +
      '<button type="button" data-action="settings" style="background:none;color:#fff;border:1px solid #fff;padding:.5rem 1.25rem;border-radius:3px">Manage settings</button>' +
      '</div></div>';
    banner.addEventListener('click', (event) => {
      if (event.target.closest('button')) banner.remove();
    });
    document.body.append(banner);
    // Visible from here on (same task: the next frame paints it).
    document.documentElement.dataset.benchBannerShown = String(Date.now());
    document.documentElement.dataset.benchBannerShownPerf = String(performance.now());
  }, ${BANNER_DELAY_MS});
});
</script>`;

const CHURN_SCRIPT = `<script>
// An SPA feed re-rendering: replace a ${CHURN.items}-item list every ${CHURN.everyMs} ms for ${CHURN.forMs} ms after load.
addEventListener('load', () => {
  const host = document.createElement('section');
  host.className = 'feed';
  host.innerHTML = '<h2>Live updates</h2><ul class="feed-list"></ul>';
  document.querySelector('.layout').after(host);
  const list = host.querySelector('ul');
  const start = performance.now();
  let round = 0;
  const render = () => {
    round++;
    const items = [];
    for (let i = 0; i < ${CHURN.items}; i++) {
      const n = (i * 7 + round * 13) % 997;
      items.push('<li class="feed-item" data-id="' + n + '"><a href="/live/' + n + '">Update ' + n + ': the river path vote, round ' + round + '</a> ' +
        '<span class="ago">' + (round + i) + ' s ago</span> <button type="button" class="pin">Pin</button></li>');
    }
    list.innerHTML = items.join('');
    if (performance.now() - start < ${CHURN.forMs}) setTimeout(render, ${CHURN.everyMs});
    else document.documentElement.dataset.benchChurnDone = String(round);
  };
  render();
});
</script>`;

function page(extraScript, name) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>River path vote - The Daily Example (${name})</title>
<meta name="description" content="A benchmark page for ConsentLens: a realistic article.">
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
${articleBody()}
${extraScript}
</body>
</html>
`;
}

export function makePages(dir = BENCH_DIR) {
  mkdirSync(dir, { recursive: true });
  const write = (file, script, name) => writeFileSync(join(dir, file), page(script, name));
  // The same seed for each page: the three share one article.
  for (const [file, script, name] of [
    ['article.html', '', 'article'],
    ['banner.html', BANNER_SCRIPT, 'banner'],
    ['churn.html', CHURN_SCRIPT, 'churn'],
  ]) {
    rand = rng(SEED);
    write(file, script, name);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  makePages();
  console.log(`wrote ${PAGE_FILES.join(', ')} to ${BENCH_DIR}`);
}
