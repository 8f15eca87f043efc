/**
 * The typed API client. Paths, parameters, bodies and answers come from the types generated from
 * openapi.yaml (`npm run types`); nothing here copies a schema by hand.
 *
 * Errors are RFC 9457 problem+json: {@link ApiError} carries the server's `detail`, already in the
 * citizen's language (Accept-Language follows the chosen language). With `auth: true` the access
 * token (kept in memory by the session) is attached; a 401 refreshes it once, and when the session
 * is really over the session asks the person to log in again *over* the current screen, so a
 * half-filled form stays where it is, and then the request goes on.
 */
import { currentLang } from '../i18n/i18n';
import type { components, paths } from './schema';

export type Problem = components['schemas']['ProblemDetails'];
export type Schemas = components['schemas'];

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];
type Op<M extends Method, P extends keyof paths> = paths[P] extends { [K in M]: infer O } ? O : never;
type ParamsOf<O> = O extends { parameters: infer X } ? X : never;
type PathParams<O> = ParamsOf<O> extends { path: infer X } ? X : undefined;
type QueryParams<O> = ParamsOf<O> extends { query?: infer X } ? X : undefined;
type JsonBody<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : undefined;
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
type OkOf<O> = O extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : undefined
  : never;

/** The 2xx JSON answer of GET `P`. */
export type Ok<P extends PathOf<'get'>> = OkOf<Op<'get', P>>;
export type OkFor<M extends Method, P extends PathOf<M>> = OkOf<Op<M, P>>;
export type BodyFor<M extends Method, P extends PathOf<M>> = JsonBody<Op<M, P>>;

export interface RequestOptions<M extends Method, P extends PathOf<M>> {
  path?: PathParams<Op<M, P>>;
  query?: QueryParams<Op<M, P>>;
  body?: JsonBody<Op<M, P>>;
  /** A multipart body instead of JSON (uploads). */
  form?: FormData;
  headers?: Record<string, string>;
  lang?: string;
  signal?: AbortSignal;
  /** Send the access token (and recover an expired session). */
  auth?: boolean;
}

/** The server answered with an error. `message` is the problem's detail (or title). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
}

/** No answer at all (offline, DNS, server down): the UI shows its own words for it. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

/** What the session gives the client; set once by auth/session.ts (no import cycle). */
export interface AuthHooks {
  token(): string | null;
  /** Get a fresh access token with the refresh cookie; false when there is no session. */
  refresh(): Promise<boolean>;
  /** Ask the person to log in again; resolves true once they did, false if they gave up. */
  relogin(): Promise<boolean>;
}

let hooks: AuthHooks = { token: () => null, refresh: async () => false, relogin: async () => false };
export function configureAuth(next: AuthHooks): void {
  hooks = next;
}

export function buildUrl(template: string, path?: object, query?: object): string {
  const filled = template.replace(/\{(\w+)\}/gu, (_, name: string) => {
    const value = (path as Record<string, unknown> | undefined)?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
}

/**
 * fetch with the access token. On 401: refresh once and retry; if `interactive`, then ask the
 * person to log in again and retry once more. Network errors surface as {@link NetworkError}.
 */
export async function authorizedFetch(url: string, init: RequestInit, interactive = true): Promise<Response> {
  const withToken = (): RequestInit => {
    const headers = new Headers(init.headers);
    const token = hooks.token();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return { ...init, headers };
  };
  if (!hooks.token()) await hooks.refresh();
  let response = await fetchOnce(url, withToken());
  if (response.status !== 401) return response;
  if (await hooks.refresh()) {
    response = await fetchOnce(url, withToken());
    if (response.status !== 401) return response;
  }
  if (interactive && (await hooks.relogin())) response = await fetchOnce(url, withToken());
  return response;
}

export async function request<M extends Method, P extends PathOf<M>>(
  method: M,
  template: P,
  options: RequestOptions<M, P> = {},
): Promise<OkFor<M, P>> {
  const url = buildUrl(template, options.path ?? undefined, options.query ?? undefined);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': options.lang ?? currentLang(),
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const init: RequestInit = { method: method.toUpperCase(), headers, signal: options.signal ?? null };
  if (body !== undefined) init.body = body;
  const response = options.auth ? await authorizedFetch(url, init) : await fetchOnce(url, init);
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204) return undefined as OkFor<M, P>;
  return (await response.json()) as OkFor<M, P>;
}

export function get<P extends PathOf<'get'>>(template: P, options: RequestOptions<'get', P> = {}): Promise<Ok<P>> {
  return request('get', template, options);
}

export async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.title === 'string') {
        return { type: body.type ?? 'about:blank', status: response.status, ...body, title: body.title };
      }
    } catch {
      // Not JSON after all: fall through to the status line.
    }
  }
  return { type: 'about:blank', status: response.status, title: response.statusText || `HTTP ${response.status}` };
}

/** A client-generated key for a write a phone may retry (the outbox, uploads). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
