/**
 * Where the system browsers are, and what to do when one is missing: outside CI the suite for
 * that browser is skipped with the command that fixes it; under CI=true a missing browser fails.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

const CANDIDATES = {
  chromium: ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'],
  firefox: ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox'],
} as const;

export type BrowserName = keyof typeof CANDIDATES;

export function findBrowser(name: BrowserName): string | null {
  const fromEnv = process.env[name === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES[name].find((p) => existsSync(p)) ?? null;
}

/** The browser's path; null (after saying why) when the suite should be skipped. */
export function browserOrSkip(name: BrowserName): string | null {
  const path = findBrowser(name);
  if (path) return path;
  const fix = `${name} is not installed: run \`npm run browsers\` (installs Debian chromium and firefox-esr with apt-get)`;
  if (process.env.CI === 'true') throw new Error(`${fix}. CI=true: a missing browser is a failure.`);
  console.warn(`\n[e2e] SKIPPING the ${name} suite: ${fix}.\n`);
  return null;
}

export function builtExtension(target: 'chrome' | 'firefox'): string {
  const dir = resolve(ROOT, 'dist', target);
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`dist/${target} is missing: run \`npm run build\` first (npm test does it).`);
  }
  return dir;
}

export function artifactPath(name: string): string {
  return resolve(ROOT, 'test-artifacts', name);
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
