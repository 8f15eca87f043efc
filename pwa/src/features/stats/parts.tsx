import type { Schemas } from '../../api/client';
import type { Lang } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';
import { useT } from './i18n';

type Report = Schemas['KpiReport'];

export function percent(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '–';
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(value)}%`;
}

interface CardProps {
  label: string;
  value: number | null | undefined;
  target?: number;
  detail?: string;
}

/** A KPI against its target: the verdict is in words and a symbol, never colour alone. */
export function Card({ label, value, target, detail }: CardProps) {
  const t = useT();
  const { lang } = useI18n();
  const known = value !== null && value !== undefined;
  const met = known && target !== undefined ? value >= target : undefined;
  const state = met === undefined ? 'none' : met ? 'met' : 'missed';
  return (
    <li class={`kpi-card ${state}`}>
      <span class="kpi-label">{label}</span>
      <strong class="kpi-value">{known ? percent(value, lang) : t('card.noData')}</strong>
      {detail && <span class="meta">{detail}</span>}
      {target !== undefined && (
        <span class="kpi-target">
          {t('card.target', { target: `${target}%` })}
          {met !== undefined && <> · {met ? `✓ ${t('card.met')}` : `✗ ${t('card.notMet')}`}</>}
        </span>
      )}
    </li>
  );
}

export function KpiCards({ report }: { report: Report }) {
  const t = useT();
  const counts = (part: number, whole: number) => t('card.counts', { part, whole });
  const levels = report.online.by_level.filter((l) => l.online + l.desk > 0);
  const s = report.satisfaction;
  const f = report.transparency;
  const p = report.progress;
  return (
    <ul class="kpi-cards">
      {(levels.length ? levels : report.online.by_level.slice(0, 1)).map((l) => (
        <Card
          key={l.level}
          label={t('card.online', { level: t(`level.${l.level}` as 'level.province') })}
          value={l.rate}
          target={l.target}
          detail={counts(l.online, l.online + l.desk)}
        />
      ))}
      <Card
        label={t('card.onTime')}
        value={p.on_time_rate}
        detail={counts(p.early + p.on_time, p.finished)}
      />
      <Card label={t('card.satisfaction')} value={s.rate} target={s.target} detail={counts(s.very_satisfied + s.satisfied, s.ratings)} />
      <Card label={t('card.feedback')} value={f.answered_on_time_rate} detail={counts(f.feedback_answered_on_time, f.feedback_answered)} />
      <Card label={t('card.full')} value={report.provision.full_online_rate} detail={counts(report.provision.full_online, report.provision.procedures)} />
      <Card label={t('card.mobile')} value={report.provision.mobile_rate} detail={counts(report.provision.mobile, report.provision.procedures)} />
    </ul>
  );
}

export function Progress({ report }: { report: Report }) {
  const t = useT();
  const p = report.progress;
  return (
    <>
      <h2>{t('progress.title')}</h2>
      <p>{t('progress.text', { finished: p.finished, early: p.early, onTime: p.on_time, late: p.late })}</p>
    </>
  );
}
