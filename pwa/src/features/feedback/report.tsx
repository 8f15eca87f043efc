import { useState } from 'preact/hooks';
import { type Schemas, newIdempotencyKey, request } from '../../api/client';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../shell/errors';
import { useT } from './i18n';

type Report = Schemas['ReportView'];

/** One report as the caller may see it, with the workflow steps they may take. */
export function ReportDetails({ report, secret, onChange }: { report: Report; secret?: string; onChange: (r: Report) => void }) {
  const t = useT();
  const { lang } = useI18n();
  const vi = lang === 'vi';
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  // One key per intended action: a retry after a lost answer replays it instead of failing with
  // a version conflict; a new text or a success starts a new one.
  const [key, setKey] = useState(newIdempotencyKey);
  const can = (a: string) => report.allowed_actions.includes(a);
  const act = async (action: 'answer' | 'close' | 'reopen') => {
    setError(undefined);
    setDone(false);
    try {
      const body = {
        action,
        version: report.version,
        ...(action === 'answer' ? { answer: text } : {}),
        ...(action === 'reopen' ? { note: text } : {}),
        ...(secret ? { secret } : {}),
      };
      const next = await request('post', '/api/v1/feedback/{code}/actions', {
        path: { code: report.code },
        body,
        headers: { 'Idempotency-Key': key },
        auth: !secret,
      });
      setKey(newIdempotencyKey());
      onChange(next);
      setText('');
      setDone(true);
    } catch (e) {
      setError(e);
    }
  };
  const textLabel = can('answer') ? t('act.answerField') : t('act.reopenNote');
  return (
    <>
      <dl class="facts">
        <dt>{t('track.code')}</dt>
        <dd>{report.code}</dd>
        <dt>{t('view.status')}</dt>
        <dd>
          <strong>{vi ? report.status.label_vi : report.status.label_en}</strong>
          {report.overdue && <> · {t('list.overdue')}</>}
        </dd>
        <dt>{t('new.category')}</dt>
        <dd>{vi ? report.category.label_vi : report.category.label_en}</dd>
        <dt>{t('view.agency')}</dt>
        <dd>{vi ? report.agency.label_vi : report.agency.label_en}</dd>
        {report.official_name && (
          <>
            <dt>{t('view.official')}</dt>
            <dd>{report.official_name}</dd>
          </>
        )}
        <dt>{t('view.due')}</dt>
        <dd>{formatDateTime(report.due_at, lang)}</dd>
        <dt>{t('view.reporter')}</dt>
        <dd>{report.reporter ? report.reporter.name ?? '–' : t('view.hidden')}</dd>
      </dl>
      <h2>{report.title}</h2>
      <p class="report-content">{report.content}</p>
      {report.answer && (
        <>
          <h2>{t('view.answer')}</h2>
          <p>{report.answer}</p>
        </>
      )}
      <h2>{t('view.history')}</h2>
      <ol class="timeline">
        {report.history.map((s) => (
          <li key={s.at + s.action}>
            <span>
              {t(`view.by.${s.actor_kind}` as 'view.by.leader')}
              {s.actor_name && <> · {s.actor_name}</>}
            </span>
            <span class="when">{formatDateTime(s.at, lang)}</span>
            {s.note && <span class="note">{s.note}</span>}
          </li>
        ))}
      </ol>
      {(can('answer') || can('reopen')) && (
        <div class="field">
          <label for="report-text">{textLabel}</label>
          <textarea id="report-text" rows={3} maxLength={4000} value={text} onInput={(e) => {
              setText((e.target as HTMLTextAreaElement).value);
              setKey(newIdempotencyKey());
            }} />
        </div>
      )}
      <div class="row">
        {can('answer') && (
          <button type="button" class="primary" onClick={() => void act('answer')}>
            {t('act.answer')}
          </button>
        )}
        {can('close') && (
          <button type="button" class="secondary" onClick={() => void act('close')}>
            {t('act.close')}
          </button>
        )}
        {can('reopen') && (
          <button type="button" class="secondary" onClick={() => void act('reopen')}>
            {t('act.reopen')}
          </button>
        )}
      </div>
      {done && (
        <p role="status" class="notice">
          {t('act.done')}
        </p>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </>
  );
}
