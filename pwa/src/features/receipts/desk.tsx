import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { Heading } from '../../shell/heading';
import { ErrorMessage } from '../../shell/errors';
import { type DeskCheck, cacheQueue, deskCheck } from './check';
import { type CachedJwks, cachedJwks, refreshJwks } from './jwks';
import { useT } from './i18n';
import { DeskResult } from './result';
import { type CameraFeatures, type Scanner, loadDecoder, startScanner } from './scanner';
import './receipts.css';

/** Desk mode: scan a citizen's receipt (or type its code), verify it on the phone, act on it. */
export default function Desk() {
  const t = useT();
  const { lang } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<Scanner | null>(null);
  const [jwks, setJwks] = useState<CachedJwks | null>(cachedJwks());
  const [scanning, setScanning] = useState(false);
  const [features, setFeatures] = useState<CameraFeatures | null>(null);
  const [torch, setTorch] = useState(false);
  const [cameraFailed, setCameraFailed] = useState(false);
  const [manual, setManual] = useState('');
  const [secret, setSecret] = useState('');
  const [check, setCheck] = useState<DeskCheck | null>(null);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    void loadDecoder(); // ready before the network may go
    if (navigator.onLine) {
      void refreshJwks().then(setJwks);
      void cacheQueue().catch(() => undefined);
    }
    return () => scanner.current?.stop();
  }, []);

  const handle = async (text: string, typedSecret = ''): Promise<void> => {
    setError(undefined);
    try {
      setCheck(await deskCheck(text, typedSecret));
    } catch (e) {
      setError(e);
    }
  };

  const stop = (): void => {
    scanner.current?.stop();
    scanner.current = null;
    setScanning(false);
    setFeatures(null);
  };

  const start = async (): Promise<void> => {
    if (!video.current) return;
    setCheck(null);
    setCameraFailed(false);
    try {
      setScanning(true);
      scanner.current = await startScanner(video.current, (text) => {
        stop();
        void handle(text);
      });
      setFeatures(scanner.current.features);
    } catch {
      setScanning(false);
      setCameraFailed(true);
    }
  };

  return (
    <section class="desk">
      <Heading>{t('desk.title')}</Heading>
      <p class="meta">
        {jwks?.keys.length
          ? t('desk.keys', { count: jwks.keys.length, when: formatDateTime(jwks.fetchedAt, lang) })
          : t('desk.noKeys')}
      </p>
      <div class="scanner" hidden={!scanning}>
        <video ref={video} muted playsInline aria-label={t('desk.scanning')} />
        <p role="status">{t('desk.scanning')}</p>
        {features?.torch && (
          <button type="button" class="secondary" aria-pressed={torch} onClick={() => void scanner.current?.setTorch(!torch).then(() => setTorch(!torch))}>
            {t('desk.torch')}
          </button>
        )}
        {features?.zoom && (
          <label>
            {t('desk.zoom')}
            <input
              type="range"
              min={features.zoom.min}
              max={features.zoom.max}
              step={features.zoom.step}
              defaultValue={String(features.zoom.value)}
              onInput={(e) => void scanner.current?.setZoom(Number(e.currentTarget.value))}
            />
          </label>
        )}
      </div>
      <p>
        {scanning ? (
          <button type="button" class="secondary" onClick={stop}>
            {t('desk.stop')}
          </button>
        ) : (
          <button type="button" onClick={() => void start()}>
            {check ? t('desk.again') : t('desk.start')}
          </button>
        )}
      </p>
      {cameraFailed && (
        <p class="error" role="alert">
          {t('desk.noCamera')}
        </p>
      )}
      <form
        class="field"
        onSubmit={(e) => {
          e.preventDefault();
          if (manual.trim()) void handle(manual, secret);
        }}
      >
        <label for="desk-manual">{t('desk.manual')}</label>
        <input id="desk-manual" value={manual} onInput={(e) => setManual(e.currentTarget.value)} autocomplete="off" spellcheck={false} />
        <label for="desk-secret">{t('desk.manualSecret')}</label>
        <input id="desk-secret" value={secret} onInput={(e) => setSecret(e.currentTarget.value)} autocomplete="off" maxLength={16} />
        <button type="submit" class="secondary">
          {t('desk.check')}
        </button>
      </form>
      {error !== undefined && <ErrorMessage error={error} />}
      {check && <DeskResult check={check} />}
    </section>
  );
}
