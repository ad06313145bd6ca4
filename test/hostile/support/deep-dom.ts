/**
 * Run by test/hostile/dom-pressure.test.ts in its own Node process with a larger stack
 * (`node --stack-size=7000 --import tsx`): happy-dom's own querySelectorAll, textContent and
 * insertion code recurse once per nesting level and overflow Node's default stack on a 5,000-deep
 * page, which a browser's native DOM does not. The detection code under test gets no such help: it
 * runs on the same page as it would in the content script. Prints one JSON line of results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { watchBanners } from '../../../extension/content/banner-watcher.ts';
import { findBanners, MAX_SCAN_VISITS, type ScanBudget } from '../../../src/detect/cookie-banner.ts';

const DEPTH = Number(process.argv[2] ?? 5000);
const errors: string[] = [];
process.on('uncaughtException', (e) => errors.push(`uncaught: ${String(e)}`));
process.on('unhandledRejection', (e) => errors.push(`unhandled: ${String(e)}`));

const fixture = readFileSync(join(import.meta.dirname, '..', '..', 'dom', 'fixtures', 'banner-en.html'), 'utf8');
const bannerHtml = /<div class="cookie-notice"[\s\S]*?<\/div>/u.exec(fixture)![0];

/** A fresh page whose body holds `depth` nested elements (built top-down: each insertion is shallow). */
function page(depth: number): { window: Window; document: Document; leaf: Element } {
  const window = new Window({ url: 'https://news.example/' });
  const document = window.document as unknown as Document;
  document.documentElement.setAttribute('lang', 'en');
  window.addEventListener('error', (e) => errors.push(`error event: ${String((e as unknown as ErrorEvent).error ?? e)}`));
  let leaf: Element = document.body;
  for (let i = 0; i < depth; i++) {
    const child = document.createElement(i % 2 ? 'div' : 'section');
    leaf.appendChild(child);
    leaf = child;
  }
  return { window, document, leaf };
}

function show(document: Document, parent: Element): void {
  const holder = document.createElement('div');
  holder.innerHTML = bannerHtml;
  parent.appendChild(holder.firstElementChild!);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const out: Record<string, unknown> = { depth: DEPTH, maxVisits: MAX_SCAN_VISITS };

try {
  // 1. A deep page with filler text; the banner is shown later, at the top level.
  {
    const { window, document, leaf } = page(DEPTH);
    leaf.textContent = 'Read about cookies in our policy';
    const prompts: string[] = [];
    const watcher = watchBanners(document, { prompt: (r) => prompts.push(r.banner.text), decision: () => undefined }, { newId: () => `id-${prompts.length}`, now: () => Date.now(), throttleMs: 20, settleMs: 40 });
    const before = prompts.length;
    show(document, document.body);
    await wait(400);
    out.later = { before, prompts, stats: watcher.stats };
    watcher.dispose();
    await window.happyDOM.close();
  }
  // 2. The banner at the bottom of the deep page.
  {
    const { window, document, leaf } = page(DEPTH);
    show(document, leaf);
    const budget: ScanBudget = { maxVisits: MAX_SCAN_VISITS, visited: 0, exhausted: false };
    const found = findBanners(document, { budget });
    const prompts: string[] = [];
    const watcher = watchBanners(document, { prompt: (r) => prompts.push(r.banner.text), decision: () => undefined }, { newId: () => 'id', now: () => Date.now(), throttleMs: 20, settleMs: 40 });
    out.bottom = { found: found.length, budget, prompts, stats: watcher.stats };
    watcher.dispose();
    await window.happyDOM.close();
  }
} catch (error) {
  errors.push(`thrown: ${String(error)}`);
}
out.errors = errors;
process.stdout.write(`${JSON.stringify(out)}\n`);
