import type { SlotProps } from '../../registry';
import { useCachedGet } from '../../offline/cache';
import { useT } from './i18n';
import { ReceiptView } from './receipt-view';

/** The dossier view's receipt slot: shown once the dossier was accepted; kept offline. */
export default function ReceiptSlot({ dossier }: SlotProps['dossier.receipt']) {
  if (!dossier.received_at) return null;
  return <Loaded code={dossier.code} />;
}

function Loaded({ code }: { code: string }) {
  const t = useT();
  const { data, error } = useCachedGet('/api/v1/dossiers/{code}/receipt', { path: { code } });
  if (!data) return null;
  return (
    <>
      {error !== undefined && <p class="hint">{t('receipt.offline')}</p>}
      <ReceiptView receipt={data} compact />
    </>
  );
}
