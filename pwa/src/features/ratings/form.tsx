import { useEffect, useState } from 'preact/hooks';
import { type Schemas, get, request } from '../../api/client';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../shell/errors';
import { useT } from './i18n';

type Overall = Schemas['RatingRequest']['overall'];
type CriterionKey = 'on_time' | 'guidance' | 'result' | 'attitude';
const LEVELS: Overall[] = ['very_satisfied', 'satisfied', 'unsatisfied'];
const CRITERIA: CriterionKey[] = ['on_time', 'guidance', 'result', 'attitude'];
const FINISHED = new Set(['completed', 'rejected']);

/** Filled into the dossier view's rating slot: shown once the dossier is completed or rejected. */
export default function RatingForm({ dossier }: { dossier: Schemas['DossierView'] }) {
  const t = useT();
  const { lang } = useI18n();
  const [form, setForm] = useState<Schemas['RatingForm']>();
  const [error, setError] = useState<unknown>();
  const [overall, setOverall] = useState<Overall | undefined>();
  const [criteria, setCriteria] = useState<Record<CriterionKey, number>>({ on_time: 5, guidance: 5, result: 5, attitude: 5 });
  const [harassment, setHarassment] = useState(false);
  const [people, setPeople] = useState<Record<string, { score: Overall; harassment: boolean }>>({});
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const finished = FINISHED.has(dossier.status.code);

  useEffect(() => {
    if (!finished) return;
    get('/api/v1/dossiers/{code}/rating', { path: { code: dossier.code }, auth: true }).then((f) => {
      setForm(f);
      const r = f.rating;
      if (r) {
        setOverall(r.overall);
        setCriteria({ on_time: r.criteria.on_time, guidance: r.criteria.guidance, result: r.criteria.result, attitude: r.criteria.attitude });
        setHarassment(r.harassment);
        setComment(r.comment ?? '');
        setPeople(Object.fromEntries(r.officials.map((o) => [o.official_id, { score: o.score, harassment: o.harassment }])));
      }
    }, setError);
  }, [dossier.code, finished]);

  if (!finished) return null;
  if (!form) return error === undefined ? null : <ErrorMessage error={error} />;
  const locked = form.state === 'locked';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!overall) {
      setMissing(true);
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const officials = form.officials
        .filter((o) => people[o.official_id])
        .map((o) => ({ official_id: o.official_id, score: people[o.official_id]!.score, harassment: people[o.official_id]!.harassment }));
      const rating = await request('put', '/api/v1/dossiers/{code}/rating', {
        path: { code: dossier.code },
        body: { overall, criteria, harassment, officials, comment: comment.trim() || null },
        auth: true,
      });
      setForm({ ...form, state: 'editable', rating });
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section id="danh-gia" class="rating" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('rating.title')}</h2>
      {locked && form.rating ? (
        <p>
          {t('rating.yours', { overall: t(`rating.${form.rating.overall}`) })} {t('rating.locked')}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p class="hint">{t('rating.lead')}</p>
          <fieldset class="choices" aria-describedby={missing ? 'overall-error' : undefined}>
            <legend>{t('rating.overall')}</legend>
            {LEVELS.map((level) => (
              <label class="choice" key={level}>
                <input
                  type="radio"
                  name="overall"
                  value={level}
                  checked={overall === level}
                  onChange={() => {
                    setOverall(level);
                    setMissing(false);
                  }}
                />
                {t(`rating.${level}`)}
              </label>
            ))}
            {missing && (
              <p id="overall-error" class="field-error">
                {t('rating.chooseOverall')}
              </p>
            )}
          </fieldset>
          <fieldset class="choices">
            <legend>{t('rating.criteria')}</legend>
            {CRITERIA.map((c) => (
              <div class="field" key={c}>
                <label for={`crit-${c}`}>{t(`rating.${c}`)}</label>
                <select
                  id={`crit-${c}`}
                  value={String(criteria[c])}
                  onChange={(e) => setCriteria({ ...criteria, [c]: Number((e.target as HTMLSelectElement).value) })}
                >
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option key={n} value={String(n)}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <label class="choice">
              <input type="checkbox" checked={harassment} onChange={(e) => setHarassment((e.target as HTMLInputElement).checked)} />
              {t('rating.harassment')}
            </label>
          </fieldset>
          {form.officials.length > 0 && (
            <fieldset class="choices">
              <legend>{t('rating.officials')}</legend>
              {form.officials.map((o) => {
                const mine = people[o.official_id];
                return (
                  <div class="field" key={o.official_id}>
                    <label for={`off-${o.official_id}`}>
                      {o.name}
                      {o.position && <span class="meta"> · {o.position}</span>}
                    </label>
                    <select
                      id={`off-${o.official_id}`}
                      value={mine?.score ?? ''}
                      onChange={(e) => {
                        const score = (e.target as HTMLSelectElement).value as Overall | '';
                        const next = { ...people };
                        if (score) next[o.official_id] = { score, harassment: mine?.harassment ?? false };
                        else delete next[o.official_id];
                        setPeople(next);
                      }}
                    >
                      <option value="">–</option>
                      {LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {t(`rating.${level}`)}
                        </option>
                      ))}
                    </select>
                    {mine && (
                      <label class="choice">
                        <input
                          type="checkbox"
                          checked={mine.harassment}
                          onChange={(e) =>
                            setPeople({ ...people, [o.official_id]: { ...mine, harassment: (e.target as HTMLInputElement).checked } })
                          }
                        />
                        {t('rating.officialHarassment', { name: o.name })}
                      </label>
                    )}
                  </div>
                );
              })}
            </fieldset>
          )}
          <div class="field">
            <label for="rating-comment">{t('rating.comment')}</label>
            <textarea id="rating-comment" maxLength={1000} rows={3} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
          </div>
          <button type="submit" class="primary" disabled={saving}>
            {saving ? t('rating.saving') : form.rating ? t('rating.update') : t('rating.submit')}
          </button>
          {saved && (
            <p role="status" class="notice">
              {t('rating.thanks')}
            </p>
          )}
          {form.rating && <p class="hint">{t('rating.editableUntil', { date: formatDateTime(form.rating.editable_until, lang) })}</p>}
          {error !== undefined && <ErrorMessage error={error} />}
        </form>
      )}
      <p>
        <a href={`/phan-anh?dossier=${encodeURIComponent(dossier.code)}`}>{t('rating.report')}</a>
      </p>
    </section>
  );
}
