import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** An API failure in words: the server's problem detail (in the chosen language), or ours when there was no answer. */
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

/** The fields a 4xx problem named (`errors[].field`, e.g. `form_data.child_full_name` → `child_full_name`). */
export function problemFields(error: unknown): Set<string> {
  const fields = new Set<string>();
  if (error instanceof ApiError) {
    for (const e of error.problem.errors ?? []) fields.add(e.field.split('.').pop() ?? e.field);
  }
  return fields;
}
