/** Toolbar popup: the current site's consent prompts and the person's decisions, at a glance. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CollectionSiteView, LedgerEntry, PolicySiteView } from '../../../src/protocol/messages.ts';
import { browser } from '../../platform/browser.ts';
import { request } from '../../platform/request.ts';
import { CollectionReport } from '../components/collection-report.tsx';
import { PolicyReport } from '../components/policy-report.tsx';
import { Decisions, FlagList, OfferedActions, StoredConsent, excerpt, kindName, trafficLight } from '../components/ledger-parts.tsx';
import { formatDateTime, pageLanguage, t } from '../i18n.ts';
import { loadLanguage } from '../language.ts';
import '../styles.css';
import './popup.css';
import { StorageAlert } from '../components/storage-alert.tsx';

/** The performance mark set when the popup has drawn its data (read by scripts/bench/ui.mjs). */
export const POPUP_READY_MARK = 'consent-lens:popup-ready';

/** Prompts the popup shows; older ones are on the site's page in the dashboard. */
const POPUP_PROMPTS = 10;

type State =
  | { status: 'no-site' }
  | { status: 'ready'; site: string; entries: LedgerEntry[]; policy: PolicySiteView; collection: CollectionSiteView }
  | { status: 'error'; message: string };

/** The site the popup is about: the active tab's, or `?site=` when opened as a page for one site. */
async function currentSite(): Promise<string | null> {
  const fromQuery = new URLSearchParams(location.search).get('site');
  if (fromQuery) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // The background has the public-suffix list loaded; the popup does not parse its 270 KB.
  return tab?.url ? (await request('site/of', { url: tab.url })).site : null;
}

/** The consent platform: recognised by its markup, else the IAB CMP id from its TC string. */
function platformOf(prompt: LedgerEntry['prompt']): string | null {
  if (prompt.cmp) return prompt.cmp;
  const tcf = (prompt.signals ?? []).find((s) => s.source === 'tcf' && s.cmpId !== undefined);
  return tcf ? t('tcfCmp', String(tcf.cmpId)) : null;
}

/** The site's data: the newest prompts only (the popup is the site at a glance; the dashboard has them all). */
async function loadState(): Promise<State> {
  try {
    const site = await currentSite();
    if (!site) return { status: 'no-site' };
    const [{ entries }, policy, collection] = await Promise.all([
      request('ledger/site', { site, limit: POPUP_PROMPTS }),
      request('policy/site', { site }),
      request('collection/site', { site }),
    ]);
    return { status: 'ready', site, entries, policy, collection };
  } catch (error) {
    return { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

function Popup({ first }: { first: State }) {
  const [state, setState] = useState<State>(first);

  useEffect(() => {
    const site = first.status === 'ready' ? first.site : null;
    // Loaded after the first draw: the listener checks notices with valibot, which the draw does not need.
    let off: (() => void) | null = null;
    let gone = false;
    void import('../../platform/messaging.ts').then(({ onBackgroundEvent }) => {
      if (gone) return;
      off = onBackgroundEvent('ledger/changed', (change) => {
        if (change.site === null || change.site === site) void loadState().then(setState);
      });
    });
    return () => {
      gone = true;
      off?.();
    };
  }, []);

  return (
    <div class="popup">
      <header>
        <h1>{t('extName')}</h1>
      </header>
      <StorageAlert />
      <Body state={state} />
      {state.status === 'ready' ? (
        <CollectionReport
          view={state.collection}
          onExpected={(permission, expected) =>
            void request('permissions/expected', { site: state.site, permission, expected }).catch(() => undefined)
          }
        />
      ) : null}
      {state.status === 'ready' ? <Policy site={state.site} view={state.policy} /> : null}
      <footer>
        <span class="muted">{t('localOnly')}</span>
        <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openDashboard')}
        </button>
      </footer>
    </div>
  );
}

/** The site's policy: what ConsentLens read in it, and the button that asks it to read it. */
function Policy({ site, view }: { site: string; view: PolicySiteView }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action(); // the background's ledger/changed notice reloads the popup
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PolicyReport
        view={view}
        busy={busy}
        onFetch={() => void act(() => request('policy/fetch', { site }))}
        onAck={(id) => void act(() => request('policy/ack', { site, id }))}
      />
      {error ? <p class="status error" role="alert">{t('errorPrefix', error)}</p> : null}
    </>
  );
}

function Body({ state }: { state: State }) {
  switch (state.status) {
    case 'no-site':
      return <p>{t('popupNoSite')}</p>;
    case 'error':
      return <p class="status error" role="alert">{t('errorPrefix', state.message)}</p>;
    case 'ready': {
      if (state.entries.length === 0) return <p>{t('popupNothingYet', state.site)}</p>;
      const light = trafficLight(state.entries[0]?.prompt.flags ?? []);
      return (
        <section aria-labelledby="prompts-heading">
          <h2 id="prompts-heading">
            <span class="light" data-light={light} aria-hidden="true" /> {t('popupPromptsOn', state.site)}
          </h2>
          <ul class="entries">
            {state.entries.map(({ prompt, decisions }) => (
              <li key={prompt.id} class="entry" data-prompt-id={prompt.id}>
                <div class="meta">
                  <strong>
                    {kindName(prompt.kind)}
                    {platformOf(prompt) ? <span class="platform"> · {platformOf(prompt)}</span> : null}
                  </strong>
                  <time class="muted" dateTime={new Date(prompt.time).toISOString()}>
                    {formatDateTime(prompt.time)}
                  </time>
                </div>
                <p class="excerpt" lang={prompt.language}>{excerpt(prompt.text)}</p>
                <div>
                  <span class="muted">{t('offered')}: </span>
                  <OfferedActions actions={prompt.actions} />
                </div>
                <div>
                  <span class="muted">{t('yourChoice')}: </span>
                  <Decisions decisions={decisions} />
                </div>
                <div>
                  <span class="muted">{t('siteStored')}: </span>
                  <StoredConsent signals={prompt.signals ?? []} after={decisions[0]?.time ?? null} />
                </div>
                <FlagList flags={prompt.flags ?? []} />
              </li>
            ))}
          </ul>
          {state.entries.length >= POPUP_PROMPTS ? (
            <p class="muted">
              <a href={`${browser.runtime.getURL('extension/ui/dashboard/index.html')}#sites/${encodeURIComponent(state.site)}`} target="_blank" rel="noopener">
                {t('popupSeeAll')}
              </a>
            </p>
          ) : null}
        </section>
      );
    }
  }
}

document.documentElement.lang = pageLanguage();
// The language and the site's data are asked for at once; the popup draws when both are in.
void Promise.all([loadState(), loadLanguage(async () => (await request('settings/get', {})).language)]).then(([first]) => {
  render(<Popup first={first} />, document.getElementById('app') as HTMLElement);
  // User timing for `npm run bench:ui`: the moment the site's data is on screen (render is synchronous).
  performance.mark(POPUP_READY_MARK);
});
