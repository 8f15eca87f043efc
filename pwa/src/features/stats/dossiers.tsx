import { useState } from 'preact/hooks';
import { type Schemas, get } from '../../api/client';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { ScreenProps } from '../../registry';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { TimelinessBadge } from '../dossiers/parts';
import { useT } from './i18n';
import { useLoad } from './load';

/** The last step of the drill-down: an agency's dossiers, or those an official finished. */
export default function KpiDossiers({ query }: ScreenProps) {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const agency = query.get('agency') ?? undefined;
  const official = query.get('official') ?? undefined;
  const name = query.get('name');
  const [more, setMore] = useState<Schemas['DossierSummary'][]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [moreError, setMoreError] = useState<unknown>();
  const first = useLoad(
    () => get('/api/v1/stats/dossiers', { query: { agency, official, limit: 20 }, auth: true }),
    `${agency}|${official}`,
  );
  const next = cursor === undefined ? first.data?.next_cursor : cursor;
  const items = [...(first.data?.items ?? []), ...more];
  const loadMore = () => {
    if (!next) return;
    get('/api/v1/stats/dossiers', { query: { agency, official, cursor: next, limit: 20 }, auth: true }).then(
      (page) => {
        setMore((m) => [...m, ...page.items]);
        setCursor(page.next_cursor);
      },
      setMoreError,
    );
  };
  const vi = lang === 'vi';
  return (
    <section>
      <p>
        <a href={`/lanh-dao${agency ? `?agency=${encodeURIComponent(agency)}` : ''}`}>← {t('dash.back')}</a>
      </p>
      <Heading>{name ? t('dash.dossiersOf', { name }) : `${t('dash.dossiersTitle')} · ${agency ?? ''}`}</Heading>
      {first.loading && !first.data && <p role="status">{tc('app.loading')}</p>}
      {first.error !== undefined && <ErrorMessage error={first.error} />}
      {first.data && items.length === 0 && <p>{t('dash.empty')}</p>}
      <ul class="cards">
        {items.map((d) => (
          <li key={d.code}>
            <a href={`/ho-so/${d.code}`}>
              {d.code} · {vi ? d.procedure.label_vi : d.procedure.label_en}
            </a>
            <span class="meta">
              {vi ? d.status.label_vi : d.status.label_en} · {formatDate(d.submitted_at, lang)}
              {d.assignee_name && <> · {d.assignee_name}</>} <TimelinessBadge value={d.timeliness} />
            </span>
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" class="secondary" onClick={loadMore}>
          {t('dash.more')}
        </button>
      )}
      {moreError !== undefined && <ErrorMessage error={moreError} />}
    </section>
  );
}
