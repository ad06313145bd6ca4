/**
 * Content script (isolated world, every frame, document_start). Built as one self-contained IIFE
 * (the `.iife.ts` name tells crxjs), so no chunk has to be exposed to web pages through
 * web_accessible_resources.
 *
 * At document_start it only connects the bridge to the main-world script (which must happen before
 * page scripts run); banner watching starts once the DOM is parsed. The bridge carries permission
 * requests in every frame (permissions.ts) and consent signals, honoured in the top frame only.
 */
import { cmpOf } from '../../src/detect/cmp-signatures.ts';
import { cssPath } from '../../src/detect/css-path.ts';
import { findReopenControl } from '../../src/detect/reopen-control.ts';
import type { ContentPayload } from '../../src/protocol/messages.ts';
import { createContentChannel } from '../platform/messaging.ts';
import { watchBanners } from './banner-watcher.ts';
import { connectBridge } from './bridge.ts';
import { createPermissionReporter, queryPermissionState } from './permissions.ts';
import { inferSiteKind } from '../../src/permissions/site-kind.ts';
import { readConsentCookies, type ConsentCookie } from './consent-cookies.ts';
import { newId } from './ids.ts';
import { afterLoadWhenIdle, scanForPolicies } from './policy-scan.ts';

type Signal = Omit<ContentPayload<'signals/seen'>, 'promptId'>;

const channel = createContentChannel();
const swallow = () => undefined; // delivery failures are retried inside the channel; nothing to show the page
/** After a decision: read the stored consent at these delays, and look for a reopen control. */
const READ_AFTER_DECISION_MS = [1000, 4000];
const REOPEN_CHECK_MS = 2000;
const MAX_EARLY_SIGNALS = 10;
/** Fields a data-collection form is made of (a lone search box does not count). */
const FORM_FIELDS = 'input:not([type="hidden"]):not([type="search"]):not([type="submit"]):not([type="button"]), textarea, select';

let currentPrompt: string | null = null;
let autoconsentRequested = false;
let platformEvidence = false;
let consentPromptId: string | null = null;
let watcher: ReturnType<typeof watchBanners> | null = null;
/** A notification soft-ask was reported on this page (for permission/requested's softAskBefore). */
let softAskSeen = false;
const CONSENT_KINDS = new Set(['cookie-banner', 'consent-dialog', 'cookie-wall', 'pay-or-accept']);
const early: Signal[] = []; // signals read before any prompt appeared: sent with the first one

function signal(s: Signal): void {
  if (currentPrompt === null) {
    if (early.length < MAX_EARLY_SIGNALS) early.push(s);
    return;
  }
  channel.post('signals/seen', { ...s, promptId: currentPrompt }).catch(swallow);
}

/** Sends the known consent cookies as signals; returns them. */
function readCookies(): ConsentCookie[] {
  const time = Date.now();
  const cookies = readConsentCookies(document);
  for (const c of cookies) signal({ source: c.source, name: c.name, value: c.value, time });
  return cookies;
}

const isTop = window.top === window;
const onPermission = createPermissionReporter({
  post: (type, payload) => channel.post(type, payload),
  readState: (permission) => queryPermissionState(navigator.permissions, permission),
  siteKind: () => inferSiteKind(document),
  softAskBefore: () => softAskSeen,
  newId,
  now: () => Date.now(),
});
// The main-world script runs in every frame, so the bridge connects in every frame. Consent signals
// are read and honoured in the top frame only, as before.
const connected = connectBridge(
  document,
  (s) => {
    if (!isTop) return;
    if (s.source === 'api') {
      // A consent platform's API is on the page: worth loading autoconsent for its prompt. When
      // the TCF API says its interface is on screen (ping displayStatus, cmpuishown), look now.
      platformEvidence = true;
      if (s.value === 'visible') watcher?.rescan();
      requestAutoconsent();
      return;
    }
    if (s.source !== 'consent-mode') platformEvidence = true;
    signal({ ...s, source: s.source, time: Date.now() });
    requestAutoconsent();
  },
  onPermission,
);
/** Probe and reopen concern consent platforms: the top frame's main world only. */
const bridge = isTop ? connected : { probe() {}, reopen() {}, connected: false };

/**
 * autoconsent knows consent platforms; it costs about what the whole autoconsent addon costs, so it
 * is loaded only for a consent prompt on a page that shows signs of a platform: markup we recognise,
 * a consent API, or a platform's consent cookie. A site's own banner does not need it.
 */
function requestAutoconsent(): void {
  if (autoconsentRequested || consentPromptId === null || !platformEvidence) return;
  autoconsentRequested = true;
  channel.post('autoconsent/candidate', { promptId: consentPromptId }).catch(swallow);
}

/** A withdrawal is pending here: reopen the platform's settings, else press the site's own reopen control. */
function reopenForWithdrawal(isReported: (el: Element) => boolean): void {
  const before = currentPrompt;
  setTimeout(() => bridge.reopen(), 1000);
  setTimeout(() => {
    if (currentPrompt !== before) return; // the platform showed its dialog
    (findReopenControl(document, isReported)?.element as HTMLElement | undefined)?.click();
  }, 2500);
}

function start(): void {
  watcher = watchBanners(
    document,
    {
      prompt({ id, banner, actions, facts, time }) {
        currentPrompt = id;
        if (banner.kind === 'notification-soft-ask') softAskSeen = true;
        const cmp = cmpOf(banner.element);
        channel
          .post('prompt/seen', {
            id,
            kind: banner.kind,
            detector: banner.detector,
            cmp,
            selector: cssPath(banner.element),
            language: banner.language,
            text: banner.text,
            actions,
            facts,
            time,
          })
          .catch(swallow);
        for (const s of early.splice(0)) signal(s);
        const cookies = readCookies();
        bridge.probe();
        if (CONSENT_KINDS.has(banner.kind)) {
          // Name the platform (and refuse, if the person asked for it) with autoconsent. The channel
          // is ordered, so the prompt is stored before the engine speaks about it.
          (globalThis as { __consentLensPrompt?: string }).__consentLensPrompt = id;
          consentPromptId = id;
          if (cmp !== null || cookies.length > 0) platformEvidence = true; // recognised markup, or a platform's cookie
          requestAutoconsent();
        }
      },
      layer(report) {
        channel.post('prompt/layer', report).catch(swallow);
      },
      decision(report) {
        channel.post('decision/made', report).catch(swallow);
        for (const delay of READ_AFTER_DECISION_MS) {
          setTimeout(() => {
            readCookies();
            bridge.probe();
          }, delay);
        }
        // The reopen link of a CMP shown in a frame lives in the top page: only look from the top.
        if (report.kind === 'implied' || report.kind === 'dismissed' || window.top !== window) return;
        setTimeout(() => {
          const found = findReopenControl(document, (el) => watcher?.isReported(el) ?? false);
          channel.post('prompt/reopen-check', { promptId: report.promptId, found: found !== null, label: found?.label ?? '' }).catch(swallow);
        }, REOPEN_CHECK_MS);
      },
    },
    { newId, now: () => Date.now() },
  );
  // The form reader is loaded only into frames whose page has form fields (once, when idle).
  afterLoadWhenIdle(window, () => {
    if (document.querySelector(FORM_FIELDS)) channel.post('forms/candidate', {}).catch(swallow);
  });
  if (window.top === window) {
    afterLoadWhenIdle(window, () => scanForPolicies(document, channel.post));
    channel
      .post('page/hello', {})
      .then(({ withdrawPending }) => {
        if (withdrawPending) reopenForWithdrawal((el) => watcher?.isReported(el) ?? false);
      })
      .catch(swallow);
  }
}

// A same-origin about:blank frame (reached through match_origin_as_fallback) gets the bridge only,
// for the permission hooks in its realm: consent prompts, forms and policies live in real pages.
if (document.URL !== 'about:blank') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
