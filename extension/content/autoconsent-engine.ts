/**
 * The autoconsent engine, injected by the background (scripting.executeScript) only into frames
 * where ConsentLens found a prompt; built as its own file (see vite.config.ts), never loaded on other
 * pages. Runs in the same isolated world as the main content script, which names the current prompt
 * in `__consentLensPrompt` (read at each message, so a later prompt of a single-page app is named). Detect-only: its config comes from the
 * background, which also decides whether it may refuse (the person's "reject when possible").
 */
import AutoConsent from '@duckduckgo/autoconsent';
import type { BackgroundMessage } from '@duckduckgo/autoconsent';
import { browser, type Runtime } from '../platform/browser.ts';

interface Shared {
  __consentLensPrompt?: string;
  __consentLensAutoconsent?: AutoConsent;
}
const shared = globalThis as Shared;
/** Messages the engine sends that nobody reads (state reports, visual delays). */
const UNREAD = new Set(['report', 'visualDelay', 'optInResult']);

if (!shared.__consentLensAutoconsent && shared.__consentLensPrompt) {
  const engine = new AutoConsent(async (message) => {
    const promptId = shared.__consentLensPrompt;
    if (UNREAD.has(message.type) || !promptId) return;
    await browser.runtime.sendMessage({ type: 'autoconsent/message', payload: { promptId, message } }).catch(() => undefined);
  });
  shared.__consentLensAutoconsent = engine;
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only the background (no tab) of this extension talks to the engine.
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const m = message as { type?: unknown; payload?: unknown } | null;
    if (m?.type === 'autoconsent/to-content' && m.payload && typeof m.payload === 'object') {
      void engine.receiveMessageCallback(m.payload as BackgroundMessage);
    }
    return undefined;
  });
}
