import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Ok, type Problem as ApiProblem, get, newIdempotencyKey } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../format';
import { inBoth, useI18n } from '../../i18n/i18n';
import { writeCached } from '../../offline/cache';
import { cancelCoalesced, discard, enqueue } from '../../outbox';
import { idbStore } from '../../outbox/store';
import type { ScreenProps } from '../../registry';
import { navigate } from '../../router';
import { ErrorMessage } from '../../shell/errors';
import { Heading } from '../../shell/heading';
import type { ChosenFile, LocalDraft } from '../../storage/db';
import { Attachments } from './attachments';
import { deleteLocal, loadLocal, loadServer, saveLocal, saveServer, sendAndWait } from './drafts';
import { SchemaField, problemText } from './fields';
import { MESSAGES, useT } from './i18n';
import { type FormSchema, type RawValues, checkAll, fieldsOf, fromFormData, toFormData } from './schema-form';

type Procedure = Ok<'/api/v1/procedures/{code}'>;
type Agency = Ok<'/api/v1/agencies'>['items'][number];

const LOCAL_SAVE_MS = 400;
const SERVER_SAVE_MS = 2_000;

/** Where the person submits: implied for a department's procedure, chosen among agencies of the level otherwise. */
function useAgencies(procedure: Procedure | undefined): Agency[] {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => {
    if (!procedure || (procedure.level === 'province' && procedure.department)) return;
    get('/api/v1/agencies', { query: { level: procedure.level, limit: 200 } })
      .then((page) => setAgencies(page.items))
      .catch(() => setAgencies([]));
  }, [procedure?.code]);
  return agencies;
}

export default function ApplicationForm({ params, query }: ScreenProps) {
  const t = useT();
  const { lang, t: tc } = useI18n();
  const { user } = useSession();
  const code = params['code'] ?? '';
  const [procedure, setProcedure] = useState<Procedure>();
  const [loadError, setLoadError] = useState<unknown>();
  const [draft, setDraft] = useState<LocalDraft>();
  const [restored, setRestored] = useState(false);
  const [savedAt, setSavedAt] = useState<number>();
  const [checked, setChecked] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [serverProblem, setServerProblem] = useState<ApiProblem>();
  const [queued, setQueued] = useState(false);
  const dirty = useRef(false);
  const agencies = useAgencies(procedure);

  useEffect(() => {
    get('/api/v1/procedures/{code}', { path: { code } }).then(setProcedure).catch(setLoadError);
  }, [code]);
  const specs = useMemo(() => (procedure ? fieldsOf(procedure.form_schema as FormSchema, lang) : []), [procedure, lang]);
  const name = procedure ? (lang === 'vi' ? procedure.name_vi : procedure.name_en) : '';
  const labels = procedure
    ? inBoth(MESSAGES, 'label.draft', { name: procedure.name_vi }, { name: procedure.name_en })
    : { vi: '', en: '' };

  // Restore: a failed submission being fixed, else the phone's draft, else the server's, else new.
  useEffect(() => {
    if (!user || !procedure || draft) return;
    void (async () => {
      const fix = query.get('sua');
      const failed = fix ? (await idbStore.list(user.id)).find((e) => e.id === fix) : undefined;
      const base: LocalDraft = {
        id: `${user.id}:${code}`,
        serverId: newIdempotencyKey(),
        owner: user.id,
        procedureCode: code,
        values: {},
        files: [],
        updatedAt: Date.now(),
      };
      if (failed?.body) {
        const body = failed.body as { form_data?: Record<string, unknown>; agency_code?: string; draft_id?: string };
        const back: LocalDraft = {
          ...base,
          serverId: body.draft_id ?? base.serverId,
          values: fromFormData(specs, body.form_data ?? {}),
          ...(body.agency_code ? { agencyCode: body.agency_code } : {}),
          files: (failed.files ?? []).map((f) => ({ ...f, size: f.blob.size })),
        };
        // On the phone as a draft before it leaves the outbox: closing the app now loses nothing.
        await saveLocal(back);
        await discard(failed.id);
        dirty.current = true;
        setServerProblem(failed.problem);
        setDraft(back);
        setRestored(true);
        return;
      }
      const local = await loadLocal(user.id, code).catch(() => undefined);
      if (local) {
        dirty.current = true; // its server copy may be behind (the app was closed before it went)
        setDraft(local);
        setRestored(Object.keys(local.values).length > 0 || local.files.length > 0);
        return;
      }
      const remote = await loadServer(code).catch(() => undefined);
      if (remote) {
        setDraft({ ...base, serverId: remote.id, values: fromFormData(specs, remote.formData) });
        setRestored(true);
        return;
      }
      const prefill: RawValues = {};
      if (specs.some((s) => s.name === 'applicant_full_name')) prefill['applicant_full_name'] = user.full_name;
      setDraft({ ...base, values: prefill });
    })();
  }, [user?.id, procedure?.code]);

  // Every change is on the phone within moments; the server copy follows a few seconds later.
  useEffect(() => {
    if (!draft || !dirty.current) return undefined;
    const local = setTimeout(() => {
      // Not after a submission took the form: the draft would come back as if never sent.
      if (dirty.current) void saveLocal(draft).then(() => setSavedAt(draft.updatedAt));
    }, LOCAL_SAVE_MS);
    const remote = setTimeout(() => {
      if (dirty.current) void saveServer(draft, toFormData(specs, draft.values), labels);
    }, SERVER_SAVE_MS);
    return () => {
      clearTimeout(local);
      clearTimeout(remote);
    };
  }, [draft]);

  if (user && user.role !== 'citizen') return <p>{t('form.onlyCitizens')}</p>;
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!procedure || !draft) return <p role="status">{tc('app.loading')}</p>;

  const update = (next: Partial<LocalDraft>): void => {
    dirty.current = true;
    setDraft({ ...draft, ...next, updatedAt: Date.now() });
  };
  const setValue = (field: string, value: string | boolean): void => update({ values: { ...draft.values, [field]: value } });

  const needsAgency = !(procedure.level === 'province' && procedure.department);
  const problems = checked ? checkAll(specs, draft.values) : {};
  const agencyMissing = checked && needsAgency && !draft.agencyCode;
  const serverFields = new Set((serverProblem?.errors ?? []).map((e) => e.field.split('.').pop() ?? e.field));
  const errorOf = (field: string): string | undefined => {
    const p = problems[field];
    if (p) return problemText(t, p);
    return serverFields.has(field) ? problemText(t, 'server') : undefined;
  };
  const errorCount = Object.keys(problems).length + (agencyMissing ? 1 : 0);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    const found = checkAll(specs, draft.values);
    const first = Object.keys(found)[0] ?? (needsAgency && !draft.agencyCode ? 'agency' : undefined);
    if (first) {
      document.getElementById(first === 'agency' ? 'f-agency' : `f-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setServerProblem(undefined);
    // The submission carries the form and deletes the server's draft: pending draft saves would
    // only bring that draft back.
    dirty.current = false;
    await cancelCoalesced(`draft:${draft.serverId}`);
    const id = newIdempotencyKey();
    const entry = await enqueue({
      id,
      kind: 'submit',
      method: 'POST',
      url: '/api/v1/dossiers',
      body: {
        procedure_code: code,
        ...(needsAgency ? { agency_code: draft.agencyCode } : {}),
        form_data: toFormData(specs, draft.values),
        attachment_ids: draft.files.filter((f) => f.fileId).map((f) => f.fileId as string),
        draft_id: draft.serverId,
      },
      files: draft.files
        .filter((f): f is ChosenFile & { blob: Blob } => !f.fileId && f.blob !== undefined)
        .map((f) => ({ name: f.name, type: f.type, blob: f.blob })),
      filesField: 'attachment_ids',
      label: inBoth(MESSAGES, 'label.submit', { name: procedure.name_vi }, { name: procedure.name_en }),
      // Refused later (in the background): this link brings the entry back into the form to fix.
      link: `/thu-tuc/${encodeURIComponent(code)}/nop?sua=${id}`,
    });
    // The outbox holds everything now; the phone's draft is no longer needed.
    dirty.current = false;
    await deleteLocal(draft.owner, code).catch(() => undefined);
    const outcome = await sendAndWait(entry.id);
    // Delivered or queued, the button stays off: a second press would queue a second dossier.
    if (outcome?.type === 'delivered') {
      const view = outcome.response as { code: string };
      await writeCached(draft.owner, `/api/v1/dossiers/${view.code}`, view).catch(() => undefined);
      navigate(`/ho-so/${view.code}`);
    } else if (outcome?.type === 'failed') {
      // Back into the form to fix: the entry leaves the outbox, its uploads are kept.
      const failed = (await idbStore.list(draft.owner)).find((e) => e.id === entry.id);
      const uploaded = (failed?.files ?? []).map((f) => ({ ...f, size: f.blob.size }));
      const back = { ...draft, files: uploaded.length ? uploaded : draft.files, updatedAt: Date.now() };
      await saveLocal(back);
      await discard(entry.id);
      dirty.current = true;
      setDraft(back);
      setServerProblem(outcome.problem);
      setBusy(false);
    } else {
      setQueued(true);
      setTimeout(() => navigate('/ho-so'), 1500);
    }
  };

  return (
    <section>
      <p>
        <a href={`/thu-tuc/${encodeURIComponent(code)}`}>← {t('form.backToProcedure')}</a>
      </p>
      <Heading>{t('form.title', { name })}</Heading>
      <p class="hint">{t('form.lead')}</p>
      {restored && <p class="notice">{t('form.restored')}</p>}
      {queued && (
        <p class="notice" role="status">
          {t('form.queued')}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        {needsAgency ? (
          <div class="field">
            <label for="f-agency">
              {t('form.agency')}
              <span aria-hidden="true"> *</span>
            </label>
            <select
              id="f-agency"
              aria-required="true"
              aria-invalid={agencyMissing ? true : undefined}
              aria-describedby={agencyMissing ? 'f-agency-error' : undefined}
              value={draft.agencyCode ?? ''}
              onChange={(e) => update({ agencyCode: e.currentTarget.value || undefined } as Partial<LocalDraft>)}
            >
              <option value="">{t('form.agencyChoose')}</option>
              {agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {lang === 'vi' ? a.name_vi : a.name_en}
                </option>
              ))}
            </select>
            {agencyMissing && (
              <p id="f-agency-error" class="field-error">
                {t('invalid.choice')}
              </p>
            )}
          </div>
        ) : null}
        {specs.map((spec) => (
          <SchemaField key={spec.name} spec={spec} values={draft.values} error={errorOf(spec.name)} onValue={setValue} />
        ))}
        <Attachments
          id="attach"
          files={draft.files}
          refused={refused}
          onChange={(files, why) => {
            setRefused(why);
            update({ files });
          }}
        />
        {checked && errorCount > 0 && (
          <p class="field-error" role="alert">
            {t('form.fixErrors', { n: errorCount })}
          </p>
        )}
        {serverProblem && (
          <div class="error" role="alert">
            <p>
              <strong>{tc('error.title')}:</strong> {serverProblem.detail ?? serverProblem.title}
            </p>
          </div>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy && !queued ? t('form.submitting') : t('form.submit')}
        </button>
        {savedAt && <p class="hint">{t('form.savedLocal', { when: formatDateTime(savedAt, lang) })}</p>}
      </form>
    </section>
  );
}
