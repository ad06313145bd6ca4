/**
 * The installed-extensions audit page (opened from the dashboard). It explains the optional
 * `management` permission, asks for it only when the person presses the button, reads
 * `management.getAll()` here (ConsentLens itself and themes left out) and hands the snapshot to the
 * background, which scores it and keeps the history of permission changes (`extensions/audit`).
 */
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ExtensionRecord, InstallType, ReasonId, RiskLevel, RiskReason } from '../../../src/extensions/audit.ts';
import { hasManagement, installedExtensions, onManagementChange, releaseManagement, requestManagement } from '../../platform/management.ts';
import { request } from '../../platform/messaging.ts';
import { formatDateTime, formatList, formatNumber, pageLanguage, plural, t } from '../i18n.ts';
import { loadLanguage } from '../language.ts';
import type { MessageKey } from '../message-keys.ts';
import '../styles.css';
import './extensions.css';

const REASON_KEYS: Record<Exclude<ReasonId, 'someHosts'>, MessageKey> = {
  allHosts: 'extWarnAllHosts',
  debugger: 'extWarnDebugger',
  historyReadWrite: 'extWarnHistoryReadWrite',
  historySynced: 'extWarnHistorySynced',
  historySyncedRead: 'extWarnHistorySyncedRead',
  historyRead: 'extWarnHistoryRead',
  topSites: 'extWarnTopSites',
  contentSettings: 'extWarnContentSettings',
  privacy: 'extWarnPrivacy',
  management: 'extWarnManagement',
  nativeMessaging: 'extWarnNativeMessaging',
  desktopCapture: 'extWarnDesktopCapture',
  clipboardRead: 'extWarnClipboardRead',
  clipboardWrite: 'extWarnClipboardWrite',
  geolocation: 'extWarnGeolocation',
  email: 'extWarnEmail',
  bookmarks: 'extWarnBookmarks',
  downloads: 'extWarnDownloads',
  blockContent: 'extWarnBlockContent',
  favicon: 'extWarnFavicon',
  notifications: 'extWarnNotifications',
  tabGroups: 'extWarnTabGroups',
  ttsEngine: 'extWarnTtsEngine',
  storageDevices: 'extWarnStorageDevices',
  accessibilityRead: 'extWarnAccessibilityRead',
  accessibilityModify: 'extWarnAccessibilityModify',
  installDevelopment: 'extWarnInstallDevelopment',
  installSideload: 'extWarnInstallSideload',
};

const INSTALL_KEYS: Record<InstallType, MessageKey> = {
  normal: 'extAuditInstallNormal',
  admin: 'extAuditInstallAdmin',
  development: 'extAuditInstallDevelopment',
  sideload: 'extAuditInstallSideload',
  other: 'extAuditInstallOther',
};

const LEVEL_KEYS: Record<RiskLevel, MessageKey> = { high: 'extAuditRiskHigh', medium: 'extAuditRiskMedium', low: 'extAuditRiskLow' };

/** The warning in the UI language; Chrome's English text if the id is unknown (an older record). */
function warningText(reason: RiskReason): string {
  if (reason.id === 'someHosts') {
    const hosts = reason.hosts ?? [];
    if (hosts.length === 0) return t('extWarnManyHosts');
    return t('extWarnSomeHosts', formatList(hosts.map((h) => (h.startsWith('*.') ? t('extWarnSubdomains', h.slice(2)) : h))));
  }
  const key = REASON_KEYS[reason.id];
  return key ? t(key) : reason.warning;
}

type Permission = 'unknown' | 'granted' | 'not-granted';

function ExtensionsPage() {
  const [permission, setPermission] = useState<Permission>('unknown');
  const [records, setRecords] = useState<ExtensionRecord[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean }>({ text: '', error: false });

  const fail = (error: unknown) =>
    setStatus({ text: t('errorPrefix', error instanceof Error ? error.message : String(error)), error: true });

  const audit = useCallback(async () => {
    setBusy(true);
    try {
      const extensions = await installedExtensions();
      const reply = await request('extensions/audit', { extensions });
      setRecords(reply.records);
      setStatus({ text: plural(extensions.length, 'extAuditAuditedOne', 'extAuditAuditedOther'), error: false });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    request('extensions/list', {}).then((reply) => setRecords(reply.records), fail);
    hasManagement().then((granted) => {
      setPermission(granted ? 'granted' : 'not-granted');
      if (granted) void audit();
    }, fail);
    return onManagementChange((granted) => setPermission(granted ? 'granted' : 'not-granted'));
  }, [audit]);

  /** Must stay synchronous up to requestManagement(): the browser needs the click's user gesture. */
  function allow() {
    requestManagement().then((granted) => {
      setPermission(granted ? 'granted' : 'not-granted');
      if (granted) void audit();
      else setStatus({ text: t('extAuditDenied'), error: false });
    }, fail);
  }

  function release() {
    releaseManagement().then((removed) => {
      if (removed) {
        setPermission('not-granted');
        setStatus({ text: t('extAuditReleased'), error: false });
      }
    }, fail);
  }

  return (
    <main class="extensions">
      <header>
        <h1>{t('extAuditTitle')}</h1>
        <p class="muted">{t('extAuditIntro')}</p>
      </header>

      <section class="explain" aria-labelledby="why-heading">
        <h2 id="why-heading">{t('extAuditWhyHeading')}</h2>
        <p>{t('extAuditWhy')}</p>
        <ul>
          <li>{t('extAuditAllows')}</li>
          <li>{t('extAuditCannot')}</li>
        </ul>
        <p class="muted">{t('extAuditPromptText')}</p>
        <div class="actions" data-permission={permission}>
          {permission === 'granted' ? (
            <>
              <span>{t('extAuditGranted')}</span>
              <button type="button" class="primary" data-action="audit" disabled={busy} onClick={() => void audit()}>
                {t('extAuditRefresh')}
              </button>
              <button type="button" class="danger" data-action="release" onClick={release}>
                {t('extAuditRelease')}
              </button>
            </>
          ) : permission === 'not-granted' ? (
            <button type="button" class="primary" data-action="allow" onClick={allow}>
              {t('extAuditAllow')}
            </button>
          ) : null}
        </div>
      </section>

      <p class={`status${status.error ? ' error' : ''}`} role="status" aria-live="polite">
        {status.text}
      </p>

      <AuditTable records={records} />
      <p class="muted">{t('extAuditScoring')}</p>
    </main>
  );
}

function AuditTable({ records }: { records: ExtensionRecord[] | null }) {
  if (records === null) return <p class="muted">{t('loading')}</p>;
  if (records.length === 0) return <p class="empty">{t('extAuditEmpty')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('extAuditColName')}</th>
          <th scope="col">{t('extAuditColInstall')}</th>
          <th scope="col">{t('extAuditColRisk')}</th>
          <th scope="col">{t('extAuditColPermissions')}</th>
          <th scope="col">{t('extAuditColHistory')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr
            key={r.id}
            class="extension-row"
            data-extension-id={r.id}
            data-risk-level={r.risk.level}
            data-score={r.risk.score}
            data-removed={r.removedAt !== undefined ? 'true' : 'false'}
          >
            <td class="name">
              <strong>{r.name}</strong> <span class="version">{r.version}</span>
              <div class="ext-id">{r.id}</div>
              {!r.enabled ? <div class="muted">{t('extAuditDisabled')}</div> : null}
              {r.removedAt !== undefined ? <div class="muted">{t('extAuditGone', formatDateTime(r.removedAt))}</div> : null}
              <div class="muted">{t('extAuditFirstSeen', formatDateTime(r.firstSeen))}</div>
            </td>
            <td>{t(INSTALL_KEYS[r.installType] ?? 'extAuditInstallOther')}</td>
            <td>
              <span class="risk" data-level={r.risk.level}>
                {t(LEVEL_KEYS[r.risk.level])} <span class="score">{t('extAuditScore', formatNumber(r.risk.score))}</span>
              </span>
              {r.risk.reasons.length === 0 ? (
                <p class="muted">{t('extAuditNoWarning')}</p>
              ) : (
                <ul class="reasons">
                  {r.risk.reasons.map((reason) => (
                    <li key={reason.id} data-reason={reason.id} data-weight={reason.weight}>
                      {warningText(reason)} <span class="why">({reason.permission}, +{reason.weight})</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              <dl class="perm-list">
                <dt>{t('extAuditApi')}</dt>
                <dd data-list="permissions">{r.permissions.length ? <code>{r.permissions.join(', ')}</code> : t('extAuditNone')}</dd>
                <dt>{t('extAuditHosts')}</dt>
                <dd data-list="hosts">{r.hostPermissions.length ? <code>{r.hostPermissions.join(', ')}</code> : t('extAuditNone')}</dd>
              </dl>
            </td>
            <td>
              {r.history.length === 0 ? (
                <span class="muted">{t('extAuditNoIncrease')}</span>
              ) : (
                <ul class="perm-history">
                  {[...r.history].reverse().map((h) => (
                    <li key={`${h.time}-${h.toVersion}`} data-from={h.fromVersion} data-to={h.toVersion} data-added={h.added.join(' ')}>
                      <time dateTime={new Date(h.time).toISOString()} class="muted">
                        {formatDateTime(h.time)}
                      </time>{' '}
                      <strong>{h.fromVersion === h.toVersion ? t('extAuditSameVersion', h.toVersion) : t('extAuditVersionChange', [h.fromVersion, h.toVersion])}</strong>
                      {': '}
                      {h.added.length ? <span class="added">{t('extAuditAdded', h.added.join(', '))}</span> : null}
                      {h.added.length && h.removed.length ? '; ' : null}
                      {h.removed.length ? <span class="removed">{t('extAuditRemovedPerms', h.removed.join(', '))}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

document.documentElement.lang = pageLanguage();
document.title = t('extAuditPageTitle');
const root = document.getElementById('app');
if (root) void loadLanguage(async () => (await request('settings/get', {})).language).then(() => render(<ExtensionsPage />, root));
