/** Language picker; the choice is remembered (see the UI slice). */
import { useId } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi } from '../../store/app-context';

export function LanguageSwitcher() {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const language = useAppStore((s) => s.language);
  return (
    <div className="language">
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        data-testid="language"
        value={language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) store.getState().setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
