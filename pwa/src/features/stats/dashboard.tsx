import { useState } from 'preact/hooks';
import { get } from '../../api/client';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { ScreenProps } from '../../registry';
import { navigate } from '../../router';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { download } from '../dossiers/download';
import { Trends } from './chart';
import { useT } from './i18n';
import { parentCode, thisYear, useLoad } from './load';
import { KpiCards, Progress, percent } from './parts';
import './stats.css';

/** The leaders' dashboard: KPI cards against targets, trends, drill-down, exports. */
export default function Dashboard({ query }: ScreenProps) {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const { user } = useSession();
  const year = thisYear();
  const agency = query.get('agency') ?? user?.agency_code ?? 'HD';
  const from = query.get('from') ?? year.from;
  const to = query.get('to') ?? year.to;
  const period = { from, to };
  const key = `${agency}|${from}|${to}`;
  const kpis = useLoad(() => get('/api/v1/stats/kpis', { query: { agency, ...period } }), key);
  const children = useLoad(() => get('/api/v1/stats/agencies', { query: { agency, ...period }, auth: true }), key);
  const ranking = useLoad(() => get('/api/v1/stats/officials', { query: { agency, ...period, limit: 20 }, auth: true }), key);
  const [exportError, setExportError] = useState<unknown>();
  const vi = lang === 'vi';
  const here = (params: Record<string, string>) => `/lanh-dao?${new URLSearchParams({ agency, from, to, ...params })}`;
  const up = agency !== user?.agency_code ? parentCode(agency) : null;

  const onPeriod = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(here({ from: String(form.get('from') || from), to: String(form.get('to') || to) }));
  };
  const exportFile = (format: 'csv' | 'xlsx', table: 'agencies' | 'officials') => {
    const qs = new URLSearchParams({ agency, from, to, format, table });
    const name = format === 'csv' ? `bao-cao-${table}-${agency}-${from}-${to}.csv` : `bao-cao-${agency}-${from}-${to}.xlsx`;
    setExportError(undefined);
    download(`/api/v1/stats/export?${qs}`, name).catch(setExportError);
  };

  const report = kpis.data;
  return (
    <section class="dashboard">
      <Heading>{t('dash.title')}</Heading>
      {report && (
        <p class="lead">
          <strong>{vi ? report.agency.name_vi : report.agency.name_en}</strong>
          {up && (
            <>
              {' · '}
              <a href={here({ agency: up })}>{t('dash.up')}</a>
            </>
          )}
        </p>
      )}
      <form class="period-form" onSubmit={onPeriod} aria-label={t('dash.period')}>
        <div class="field">
          <label for="from">{t('dash.from')}</label>
          <input id="from" name="from" type="month" value={from} />
        </div>
        <div class="field">
          <label for="to">{t('dash.to')}</label>
          <input id="to" name="to" type="month" value={to} />
        </div>
        <button type="submit" class="secondary">
          {t('dash.apply')}
        </button>
      </form>
      {!report && kpis.loading && <p role="status">{tc('app.loading')}</p>}
      {kpis.error !== undefined && <ErrorMessage error={kpis.error} />}
      {report && (
        <>
          <KpiCards report={report} />
          <Progress report={report} />
          <Trends report={report} onTime />
        </>
      )}

      <h2>{t('dash.export')}</h2>
      <div class="exports">
        <button type="button" class="secondary" onClick={() => exportFile('csv', 'agencies')}>
          {t('dash.csvAgencies')}
        </button>
        <button type="button" class="secondary" onClick={() => exportFile('csv', 'officials')}>
          {t('dash.csvOfficials')}
        </button>
        <button type="button" class="secondary" onClick={() => exportFile('xlsx', 'agencies')}>
          {t('dash.xlsx')}
        </button>
      </div>
      {exportError !== undefined && <ErrorMessage error={exportError} />}

      <h2 id="agencies-title">{t('dash.agencies')}</h2>
      {children.error !== undefined && <ErrorMessage error={children.error} />}
      {children.data && children.data.items.length === 0 && <p>{t('dash.noAgencies')}</p>}
      {children.data && children.data.items.length > 0 && (
        <div class="table-wrap">
          <table class="kpi-table" aria-labelledby="agencies-title">
            <thead>
              <tr>
                <th scope="col">{t('col.agency')}</th>
                <th scope="col">{t('col.received')}</th>
                <th scope="col">{t('col.online')}</th>
                <th scope="col">{t('col.onTime')}</th>
                <th scope="col">{t('col.satisfaction')}</th>
                <th scope="col">{t('col.harassment')}</th>
              </tr>
            </thead>
            <tbody>
              {children.data.items.map((row) => (
                <tr key={row.agency.code}>
                  <th scope="row">
                    {row.has_children ? (
                      <a href={here({ agency: row.agency.code })}>{vi ? row.agency.name_vi : row.agency.name_en}</a>
                    ) : (
                      <a href={`/lanh-dao/ho-so?agency=${encodeURIComponent(row.agency.code)}`}>
                        {vi ? row.agency.name_vi : row.agency.name_en}
                      </a>
                    )}
                  </th>
                  <td>{row.received}</td>
                  <td>
                    {percent(row.online_rate, lang)} / {row.online_target}%
                  </td>
                  <td>{percent(row.on_time_rate, lang)}</td>
                  <td>{percent(row.satisfaction_rate, lang)}</td>
                  <td>{row.harassment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={`/lanh-dao/ho-so?agency=${encodeURIComponent(agency)}`}>{t('dash.dossiersTitle')}</a>
      </p>

      <h2 id="officials-title">{t('dash.officials')}</h2>
      {ranking.error !== undefined && <ErrorMessage error={ranking.error} />}
      {ranking.data && ranking.data.items.length === 0 && <p>{t('dash.noOfficials')}</p>}
      {ranking.data && ranking.data.items.length > 0 && (
        <div class="table-wrap">
          <table class="kpi-table" aria-labelledby="officials-title">
            <thead>
              <tr>
                <th scope="col">{t('col.rank')}</th>
                <th scope="col">{t('col.official')}</th>
                <th scope="col">{t('col.handled')}</th>
                <th scope="col">{t('col.onTime')}</th>
                <th scope="col">{t('col.satisfaction')}</th>
                <th scope="col">{t('col.ratings')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.data.items.map((o) => (
                <tr key={o.official_id}>
                  <td>{o.rank}</td>
                  <th scope="row">
                    <a
                      href={`/lanh-dao/ho-so?${new URLSearchParams({ agency: o.agency_code, official: o.official_id, name: o.name })}`}
                    >
                      {o.name}
                    </a>
                    {o.position && <span class="meta"> · {o.position}</span>}
                  </th>
                  <td>{o.handled}</td>
                  <td>{percent(o.on_time_rate, lang)}</td>
                  <td>{percent(o.satisfaction_rate, lang)}</td>
                  <td>{o.ratings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
