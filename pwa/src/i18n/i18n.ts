/**
 * Strings live in JSON per language. The core's are in this folder (app.*, nav.*, error.*,
 * common.*); each feature keeps its own pair (features/<name>/vi.json + en.json) and binds them
 * with {@link defineMessages}, so features never edit the same lines. Types make en.json carry
 * exactly vi.json's keys, for the core here and for every feature where it calls defineMessages.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import en from './en.json';
import vi from './vi.json';

export type Lang = 'vi' | 'en';
export type Params = Record<string, string | number>;
export type MessageKey = keyof typeof vi;

/** A feature's strings in both languages. */
export interface Catalog<K extends string> {
  vi: Record<K, string>;
  en: Record<K, string>;
}

/** en must have vi's keys (a missing key fails `tsc`; an extra one is reported by the test). */
export function defineMessages<V extends Record<string, string>>(
  viMessages: V,
  enMessages: Record<keyof V, string>,
): Catalog<keyof V & string> {
  return { vi: viMessages, en: enMessages } as Catalog<keyof V & string>;
}

export const CORE = defineMessages(vi, en);

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/gu, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate(CORE[lang][key], params);
}

/**
 * One message in both languages, for text stored now and read later in whichever language the
 * person has chosen by then (an outbox entry's label). `enParams` when a parameter differs (a name).
 */
export function inBoth<K extends string>(
  catalog: Catalog<K>,
  key: K,
  params?: Params,
  enParams: Params | undefined = params,
): { vi: string; en: string } {
  return { vi: interpolate(catalog.vi[key], params), en: interpolate(catalog.en[key], enParams) };
}

const STORAGE_KEY = 'lang';
let current: Lang = 'vi';

/** The language of the moment, for code outside components (the API client's Accept-Language). */
export const currentLang = (): Lang => current;

/** Vietnamese first; English only when the citizen chose it. */
export function initialLang(): Lang {
  try {
    current = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    current = 'vi';
  }
  return current;
}

export function rememberLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({
  lang: 'vi',
  t: (key, params) => translate('vi', key, params),
  setLang: () => undefined,
});

export const useI18n = (): I18n => useContext(I18nContext);

/** A feature's translator: `const t = useMessages(MESSAGES); t('title')`. */
export function useMessages<K extends string>(catalog: Catalog<K>): (key: K, params?: Params) => string {
  const { lang } = useI18n();
  return (key, params) => interpolate(catalog[lang][key], params);
}
