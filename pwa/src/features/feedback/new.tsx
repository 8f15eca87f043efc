import { useState } from 'preact/hooks';
import { type Schemas, newIdempotencyKey, request } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { ScreenProps } from '../../registry';
import { ErrorMessage, problemFields } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { Field } from '../auth/field';
import { useT } from './i18n';

type Category = Schemas['ReportRequest']['category'];
const CATEGORIES: Category[] = ['harassment', 'delay', 'attitude', 'fees', 'procedure', 'other'];

/** File a report, logged in or not. Anonymous reporters get a tracking code and a secret. */
export default function NewReport({ query }: ScreenProps) {
  const t = useT();
  const { lang } = useI18n();
  const { user } = useSession();
  const [sent, setSent] = useState<Schemas['ReportCreated']>();
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const dossier = query.get('dossier') ?? '';
  const bad = problemFields(error);

  const submit = async (event: Event) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(f.get(name) ?? '').trim() || null;
    setSending(true);
    setError(undefined);
    try {
      const body: Schemas['ReportRequest'] = {
        kind: (text('kind') ?? 'phan_anh') as Schemas['ReportRequest']['kind'],
        category: (text('category') ?? 'other') as Category,
        title: text('title') ?? '',
        content: text('content') ?? '',
        agency_code: text('agency'),
        official_name: text('official'),
        dossier_code: user ? text('dossier') : null,
        share_identity: f.get('share') === 'on',
        contact_name: user ? null : text('contact_name'),
        contact_phone: user ? null : text('contact_phone'),
      };
      setSent(await request('post', '/api/v1/feedback', { body, headers: { 'Idempotency-Key': key }, auth: Boolean(user) }));
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  if (sent) {
    return (
      <section>
        <Heading>{t('new.done')}</Heading>
        <dl class="facts tracking">
          <dt>{t('new.code')}</dt>
          <dd>
            <strong data-testid="tracking-code">{sent.code}</strong>
          </dd>
          {sent.secret && (
            <>
              <dt>{t('new.secret')}</dt>
              <dd>
                <strong data-testid="tracking-secret">{sent.secret}</strong>
              </dd>
            </>
          )}
        </dl>
        {sent.secret && <p class="notice">{t('new.keep')}</p>}
        <p>{t('new.due', { date: formatDateTime(sent.due_at, lang) })}</p>
        <p>
          {user ? <a href={`/phan-anh/${sent.code}`}>{t('new.open')}</a> : <a href="/phan-anh/tra-cuu">{t('new.lookupLink')}</a>}
        </p>
      </section>
    );
  }
  return (
    <section>
      <Heading>{t('new.title')}</Heading>
      <p>{t('new.lead')}</p>
      {!user && <p class="notice">{t('new.anonymous')}</p>}
      <p>
        {user && (
          <>
            <a href="/phan-anh/danh-sach">{t('list.title')}</a> ·{' '}
          </>
        )}
        <a href="/phan-anh/tra-cuu">{t('new.lookupLink')}</a> · <a href="/thong-ke">{t('new.statsLink')}</a>
      </p>
      <form onSubmit={submit} noValidate>
        <fieldset class="choices">
          <legend>{t('new.kind')}</legend>
          {(['phan_anh', 'kien_nghi'] as const).map((k) => (
            <label class="choice" key={k}>
              <input type="radio" name="kind" value={k} defaultChecked={k === 'phan_anh'} />
              {t(`new.${k}`)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="category">{t('new.category')}</label>
          <select id="category" name="category">
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`cat.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <Field id="agency" label={t('new.agency')} autoComplete="off" error={bad.has('agency_code') ? ' ' : undefined} />
        <Field id="official" label={t('new.officialName')} autoComplete="off" maxLength={100} />
        {user && <Field id="dossier" label={t('new.dossier')} defaultValue={dossier} autoComplete="off" />}
        <Field id="title" label={t('new.titleField')} required minLength={5} maxLength={150} />
        <div class="field">
          <label for="content">{t('new.content')}</label>
          <textarea id="content" name="content" rows={5} required minLength={20} maxLength={4000} />
        </div>
        {!user && (
          <>
            <Field id="contact_name" label={t('new.contactName')} maxLength={100} autoComplete="name" />
            <Field id="contact_phone" label={t('new.contactPhone')} type="tel" maxLength={20} autoComplete="tel" />
          </>
        )}
        <label class="choice">
          <input type="checkbox" name="share" />
          {t('new.share')}
        </label>
        <button type="submit" class="primary" disabled={sending}>
          {sending ? t('new.sending') : t('new.submit')}
        </button>
        {error !== undefined && <ErrorMessage error={error} />}
      </form>
    </section>
  );
}
