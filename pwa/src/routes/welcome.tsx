import { useI18n } from '../i18n/i18n';
import { Heading } from './heading';

export default function Welcome() {
  const { t } = useI18n();
  return (
    <section>
      <Heading>{t('welcome.title')}</Heading>
      <p>{t('welcome.lead')}</p>
      <ul class="links">
        <li>
          <a class="button" href="/thu-tuc">
            {t('welcome.catalogue')}
          </a>
        </li>
        <li>
          <a href="/schema" rel="external">
            {t('welcome.api')}
          </a>
        </li>
      </ul>
    </section>
  );
}
