import { useEffect, useMemo, useState } from 'preact/hooks';
import { I18nContext, type I18n, type Lang, initialLang, rememberLang, translate } from '../i18n/i18n';
import { onLinkClick, useLocation } from '../router';
import { BottomNav } from './nav';
import { ReloginDialog } from './relogin';
import { Screen } from './screen';
import { StatusBar } from './status-bar';

export function App() {
  const loc = useLocation();
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
        <StatusBar />
        <main id="main" tabIndex={-1}>
          <Screen loc={loc} />
        </main>
        <BottomNav loc={loc} />
        <ReloginDialog />
      </div>
    </I18nContext.Provider>
  );
}
