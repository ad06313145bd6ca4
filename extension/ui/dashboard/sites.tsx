/**
 * The dashboard's sites: every site ConsentLens has a record for (`dashboard/sites`: the per-site
 * summaries, searched, filtered and sorted in the background), drawn as a virtual list so that
 * thousands of sites cost a screenful of rows; and one site's page: its summary, the policy viewer
 * (facts, highlighted sentences, version diff: the popup's own component), its permissions and
 * data, and its timeline of records (site × notice version) with every event.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NoticeRecord } from '../../../src/ledger/record-view.ts';
import { SITE_FILTERS, SITE_SORTS, type SiteStats, type SitesQuery } from '../../../src/ledger/site-stats.ts';
import type { CollectionSiteView, PolicySiteView } from '../../../src/protocol/messages.ts';
import { onBackgroundEvent, request } from '../../platform/messaging.ts';
import { CollectionReport } from '../components/collection-report.tsx';
import { PolicyReport } from '../components/policy-report.tsx';
import { formatDateTime, formatNumber, t } from '../i18n.ts';
import type { MessageKey } from '../message-keys.ts';

const ROW = 64; // px, fixed: the list renders only the rows in view
const VIEW = 9; // rows visible at once

const SORT_LABEL: Record<SitesQuery['sort'], MessageKey> = { lastSeen: 'sitesSortLastSeen', flags: 'sitesSortFlags', decisions: 'sitesSortDecisions', site: 'sitesSortSite' };
const FILTER_LABEL: Record<SitesQuery['filter'], MessageKey> = { all: 'sitesFilterAll', flagged: 'sitesFilterFlagged', 'consent-given': 'sitesFilterConsentGiven', permissions: 'sitesFilterPermissions' };

export function SitesView({ onOpenSite }: { onOpenSite: (site: string) => void }) {
  const [query, setQuery] = useState<SitesQuery>({ search: '', sort: 'lastSeen', filter: 'all' });
  const [result, setResult] = useState<{ total: number; sites: SiteStats[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [top, setTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let stale = false;
    const load = () =>
      request('dashboard/sites', query)
        .then((r) => {
          if (!stale) setResult(r);
        })
        .catch((e: Error) => setError(e.message));
    void load();
    const off = onBackgroundEvent('ledger/changed', () => void load());
    return () => {
      stale = true;
      off();
    };
  }, [query]);

  const sites = result?.sites ?? [];
  const first = Math.max(0, Math.floor(top / ROW) - 2);
  const visible = sites.slice(first, first + VIEW + 4);
  return (
    <section class="sites" data-view="sites" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('sitesHeading')}</h2>
      <div class="sites-controls">
        <label>
          {t('sitesSearch')}{' '}
          <input type="search" value={query.search} placeholder={t('siteExample')} onInput={(e) => setQuery({ ...query, search: (e.target as HTMLInputElement).value.slice(0, 253) })} />
        </label>
        <label>
          {t('sitesSort')}{' '}
          <select value={query.sort} onChange={(e) => setQuery({ ...query, sort: (e.target as HTMLSelectElement).value as SitesQuery['sort'] })}>
            {SITE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(SORT_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sitesFilter')}{' '}
          <select value={query.filter} onChange={(e) => setQuery({ ...query, filter: (e.target as HTMLSelectElement).value as SitesQuery['filter'] })}>
            {SITE_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(FILTER_LABEL[f])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <p class="status error" role="alert">{t('errorPrefix', error)}</p> : null}
      <p class="muted" role="status">
        {result ? t('sitesCount', [formatNumber(sites.length), formatNumber(result.total)]) : t('loading')}
      </p>
      {sites.length > 0 ? (
        <div class="site-list" ref={box} style={{ height: `${Math.min(sites.length, VIEW) * ROW}px` }} onScroll={(e) => setTop((e.target as HTMLDivElement).scrollTop)}>
          <ul style={{ height: `${sites.length * ROW}px` }} aria-label={t('sitesHeading')}>
            {visible.map((s, i) => (
              <li key={s.site} style={{ top: `${(first + i) * ROW}px`, height: `${ROW}px` }} aria-setsize={sites.length} aria-posinset={first + i + 1}>
                <button type="button" class="site-row" data-site={s.site} onClick={() => onOpenSite(s.site)}>
                  <span class="site-name">{s.site}</span>
                  <span class="muted">{formatDateTime(s.lastSeen)}</span>
                  <span class="site-counts">
                    {t('sitesRowCounts', [formatNumber(s.prompts), formatNumber(s.decisions), formatNumber(s.permissions)])}
                    {s.flags > 0 ? <span class={`flag-count${s.highFlags ? ' high' : ''}`}> · {t('sitesRowFlags', formatNumber(s.flags))}</span> : null}
                    {s.latestDecision ? <span> · {s.latestDecision.gaveConsent ? t('sitesRowGiven') : t('sitesRowNotGiven')}</span> : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

const NOTICE_LABEL: Record<NoticeRecord['notice']['kind'], MessageKey> = {
  'consent-prompt': 'noticeConsentPrompt',
  'privacy-policy': 'noticePrivacyPolicy',
  'permission-requests': 'noticePermissions',
  'data-collection': 'noticeDataCollection',
  'sign-in': 'noticeSignIn',
  'unlinked-decisions': 'noticeUnlinked',
};
const STATUS_LABEL: Record<string, MessageKey> = {
  'dpv:ConsentRequested': 'statusRequested',
  'dpv:ConsentGiven': 'statusGiven',
  'dpv:ConsentRefused': 'statusRefused',
  'dpv:ConsentWithdrawn': 'statusWithdrawn',
  'dpv:ConsentRequestDeferred': 'statusDeferred',
  'dpv:ConsentUnknown': 'statusUnknown',
};
const EVENT_LABEL: Record<string, MessageKey> = {
  'prompt-shown': 'eventPromptShown',
  decision: 'eventDecision',
  'consent-signal': 'eventConsentSignal',
  'permission-request': 'eventPermissionRequest',
  'data-given': 'eventDataGiven',
  'sign-in': 'eventSignIn',
  'policy-version': 'eventPolicyVersion',
};

/** A few words about an event from its flat detail (never page text). */
function eventDetail(detail: Record<string, unknown>): string {
  const parts = [detail.decisionKind, detail.promptKind, detail.source, detail.permission, detail.outcome, detail.categories, detail.provider, detail.scopes]
    .filter((v) => typeof v === 'string' && v.length > 0)
    .map((v) => String(v).replaceAll(';', ', '));
  return parts.join(' · ').slice(0, 160);
}

export function SiteDetail({ site, onBack }: { site: string; onBack: () => void }) {
  const [timeline, setTimeline] = useState<{ stats: SiteStats | null; records: NoticeRecord[]; truncated: boolean } | null>(null);
  const [policy, setPolicy] = useState<PolicySiteView | null>(null);
  const [collection, setCollection] = useState<CollectionSiteView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useMemo(
    () => () =>
      Promise.all([request('dashboard/site', { site }), request('policy/site', { site }), request('collection/site', { site })])
        .then(([tl, p, c]) => {
          setTimeline(tl);
          setPolicy(p);
          setCollection(c);
        })
        .catch((e: Error) => setError(e.message)),
    [site],
  );
  useEffect(() => {
    void load();
    heading.current?.focus();
    return onBackgroundEvent('ledger/changed', (change) => {
      if (change.site === null || change.site === site) void load();
    });
  }, [site]);

  const stats = timeline?.stats;
  return (
    <section class="site-detail" data-view="site" aria-labelledby="site-heading">
      <button type="button" class="link" onClick={onBack}>
        ← {t('sitesBack')}
      </button>
      <h2 id="site-heading" tabIndex={-1} ref={heading}>
        {site}
      </h2>
      {error ? <p class="status error" role="alert">{t('errorPrefix', error)}</p> : null}
      {stats ? (
        <p class="muted">
          {t('siteSummary', [formatDateTime(stats.firstSeen), formatDateTime(stats.lastSeen), formatNumber(stats.prompts), formatNumber(stats.decisions), formatNumber(stats.flags)])}
        </p>
      ) : null}
      <div class="site-columns">
        <div>
          <h3>{t('timelineHeading')}</h3>
          {!timeline ? (
            <p class="muted">{t('loading')}</p>
          ) : timeline.records.length === 0 ? (
            <p class="muted">{t('timelineEmpty')}</p>
          ) : (
            <ol class="timeline">
              {timeline.records.map((r) => (
                <li key={r.recordKey} class="record" data-notice={r.notice.kind}>
                  <div class="record-head">
                    <strong>{t(NOTICE_LABEL[r.notice.kind])}</strong>
                    {r.notice.version ? <code title={t('timelineVersion')}>{r.notice.version.slice(0, 8)}</code> : null}
                    {r.currentStatus ? <span class="status-chip" data-status={r.currentStatus}>{t(STATUS_LABEL[r.currentStatus] ?? 'statusUnknown')}</span> : null}
                  </div>
                  <ol class="events">
                    {r.events.map((e) => (
                      <li key={e.eventId}>
                        <time dateTime={e.eventTime}>{formatDateTime(Date.parse(e.eventTime))}</time> <span>{t(EVENT_LABEL[e.kind] ?? 'eventDecision')}</span>
                        {e.dpvStatus ? <span class="muted"> · {t(STATUS_LABEL[e.dpvStatus] ?? 'statusUnknown')}</span> : null}
                        {eventDetail(e.detail) ? <span class="muted"> · {eventDetail(e.detail)}</span> : null}
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ol>
          )}
          {timeline?.truncated ? <p class="muted">{t('timelineTruncated')}</p> : null}
        </div>
        <div>
          {policy ? (
            <PolicyReport
              view={policy}
              busy={busy}
              onFetch={() => {
                setBusy(true);
                void request('policy/fetch', { site })
                  .then(load)
                  .catch((e: Error) => setError(e.message))
                  .finally(() => setBusy(false));
              }}
              onAck={(id) => void request('policy/ack', { site, id }).then(load)}
            />
          ) : null}
          {collection ? (
            <CollectionReport view={collection} onExpected={(permission, expected) => void request('permissions/expected', { site, permission, expected }).then(load)} />
          ) : null}
        </div>
      </div>
    </section>
  );
}
