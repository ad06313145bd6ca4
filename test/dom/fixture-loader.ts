/**
 * Loads the saved pages in ./fixtures. DOMParser keeps `<html lang>` (setting
 * `documentElement.innerHTML` would drop it) and gives each test its own Document, the same way
 * the CLI (cli/scan.ts) parses a saved page.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path, not a URL: under happy-dom the global `URL` is happy-dom's, which node:fs rejects.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixtureHtml(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function loadFixture(name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}

/**
 * Replaces the global `document`'s content with a fixture's (for code that needs a live window:
 * MutationObserver, timers, events). Keeps `lang`, head styles and body.
 */
export function loadFixtureIntoDocument(name: string, target: Document = document): void {
  const parsed = loadFixture(name);
  const lang = parsed.documentElement.getAttribute('lang');
  if (lang) target.documentElement.setAttribute('lang', lang);
  else target.documentElement.removeAttribute('lang');
  target.head.innerHTML = parsed.head.innerHTML;
  target.body.innerHTML = parsed.body.innerHTML;
}
