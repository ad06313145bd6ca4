/**
 * Bundled (test/e2e/support/bundle.ts) and evaluated in ConsentLens's isolated world by the
 * hostile browser tests: the product's own content-script channel (ordered, acknowledged, retried:
 * extension/platform/messaging.ts), so a test's reports are delivered exactly as the content
 * script delivers its own.
 */
import { createContentChannel } from '../../../extension/platform/messaging.ts';

(globalThis as unknown as { __consentLensTestChannel: ReturnType<typeof createContentChannel> }).__consentLensTestChannel = createContentChannel();
