import type { ScreenProps } from '../../registry';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';

export default function Receipt({ params }: ScreenProps) {
  const t = useT();
  const code = params['code'] ?? '';
  return (
    <section>
      <p>
        <a href={`/ho-so/${code}`}>← {t('receipt.back')}</a>
      </p>
      <Heading>{t('receipt.title')}</Heading>
      <div class="empty">
        <p>
          <strong>{t('receipt.empty', { code })}</strong>
        </p>
        <p>{t('receipt.emptyLead')}</p>
      </div>
    </section>
  );
}
