/**
 * Content script (isolated world, top frame, document_idle). Built as one self-contained IIFE
 * (the `.iife.ts` name tells crxjs), so no chunk has to be exposed to web pages through
 * web_accessible_resources.
 */
import { createContentChannel } from '../platform/messaging.ts';
import { watchBanners } from './banner-watcher.ts';

const channel = createContentChannel();
const swallow = () => undefined; // delivery failures are retried inside the channel; nothing to show the page

watchBanners(
  document,
  {
    prompt({ id, banner, time }) {
      channel
        .post('prompt/seen', {
          id,
          kind: banner.kind,
          detector: banner.detector,
          language: banner.language,
          text: banner.text,
          actions: banner.controls.map((c) => ({ label: c.label, role: c.role })),
          time,
        })
        .catch(swallow);
    },
    decision(report) {
      channel.post('decision/made', report).catch(swallow);
    },
  },
  { newId: () => crypto.randomUUID(), now: () => Date.now() },
);
