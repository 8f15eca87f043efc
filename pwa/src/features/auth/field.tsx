import type { JSX } from 'preact';
import { FieldNotes, describedBy } from '../../shell/field-notes';

type InputProps = Omit<JSX.IntrinsicElements['input'], 'label' | 'id'>;

interface Props extends InputProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
}

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field({ id, label, hint, error, ...input }: Props) {
  const described = describedBy(id, hint, error);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
