import { afterEach, describe, expect, it, vi } from 'vitest';
import { fresh, toTokens } from '../auth/tokens';
import { ApiError, NetworkError, buildUrl, configureAuth, get, request } from './client';

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

describe('request with a session', () => {
  afterEach(() => configureAuth({ token: () => null, refresh: async () => false, relogin: async () => false }));

  function session(tokens: string[], loginAgain = false) {
    let current: string | null = tokens.shift() ?? null;
    const calls = { refresh: 0, relogin: 0 };
    configureAuth({
      token: () => current,
      refresh: async () => {
        calls.refresh += 1;
        current = tokens.shift() ?? null;
        return current !== null;
      },
      relogin: async () => {
        calls.relogin += 1;
        if (loginAgain) current = 'after-login';
        return loginAgain;
      },
    });
    return calls;
  }

  function server(accepts: string) {
    const seen: Array<string | null> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const auth = new Headers(init.headers).get('Authorization');
        seen.push(auth);
        if (auth !== `Bearer ${accepts}`) {
          return new Response(JSON.stringify({ type: '/problems/unauthorized', title: 'Chưa đăng nhập', status: 401 }), {
            status: 401,
            headers: { 'content-type': 'application/problem+json' },
          });
        }
        return new Response(JSON.stringify({ items: [], next_cursor: null }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    return seen;
  }

  it('sends the bearer token when asked to', async () => {
    session(['good']);
    const seen = server('good');
    const page = await request('get', '/api/v1/dossiers', { auth: true, lang: 'en' });
    expect(page.items).toEqual([]);
    expect(seen.at(-1)).toBe('Bearer good');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    const calls = session(['expired', 'fresh']);
    const seen = server('fresh');
    await request('get', '/api/v1/dossiers', { auth: true });
    expect(seen).toEqual(['Bearer expired', 'Bearer fresh']);
    expect(calls).toEqual({ refresh: 1, relogin: 0 });
  });

  it('asks the person to log in again when refreshing fails, then goes on', async () => {
    const calls = session(['expired'], true);
    const seen = server('after-login');
    await request('get', '/api/v1/dossiers', { auth: true });
    expect(seen).toEqual(['Bearer expired', 'Bearer after-login']);
    expect(calls).toEqual({ refresh: 1, relogin: 1 });
  });

  it('gives up with the problem when the person does not log in', async () => {
    session(['expired']);
    server('never');
    const error = await request('get', '/api/v1/dossiers', { auth: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toBe('Chưa đăng nhập');
  });

  it('never sends a token to a request that does not ask for one', async () => {
    session(['good']);
    const seen = server('good');
    await get('/api/v1/procedures').catch(() => undefined);
    expect(seen).toEqual([null]);
  });
});

describe('refresh tokens', () => {
  it('turns a token answer into an expiry time and tells fresh from nearly expired', () => {
    const user = { id: 'u1' } as never;
    const tokens = toTokens({ access_token: 'a', expires_in: 900, user } as never, 1_000);
    expect(tokens).toEqual({ accessToken: 'a', expiresAt: 901_000, user });
    expect(fresh(tokens, 1_000)).toBe(true);
    expect(fresh(tokens, 901_000 - 59_000)).toBe(false);
    expect(fresh(null)).toBe(false);
  });
});
