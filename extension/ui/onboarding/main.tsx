/**
 * Onboarding, opened once when ConsentLens is installed (background `runtime.onInstalled`): what it
 * does, what it stores and where (this device only), the "reject when possible" choice and the
 * language. Every choice is saved at once through `settings/set`; nothing else happens here.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings, UiLanguageSetting } from '../../../src/model.ts';
import { browser } from '../../platform/browser.ts';
import { request } from '../../platform/messaging.ts';
import { LanguagePicker } from '../components/language-picker.tsx';
import { t } from '../i18n.ts';
import { loadLanguage, applyLanguage } from '../language.ts';
import '../styles.css';
import './onboarding.css';

function Onboarding() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const [, rerender] = useState(0);

  useEffect(() => {
    document.title = t('onboardingTitle');
    request('settings/get', {})
      .then(setSettings)
      .catch((error: Error) => setStatus({ error: true, text: error.message }));
  }, []);

  async function change(next: Partial<Pick<Settings, 'autoReject' | 'language'>>) {
    try {
      const saved = await request('settings/set', next);
      setSettings(saved);
      if (next.language !== undefined) {
        await applyLanguage(next.language);
        document.title = t('onboardingTitle');
        rerender((n) => n + 1);
      }
      setStatus({ error: false, text: t('onboardingSaved') });
    } catch (error) {
      setStatus({ error: true, text: (error as Error).message });
    }
  }

  return (
    <main class="onboarding" aria-labelledby="onboarding-title">
      <header>
        <img src="/icons/icon-48.png" alt="" width={48} height={48} />
        <div>
          <h1 id="onboarding-title">{t('onboardingTitle')}</h1>
          <p class="lead">{t('onboardingLead')}</p>
        </div>
      </header>

      <section aria-labelledby="does-heading">
        <h2 id="does-heading">{t('onboardingDoesHeading')}</h2>
        <ul class="points">
          <li>{t('onboardingDoesPrompts')}</li>
          <li>{t('onboardingDoesPolicies')}</li>
          <li>{t('onboardingDoesFlags')}</li>
          <li>{t('onboardingDoesLedger')}</li>
        </ul>
      </section>

      <section aria-labelledby="stores-heading">
        <h2 id="stores-heading">{t('onboardingStoresHeading')}</h2>
        <ul class="points">
          <li>{t('onboardingStoresLocal')}</li>
          <li>
            <strong>{t('onboardingStoresNothingLeaves')}</strong>
          </li>
          <li>{t('onboardingStoresPolicyException')}</li>
          <li>{t('onboardingStoresControl')}</li>
        </ul>
      </section>

      <section aria-labelledby="choices-heading">
        <h2 id="choices-heading">{t('onboardingChoicesHeading')}</h2>
        {settings ? (
          <div class="choices">
            <div class="choice">
              <label class="switch">
                <input type="checkbox" data-setting="autoReject" aria-describedby="auto-reject-help" checked={settings.autoReject} onChange={(e) => void change({ autoReject: (e.target as HTMLInputElement).checked })} />
                {t('autoReject')}
              </label>
              <p id="auto-reject-help" class="muted">
                {t('onboardingAutoRejectHelp')}
              </p>
            </div>
            <div class="choice">
              <LanguagePicker value={settings.language} onChange={(language: UiLanguageSetting) => void change({ language })} id="onboarding-language" />
              <p class="muted">{t('onboardingLanguageHelp')}</p>
            </div>
          </div>
        ) : (
          <p class="muted">{t('loading')}</p>
        )}
        <p class={`status${status?.error ? ' error' : ''}`} role="status">
          {status?.text ?? ''}
        </p>
      </section>

      <footer class="actions">
        <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openDashboard')}
        </button>
        <button type="button" onClick={() => window.close()}>
          {t('onboardingDone')}
        </button>
      </footer>
    </main>
  );
}

void loadLanguage(async () => (await request('settings/get', {})).language).then(() => render(<Onboarding />, document.getElementById('app') as HTMLElement));
