/**
 * A tiny typed translator: `t('devices.latency', { ms: 12 })`. Keys and their placeholders are checked
 * at compile time against the English dictionary.
 */
import { en, type Dictionary, type MessageKey } from './en';
import { zhCN } from './zh-cn';

/** The languages the console ships with (BCP 47 tags, also used for `<html lang>`). */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DICTIONARIES: { readonly [L in Language]: Dictionary } = { en, 'zh-CN': zhCN };

/** Each language's name written in that language, for the switcher. */
export const LANGUAGE_NAMES: { readonly [L in Language]: string } = { en: 'English', 'zh-CN': '简体中文' };

/** Placeholder names in a message: `'{ms} ms'` → `'ms'`. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** No argument for a message without placeholders; otherwise a value for each one. */
export type ParamsFor<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: { readonly [P in Placeholders<(typeof en)[K]>]: string | number }];

/** A translator bound to one language. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsFor<K>) => string;

/** Replaces `{name}` with `params.name`; unknown placeholders are left visible so they get noticed. */
function interpolate(text: string, params: Readonly<Record<string, string | number>> | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The message `key` in `language`, with its placeholders filled in. */
export function translate<K extends MessageKey>(language: Language, key: K, ...params: ParamsFor<K>): string {
  const text = DICTIONARIES[language][key];
  return interpolate(text, params[0] as Readonly<Record<string, string | number>> | undefined);
}

/** A `t` function for one language. */
export function createTranslator(language: Language): Translate {
  return (key, ...params) => translate(language, key, ...params);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

const STORAGE_KEY = 'ptz.language';

/** The saved language, else the browser's preference when we ship it, else English. */
export function loadLanguage(storage: Pick<Storage, 'getItem'> | undefined, preferred: readonly string[]): Language {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can throw (disabled, sandboxed): fall through to the browser preference.
  }
  return preferred.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** Persists the operator's choice; a storage failure only loses the preference. */
export function saveLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not worth bothering the operator about.
  }
}
