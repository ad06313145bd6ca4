/**
 * Debian Chromium with the built extension loaded (dist/chrome), in a fresh profile: the launch
 * recipe every Chromium suite shares (see ../shared/notes/browser-testing.md, section 4a).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { builtExtension } from './browsers.ts';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's service worker (where its IndexedDB ledger can be read). */
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * `args`: extra command-line switches (e.g. a proxy), after the shared ones; `extensionDir`: load
 * this unpacked extension instead of dist/chrome (e.g. a copy with a changed manifest).
 */
export async function launchChromiumWithExtension(
  executablePath: string,
  options: { viewport?: { width: number; height: number }; args?: string[]; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extension = options.extensionDir ?? builtExtension('chrome');
  const profile = mkdtempSync(join(tmpdir(), 'consent-lens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--disable-gpu',
      '--disable-quic',
      '--disable-sync',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ...(options.args ?? []),
    ],
    ignoreDefaultArgs: ['--disable-extensions'], // Playwright adds it by default
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
