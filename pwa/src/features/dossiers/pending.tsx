import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { discard, retryNow } from '../../outbox';
import { useOutboxEntries } from '../../outbox/hooks';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';

/** Everything waiting in the outbox, its state, and what the person can do about it. */
export default function Pending() {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const entries = useOutboxEntries();
  if (!entries) return <p role="status">{tc('app.loading')}</p>;
  return (
    <section>
      <Heading>{t('pending.title')}</Heading>
      {entries.length === 0 && <p>{t('pending.empty')}</p>}
      <ul class="cards">
        {entries.map((entry) => (
          <li key={entry.id} class={`entry ${entry.state}`}>
            <strong>{lang === 'vi' ? entry.label.vi : entry.label.en}</strong>
            <span class="meta">
              {entry.state === 'retrying'
                ? t('pending.state.retrying', { when: formatDateTime(entry.nextAttemptAt, lang) })
                : t(`pending.state.${entry.state}`)}
              {entry.attempts > 0 && <> · {t('pending.attempts', { n: entry.attempts })}</>}
            </span>
            <span class="meta">{t('pending.created', { when: formatDateTime(entry.createdAt, lang) })}</span>
            {entry.problem && (
              <p class="error" role="alert">
                {entry.problem.detail ?? entry.problem.title}
              </p>
            )}
            <div class="row">
              {entry.link && entry.state === 'failed' && <a href={entry.link}>{t('pending.open')}</a>}
              {entry.state !== 'sending' && (
                <button type="button" class="secondary" onClick={() => void retryNow(entry)}>
                  {t('pending.retry')}
                </button>
              )}
              {(entry.state === 'failed' || entry.state === 'expired') && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() => {
                    if (confirm(t('pending.confirmDiscard'))) void discard(entry.id);
                  }}
                >
                  {t('pending.discard')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
