/**
 * "Permissions on this site": every powerful request the site made (when, from which frame, with
 * or without a click, and how it ended) with its flags; the forms that asked for personal data and
 * what was given; sign-in screens and the access they asked for. Plus how to take a permission
 * back in the browser's own site settings.
 */
import type { PermissionName } from '../../../src/permissions/model.ts';
import type { PermissionRequestRecord } from '../../../src/permissions/records.ts';
import type { CollectionSiteView } from '../../../src/protocol/messages.ts';
import { formatDateTime, formatDuration, plural, t, uiLanguage } from '../i18n.ts';

/** The popup is small: the newest requests, the rest counted (all of them are in the export). */
export const MAX_SHOWN = 8;

const PURPOSE_KEYS = {
  'sign-up': 'formSignUp',
  login: 'formLogin',
  checkout: 'formCheckout',
  newsletter: 'formNewsletter',
  contact: 'formContact',
  search: 'formOther',
  other: 'formOther',
} as const;

const SIGN_IN_KEYS = { pending: 'signInPending', granted: 'signInGranted', denied: 'signInDenied', error: 'signInError' } as const;

const OUTCOME_KEYS = {
  granted: 'permOutcomeGranted',
  denied: 'permOutcomeDenied',
  dismissed: 'permOutcomeDismissed',
  error: 'permOutcomeError',
  answered: 'permOutcomeProbe',
  pending: 'permOutcomePending',
} as const;

function RequestRow({ request, expected, onExpected }: { request: PermissionRequestRecord; expected: boolean; onExpected: (permission: PermissionName, expected: boolean) => void }) {
  const notNeeded = request.flags.some((f) => f.id === 'P5');
  return (
    <li class="perm-request" data-permission={request.permission} data-outcome={request.outcome}>
      <div class="meta">
        <strong>{request.permission}</strong>
        <span class="muted">{request.api}</span>
        <time class="muted" dateTime={new Date(request.time).toISOString()}>{formatDateTime(request.time)}</time>
      </div>
      <div class="facts">
        <span class="outcome" data-outcome={request.outcome}>{t(OUTCOME_KEYS[request.outcome])}</span>
        {' · '}
        <span data-gesture={String(request.gesture)}>{t(request.gesture ? 'permAfterClick' : 'permNoClick', formatDuration(request.sinceNavigation / 1000, 'second'))}</span>
        {request.thirdParty ? (
          <>
            {' · '}
            <span class="third-party">{t('permThirdParty', request.frameOrigin)}</span>
          </>
        ) : null}
      </div>
      {request.flags.length > 0 ? (
        <ul class="flags">
          {request.flags.map((flag) => (
            <li key={flag.id} class="flag" data-flag={flag.id} data-severity={flag.severity}>
              <strong>{flag.title}</strong> <span>{flag.explanation}</span> <span class="muted legal">{flag.legal.join(' · ')}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {notNeeded || expected ? (
        <label class="switch">
          <input type="checkbox" data-action="expected" checked={expected} onChange={(e) => onExpected(request.permission, (e.target as HTMLInputElement).checked)} />
          {t('permExpectedHere')}
        </label>
      ) : null}
    </li>
  );
}

/** Where to take a permission back: the browser's own site settings (an extension cannot). */
function RevokeHelp() {
  const firefox = /firefox/iu.test(navigator.userAgent);
  return <p class="muted revoke">{t(firefox ? 'permRevokeFirefox' : 'permRevokeChrome')}</p>;
}

export function CollectionReport({ view, onExpected }: { view: CollectionSiteView; onExpected: (permission: PermissionName, expected: boolean) => void }) {
  const requests = view.permissions.filter((r) => !r.probe);
  const probes = view.permissions.length - requests.length;
  const zh = uiLanguage().startsWith('zh');
  if (view.permissions.length === 0 && view.forms.length === 0 && view.signIns.length === 0) return null;
  return (
    <section class="collection" aria-labelledby="collection-heading">
      <h2 id="collection-heading">{t('permHeading')}</h2>
      {requests.length > 0 ? (
        <>
          <ul class="perm-requests">
            {requests.slice(0, MAX_SHOWN).map((r) => (
              <RequestRow key={r.id} request={r} expected={(view.expected as string[]).includes(r.permission)} onExpected={onExpected} />
            ))}
          </ul>
          {requests.length > MAX_SHOWN ? <p class="muted more">{plural(requests.length - MAX_SHOWN, 'permMoreOne', 'permMore')}</p> : null}
          <RevokeHelp />
        </>
      ) : null}
      {probes > 0 ? <p class="muted">{plural(probes, 'permProbesOne', 'permProbes')}</p> : null}
      {view.forms.length > 0 ? (
        <div class="forms">
          <h3>{t('formsHeading')}</h3>
          <ul>
            {view.forms.map((form) => (
              <li key={form.id} class="form" data-purpose={form.purpose}>
                <strong>{t(PURPOSE_KEYS[form.purpose])}</strong>{' '}
                <span class="muted">{form.fields.map((f) => `${f.category}${f.required ? '*' : ''}${f.sensitive ? ' ⚠' : ''}`).join(', ')}</span>
                {form.flags.map((flag) => (
                  <p key={flag.category} class="flag" data-flag="form-unneeded" data-severity="medium">
                    {flag.explanation}
                  </p>
                ))}
                {form.submissions.length > 0 ? (
                  <p class="given">{t('formGiven', [formatDateTime(form.submissions.at(-1)?.time ?? 0), form.submissions.at(-1)?.categories.join(', ') ?? ''])}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.signIns.length > 0 ? (
        <div class="sign-ins">
          <h3>{t('signInsHeading')}</h3>
          <ul>
            {view.signIns.map((s) => (
              <li key={s.id} class="sign-in" data-provider={s.provider} data-outcome={s.outcome}>
                <strong>{t('signInWith', s.provider)}</strong> <span class="muted">{formatDateTime(s.time)} · {t(SIGN_IN_KEYS[s.outcome])}</span>
                <ul class="scopes">
                  {s.scopes.map((scope) => (
                    <li key={scope.scope} data-sensitive={String(scope.sensitive)}>
                      {zh ? scope.label.zh : scope.label.en}
                      {scope.sensitive ? <span class="sensitive"> · {t('sensitive')}</span> : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
