import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { I18nContext, type I18n, type Lang, initialLang, rememberLang, translate, useI18n } from './i18n/i18n';
import { onLinkClick, type Route, useRoute } from './router';

// One chunk per screen: the catalogue does not download the detail screen's code, and back.
const SCREENS: Record<Route['name'], () => Promise<{ default: ComponentType<{ route: Route }> }>> = {
  welcome: () => import('./routes/welcome'),
  catalogue: () => import('./routes/catalogue'),
  procedure: () => import('./routes/procedure'),
  notFound: () => import('./routes/not-found'),
};

function Screen({ route }: { route: Route }) {
  const [loaded, setLoaded] = useState<{ name: Route['name']; component: ComponentType<{ route: Route }> }>();
  const { t } = useI18n();
  useEffect(() => {
    let live = true;
    void SCREENS[route.name]().then((module) => {
      if (live) setLoaded({ name: route.name, component: module.default });
    });
    return () => {
      live = false;
    };
  }, [route.name]);
  if (!loaded || loaded.name !== route.name) return <p role="status">{t('app.loading')}</p>;
  const Component = loaded.component;
  return <Component route={route} />;
}

export function App() {
  const route = useRoute();
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo<I18n>(
    () => ({
      lang,
      t: (key, params) => translate(lang, key, params),
      setLang: (next) => {
        rememberLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const { t } = i18n;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';

  return (
    <I18nContext.Provider value={i18n}>
      <div class="shell" onClick={onLinkClick}>
        <a class="skip" href="#main">
          {t('app.skip')}
        </a>
        <header class="bar">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          <button type="button" class="lang" lang={other} onClick={() => i18n.setLang(other)}>
            {t('app.switchTo')}
          </button>
        </header>
        <main id="main" tabIndex={-1}>
          <Screen route={route} />
        </main>
      </div>
    </I18nContext.Provider>
  );
}
