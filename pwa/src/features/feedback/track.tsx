import { useState } from 'preact/hooks';
import { type Schemas, request } from '../../api/client';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { Field } from '../auth/field';
import { useT } from './i18n';
import { ReportDetails } from './report';

/** Follow an anonymous report with its tracking code and secret (both stay on this page only). */
export default function TrackReport() {
  const t = useT();
  const [report, setReport] = useState<Schemas['ReportView']>();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (event: Event) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget as HTMLFormElement);
    const code = String(f.get('code') ?? '').trim().toUpperCase();
    const given = String(f.get('secret') ?? '').trim();
    setError(undefined);
    try {
      setReport(await request('post', '/api/v1/feedback/track', { body: { code, secret: given } }));
      setSecret(given);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <Heading>{t('track.title')}</Heading>
      <form onSubmit={submit} noValidate>
        <Field id="code" label={t('track.code')} autoComplete="off" required />
        <Field id="secret" label={t('track.secret')} autoComplete="off" required />
        <button type="submit" class="primary">
          {t('track.submit')}
        </button>
      </form>
      {error !== undefined && <ErrorMessage error={error} />}
      {report && <ReportDetails report={report} secret={secret} onChange={setReport} />}
    </section>
  );
}
