import { describe, expect, it } from 'vitest';
import { CORE, defineMessages, inBoth, interpolate } from './i18n';

// Every strings file, the core's and each feature's: en and vi must have the same keys.
const files = import.meta.glob<Record<string, string>>(['./*.json', '../features/*/*.json'], {
  eager: true,
  import: 'default',
});

describe('i18n', () => {
  it('has the same keys in vi and en, for the core and every feature', () => {
    const folders = new Set(Object.keys(files).map((p) => p.replace(/\/(vi|en)\.json$/u, '')));
    expect(folders.size).toBeGreaterThan(3);
    for (const folder of folders) {
      const vi = files[`${folder}/vi.json`];
      const en = files[`${folder}/en.json`];
      expect(vi, `${folder}/vi.json`).toBeDefined();
      expect(Object.keys(en ?? {}).sort(), folder).toEqual(Object.keys(vi ?? {}).sort());
      for (const [key, value] of Object.entries(en ?? {})) expect(value.trim(), `${folder} ${key}`).not.toBe('');
    }
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(interpolate('Tìm thấy {n} thủ tục', { n: 3 })).toBe('Tìm thấy 3 thủ tục');
    expect(interpolate('{a} {b}', { a: 'x' })).toBe('x {b}');
    expect(CORE.vi['app.name']).toBe('Công dân số');
  });

  it('gives a stored label in both languages, whatever the current one', () => {
    const catalog = defineMessages({ 'label.submit': 'Nộp hồ sơ: {name}' }, { 'label.submit': 'Application: {name}' });
    expect(inBoth(catalog, 'label.submit', { name: 'Khai sinh' }, { name: 'Birth' })).toEqual({
      vi: 'Nộp hồ sơ: Khai sinh',
      en: 'Application: Birth',
    });
  });
});
