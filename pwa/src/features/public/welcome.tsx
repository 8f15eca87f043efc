import { useSession } from '../../auth/session';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';

export default function Welcome() {
  const t = useT();
  const { user } = useSession();
  return (
    <section>
      <Heading>{t('welcome.title')}</Heading>
      {user && <p>{t('welcome.hello', { name: user.full_name })}</p>}
      <p>{t('welcome.lead')}</p>
      <ul class="links">
        <li>
          <a class="button" href="/thu-tuc">
            {t('welcome.catalogue')}
          </a>
        </li>
        {user ? (
          <li>
            <a class="button secondary" href="/ho-so">
              {t('welcome.myDossiers')}
            </a>
          </li>
        ) : (
          <>
            <li>
              <a class="button secondary" href="/dang-nhap">
                {t('welcome.login')}
              </a>
            </li>
            <li>
              <a href="/dang-ky">{t('welcome.register')}</a>
            </li>
          </>
        )}
        <li>
          <a href="/schema" rel="external">
            {t('welcome.api')}
          </a>
        </li>
      </ul>
    </section>
  );
}
