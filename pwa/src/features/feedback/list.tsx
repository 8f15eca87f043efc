import { useEffect, useState } from 'preact/hooks';
import { type Schemas, get } from '../../api/client';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';

/** Leaders: reports routed to them; officials: assigned to them; citizens: their own. */
export default function ReportList() {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const [page, setPage] = useState<Schemas['ReportPage']>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    get('/api/v1/feedback', { query: { limit: 50 }, auth: true }).then(setPage, setError);
  }, []);
  const vi = lang === 'vi';
  return (
    <section>
      <Heading>{t('list.title')}</Heading>
      <p>
        <a href="/phan-anh">{t('list.new')}</a>
      </p>
      {!page && error === undefined && <p role="status">{tc('app.loading')}</p>}
      {error !== undefined && <ErrorMessage error={error} />}
      {page && page.items.length === 0 && <p>{t('list.empty')}</p>}
      <ul class="cards">
        {page?.items.map((r) => (
          <li key={r.code}>
            <a href={`/phan-anh/${r.code}`}>{r.title}</a>
            <span class="meta">
              {r.code} · {vi ? r.category.label_vi : r.category.label_en} · {vi ? r.status.label_vi : r.status.label_en}
            </span>
            <span class="meta">
              {formatDate(r.created_at, lang)}
              {r.overdue && <> · {t('list.overdue')}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
