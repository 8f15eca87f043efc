import { useI18n } from '../i18n/i18n';
import { Heading } from './heading';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <Heading>{t('notFound.title')}</Heading>
      <p>
        <a href="/">{t('app.home')}</a>
      </p>
    </section>
  );
}
