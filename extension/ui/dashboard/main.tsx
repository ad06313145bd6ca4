/** The ledger: every prompt and decision, with delete (per site / all, confirmed) and JSON export. */
import { CollectionSites } from '../components/collection-sites.tsx';
import { ExportPanel } from '../components/export-panel.tsx';
import { ImportPanel } from '../components/import-panel.tsx';
import { StorageAlert } from '../components/storage-alert.tsx';
import { ResearchPanel, ResearchReminder } from '../components/research-panel.tsx';
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { givesConsent, type DecisionRecord, type Settings } from '../../../src/model.ts';
import type { LedgerEntry } from '../../../src/protocol/messages.ts';
import { siteOf } from '../../../src/site.ts';
import { browser } from '../../platform/browser.ts';
import { onBackgroundEvent, request } from '../../platform/messaging.ts';
import { Decisions, FlagSummary, OfferedActions, excerpt, kindName } from '../components/ledger-parts.tsx';
import { formatDateTime, formatList, formatNumber, pageLanguage, plural, t } from '../i18n.ts';
import { loadLanguage } from '../language.ts';
import { LanguagePicker } from '../components/language-picker.tsx';
import { OverviewView } from './overview.tsx';
import { SiteDetail, SitesView } from './sites.tsx';
import '../styles.css';
import './dashboard.css';

const PAGE = 100;

type Pending = { kind: 'site'; site: string } | { kind: 'all' } | null;

function Dashboard() {
  const [entries, setEntries] = useState<LedgerEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [filter, setFilter] = useState('');
  const [site, setSite] = useState<string | undefined>(undefined); // the filter in force
  const shown = useRef(PAGE); // how many rows the person has asked to see
  const [status, setStatus] = useState<{ text: string; error: boolean }>({ text: '', error: false });
  const [settings, setSettings] = useState<Settings | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [reminders, setReminders] = useState<{ site: string; decision: DecisionRecord }[]>([]);
  const dialog = useRef<HTMLDialogElement>(null);

  const fail = (error: unknown) =>
    setStatus({ text: t('errorPrefix', error instanceof Error ? error.message : String(error)), error: true });

  /** (Re)loads the first `shown` rows, in pages, so any number of rows can be shown. */
  const load = useCallback(async () => {
    try {
      const rows: LedgerEntry[] = [];
      let count = 0;
      do {
        const page = await request('ledger/list', { offset: rows.length, limit: Math.min(500, shown.current - rows.length), site });
        rows.push(...page.entries);
        count = page.total;
        if (page.entries.length === 0) break;
      } while (rows.length < Math.min(shown.current, count));
      setEntries(rows);
      setTotal(count);
    } catch (error) {
      fail(error);
    }
  }, [site]);

  useEffect(() => {
    void load();
    return onBackgroundEvent('ledger/changed', () => void load());
  }, [load]);

  function applyFilter() {
    const typed = filter.trim();
    const wanted = typed ? (siteFromInput(typed) ?? null) : undefined;
    if (typed && !wanted) {
      setStatus({ text: t('filterInvalid', typed), error: true });
      return;
    }
    setStatus({ text: '', error: false });
    shown.current = PAGE;
    setSite(wanted ?? undefined);
  }

  useEffect(() => {
    request('settings/get', {}).then(setSettings, fail);
  }, []);

  const loadReminders = useCallback(() => {
    request('ledger/reminders', {}).then((r) => setReminders(r.sites), fail);
  }, []);
  useEffect(() => {
    loadReminders();
    return onBackgroundEvent('ledger/changed', loadReminders);
  }, [loadReminders, settings?.reminderDays]);

  async function withdraw(site: string) {
    try {
      await request('site/withdraw', { site });
      setStatus({ text: t('withdrawOpened', site), error: false });
    } catch (error) {
      fail(error);
    }
  }

  async function setReminderDays(value: string) {
    const days = Number.parseInt(value, 10);
    if (!Number.isInteger(days) || days < 1 || days > 3650) return;
    try {
      setSettings(await request('settings/set', { reminderDays: days }));
    } catch (error) {
      fail(error);
    }
  }

  useEffect(() => {
    if (pending) dialog.current?.showModal();
    else dialog.current?.close();
  }, [pending]);

  async function confirmDelete() {
    const what = pending;
    setPending(null);
    if (!what) return;
    try {
      const result =
        what.kind === 'all'
          ? await request('ledger/delete-all', { confirm: true })
          : await request('ledger/delete-site', { site: what.site });
      setStatus({ text: plural(result.deletedPrompts, 'deletedOne', 'deleted'), error: false });
      await load();
    } catch (error) {
      fail(error);
    }
  }

  async function exportJson() {
    try {
      const data = await request('ledger/export', {});
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `consent-lens-ledger-${data.exportedAt.slice(0, 10)}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus({
        text: t('exported', formatList([plural(data.prompts.length, 'countPromptsOne', 'countPromptsOther'), plural(data.decisions.length, 'countDecisionsOne', 'countDecisionsOther')])),
        error: false,
      });
    } catch (error) {
      fail(error);
    }
  }

  async function toggleRecording(recording: boolean) {
    try {
      setSettings(await request('settings/set', { recording }));
    } catch (error) {
      fail(error);
    }
  }

  async function changeSetting(change: { autoReject?: boolean; fetchPolicyAtConsent?: boolean; retentionDays?: number | null }) {
    try {
      setSettings(await request('settings/set', change));
    } catch (error) {
      fail(error);
    }
  }

  return (
    <main class="dashboard">
      <header>
        <h1>{t('dashboardTitle')}</h1>
        <p class="muted">{t('dashboardIntro')}</p>
      </header>
      <ResearchReminder />

      <div class="toolbar">
        <form
          class="group"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            applyFilter();
          }}
        >
          <label for="site-filter">{t('filterSites')}</label>
          <input
            id="site-filter"
            type="search"
            placeholder={t('siteExample')}
            value={filter}
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
          />
        </form>
        <div class="group">
          {settings ? (
            <label class="switch">
              <input
                type="checkbox"
                checked={settings.recording}
                onChange={(e) => void toggleRecording((e.target as HTMLInputElement).checked)}
              />
              {t('recording')}
            </label>
          ) : null}
          {settings ? (
            <label class="switch" title={t('autoRejectHint')}>
              <input
                type="checkbox"
                data-setting="autoReject"
                checked={settings.autoReject}
                onChange={(e) => void changeSetting({ autoReject: (e.target as HTMLInputElement).checked })}
              />
              {t('autoReject')}
            </label>
          ) : null}
          {settings ? (
            <label class="switch" title={t('settingFetchPolicyHelp')}>
              <input
                type="checkbox"
                data-setting="fetchPolicyAtConsent"
                checked={settings.fetchPolicyAtConsent}
                onChange={(e) => void changeSetting({ fetchPolicyAtConsent: (e.target as HTMLInputElement).checked })}
              />
              {t('settingFetchPolicy')}
            </label>
          ) : null}
          {settings ? (
            <LanguagePicker
              id="dashboard-language"
              value={settings.language}
              onChange={(language) =>
                void request('settings/set', { language })
                  .then(() => location.reload())
                  .catch((error: Error) => setStatus({ error: true, text: error.message }))
              }
            />
          ) : null}
          <button type="button" class="primary" onClick={() => void exportJson()}>
            {t('exportJson')}
          </button>
          <button type="button" class="danger" onClick={() => setPending({ kind: 'all' })} disabled={total === 0}>
            {t('deleteAll')}
          </button>
        </div>
      </div>

      {settings && !settings.recording ? <p role="note">{t('recordingPaused')}</p> : null}
      {settings ? (
        <section class="reminders" aria-labelledby="reminders-heading">
          <h2 id="reminders-heading">{t('remindersHeading')}</h2>
          <label class="reminder-days">
            {t('reminderDaysLabel')}{' '}
            <input
              type="number"
              min={1}
              max={3650}
              value={settings.reminderDays}
              onChange={(e) => void setReminderDays((e.target as HTMLInputElement).value)}
            />
          </label>
          {reminders.length === 0 ? (
            <p class="muted">{plural(settings.reminderDays, 'remindersNoneOne', 'remindersNone')}</p>
          ) : (
            <ul class="reminder-list">
              {reminders.map(({ site, decision }) => (
                <li key={site} data-site={site}>
                  <strong>{site}</strong> — {t('reminderGiven', formatDateTime(decision.time))}{' '}
                  <button type="button" data-action="withdraw" onClick={() => void withdraw(site)}>
                    {t('withdraw')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <CollectionSites />
      <ResearchPanel />
      <ExportPanel />
      <ImportPanel />
      {settings ? (
        <section class="retention" aria-labelledby="retention-heading">
          <h2 id="retention-heading">{t('retentionHeading')}</h2>
          <label>
            {t('retentionLabel')}{' '}
            <input
              type="number"
              min={1}
              max={36500}
              data-setting="retentionDays"
              value={settings.retentionDays ?? ''}
              placeholder={t('retentionKeep')}
              onChange={(e) => {
                const raw = (e.target as HTMLInputElement).value.trim();
                const days = raw === '' ? null : Number(raw);
                if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 36500)) return fail(new Error(t('retentionInvalid')));
                void changeSetting({ retentionDays: days });
              }}
            />
          </label>
          <p class="muted">{settings.retentionDays === null ? t('retentionOff') : plural(settings.retentionDays, 'retentionOnOne', 'retentionOn')}</p>
        </section>
      ) : null}
      <p class={`status${status.error ? ' error' : ''}`} role="status" aria-live="polite">
        {status.text}
      </p>

      <LedgerTable
        entries={entries}
        total={total}
        onDeleteSite={(site) => setPending({ kind: 'site', site })}
        onWithdraw={(site) => void withdraw(site)}
      />
      {entries && entries.length < total ? (
        <button
          type="button"
          onClick={() => {
            shown.current = entries.length + PAGE;
            void load();
          }}
        >
          {t('showMore', [formatNumber(entries.length), formatNumber(total)])}
        </button>
      ) : null}

      <dialog ref={dialog} aria-labelledby="confirm-text" onClose={() => setPending(null)}>
        <p id="confirm-text">
          {pending?.kind === 'site' ? t('confirmDeleteSite', pending.site) : t('confirmDeleteAll')}
        </p>
        <div class="buttons">
          <button type="button" onClick={() => setPending(null)}>
            {t('cancel')}
          </button>
          <button type="button" class="danger" data-action="confirm-delete" onClick={() => void confirmDelete()}>
            {t('confirm')}
          </button>
        </div>
      </dialog>
    </main>
  );
}

/** "www.bbc.co.uk", "https://www.bbc.co.uk/news" or "bbc.co.uk" -> "bbc.co.uk"; null if not a site. */
function siteFromInput(input: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(input) ? input : `https://${input}`;
  return siteOf(withScheme);
}

function LedgerTable(props: {
  entries: LedgerEntry[] | null;
  total: number;
  onDeleteSite: (site: string) => void;
  onWithdraw: (site: string) => void;
}) {
  if (props.entries === null) return <p class="muted">{t('loading')}</p>;
  if (props.entries.length === 0) return <p class="empty">{t('emptyLedger')}</p>;
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">{plural(props.total, 'entriesCountOne', 'entriesCountOther')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('colSite')}</th>
            <th scope="col">{t('colTime')}</th>
            <th scope="col">{t('colPrompt')}</th>
            <th scope="col">{t('colDecision')}</th>
            <th scope="col">{t('colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map(({ prompt, decisions }) => (
            <tr key={prompt.id} class="ledger-row" data-site={prompt.site} data-prompt-id={prompt.id}>
              <td class="site">{prompt.site}</td>
              <td class="time">
                <time dateTime={new Date(prompt.time).toISOString()}>{formatDateTime(prompt.time)}</time>
              </td>
              <td>
                <strong>{kindName(prompt.kind)}</strong>
                <div class="excerpt" lang={prompt.language}>{excerpt(prompt.text, 220)}</div>
                <OfferedActions actions={prompt.actions} />
                <FlagSummary flags={prompt.flags ?? []} />
              </td>
              <td>
                <Decisions decisions={decisions} />
              </td>
              <td>
                <div class="row-actions">
                {decisions.some((d) => givesConsent(d)) ? (
                  <button type="button" data-action="withdraw" onClick={() => props.onWithdraw(prompt.site)}>
                    {t('withdraw')}
                  </button>
                ) : null}
                <button type="button" class="danger" data-action="delete-site" onClick={() => props.onDeleteSite(prompt.site)}>
                  {t('deleteSite', prompt.site)}
                </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

document.documentElement.lang = pageLanguage();
document.title = t('dashboardTitle');
type Route = { view: 'overview' } | { view: 'sites' } | { view: 'site'; site: string } | { view: 'ledger' };

/** `#overview` (the default), `#sites`, `#sites/<site>`, `#ledger`. */
function routeOf(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#/u, '').split('/');
  if (view === 'sites' && rest.length) return { view: 'site', site: decodeURIComponent(rest.join('/')).slice(0, 253) };
  if (view === 'sites') return { view: 'sites' };
  if (view === 'ledger') return { view: 'ledger' };
  return { view: 'overview' };
}

/** The dashboard's views, one at a time, chosen by the address's #fragment (so Back works). */
function Shell() {
  const [route, setRoute] = useState<Route>(routeOf(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const openSite = (site: string) => (location.hash = `#sites/${encodeURIComponent(site)}`);
  const current = route.view === 'site' ? 'sites' : route.view;
  const link = (view: 'overview' | 'sites' | 'ledger', label: string) => (
    <a href={`#${view}`} aria-current={current === view ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <nav class="dashboard-nav" aria-label={t('navLabel')}>
        <span class="brand">{t('extName')}</span>
        {link('overview', t('navOverview'))}
        {link('sites', t('navSites'))}
        {link('ledger', t('navLedger'))}
        <a href={browser.runtime.getURL('extension/ui/extensions/index.html')}>{t('navExtensions')}</a>
      </nav>
      <StorageAlert />
      {route.view === 'ledger' ? (
        <Dashboard />
      ) : (
        <main class="dashboard">
          {route.view === 'overview' ? (
            <>
              <header>
                <h1>{t('overviewHeading')}</h1>
                <p class="muted">{t('dashboardIntro')}</p>
              </header>
              <ResearchReminder />
              <OverviewView onOpenSite={openSite} />
            </>
          ) : route.view === 'sites' ? (
            <SitesView onOpenSite={openSite} />
          ) : (
            <SiteDetail site={route.site} onBack={() => (location.hash = '#sites')} />
          )}
        </main>
      )}
    </>
  );
}

void loadLanguage(async () => (await request('settings/get', {})).language).then(() => render(<Shell />, document.getElementById('app') as HTMLElement));
