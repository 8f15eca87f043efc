import { useEffect, useState } from 'preact/hooks';
import { type Schemas, get } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { ScreenProps } from '../../registry';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';
import { ReportDetails } from './report';

export default function ReportView({ params }: ScreenProps) {
  const t = useT();
  const { t: tc } = useI18n();
  const code = params['code'] ?? '';
  const [report, setReport] = useState<Schemas['ReportView']>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    get('/api/v1/feedback/{code}', { path: { code }, auth: true }).then(setReport, setError);
  }, [code]);
  return (
    <section>
      <p>
        <a href="/phan-anh/danh-sach">← {t('list.title')}</a>
      </p>
      <Heading>{report ? report.title : t('list.title')}</Heading>
      {!report && error === undefined && <p role="status">{tc('app.loading')}</p>}
      {error !== undefined && <ErrorMessage error={error} />}
      {report && <ReportDetails report={report} onChange={setReport} />}
    </section>
  );
}
