import { Heading } from '../../shell/heading';
import { useT } from './i18n';

export default function Inbox() {
  const t = useT();
  return (
    <section>
      <Heading>{t('inbox.title')}</Heading>
      <div class="empty">
        <p>
          <strong>{t('inbox.empty')}</strong>
        </p>
        <p>{t('inbox.emptyLead')}</p>
      </div>
    </section>
  );
}
