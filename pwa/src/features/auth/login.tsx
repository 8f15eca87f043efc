import type { ScreenProps } from '../../registry';
import { navigate } from '../../router';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';
import { LoginForm } from './login-form';
import { nextPath } from './next';

export default function Login({ query }: ScreenProps) {
  const t = useT();
  const register = `/dang-ky${query.get('next') ? `?next=${encodeURIComponent(query.get('next') ?? '')}` : ''}`;
  return (
    <section>
      <Heading>{t('login.title')}</Heading>
      <LoginForm onDone={() => navigate(nextPath(query), { replace: true })} />
      <p>
        {t('login.noAccount')} <a href={register}>{t('login.register')}</a>
      </p>
    </section>
  );
}
