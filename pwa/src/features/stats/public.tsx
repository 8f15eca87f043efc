import { formatMonth } from '../../format';
import { get } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { Trends } from './chart';
import { useT } from './i18n';
import { thisYear, useLoad } from './load';
import { KpiCards, Progress } from './parts';
import './stats.css';

/** Province-wide figures for everyone: counts and rates only, no person and no dossier. */
export default function PublicStats() {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const period = thisYear();
  const kpis = useLoad(() => get('/api/v1/stats/kpis', { query: period }), 'kpis');
  const reports = useLoad(() => get('/api/v1/stats/feedback', { query: period }), 'feedback');
  const vi = lang === 'vi';
  const report = kpis.data;
  return (
    <section>
      <Heading>{t('public.title')}</Heading>
      <p>
        {t('public.lead')} ({formatMonth(period.from)} – {formatMonth(period.to)})
      </p>
      {kpis.loading && !report && <p role="status">{tc('app.loading')}</p>}
      {kpis.error !== undefined && <ErrorMessage error={kpis.error} />}
      {report && (
        <>
          <KpiCards report={report} />
          <Progress report={report} />
          <Trends report={report} prefix="p-" />
        </>
      )}
      {reports.data && (
        <>
          <h2>{t('public.feedback')}</h2>
          <p>
            {t('public.feedbackText', {
              received: reports.data.received,
              answered: reports.data.answered,
              onTime: reports.data.answered_on_time,
            })}
          </p>
          <h3>{t('public.category')}</h3>
          <ul>
            {reports.data.by_category.map((c) => (
              <li key={c.code}>
                {vi ? c.label_vi : c.label_en}: {c.count}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
