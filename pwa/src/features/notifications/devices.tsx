// Settings → "Thông báo trên điện thoại": this device's subscribe button and every device listed.
import { useEffect, useState } from 'preact/hooks';
import { type Schemas, get } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../shell/errors';
import { useT } from './i18n';
import './notifications.css';
import { remove, subscribe, support, thisDevice } from './push';

export default function Devices() {
  const t = useT();
  const { lang } = useI18n();
  const { user } = useSession();
  const [devices, setDevices] = useState<Schemas['Device'][] | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState(support());
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!user) return;
    get('/api/v1/push/subscriptions', { auth: true }).then(
      (list) => setDevices(list.items),
      (e: unknown) => setError(e),
    );
  }, [user, attempt]);

  if (!user) return null;
  const here = thisDevice();
  const subscribedHere = devices?.some((d) => d.id === here) ?? false;

  const onSubscribe = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await subscribe();
      if (outcome === 'denied') setState('denied');
      setAttempt((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="push-title" class="push-devices">
      <h2 id="push-title">{t('devices.title')}</h2>
      <p class="hint">{t('devices.lead')}</p>
      {state === 'ios-needs-home-screen' && <p class="notice">{t('devices.ios')}</p>}
      {state === 'unsupported' && <p class="notice">{t('devices.unsupported')}</p>}
      {state === 'denied' && <p class="notice">{t('devices.denied')}</p>}
      {state === 'supported' && !subscribedHere && (
        <button type="button" disabled={busy} onClick={() => void onSubscribe()}>
          {busy ? t('devices.subscribing') : t('devices.subscribe')}
        </button>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
      {devices === null && error === undefined && <p role="status">{t('devices.loading')}</p>}
      {devices && devices.length === 0 && <p>{t('devices.none')}</p>}
      {devices && devices.length > 0 && (
        <ul class="cards devices">
          {devices.map((d) => (
            <li key={d.id}>
              <span>
                {d.label ?? d.endpoint_origin}
                {d.id === here && <strong> · {t('devices.thisOne')}</strong>}
              </span>
              <span class="meta">{t('devices.since', { date: formatDate(d.created_at, lang) })}</span>
              <button
                type="button"
                class="secondary"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  void remove(d.id)
                    .then(() => setAttempt((n) => n + 1), setError)
                    .finally(() => setBusy(false));
                }}
              >
                {t('devices.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
