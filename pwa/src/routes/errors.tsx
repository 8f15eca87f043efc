import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** An API failure in words: the server's problem detail, or ours when there was no answer. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = error instanceof ApiError ? error.message : t('error.network');
  return (
    <div class="error" role="alert">
      <p>
        <strong>{t('error.title')}:</strong> {text}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
