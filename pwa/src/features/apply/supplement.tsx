import { useState } from 'preact/hooks';
import type { Problem } from '../../api/client';
import { useSession } from '../../auth/session';
import { inBoth, useI18n } from '../../i18n/i18n';
import { useCachedGet, writeCached } from '../../offline/cache';
import { discard, enqueue } from '../../outbox';
import type { ScreenProps } from '../../registry';
import { navigate } from '../../router';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import type { ChosenFile } from '../../storage/db';
import { Attachments } from './attachments';
import { sendAndWait } from './drafts';
import { MESSAGES, useT } from './i18n';

/**
 * A supplement is the dossier's `supplement` transition, with the version seen (If-Match) and the
 * files. It goes through the outbox, so it can be made offline and arrives once when back online.
 */
export default function Supplement({ params }: ScreenProps) {
  const t = useT();
  const { t: tc } = useI18n();
  const { user } = useSession();
  const code = params['code'] ?? '';
  const { data, error, loading } = useCachedGet('/api/v1/dossiers/{code}', { path: { code } });
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  const back = (
    <p>
      <a href={`/ho-so/${code}`}>← {t('supplement.back')}</a>
    </p>
  );
  if (!data) {
    return (
      <>
        {back}
        {loading ? <p role="status">{tc('app.loading')}</p> : <ErrorMessage error={error} />}
      </>
    );
  }
  const allowed = data.allowed_actions.includes('supplement');

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!note.trim() && files.length === 0) {
      setEmpty(true);
      document.getElementById('note')?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    const entry = await enqueue({
      kind: 'supplement',
      method: 'POST',
      url: `/api/v1/dossiers/${code}/transitions`,
      headers: { 'If-Match': `"${data.version}"` },
      body: { action: 'supplement', ...(note.trim() ? { note: note.trim() } : {}), attachment_ids: [] },
      files: files.flatMap((f) => (f.blob ? [{ name: f.name, type: f.type, blob: f.blob }] : [])),
      filesField: 'attachment_ids',
      label: inBoth(MESSAGES, 'label.supplement', { code }),
      link: `/ho-so/${code}`,
    });
    const outcome = await sendAndWait(entry.id);
    setBusy(false);
    if (outcome?.type === 'failed') {
      await discard(entry.id);
      setProblem(outcome.problem);
      return;
    }
    if (outcome?.type === 'delivered' && user) {
      await writeCached(user.id, `/api/v1/dossiers/${code}`, outcome.response).catch(() => undefined);
    }
    navigate(`/ho-so/${code}`);
  };

  return (
    <section>
      {back}
      <Heading>{t('supplement.title', { code })}</Heading>
      {!allowed && <p>{t('supplement.notAllowed')}</p>}
      {allowed && (
        <form onSubmit={submit} noValidate>
          {data.missing_items.length > 0 && (
            <>
              <p>{t('supplement.lead')}</p>
              <ul>
                {data.missing_items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          )}
          <Attachments
            id="supp"
            files={files}
            refused={refused}
            onChange={(next, why) => {
              setFiles(next);
              setRefused(why);
              setEmpty(false);
            }}
          />
          <div class="field">
            <label for="note">{t('supplement.note')}</label>
            <textarea
              id="note"
              rows={3}
              maxLength={2000}
              value={note}
              aria-invalid={empty ? true : undefined}
              aria-describedby={empty ? 'note-error' : undefined}
              onInput={(e) => {
                setNote(e.currentTarget.value);
                setEmpty(false);
              }}
            />
            {empty && (
              <p id="note-error" class="field-error">
                {t('supplement.empty')}
              </p>
            )}
          </div>
          {problem && (
            <div class="error" role="alert">
              <p>
                <strong>{tc('error.title')}:</strong> {problem.detail ?? problem.title}
              </p>
            </div>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {t('supplement.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
