import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import en from './en.json';
import vi from './vi.json';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;

// en.json must have exactly vi.json's keys: this line fails to type-check otherwise.
const MESSAGES: Record<Lang, Record<MessageKey, string>> = { vi, en: en satisfies Record<MessageKey, string> };
const STORAGE_KEY = 'lang';

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/gu, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Vietnamese first; English only when the citizen chose it. */
export function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLang(lang: Lang): void {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({
  lang: 'vi',
  t: (key, params) => translate('vi', key, params),
  setLang: () => undefined,
});

export const useI18n = (): I18n => useContext(I18nContext);
