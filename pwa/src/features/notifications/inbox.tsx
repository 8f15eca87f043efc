// The inbox: newest first, unread marked, opens offline from the phone's copy of the first page.
import { useState } from 'preact/hooks';
import { type Schemas, get, request } from '../../api/client';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { useCachedGet } from '../../offline/cache';
import { navigate } from '../../router';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';
import './notifications.css';

type Item = Schemas['NotificationOut'];

export default function Inbox() {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const { data, error, loading, fetchedAt } = useCachedGet('/api/v1/notifications', { query: { limit: 20 } }, attempt);
  const [more, setMore] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const [read, setRead] = useState<Set<string>>(new Set());

  const items = [...(data?.items ?? []), ...more].map((n) => (read.has(n.id) ? { ...n, read: true } : n));
  const next = cursor === undefined ? data?.next_cursor : cursor;
  const unread = Math.max(0, (data?.unread ?? 0) - [...read].filter((id) => data?.items.some((n) => n.id === id && !n.read)).length);

  const open = (n: Item) => {
    setRead((s) => new Set(s).add(n.id));
    if (!n.read) void request('post', '/api/v1/notifications/read', { auth: true, body: { ids: [n.id], all: false } }).catch(() => undefined);
    navigate(n.url);
  };

  return (
    <section>
      <Heading>{t('inbox.title')}</Heading>
      {fetchedAt !== undefined && error !== undefined && (
        <p class="hint" role="status">
          {t('inbox.offline', { date: formatDate(new Date(fetchedAt).toISOString(), lang) })}
        </p>
      )}
      {!data && loading && <p role="status">{tc('app.loading')}</p>}
      {!data && error !== undefined && <ErrorMessage error={error} />}
      {data && items.length === 0 && (
        <div class="empty">
          <p>
            <strong>{t('inbox.empty')}</strong>
          </p>
          <p>{t('inbox.emptyLead')}</p>
          <p>
            <a href="/cai-dat">{t('inbox.turnOn')}</a>
          </p>
        </div>
      )}
      {data && items.length > 0 && (
        <>
          <p>
            {unread > 0 ? t('inbox.unread', { n: unread }) : t('inbox.allRead')}{' '}
            {unread > 0 && (
              <button
                type="button"
                class="link"
                onClick={() =>
                  void request('post', '/api/v1/notifications/read', { auth: true, body: { all: true } }).then(
                    () => setAttempt((n) => n + 1),
                    () => undefined,
                  )
                }
              >
                {t('inbox.markAll')}
              </button>
            )}
          </p>
          <ul class="cards notifications">
            {items.map((n) => (
              <li key={n.id} class={n.read ? 'read' : 'unread'} data-id={n.id}>
                <a
                  href={n.url}
                  onClick={(e) => {
                    e.preventDefault();
                    open(n);
                  }}
                >
                  {!n.read && <span class="visually-hidden">{t('inbox.new')} </span>}
                  {n.title}
                </a>
                <span class="meta">{n.body}</span>
                <span class="meta">{formatDate(n.created_at, lang)}</span>
              </li>
            ))}
          </ul>
          {next && (
            <button
              type="button"
              class="secondary"
              onClick={() =>
                void get('/api/v1/notifications', { auth: true, query: { limit: 20, cursor: next } }).then(
                  (page) => {
                    setMore((m) => [...m, ...page.items]);
                    setCursor(page.next_cursor ?? null);
                  },
                  setMoreError,
                )
              }
            >
              {t('inbox.more')}
            </button>
          )}
          {moreError !== undefined && <ErrorMessage error={moreError} />}
        </>
      )}
    </section>
  );
}
