import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { cancelRelogin, useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';

type Form = ComponentType<{ onDone: () => void; idPrefix?: string }>;

/**
 * "Your session has ended": a modal over the current screen. The screen underneath (a half-filled
 * form) is not unmounted; once the person logs in again the request that needed it goes on.
 */
export function ReloginDialog() {
  const { t } = useI18n();
  const { reloginRequested } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const [LoginForm, setLoginForm] = useState<Form>();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (reloginRequested) {
      void import('../features/auth/login-form').then((m) => setLoginForm(() => m.LoginForm));
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) dialog.close();
  }, [reloginRequested]);

  return (
    <dialog ref={ref} class="relogin" aria-labelledby="relogin-title" onCancel={() => cancelRelogin()}>
      <h2 id="relogin-title">{t('auth.expired.title')}</h2>
      <p>{t('auth.expired.lead')}</p>
      {LoginForm ? <LoginForm onDone={() => undefined} idPrefix="relogin" /> : <p role="status">{t('app.loading')}</p>}
      <button type="button" class="secondary" onClick={() => cancelRelogin()}>
        {t('common.cancel')}
      </button>
    </dialog>
  );
}
