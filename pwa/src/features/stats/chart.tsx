import type { Schemas } from '../../api/client';
import { formatMonth } from '../../format';
import { percent } from './parts';
import { useI18n } from '../../i18n/i18n';
import { useT } from './i18n';

export interface Point {
  period: string;
  value: number | null;
}

const W = 320;
const H = 160;
const PAD = { left: 34, right: 8, top: 10, bottom: 24 };

/**
 * A monthly rate (0–100%) as a hand-written SVG line, with the target as a dashed line. Screen
 * readers get a title and a one-line summary (role="img"), and the numbers as a table below.
 */
export function TrendChart({ id, title, points, target }: { id: string; title: string; points: Point[]; target?: number }) {
  const t = useT();
  const { lang } = useI18n();
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length <= 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v: number) => PAD.top + innerH - (Math.max(0, Math.min(100, v)) * innerH) / 100;
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const known = points.filter((p) => p.value !== null);
  const first = known[0];
  const last = known[known.length - 1];
  const summary =
    first && last
      ? t('chart.summary', {
          first: formatMonth(first.period),
          firstValue: percent(first.value, lang),
          last: formatMonth(last.period),
          lastValue: percent(last.value, lang),
          target: target === undefined ? '–' : `${target}%`,
        })
      : t('card.noData');
  return (
    <figure class="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-chart={id}>
        <title>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="grid" />
            <text x={PAD.left - 4} y={y(v) + 4} text-anchor="end" class="axis">
              {v}%
            </text>
          </g>
        ))}
        {target !== undefined && <line x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} class="target" />}
        {segments.map((s) => (
          <polyline key={s} points={s} class="line" />
        ))}
        {points.map((p, i) =>
          p.value === null ? null : <circle key={p.period} cx={x(i)} cy={y(p.value)} r={3} class="dot" />,
        )}
        {points.length > 0 && (
          <>
            <text x={x(0)} y={H - 6} text-anchor="start" class="axis">
              {points[0] && formatMonth(points[0].period)}
            </text>
            <text x={x(points.length - 1)} y={H - 6} text-anchor="end" class="axis">
              {points.length > 0 && formatMonth(points[points.length - 1]!.period)}
            </text>
          </>
        )}
      </svg>
      <details>
        <summary>{t('chart.table')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('chart.month')}</th>
              <th scope="col">{t('chart.value')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.period}>
                <th scope="row">{formatMonth(p.period)}</th>
                <td>{p.value === null ? t('chart.none') : percent(p.value, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/**
 * The KPI report's monthly trends: online share (against its target), on time (leaders only) and
 * satisfaction (against its target). `prefix` keeps ids unique where two sets could meet.
 */
export function Trends({ report, prefix = '', onTime = false }: { report: Schemas['KpiReport']; prefix?: string; onTime?: boolean }) {
  const t = useT();
  const series = (value: (p: Schemas['KpiReport']['series'][number]) => number | null): Point[] =>
    report.series.map((p) => ({ period: p.period, value: value(p) }));
  return (
    <div class="charts">
      <TrendChart
        id={`${prefix}online`}
        title={t('chart.online')}
        target={report.online.by_level.find((l) => l.online + l.desk > 0)?.target ?? 90}
        points={series((p) => p.online_rate)}
      />
      {onTime && <TrendChart id={`${prefix}ontime`} title={t('chart.onTime')} points={series((p) => p.on_time_rate)} />}
      <TrendChart
        id={`${prefix}satisfaction`}
        title={t('chart.satisfaction')}
        target={report.satisfaction.target}
        points={series((p) => p.satisfaction_rate)}
      />
    </div>
  );
}
