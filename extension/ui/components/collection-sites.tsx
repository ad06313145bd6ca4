/** Dashboard: permission requests, forms and sign-in screens across every site, newest first. */
import { useEffect, useState } from 'preact/hooks';
import type { CollectionSiteSummary } from '../../../src/protocol/messages.ts';
import { browser } from '../../platform/browser.ts';
import { onBackgroundEvent, request } from '../../platform/messaging.ts';
import { formatDateTime, formatNumber, plural, t } from '../i18n.ts';

export function CollectionSites() {
  const [sites, setSites] = useState<CollectionSiteSummary[] | null>(null);
  useEffect(() => {
    const load = () =>
      request('collection/sites', {})
        .then(({ sites: rows }) => setSites(rows))
        .catch(() => setSites([]));
    void load();
    return onBackgroundEvent('ledger/changed', () => void load());
  }, []);
  return (
    <section class="collection-sites" aria-labelledby="collection-sites-heading">
      <h2 id="collection-sites-heading">{t('dashCollectionHeading')}</h2>
      <p>
        <a class="button" href={browser.runtime.getURL('extension/ui/extensions/index.html')} target="_blank" rel="noreferrer">
          {t('openExtensionsAudit')}
        </a>
      </p>
      {sites === null ? null : sites.length === 0 ? (
        <p class="muted">{t('dashCollectionEmpty')}</p>
      ) : (
        <ul class="collection-site-list">
          {sites.map((s) => (
            <li key={s.site} data-site={s.site}>
              <strong>{s.site}</strong> <span class="muted">{formatDateTime(s.last)}</span>
              <div>
                {t('dashCollectionRow', [
                  plural(s.requests, 'countPermissionRequestsOne', 'countPermissionRequestsOther'),
                  formatNumber(s.flagged),
                  plural(s.forms, 'countFormsOne', 'countFormsOther'),
                  plural(s.signIns, 'countSignInsOne', 'countSignInsOther'),
                ])}
                {s.permissions.length > 0 ? <span class="muted"> · {s.permissions.join(', ')}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
