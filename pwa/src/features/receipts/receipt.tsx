import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCachedGet } from '../../offline/cache';
import type { ScreenProps } from '../../registry';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';
import { ReceiptView } from './receipt-view';

export default function Receipt({ params }: ScreenProps) {
  const t = useT();
  const { t: tc } = useI18n();
  const code = params['code'] ?? '';
  const [attempt, setAttempt] = useState(0);
  const { data, error, loading } = useCachedGet('/api/v1/dossiers/{code}/receipt', { path: { code } }, attempt);
  const notYet = error instanceof ApiError && error.status === 409;
  return (
    <section>
      <p>
        <a href={`/ho-so/${code}`}>← {t('receipt.back')}</a>
      </p>
      <Heading>{t('receipt.title')}</Heading>
      {data ? (
        <>
          {error !== undefined && <p class="hint">{t('receipt.offline')}</p>}
          <ReceiptView receipt={data} />
        </>
      ) : notYet ? (
        <div class="empty">
          <p>
            <strong>{t('receipt.empty', { code })}</strong>
          </p>
          <p>{t('receipt.emptyLead')}</p>
        </div>
      ) : loading ? (
        <p role="status">{tc('app.loading')}</p>
      ) : (
        <ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />
      )}
    </section>
  );
}
