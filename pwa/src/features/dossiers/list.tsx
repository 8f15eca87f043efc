import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { useCachedGet } from '../../offline/cache';
import { useOutboxEntries } from '../../outbox/hooks';
import { onOutboxEvent } from '../../outbox/page';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';
import { Freshness, TimelinessBadge } from './parts';

export default function DossierList() {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const { data, fetchedAt, error, loading } = useCachedGet('/api/v1/dossiers', { query: { limit: 50 } }, attempt);
  // A submission delivered from the outbox appears without a reload.
  useEffect(() => onOutboxEvent((e) => e.type === 'delivered' && e.kind === 'submit' && setAttempt((n) => n + 1)), []);
  const waiting = (useOutboxEntries() ?? []).filter((e) => e.kind === 'submit');
  const vi = lang === 'vi';

  return (
    <section>
      <Heading>{t('list.title')}</Heading>
      <Freshness fetchedAt={fetchedAt} stale={Boolean(error)} />
      {waiting.length > 0 && (
        <section aria-labelledby="waiting-title" class="waiting">
          <h2 id="waiting-title">{t('list.pendingTitle')}</h2>
          <p class="hint">{t('list.pendingLead')}</p>
          <ul class="cards">
            {waiting.map((entry) => (
              <li key={entry.id}>
                <a href="/dang-cho">{vi ? entry.label.vi : entry.label.en}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!data && loading && <p role="status">{tc('app.loading')}</p>}
      {!data && error !== undefined && <ErrorMessage error={error} />}
      {data && data.items.length === 0 && waiting.length === 0 && (
        <p>
          {t('list.empty')} <a href="/thu-tuc">{t('list.findProcedure')}</a>
        </p>
      )}
      {data && data.items.length > 0 && (
        <ul class="cards dossiers">
          {data.items.map((d) => (
            <li key={d.code}>
              <a href={`/ho-so/${d.code}`}>{vi ? d.procedure.label_vi : d.procedure.label_en}</a>
              <span class="meta">
                {d.code} · {vi ? d.status.label_vi : d.status.label_en}
              </span>
              <span class="meta">
                {t('list.submitted', { date: formatDate(d.submitted_at, lang) })}
                {d.due_at && <> · {t('list.due', { date: formatDate(d.due_at, lang) })}</>}{' '}
                <TimelinessBadge value={d.timeliness} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
