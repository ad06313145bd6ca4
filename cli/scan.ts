/**
 * Runs the detectors over a saved HTML page in Node. The page is parsed by happy-dom with
 * scripts, style sheets, frames and all network loading disabled: a saved page is data, never code.
 */
import { Window } from 'happy-dom';
import { cmpOf } from '../src/detect/cmp-signatures.ts';
import { cssPath } from '../src/detect/css-path.ts';
import { findBanners } from '../src/detect/cookie-banner.ts';
import { findPolicyLinks, type PolicyLink } from '../src/detect/policy-links.ts';
import { factsOf } from '../src/detect/prompt-facts.ts';
import { evaluateFlags } from '../src/flags/evaluate.ts';
import type { ActionRole, FlagRecord, Prominence, PromptFacts, PromptKind } from '../src/model.ts';
import { siteOf } from '../src/site.ts';

export interface ScanResult {
  url: string | null;
  site: string | null;
  prompts: {
    kind: PromptKind;
    cmp: string | null; // the consent platform recognised by its markup, or null (site-made)
    selector: string; // CSS selector of the prompt in the page
    detector: string;
    language: string;
    text: string;
    actions: { label: string; role: ActionRole; prominence: Prominence | null }[]; // no layout in a saved page: null
    facts: PromptFacts;
    flags: FlagRecord[]; // the flags a saved page can show (no consent signals, no decision)
  }[];
  policyLinks: PolicyLink[];
}

/** A happy-dom window that never runs the page's scripts nor loads anything: a saved page is data. */
export function inertWindow(url: string | null): Window {
  return new Window({
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
}

export async function scanHtml(html: string, url: string | null): Promise<ScanResult> {
  const window = inertWindow(url);
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    const prompts = findBanners(doc).map((b) => {
      const actions = b.controls.map((c) => ({ label: c.label, role: c.role }));
      const facts = factsOf(b.element);
      return {
        kind: b.kind,
        cmp: cmpOf(b.element),
        detector: b.detector,
        language: b.language,
        text: b.text,
        actions: actions.map((a) => ({ ...a, prominence: null })),
        facts,
        selector: cssPath(b.element),
        flags: evaluateFlags({ kind: b.kind, text: b.text, selector: cssPath(b.element), actions, facts, shownAt: 0 }),
      };
    });
    const policyLinks = findPolicyLinks(doc, 20, url ?? 'about:blank');
    return { url, site: url ? siteOf(url) : null, prompts, policyLinks };
  } finally {
    await window.happyDOM.close();
  }
}
