/**
 * The application form, generated from the procedure's JSON Schema (2020-12, flat objects of
 * string / integer / number / boolean, with enum, format date|email, pattern, lengths, bounds).
 * Labels: `title` (vi), `x-title-en`; enum labels `x-enum-labels-vi` (en falls back to the value).
 * Pure functions, so the rules are unit-tested; the server validates again on submission.
 */
import type { Lang } from '../../i18n/i18n';

export interface JsonSchemaProperty {
  type?: 'string' | 'integer' | 'number' | 'boolean';
  title?: string;
  'x-title-en'?: string;
  description?: string;
  'x-description-en'?: string;
  enum?: Array<string | number>;
  'x-enum-labels-vi'?: string[];
  'x-enum-labels-en'?: string[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface FormSchema {
  properties?: Record<string, JsonSchemaProperty>;
  required?: string[];
}

export type Widget = 'text' | 'textarea' | 'select' | 'date' | 'email' | 'integer' | 'number' | 'checkbox';

export interface FieldSpec {
  name: string;
  label: string;
  description?: string;
  widget: Widget;
  required: boolean;
  options?: Array<{ value: string; label: string }>;
  prop: JsonSchemaProperty;
}

/** What the person typed: strings for inputs (dates as dd/mm/yyyy), booleans for checkboxes. */
export type RawValues = Record<string, string | boolean>;

export type Problem =
  | { kind: 'required' }
  | { kind: 'tooShort'; n: number }
  | { kind: 'tooLong'; n: number }
  | { kind: 'pattern' }
  | { kind: 'date' }
  | { kind: 'email' }
  | { kind: 'number' }
  | { kind: 'min'; n: number }
  | { kind: 'max'; n: number }
  | { kind: 'choice' };

function humanise(value: string): string {
  const words = value.replace(/[_-]+/gu, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function widgetOf(prop: JsonSchemaProperty): Widget {
  if (prop.enum) return 'select';
  if (prop.type === 'boolean') return 'checkbox';
  if (prop.type === 'integer') return 'integer';
  if (prop.type === 'number') return 'number';
  if (prop.format === 'date') return 'date';
  if (prop.format === 'email') return 'email';
  return (prop.maxLength ?? 0) > 200 ? 'textarea' : 'text';
}

export function fieldsOf(schema: FormSchema, lang: Lang): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => {
    const spec: FieldSpec = {
      name,
      label: (lang === 'en' ? prop['x-title-en'] : prop.title) ?? prop.title ?? humanise(name),
      widget: widgetOf(prop),
      required: required.has(name),
      prop,
    };
    const description = lang === 'en' ? prop['x-description-en'] : prop.description;
    if (description) spec.description = description;
    if (prop.enum) {
      const labels = (lang === 'en' ? prop['x-enum-labels-en'] : prop['x-enum-labels-vi']) ?? [];
      spec.options = prop.enum.map((value, i) => ({ value: String(value), label: labels[i] ?? humanise(String(value)) }));
    }
    return spec;
  });
}

/** dd/mm/yyyy (also d/m/yyyy, with . or -) → yyyy-mm-dd, or null when it is no real date. */
export function parseDmy(text: string): string | null {
  const found = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(text.trim());
  if (!found) return null;
  const [day, month, year] = [Number(found[1]), Number(found[2]), Number(found[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** yyyy-mm-dd → dd/mm/yyyy */
export function formatDmy(iso: string): string {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  return found ? `${found[3]}/${found[2]}/${found[1]}` : iso;
}

export function check(spec: FieldSpec, raw: string | boolean | undefined): Problem | null {
  const { prop } = spec;
  if (spec.widget === 'checkbox') return null;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return spec.required ? { kind: 'required' } : null;
  switch (spec.widget) {
    case 'select':
      return spec.options?.some((o) => o.value === text) ? null : { kind: 'choice' };
    case 'date':
      return parseDmy(text) ? null : { kind: 'date' };
    case 'integer':
    case 'number': {
      const n = Number(text.replace(',', '.'));
      if (!Number.isFinite(n) || (spec.widget === 'integer' && !Number.isInteger(n))) return { kind: 'number' };
      if (prop.minimum !== undefined && n < prop.minimum) return { kind: 'min', n: prop.minimum };
      if (prop.maximum !== undefined && n > prop.maximum) return { kind: 'max', n: prop.maximum };
      return null;
    }
    default:
      if (spec.widget === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(text)) return { kind: 'email' };
      if (prop.minLength !== undefined && text.length < prop.minLength) return { kind: 'tooShort', n: prop.minLength };
      if (prop.maxLength !== undefined && text.length > prop.maxLength) return { kind: 'tooLong', n: prop.maxLength };
      if (prop.pattern && !new RegExp(prop.pattern, 'u').test(text)) return { kind: 'pattern' };
      return null;
  }
}

export function checkAll(specs: FieldSpec[], values: RawValues): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  for (const spec of specs) {
    const problem = check(spec, values[spec.name]);
    if (problem) problems[spec.name] = problem;
  }
  return problems;
}

/** The JSON the API expects: typed values, ISO dates, empty optional fields left out. */
export function toFormData(specs: FieldSpec[], values: RawValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const raw = values[spec.name];
    if (spec.widget === 'checkbox') {
      if (raw !== undefined) out[spec.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') continue;
    if (spec.widget === 'date') out[spec.name] = parseDmy(text) ?? text;
    else if (spec.widget === 'integer' || spec.widget === 'number') out[spec.name] = Number(text.replace(',', '.'));
    else if (spec.widget === 'select' && typeof spec.prop.enum?.[0] === 'number') out[spec.name] = Number(text);
    else out[spec.name] = text;
  }
  return out;
}

/** Back from form_data (a saved draft, a failed submission) to what the inputs show. */
export function fromFormData(specs: FieldSpec[], data: Record<string, unknown>): RawValues {
  const out: RawValues = {};
  for (const spec of specs) {
    const value = data[spec.name];
    if (value === undefined || value === null) continue;
    if (spec.widget === 'checkbox') out[spec.name] = value === true;
    else if (spec.widget === 'date') out[spec.name] = formatDmy(String(value));
    else out[spec.name] = String(value);
  }
  return out;
}
