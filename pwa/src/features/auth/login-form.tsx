import { useState } from 'preact/hooks';
import { login } from '../../auth/session';
import { ErrorMessage, problemFields } from '../../shell/errors';
import { Field } from './field';
import { useT } from './i18n';

/** Used by the login screen and by the "session expired" dialog. */
export function LoginForm({ onDone, idPrefix = 'login' }: { onDone: () => void; idPrefix?: string }) {
  const t = useT();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [missing, setMissing] = useState<Set<string>>(new Set());

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const empty = new Set([!phone.trim() && 'phone', !password && 'password'].filter(Boolean) as string[]);
    setMissing(empty);
    if (empty.size) return;
    setBusy(true);
    setError(undefined);
    try {
      await login(phone.trim(), password);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const bad = problemFields(error);
  const message = (name: string): string | undefined =>
    missing.has(name) ? t('invalid.required') : bad.has(name) ? t('invalid.field') : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Field
        id={`${idPrefix}-phone`}
        label={t('login.phone')}
        type="tel"
        inputMode="tel"
        autoComplete="username"
        value={phone}
        error={message('phone')}
        onInput={(e) => setPhone(e.currentTarget.value)}
      />
      <Field
        id={`${idPrefix}-password`}
        label={t('login.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        error={message('password')}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      {error !== undefined && <ErrorMessage error={error} />}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('login.busy') : t('login.submit')}
      </button>
    </form>
  );
}
