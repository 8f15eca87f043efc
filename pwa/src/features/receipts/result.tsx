import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { DeskCheck } from './check';
import { DeskActions } from './desk-actions';
import { useT } from './i18n';

const GOOD = new Set(['valid']);

/** The answer to a scan: genuine or not, then the dossier and what the desk can do with it. */
export function DeskResult({ check }: { check: DeskCheck }) {
  const t = useT();
  const { lang } = useI18n();
  const vi = lang === 'vi';
  const dossier = check.dossier ?? check.cached?.dossier;
  const summary = check.cached?.summary;
  const label = (l?: { label_vi: string; label_en: string } | null): string => (l ? (vi ? l.label_vi : l.label_en) : '');
  const headline = {
    valid: t('desk.genuine'),
    invalid: t('desk.notGenuine'),
    expired: t('desk.expired'),
    revoked: check.reason === 'withdrawn' ? t('desk.withdrawn') : t('desk.revoked'),
    'unknown-key': t('desk.unknownKey'),
    manual: t('desk.manualNote'),
  }[check.verdict];
  const status = check.server?.status ?? dossier?.status ?? summary?.status;
  const procedure = dossier?.procedure ?? summary?.procedure ?? check.server?.details?.procedure;
  const applicant =
    check.server?.details?.applicant_name ?? dossier?.applicant_name ?? summary?.applicant_name ?? check.claims?.applicantMasked;
  const due = dossier?.due_at ?? summary?.due_at ?? (check.claims ? new Date(check.claims.dueAt).toISOString() : null);
  const genuine = GOOD.has(check.verdict) || check.verdict === 'expired' || check.verdict === 'manual';

  return (
    <section class="desk-result" aria-live="polite">
      <div class={`verdict ${GOOD.has(check.verdict) ? 'ok' : check.verdict === 'manual' ? 'neutral' : 'bad'}`} data-verdict={check.verdict} role="status">
        <strong>{headline}</strong>
        {!check.online && (check.verdict === 'valid' || check.verdict === 'expired') && <p>{t('desk.offlineChecked')}</p>}
        {check.server && <p>{vi ? check.server.message_vi : check.server.message_en}</p>}
        {check.secretMatches !== undefined && <p>{check.secretMatches ? t('desk.secretMatches') : t('desk.secretWrong')}</p>}
      </div>
      {check.code && check.verdict !== 'invalid' && (
        <dl class="facts" data-dossier={check.code}>
          <dt>{t('desk.dossier')}</dt>
          <dd>
            <a href={`/ho-so/${check.code}`}>{check.code}</a>
          </dd>
          <dt>{t('desk.procedure')}</dt>
          <dd>{procedure ? label(procedure) : check.claims?.procedureCode}</dd>
          <dt>{t('receipt.applicant')}</dt>
          <dd>{applicant}</dd>
          {due && (
            <>
              <dt>{t('receipt.due')}</dt>
              <dd>{formatDate(due, lang)}</dd>
            </>
          )}
          <dt>{t('desk.status')}</dt>
          <dd>
            {status
              ? check.online
                ? label(status)
                : t('desk.statusCached', { status: label(status), when: formatDateTime(check.cached?.at ?? Date.now(), lang) })
              : t('desk.notCached')}
          </dd>
        </dl>
      )}
      {check.code && genuine && check.reason !== 'withdrawn' && (
        <DeskActions code={check.code} token={check.token} allowed={dossier?.desk_actions} status={status?.code} />
      )}
    </section>
  );
}
