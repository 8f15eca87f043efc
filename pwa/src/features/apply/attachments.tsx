import { newIdempotencyKey } from '../../api/client';
import type { ChosenFile } from '../../storage/db';
import { useT } from './i18n';

export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 20;
const TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

/** Checks the chosen files; returns the accepted ones and a message per refused one. */
export function accept(current: ChosenFile[], picked: File[]): { files: ChosenFile[]; refused: string[] } {
  const files = [...current];
  const refused: string[] = [];
  for (const file of picked) {
    if (files.length >= MAX_FILES) {
      refused.push('tooMany');
      break;
    }
    if (file.size > MAX_BYTES) refused.push(`tooBig:${file.name}`);
    else if (!TYPES.includes(file.type)) refused.push(`badType:${file.name}`);
    else files.push({ key: newIdempotencyKey(), name: file.name, type: file.type, size: file.size, blob: file });
  }
  return { files, refused };
}

interface Props {
  id: string;
  files: ChosenFile[];
  refused: string[];
  onChange: (files: ChosenFile[], refused: string[]) => void;
}

/** Files from the camera (`capture`) or from the phone, kept as Blobs until they are sent. */
export function Attachments({ id, files, refused, onChange }: Props) {
  const t = useT();
  const pick = (event: { currentTarget: HTMLInputElement }): void => {
    const input = event.currentTarget;
    const result = accept(files, [...(input.files ?? [])]);
    input.value = '';
    onChange(result.files, result.refused);
  };
  const message = (code: string): string => {
    const [kind, name = ''] = code.split(/:(.*)/su);
    if (kind === 'tooBig') return t('files.tooBig', { name });
    if (kind === 'badType') return t('files.badType', { name });
    return t('files.tooMany');
  };
  return (
    <fieldset class="files">
      <legend>{t('files.legend')}</legend>
      <p class="hint" id={`${id}-hint`}>
        {t('files.hint')}
      </p>
      <div class="row">
        <input
          id={`${id}-camera`}
          class="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          aria-describedby={`${id}-hint`}
          onChange={pick}
        />
        <label for={`${id}-camera`} class="button secondary">
          {t('files.camera')}
        </label>
        <input
          id={`${id}-files`}
          class="visually-hidden"
          type="file"
          accept={TYPES.join(',')}
          multiple
          aria-describedby={`${id}-hint`}
          onChange={pick}
        />
        <label for={`${id}-files`} class="button secondary">
          {t('files.choose')}
        </label>
      </div>
      {refused.length > 0 && (
        <ul class="field-error" role="alert">
          {refused.map((code) => (
            <li key={code}>{message(code)}</li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <ul class="chosen">
          {files.map((file) => (
            <li key={file.key}>
              <span>
                {file.name} <span class="meta">({t('files.size', { size: Math.max(1, Math.round(file.size / 1024)) })})</span>
              </span>
              <button
                type="button"
                class="link"
                aria-label={t('files.remove', { name: file.name })}
                onClick={() => onChange(files.filter((f) => f.key !== file.key), [])}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
