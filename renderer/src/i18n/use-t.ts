/** `const t = useT()` in a component: the translator for the operator's current language. */
import { useMemo } from 'react';
import { useAppStore } from '../store/app-context';
import { createTranslator, type Translate } from './i18n';

export function useT(): Translate {
  const language = useAppStore((s) => s.language);
  return useMemo(() => createTranslator(language), [language]);
}
