/**
 * Policies, from the top frame once the page has loaded and the browser is idle: report the links
 * to the site's privacy policy, cookie policy and terms; and when this page's title, top headings
 * or address name a policy, hand its markup to the background, which reads and judges it off this
 * page's thread (the page is not touched). Ordinary pages pay for one link walk and a few regular
 * expressions.
 */
import { findPolicyLinks } from '../../src/detect/policy-links.ts';
import { policyPageHint } from '../../src/policy/policy-page.ts';
import { MAX_POLICY_HTML, MAX_POLICY_LINKS, type ContentPayload, type ContentResponses, type ContentType } from '../../src/protocol/messages.ts';

type Post = <K extends ContentType>(type: K, payload: ContentPayload<K>) => Promise<ContentResponses[K]>;

export function scanForPolicies(doc: Document, post: Post): void {
  const links = findPolicyLinks(doc, MAX_POLICY_LINKS).filter((l) => /^https?:/iu.test(l.url) && l.url.length <= 2048);
  if (links.length > 0) post('policy/links', { links: links.map(({ kind, text, url }) => ({ kind, text, url })) }).catch(() => undefined);
  // Whether the page really is a policy (and which kind) is judged where it is read, from its
  // main text: the vocabulary tables stay out of the script that runs on every page.
  if (!policyPageHint(doc, doc.location?.href ?? null)) return;
  const html = doc.documentElement.outerHTML;
  if (html.length > MAX_POLICY_HTML) return;
  post('policy/page', { html }).catch(() => undefined);
}

/** Runs `scan` once after `load`, when the browser is idle (at most 3 s later). */
export function afterLoadWhenIdle(win: Window, scan: () => void): void {
  const idle = () => {
    if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(scan, { timeout: 3000 });
    else win.setTimeout(scan, 200);
  };
  if (win.document.readyState === 'complete') idle();
  else win.addEventListener('load', idle, { once: true });
}
