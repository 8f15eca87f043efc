import { FieldNotes, describedBy } from '../../shell/field-notes';
import { useT } from './i18n';
import type { FieldSpec, Problem, RawValues } from './schema-form';

type T = ReturnType<typeof useT>;

export function problemText(t: T, problem: Problem | 'server'): string {
  if (problem === 'server') return t('invalid.server');
  switch (problem.kind) {
    case 'tooShort':
    case 'tooLong':
    case 'min':
    case 'max':
      return t(`invalid.${problem.kind}`, { n: problem.n });
    default:
      return t(`invalid.${problem.kind}`);
  }
}

interface Props {
  spec: FieldSpec;
  values: RawValues;
  error: string | undefined;
  onValue: (name: string, value: string | boolean) => void;
}

/** One generated field: the right input, its label, hint and error tied together for screen readers. */
export function SchemaField({ spec, values, error, onValue }: Props) {
  const t = useT();
  const id = `f-${spec.name}`;
  const hint = spec.widget === 'date' ? t('form.dateHint') : spec.description;
  const described = describedBy(id, hint, error);
  const common = {
    id,
    name: spec.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    'aria-required': spec.required ? true : undefined,
  };
  const text = typeof values[spec.name] === 'string' ? (values[spec.name] as string) : '';
  const onInput = (e: { currentTarget: { value: string } }): void => onValue(spec.name, e.currentTarget.value);
  const label = (
    <label for={id}>
      {spec.label}
      {spec.required && <span aria-hidden="true"> *</span>}
    </label>
  );

  let control;
  if (spec.widget === 'checkbox') {
    return (
      <div class="field">
        <label class="choice" for={id}>
          <input
            {...common}
            type="checkbox"
            checked={values[spec.name] === true}
            onChange={(e) => onValue(spec.name, e.currentTarget.checked)}
          />
          {spec.label}
        </label>
        <FieldNotes id={id} hint={hint} error={error} />
      </div>
    );
  } else if (spec.widget === 'select') {
    control = (
      <select {...common} value={text} onChange={onInput}>
        <option value="">{t('form.choose')}</option>
        {spec.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (spec.widget === 'textarea') {
    control = <textarea {...common} rows={3} value={text} onInput={onInput} />;
  } else {
    const numeric = spec.widget === 'integer' || spec.widget === 'number' || spec.widget === 'date';
    const pattern = spec.prop.pattern ?? '';
    control = (
      <input
        {...common}
        type={spec.widget === 'email' ? 'email' : 'text'}
        inputMode={numeric || /^\^?\[0-9\]/u.test(pattern) ? 'numeric' : undefined}
        placeholder={spec.widget === 'date' ? 'dd/mm/yyyy' : undefined}
        autoComplete={spec.name.includes('full_name') ? 'off' : undefined}
        value={text}
        onInput={onInput}
      />
    );
  }
  return (
    <div class="field">
      {label}
      {control}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
