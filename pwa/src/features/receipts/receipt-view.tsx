import { useState } from 'preact/hooks';
import { type Schemas, authorizedFetch } from '../../api/client';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { useT } from './i18n';
import { saveAsImage, svgDataUrl } from './save-image';
import './receipts.css';

type Receipt = Schemas['ReceiptView'];

/** The receipt itself: QR big enough to scan off a screen, the appointment, the lookup secret. */
export function ReceiptView({ receipt, compact = false }: { receipt: Receipt; compact?: boolean }) {
  const t = useT();
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const vi = lang === 'vi';
  const due = formatDate(receipt.due_at, lang);

  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      await saveAsImage(receipt, { code: t('receipt.code'), due: t('receipt.due'), secret: t('receipt.secret'), dueValue: due });
    } finally {
      setBusy(false);
    }
  };
  const print = async (): Promise<void> => {
    const opened = window.open('', '_blank');
    const response = await authorizedFetch(`/api/v1/dossiers/${encodeURIComponent(receipt.code)}/receipt/print`, {});
    const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
    if (opened) opened.location.href = url;
    else window.location.href = url;
  };

  return (
    <section class="receipt" aria-labelledby={`receipt-${receipt.code}`} data-receipt={receipt.code}>
      <h2 id={`receipt-${receipt.code}`}>{vi ? receipt.title_vi : receipt.title_en}</h2>
      <img
        class="receipt-qr"
        src={svgDataUrl(receipt.qr_svg)}
        alt={t('receipt.qrAlt', { code: receipt.code })}
        width={compact ? 200 : 280}
        height={compact ? 200 : 280}
      />
      <p class="hint">{t('receipt.brightness')}</p>
      <dl class="facts">
        <dt>{t('receipt.code')}</dt>
        <dd>{receipt.code}</dd>
        <dt>{t('receipt.due')}</dt>
        <dd>
          <strong>{due}</strong>
        </dd>
        <dt>{t('receipt.secret')}</dt>
        <dd>
          <strong class="secret">{receipt.lookup_secret}</strong>
        </dd>
        {!compact && (
          <>
            <dt>{t('receipt.applicant')}</dt>
            <dd>{receipt.applicant_masked}</dd>
            <dt>{t('receipt.received')}</dt>
            <dd>{formatDateTime(receipt.received_at, lang)}</dd>
            <dt>{t('receipt.agency')}</dt>
            <dd>{vi ? receipt.agency.label_vi : receipt.agency.label_en}</dd>
          </>
        )}
      </dl>
      <p class="actions">
        <button type="button" class="secondary" onClick={() => void save()} disabled={busy}>
          {t('receipt.save')}
        </button>{' '}
        {compact ? (
          <a class="button" href={`/ho-so/${receipt.code}/bien-nhan`}>
            {t('receipt.open')}
          </a>
        ) : (
          navigator.onLine && (
            <button type="button" class="secondary" onClick={() => void print()}>
              {t('receipt.print')}
            </button>
          )
        )}
      </p>
    </section>
  );
}
