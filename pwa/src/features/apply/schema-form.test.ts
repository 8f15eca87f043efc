import { describe, expect, it } from 'vitest';
import { type FormSchema, check, checkAll, fieldsOf, formatDmy, fromFormData, parseDmy, toFormData } from './schema-form';

const SCHEMA: FormSchema = {
  required: ['name', 'born', 'sex', 'id_number'],
  properties: {
    name: { type: 'string', title: 'Họ và tên', 'x-title-en': 'Full name', minLength: 1, maxLength: 10 },
    born: { type: 'string', format: 'date', title: 'Ngày sinh', 'x-title-en': 'Date of birth' },
    sex: { type: 'string', title: 'Giới tính', enum: ['male', 'female'], 'x-enum-labels-vi': ['Nam', 'Nữ'] },
    id_number: { type: 'string', title: 'Số định danh', pattern: '^[0-9]{12}$' },
    email: { type: 'string', format: 'email', title: 'Thư điện tử' },
    children: { type: 'integer', title: 'Số con', minimum: 0, maximum: 20 },
    area: { type: 'number', title: 'Diện tích' },
    agrees: { type: 'boolean', title: 'Đồng ý' },
    address: { type: 'string', title: 'Địa chỉ', maxLength: 500, description: 'Số nhà, đường' },
  },
};

describe('fieldsOf', () => {
  it('picks a widget per property and labels it in the chosen language', () => {
    const vi = fieldsOf(SCHEMA, 'vi');
    expect(vi.map((f) => [f.name, f.widget, f.required])).toEqual([
      ['name', 'text', true],
      ['born', 'date', true],
      ['sex', 'select', true],
      ['id_number', 'text', true],
      ['email', 'email', false],
      ['children', 'integer', false],
      ['area', 'number', false],
      ['agrees', 'checkbox', false],
      ['address', 'textarea', false],
    ]);
    expect(vi[0]?.label).toBe('Họ và tên');
    expect(vi[2]?.options).toEqual([
      { value: 'male', label: 'Nam' },
      { value: 'female', label: 'Nữ' },
    ]);
    const en = fieldsOf(SCHEMA, 'en');
    expect(en[0]?.label).toBe('Full name');
    // No English title or enum labels: the Vietnamese title, the humanised value.
    expect(en[3]?.label).toBe('Số định danh');
    expect(en[2]?.options?.[1]?.label).toBe('Female');
    expect(vi[8]?.description).toBe('Số nhà, đường');
  });
});

describe('dates', () => {
  it('reads dd/mm/yyyy and refuses dates that do not exist', () => {
    expect(parseDmy('01/11/2026')).toBe('2026-11-01');
    expect(parseDmy('1/2/2026')).toBe('2026-02-01');
    expect(parseDmy('29.02.2024')).toBe('2024-02-29');
    expect(parseDmy('29/02/2025')).toBeNull();
    expect(parseDmy('31/04/2026')).toBeNull();
    expect(parseDmy('2026-11-01')).toBeNull();
    expect(formatDmy('2026-11-01')).toBe('01/11/2026');
  });
});

describe('check', () => {
  const specs = fieldsOf(SCHEMA, 'vi');
  const spec = (name: string) => specs.find((s) => s.name === name)!;

  it('applies the schema rules', () => {
    expect(check(spec('name'), '  ')).toEqual({ kind: 'required' });
    expect(check(spec('name'), 'Nguyễn Văn Anh Tuấn')).toEqual({ kind: 'tooLong', n: 10 });
    expect(check(spec('born'), '31/02/2026')).toEqual({ kind: 'date' });
    expect(check(spec('sex'), 'other')).toEqual({ kind: 'choice' });
    expect(check(spec('id_number'), '1234')).toEqual({ kind: 'pattern' });
    expect(check(spec('id_number'), '030095001234')).toBeNull();
    expect(check(spec('email'), 'an@')).toEqual({ kind: 'email' });
    expect(check(spec('email'), '')).toBeNull();
    expect(check(spec('children'), '2.5')).toEqual({ kind: 'number' });
    expect(check(spec('children'), '21')).toEqual({ kind: 'max', n: 20 });
    expect(check(spec('children'), '-1')).toEqual({ kind: 'min', n: 0 });
    expect(check(spec('area'), '12,5')).toBeNull();
  });

  it('lists every problem of a form', () => {
    expect(Object.keys(checkAll(specs, { name: 'An' }))).toEqual(['born', 'sex', 'id_number']);
  });
});

describe('toFormData / fromFormData', () => {
  it('sends typed values and ISO dates, leaves empty optional fields out, and reads them back', () => {
    const specs = fieldsOf(SCHEMA, 'vi');
    const raw = {
      name: ' An ',
      born: '01/11/2026',
      sex: 'male',
      id_number: '030095001234',
      email: '',
      children: '2',
      area: '12,5',
      agrees: true,
    };
    const data = toFormData(specs, raw);
    expect(data).toEqual({
      name: 'An',
      born: '2026-11-01',
      sex: 'male',
      id_number: '030095001234',
      children: 2,
      area: 12.5,
      agrees: true,
    });
    expect(fromFormData(specs, data)).toEqual({ ...raw, name: 'An', area: '12.5', email: undefined, children: '2' });
  });
});
