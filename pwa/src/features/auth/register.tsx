import { useState } from 'preact/hooks';
import { register } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { ScreenProps } from '../../registry';
import { navigate } from '../../router';
import { ErrorMessage, problemFields } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { Field } from './field';
import { useT } from './i18n';
import { nextPath } from './next';

type Values = { full_name: string; phone: string; password: string; email: string; cccd: string };
type Key = keyof Values;

export function validate(v: Values): Partial<Record<Key, 'required' | 'password' | 'cccd'>> {
  const out: Partial<Record<Key, 'required' | 'password' | 'cccd'>> = {};
  if (!v.full_name.trim()) out.full_name = 'required';
  if (!v.phone.trim()) out.phone = 'required';
  if (v.password.length < 8) out.password = v.password ? 'password' : 'required';
  if (v.cccd.trim() && !/^\d{12}$/u.test(v.cccd.trim())) out.cccd = 'cccd';
  return out;
}

export default function Register({ query }: ScreenProps) {
  const t = useT();
  const { lang } = useI18n();
  const [values, setValues] = useState<Values>({ full_name: '', phone: '', password: '', email: '', cccd: '' });
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const problems = checked ? validate(values) : {};
  const bad = problemFields(error);
  const message = (key: Key): string | undefined => {
    const p = problems[key];
    if (p) return t(p === 'required' ? 'invalid.required' : p === 'password' ? 'invalid.password' : 'invalid.cccd');
    return bad.has(key) ? t('invalid.field') : undefined;
  };
  const bind = (key: Key) => ({
    value: values[key],
    error: message(key),
    onInput: (e: { currentTarget: HTMLInputElement }) => setValues({ ...values, [key]: e.currentTarget.value }),
  });

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(validate(values)).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await register({
        full_name: values.full_name.trim(),
        phone: values.phone.trim(),
        password: values.password,
        email: values.email.trim() || null,
        cccd: values.cccd.trim() || null,
        language: lang,
      });
      navigate(nextPath(query), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <Heading>{t('register.title')}</Heading>
      <p>{t('register.lead')}</p>
      <form onSubmit={submit} noValidate>
        <Field id="full_name" label={t('register.fullName')} autoComplete="name" {...bind('full_name')} />
        <Field id="phone" label={t('register.phone')} type="tel" inputMode="tel" autoComplete="tel" {...bind('phone')} />
        <Field
          id="password"
          label={t('register.password')}
          type="password"
          autoComplete="new-password"
          hint={t('register.passwordHint')}
          {...bind('password')}
        />
        <Field id="email" label={t('register.email')} type="email" autoComplete="email" {...bind('email')} />
        <Field id="cccd" label={t('register.cccd')} inputMode="numeric" hint={t('register.cccdHint')} {...bind('cccd')} />
        {error !== undefined && <ErrorMessage error={error} />}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('register.busy') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <a href={`/dang-nhap${location.search}`}>{t('register.login')}</a>
      </p>
    </section>
  );
}
