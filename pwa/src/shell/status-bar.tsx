import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { usePendingCount } from '../outbox/hooks';
import { applyUpdate, useUpdateAvailable } from '../sw-bridge';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = (): void => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Offline notice, what waits in the outbox, and "a new version is ready". */
export function StatusBar() {
  const { t } = useI18n();
  const online = useOnline();
  const pending = usePendingCount();
  const update = useUpdateAvailable();
  return (
    <div class="status" aria-live="polite">
      {!online && <p class="notice offline">{t('app.offline')}</p>}
      {pending > 0 && (
        <p class="notice">
          <a href="/dang-cho">{t('app.pending', { n: pending })}</a>
        </p>
      )}
      {update && (
        <p class="notice update">
          {t('app.update')}{' '}
          <button type="button" onClick={applyUpdate}>
            {t('app.reload')}
          </button>
        </p>
      )}
    </div>
  );
}
