import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { useT } from './i18n';

export type Timeliness = NonNullable<Schemas['DossierView']['timeliness']>;

export function TimelinessBadge({ value }: { value: Timeliness | null | undefined }) {
  const t = useT();
  if (!value) return null;
  return <span class={`badge ${value}`}>{t(`timeliness.${value}`)}</span>;
}

/** "Last updated dd/mm/yyyy HH:mm", and that the data is the phone's copy when the refresh failed. */
export function Freshness({ fetchedAt, stale }: { fetchedAt: number | undefined; stale: boolean }) {
  const { t, lang } = useI18n();
  if (!fetchedAt) return null;
  return (
    <p class="freshness">
      {t('app.lastUpdated', { when: formatDateTime(fetchedAt, lang) })}
      {stale && <> · {t('app.cachedOffline')}</>}
    </p>
  );
}
