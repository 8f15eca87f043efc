import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { useCachedGet } from '../../offline/cache';
import { useOutboxEntries } from '../../outbox/hooks';
import { onOutboxEvent } from '../../outbox/page';
import type { ScreenProps } from '../../registry';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { Slot } from '../../shell/slot';
import { download } from './download';
import { useT } from './i18n';
import { Freshness, TimelinessBadge } from './parts';

type View = Schemas['DossierView'];

/** The "5 clear" view: task, person, progress, result, responsibility. */
export default function DossierDetail({ params }: ScreenProps) {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const code = params['code'] ?? '';
  const [attempt, setAttempt] = useState(0);
  const { data, fetchedAt, error, loading } = useCachedGet('/api/v1/dossiers/{code}', { path: { code } }, attempt);
  const supplementWaiting = (useOutboxEntries() ?? []).some((e) => e.kind === 'supplement' && e.link === `/ho-so/${code}`);
  const [downloadError, setDownloadError] = useState<unknown>();
  const vi = lang === 'vi';
  const reload = (): void => setAttempt((n) => n + 1);
  // A supplement sent from the outbox (here, in another tab or by the worker) changes the dossier.
  useEffect(() => onOutboxEvent((e) => e.type === 'delivered' && e.kind !== 'draft' && reload()), []);

  const back = (
    <p>
      <a href="/ho-so">← {t('detail.back')}</a>
    </p>
  );
  if (!data) {
    return (
      <>
        {back}
        {loading ? <p role="status">{tc('app.loading')}</p> : <ErrorMessage error={error} onRetry={reload} />}
      </>
    );
  }
  const d: View = data;
  const label = (l: { label_vi: string; label_en: string }): string => (vi ? l.label_vi : l.label_en);

  return (
    <article class="dossier">
      {back}
      <Heading>{label(d.procedure)}</Heading>
      <Freshness fetchedAt={fetchedAt} stale={Boolean(error)} />
      <dl class="facts">
        <dt>{t('detail.code')}</dt>
        <dd>{d.code}</dd>
      </dl>

      <h2>{t('detail.task')}</h2>
      <dl class="facts">
        <dt>{t('detail.status')}</dt>
        <dd>
          <strong class="status-label">{label(d.status)}</strong>
        </dd>
        <dt>{t('detail.agency')}</dt>
        <dd>{label(d.agency)}</dd>
      </dl>

      <h2>{t('detail.person')}</h2>
      <p class="holder">
        {vi ? d.holder.name_vi : d.holder.name_en}
        {d.holder.position && <>, {d.holder.position}</>}
        <br />
        <span class="meta">{t('detail.since', { when: formatDateTime(d.holder.since, lang) })}</span>
      </p>

      <h2>{t('detail.progress')}</h2>
      <dl class="facts">
        <dt>{t('detail.submitted')}</dt>
        <dd>{formatDateTime(d.submitted_at, lang)}</dd>
        <dt>{t('detail.due')}</dt>
        <dd>
          {d.due_at ? formatDate(d.due_at, lang) : t('detail.noDue')} <TimelinessBadge value={d.timeliness} />
        </dd>
        {d.step_deadline && (
          <>
            <dt>{t('detail.stepDeadline')}</dt>
            <dd>{formatDateTime(d.step_deadline, lang)}</dd>
          </>
        )}
      </dl>
      {d.clock_paused && <p class="hint">{t('detail.paused')}</p>}

      {d.missing_items.length > 0 && d.status.code === 'supplement_requested' && (
        <>
          <h3>{t('detail.missing')}</h3>
          <ul>
            {d.missing_items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
      {supplementWaiting && <p class="notice">{t('detail.pendingSupplement')}</p>}
      {d.allowed_actions.includes('supplement') && !supplementWaiting && (
        <p>
          <a class="button" href={`/ho-so/${d.code}/bo-sung`}>
            {t('detail.supplement')}
          </a>
        </p>
      )}
      {d.rejection_reason && (
        <>
          <h3>{t('detail.rejection')}</h3>
          <p>{d.rejection_reason}</p>
        </>
      )}

      <h2>{t('detail.result')}</h2>
      {d.result ? (
        <>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setDownloadError(undefined);
              download(`/api/v1/dossiers/${d.code}/files/${d.result?.file_id ?? ''}`, d.result?.filename ?? 'ket-qua')
                .then(reload)
                .catch(setDownloadError);
            }}
          >
            {t('detail.download', { name: d.result.filename })}
          </button>
          {downloadError !== undefined && <ErrorMessage error={downloadError} />}
        </>
      ) : (
        <p>{t('detail.noResult')}</p>
      )}

      {/* Issue 6 fills the receipt (QR, appointment); issue 7 the rating form. */}
      <Slot name="dossier.receipt" props={{ dossier: d }} />
      <p>
        <a href={`/ho-so/${d.code}/bien-nhan`}>{t('detail.receipt')}</a>
      </p>
      <Slot name="dossier.actions" props={{ dossier: d, reload }} />
      <Slot name="dossier.rating" props={{ dossier: d }} />

      <h2>{t('detail.responsibility')}</h2>
      <ol class="timeline">
        {d.timeline.map((step, i) => (
          <li key={i}>
            <span class="when">{formatDateTime(step.at, lang)}</span>
            <strong>{label(step.action)}</strong>
            {step.actor_name && (
              <span class="who">
                {step.actor_name}
                {step.actor_position && <>, {step.actor_position}</>}
              </span>
            )}
            {step.note && <span class="note">{step.note}</span>}
          </li>
        ))}
      </ol>

      {d.attachments.length > 0 && (
        <>
          <h2>{t('detail.attachments')}</h2>
          <ul>
            {d.attachments.map((f) => (
              <li key={f.file_id}>{f.filename}</li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
