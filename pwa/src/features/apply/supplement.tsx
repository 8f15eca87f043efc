import { useEffect, useRef, useState } from 'preact/hooks';
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
import { deleteLocal, loadLocal, localId, saveLocal, sendAndWait } from './drafts';
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
  // Kept on the phone as it is typed, like the application form: a phone that drops the tab
  // (while the camera app takes a photo, say) loses nothing. Wiped when sent and at log-out.
  const key = `supplement:${code}`;
  const restored = useRef(false);
  const sent = useRef(false);
  useEffect(() => {
    if (!user) return;
    void loadLocal(user.id, key)
      .then((saved) => {
        if (saved) {
          setNote(typeof saved.values['note'] === 'string' ? saved.values['note'] : '');
          setFiles(saved.files);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        restored.current = true;
      });
  }, [user?.id, key]);
  const keep = async (): Promise<void> => {
    if (!user || sent.current) return;
    const draft = { id: localId(user.id, key), serverId: '', owner: user.id, procedureCode: key, values: { note }, files, updatedAt: Date.now() };
    await saveLocal(draft).catch(() => undefined);
  };
  useEffect(() => {
    if (!restored.current) return undefined;
    const timer = setTimeout(() => void keep(), 400);
    return () => clearTimeout(timer);
  }, [note, files]);

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
    // The outbox holds it now (a refusal brings it back here, still in this screen's state).
    sent.current = true;
    if (user) await deleteLocal(user.id, key).catch(() => undefined);
    const outcome = await sendAndWait(entry.id);
    setBusy(false);
    if (outcome?.type === 'failed') {
      await discard(entry.id);
      sent.current = false;
      await keep();
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
