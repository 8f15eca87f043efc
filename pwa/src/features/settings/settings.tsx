import { useState } from 'preact/hooks';
import { logout, useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { usePendingCount } from '../../outbox/hooks';
import { navigate } from '../../router';
import { Heading } from '../../shell/heading';
import { Slot } from '../../shell/slot';
import { useT } from './i18n';

export default function Settings() {
  const t = useT();
  const { lang, setLang } = useI18n();
  const { user } = useSession();
  const pending = usePendingCount();
  const [busy, setBusy] = useState(false);

  return (
    <section>
      <Heading>{t('settings.title')}</Heading>
      <fieldset class="choices">
        <legend>{t('settings.language')}</legend>
        {(['vi', 'en'] as const).map((code) => (
          <label key={code} class="choice" lang={code}>
            <input type="radio" name="lang" value={code} checked={lang === code} onChange={() => setLang(code)} />
            {t(`settings.${code}`)}
          </label>
        ))}
      </fieldset>

      {/* Other features add their sections here (issue 5: the devices that get push notifications). */}
      <Slot name="settings.sections" props={{}} />

      <h2>{t('settings.account')}</h2>
      {user ? (
        <>
          <p>{t('settings.signedInAs', { name: user.full_name, phone: user.phone ?? '' })}</p>
          {pending > 0 && <p class="notice">{t('settings.pendingWarning', { n: pending })}</p>}
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void logout().then(() => navigate('/', { replace: true }));
            }}
          >
            {busy ? t('settings.loggingOut') : t('settings.logout')}
          </button>
        </>
      ) : (
        <p>
          {t('settings.notSignedIn')} <a href="/dang-nhap?next=/cai-dat">{t('settings.login')}</a>
        </p>
      )}
    </section>
  );
}
