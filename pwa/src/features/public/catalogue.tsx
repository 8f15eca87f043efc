import { useEffect, useState } from 'preact/hooks';
import { get, type Ok } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { ScreenProps } from '../../registry';
import { navigate } from '../../router';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import { useT } from './i18n';

type Page = Ok<'/api/v1/procedures'>;
type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; page: Page } | { kind: 'error'; error: unknown };

const DEBOUNCE_MS = 250;

export default function Catalogue({ query: params }: ScreenProps) {
  const { lang, t: tc } = useI18n();
  const t = useT();
  const initial = params.get('q') ?? '';
  const [query, setQuery] = useState(initial);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const q = query.trim();
    // The URL keeps the search, so a reload (or an offline reload) shows the same list.
    navigate(q ? `/thu-tuc?q=${encodeURIComponent(q)}` : '/thu-tuc', { replace: true });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState({ kind: 'loading' });
      get('/api/v1/procedures', { query: q ? { q } : {}, lang, signal: controller.signal })
        .then((page) => setState({ kind: 'done', page }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ kind: 'error', error });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, attempt]);

  return (
    <section>
      <Heading>{t('catalogue.title')}</Heading>
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <label for="q">{t('catalogue.search')}</label>
        <input
          id="q"
          type="search"
          name="q"
          value={query}
          autoComplete="off"
          aria-describedby="q-hint"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <p id="q-hint" class="hint">
          {t('catalogue.hint')}
        </p>
      </form>
      <div aria-live="polite">
        {state.kind === 'loading' && <p role="status">{tc('app.loading')}</p>}
        {state.kind === 'error' && <ErrorMessage error={state.error} onRetry={() => setAttempt((n) => n + 1)} />}
        {state.kind === 'done' && state.page.items.length === 0 && <p>{t('catalogue.empty')}</p>}
        {state.kind === 'done' && state.page.items.length > 0 && (
          <p class="count">{t('catalogue.count', { n: state.page.items.length })}</p>
        )}
      </div>
      {state.kind === 'done' && state.page.items.length > 0 && (
        <ul class="results">
          {state.page.items.map((item) => (
            <li key={item.code}>
              <a href={`/thu-tuc/${encodeURIComponent(item.code)}`}>{lang === 'vi' ? item.name_vi : item.name_en}</a>
              <span class="meta">
                {t(`catalogue.level.${item.level}`)} · {lang === 'vi' ? item.field_vi : item.field_en}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
