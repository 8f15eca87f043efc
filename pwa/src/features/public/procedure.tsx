import { useEffect, useState } from 'preact/hooks';
import { get, type Ok } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatVnd } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { ScreenProps } from '../../registry';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';

type Detail = Ok<'/api/v1/procedures/{code}'>;

export default function Procedure({ params }: ScreenProps) {
  const { lang, t: tc } = useI18n();
  const t = useT();
  const { user } = useSession();
  const code = params['code'] ?? '';
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    get('/api/v1/procedures/{code}', { path: { code }, lang, signal: controller.signal })
      .then(setDetail)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [code, lang, attempt]);

  const back = (
    <p>
      <a href="/thu-tuc">← {t('procedure.back')}</a>
    </p>
  );
  if (error) return <>{back}<ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} /></>;
  if (!detail) return <p role="status">{tc('app.loading')}</p>;

  const vi = lang === 'vi';
  const level = detail.online_level;
  return (
    <article>
      {back}
      <Heading>{vi ? detail.name_vi : detail.name_en}</Heading>
      <dl class="facts">
        <dt>{t('procedure.field')}</dt>
        <dd>{vi ? detail.field_vi : detail.field_en}</dd>
        <dt>{t('procedure.fee')}</dt>
        <dd>{detail.fee_vnd === 0 ? t('procedure.free') : formatVnd(detail.fee_vnd)}</dd>
        <dt>{t('procedure.days')}</dt>
        <dd>{t('procedure.daysValue', { n: detail.processing_days })}</dd>
        <dt>{t('procedure.online')}</dt>
        <dd>
          {vi ? `${level.name_vi} (${level.legacy_label_vi})` : `${level.name_en} (${level.legacy_label_en})`}
        </dd>
      </dl>
      {(!user || user.role === 'citizen') && (
        <p>
          <a class="button" href={`/thu-tuc/${encodeURIComponent(detail.code)}/nop`}>
            {t('procedure.apply')}
          </a>
        </p>
      )}
      <h2>{t('procedure.documents')}</h2>
      <ol class="documents">
        {detail.required_documents.map((doc) => (
          <li key={doc.name_vi}>
            {vi ? doc.name_vi : doc.name_en}{' '}
            <span class="meta">
              ({t('procedure.copies', { n: doc.copies ?? 1 })}, {doc.original ? t('procedure.original') : t('procedure.copy')})
            </span>
          </li>
        ))}
      </ol>
      {detail.legal_basis.length > 0 && (
        <>
          <h2>{t('procedure.legal')}</h2>
          <ul>
            {detail.legal_basis.map((basis) => (
              <li key={basis}>{basis}</li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
