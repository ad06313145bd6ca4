/**
 * Runs the detectors over a saved HTML page in Node. The page is parsed by happy-dom with
 * scripts, style sheets, frames and all network loading disabled: a saved page is data, never code.
 */
import { Window } from 'happy-dom';
import { findBanners } from '../src/detect/cookie-banner.ts';
import type { ActionRole, PromptKind } from '../src/model.ts';
import { siteOf } from '../src/site.ts';

export interface ScanResult {
  url: string | null;
  site: string | null;
  prompts: {
    kind: PromptKind;
    detector: string;
    language: string;
    text: string;
    actions: { label: string; role: ActionRole }[];
  }[];
}

export async function scanHtml(html: string, url: string | null): Promise<ScanResult> {
  const window = new Window({
    url: url ?? 'about:blank',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: false,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
    },
  });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    const prompts = findBanners(doc).map((b) => ({
      kind: b.kind,
      detector: b.detector,
      language: b.language,
      text: b.text,
      actions: b.controls.map((c) => ({ label: c.label, role: c.role })),
    }));
    return { url, site: url ? siteOf(url) : null, prompts };
  } finally {
    await window.happyDOM.close();
  }
}
