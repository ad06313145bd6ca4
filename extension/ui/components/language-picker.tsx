/** The language of ConsentLens's pages: the browser's, or one of the four it is translated into. */
import { UI_LANGUAGES, type UiLanguageSetting } from '../../../src/model.ts';
import { t } from '../i18n.ts';
import type { MessageKey } from '../message-keys.ts';

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
const NATIVE: Record<(typeof UI_LANGUAGES)[number], MessageKey> = { en: 'languageEn', zh_CN: 'languageZhCn', de: 'languageDe', fr: 'languageFr' };

export function LanguagePicker(props: { value: UiLanguageSetting; onChange: (value: UiLanguageSetting) => void; id?: string }) {
  const id = props.id ?? 'language';
  return (
    <label class="language-picker" for={id}>
      {t('languageLabel')}{' '}
      <select id={id} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as UiLanguageSetting)}>
        <option value="auto">{t('languageAuto')}</option>
        {UI_LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang.replace('_', '-')}>
            {t(NATIVE[lang])}
          </option>
        ))}
      </select>
    </label>
  );
}
