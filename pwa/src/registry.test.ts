import { describe, expect, it } from 'vitest';
import { type Feature, buildRoutes, matchRoute, navEntries } from './registry';

const screen = async () => ({ default: () => null });

describe('the route registry', () => {
  it('finds the routes of every feature folder, static segments first', () => {
    expect(matchRoute('/')?.route.name).toBe('welcome');
    expect(matchRoute('/thu-tuc')?.route.name).toBe('catalogue');
    expect(matchRoute('/thu-tuc/HT-KS')).toMatchObject({ route: { name: 'procedure' }, params: { code: 'HT-KS' } });
    expect(matchRoute('/thu-tuc/1.000656.000.00.00.H23')?.params).toEqual({ code: '1.000656.000.00.00.H23' });
    expect(matchRoute('/ho-so/HD-2026-000001')?.route.name).toBe('dossier');
    expect(matchRoute('/ho-so/HD-2026-000001/bien-nhan')?.route.name).toBe('receipt');
    expect(matchRoute('/khong-co')).toBeNull();
  });

  it('decodes parameters and ranks a static path above a parameter', () => {
    const routes = buildRoutes([
      { routes: [{ name: 'param', path: '/a/:x', load: screen }, { name: 'static', path: '/a/b', load: screen }] },
    ]);
    expect(matchRoute('/a/b', routes)?.route.name).toBe('static');
    expect(matchRoute('/a/c%20d', routes)?.params).toEqual({ x: 'c d' });
  });

  it('filters the bottom navigation by role and session, in order', () => {
    const features: Feature[] = [
      { nav: [{ href: '/z', label: () => 'z', icon: '', order: 30, auth: true }] },
      { nav: [{ href: '/a', label: () => 'a', icon: '', order: 10 }] },
      { nav: [{ href: '/desk', label: () => 'desk', icon: '', order: 20, roles: ['official'] }] },
    ];
    expect(navEntries(undefined, false, features).map((n) => n.href)).toEqual(['/a']);
    expect(navEntries('citizen', true, features).map((n) => n.href)).toEqual(['/a', '/z']);
    expect(navEntries('official', true, features).map((n) => n.href)).toEqual(['/a', '/desk', '/z']);
  });
});
