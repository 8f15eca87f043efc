import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, buildUrl, get } from './client';

function answer(status: number, body: unknown, type = 'application/json'): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('buildUrl', () => {
  it('fills and encodes path parameters and drops empty query values', () => {
    expect(buildUrl('/api/v1/procedures/{code}', { code: 'a b/c' })).toBe('/api/v1/procedures/a%20b%2Fc');
    expect(buildUrl('/api/v1/procedures', undefined, { q: 'khai sinh', agency: undefined, cursor: '' })).toBe(
      '/api/v1/procedures?q=khai+sinh',
    );
  });
});

describe('get', () => {
  it('returns the JSON body and asks in the chosen language', async () => {
    answer(200, { items: [], next_cursor: null });
    const page = await get('/api/v1/procedures', { query: { q: 'khai sinh' }, lang: 'en' });
    expect(page.items).toEqual([]);
    const [url, init] = vi.mocked(fetch).mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/procedures?q=khai+sinh');
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('en');
  });

  it("surfaces a problem's detail as the error message", async () => {
    answer(
      404,
      { type: '/problems/not-found', title: 'Không tìm thấy', status: 404, detail: 'Không có thủ tục XYZ.' },
      'application/problem+json',
    );
    const error = await get('/api/v1/procedures/{code}', { path: { code: 'XYZ' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Không có thủ tục XYZ.');
    expect((error as ApiError).problem.type).toBe('/problems/not-found');
    expect((error as ApiError).status).toBe(404);
  });

  it('falls back to the title, then the status line, when there is no detail', async () => {
    answer(500, { type: '/problems/internal-error', title: 'Lỗi hệ thống', status: 500 }, 'application/problem+json');
    await expect(get('/api/v1/procedures')).rejects.toThrow('Lỗi hệ thống');
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })));
    await expect(get('/api/v1/procedures')).rejects.toMatchObject({ status: 502 });
  });

  it('turns a failed fetch into a NetworkError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(get('/api/v1/procedures')).rejects.toBeInstanceOf(NetworkError);
  });
});
