import { useState } from 'preact/hooks';
import { inBoth, useI18n } from '../../i18n/i18n';
import { enqueue } from '../../outbox';
import { MESSAGES, useT } from './i18n';

type Kind = 'record_attendance' | 'receive_papers' | 'hand_over';
type What = 'desk.attend' | 'desk.receive' | 'desk.handOver';
const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * The desk's three actions. Each goes through the outbox (Idempotency-Key, retried until the
 * server answers), so it is recorded at once even with the network down, with the time it
 * happened (`occurred_at`).
 */
export function DeskActions(props: { code: string; token?: string | undefined; allowed?: string[] | undefined; status?: string | undefined }) {
  const t = useT();
  const { lang } = useI18n();
  const [done, setDone] = useState<string[]>([]);
  const [papers, setPapers] = useState('');
  const [items, setItems] = useState('');
  const [recipient, setRecipient] = useState('');
  const [relation, setRelation] = useState<'applicant' | 'authorised'>('applicant');
  const [confirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState('');
  const can = (kind: Kind): boolean =>
    props.allowed ? props.allowed.includes(kind) : kind !== 'hand_over' || props.status === 'result_ready';

  const send = async (kind: Kind, body: Record<string, unknown>, key: What): Promise<void> => {
    const label = inBoth(MESSAGES, key);
    setProblem('');
    const occurred_at = new Date().toISOString();
    await enqueue({
      kind: 'desk',
      method: 'POST',
      url: `/api/v1/dossiers/${encodeURIComponent(props.code)}/desk`,
      body: { action: kind, occurred_at, ...(props.token ? { receipt_token: props.token } : {}), ...body },
      label: { vi: `${label.vi} — ${props.code}`, en: `${label.en} — ${props.code}` },
      link: `/ho-so/${props.code}`,
    });
    setDone((d) => [...d, t(navigator.onLine ? 'desk.sent' : 'desk.queued', { what: t(key) })]);
  };

  const handOver = (): void => {
    if (!lines(items).length || !recipient.trim() || !confirmed || !props.token) {
      setProblem(t('desk.fill'));
      return;
    }
    const body = {
      items: lines(items),
      recipient: { full_name: recipient.trim(), relation },
      confirmation: { method: 'receipt', value: props.token },
    };
    void send('hand_over', body, 'desk.handOver');
  };

  return (
    <section class="desk-actions" lang={lang}>
      <h2>{t('desk.actions')}</h2>
      {can('record_attendance') && (
        <p>
          <button type="button" onClick={() => void send('record_attendance', {}, 'desk.attend')}>
            {t('desk.attend')}
          </button>
        </p>
      )}
      {can('receive_papers') && (
        <div class="field">
          <label for="desk-papers">{t('desk.papers')}</label>
          <textarea id="desk-papers" rows={3} value={papers} onInput={(e) => setPapers(e.currentTarget.value)} />
          <button
            type="button"
            class="secondary"
            onClick={() => (lines(papers).length ? void send('receive_papers', { papers: lines(papers) }, 'desk.receive') : setProblem(t('desk.fill')))}
          >
            {t('desk.receive')}
          </button>
        </div>
      )}
      {can('hand_over') && props.token && (
        <fieldset class="field">
          <legend>{t('desk.handOver')}</legend>
          <label for="desk-items">{t('desk.items')}</label>
          <textarea id="desk-items" rows={2} value={items} onInput={(e) => setItems(e.currentTarget.value)} />
          <label for="desk-recipient">{t('desk.recipient')}</label>
          <input id="desk-recipient" value={recipient} onInput={(e) => setRecipient(e.currentTarget.value)} autocomplete="off" />
          <label for="desk-relation">{t('desk.relation')}</label>
          <select id="desk-relation" value={relation} onChange={(e) => setRelation(e.currentTarget.value as 'applicant' | 'authorised')}>
            <option value="applicant">{t('desk.self')}</option>
            <option value="authorised">{t('desk.authorised')}</option>
          </select>
          <label class="check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} /> {t('desk.confirm')}
          </label>
          <button type="button" onClick={handOver}>
            {t('desk.handOver')}
          </button>
        </fieldset>
      )}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {done.map((line, i) => (
        <p key={i} class="notice" role="status">
          {line}
        </p>
      ))}
    </section>
  );
}
