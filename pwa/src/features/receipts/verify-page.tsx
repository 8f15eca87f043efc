import { useEffect, useState } from 'preact/hooks';
import { NetworkError, type Schemas, request } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { ScreenProps } from '../../registry';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';
import { cachedJwks, refreshJwks } from './jwks';
import { verifyLocally } from './jws';
import './receipts.css';

type Verdict = 'valid' | 'invalid' | 'expired' | 'revoked' | 'unknown-key';

/**
 * /r/<token> inside the installed app (the worker answers navigations with the app shell; other
 * phones get the server's page). Genuineness and status only, like the server's public page;
 * offline, the signature is checked on the phone.
 */
export default function VerifyPage({ params }: ScreenProps) {
  const t = useT();
  const { lang } = useI18n();
  const token = params['token'] ?? '';
  const [result, setResult] = useState<{ verdict: Verdict; server?: Schemas['VerifyResult'] }>();
  useEffect(() => {
    void (async () => {
      try {
        const server = await request('post', '/api/v1/receipts/verify', { body: { token } });
        setResult({ verdict: server.verdict, server });
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        const keys = cachedJwks()?.keys ?? (await refreshJwks())?.keys ?? [];
        const local = await verifyLocally(token, keys);
        setResult({ verdict: local.verdict });
      }
    })();
  }, [token]);
  const vi = lang === 'vi';
  const headline = result && {
    valid: t('desk.genuine'),
    invalid: t('desk.notGenuine'),
    expired: t('desk.expired'),
    revoked: t('desk.revoked'),
    'unknown-key': t('desk.unknownKey'),
  }[result.verdict];
  const status = result?.server?.status;
  return (
    <section>
      <Heading>{t('verify.title')}</Heading>
      {!result ? (
        <p role="status">{t('verify.checking')}</p>
      ) : (
        <div class={`verdict ${result.verdict === 'valid' ? 'ok' : 'bad'}`} data-verdict={result.verdict} role="status">
          <strong>{result.server ? (vi ? result.server.message_vi : result.server.message_en) : headline}</strong>
          {status && result.server?.code && (
            <p>{t('verify.status', { code: result.server.code, status: vi ? status.label_vi : status.label_en })}</p>
          )}
        </div>
      )}
    </section>
  );
}
