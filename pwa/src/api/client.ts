/**
 * A tiny fetch wrapper typed by the paths generated from openapi.yaml (`npm run types`).
 * Errors are RFC 9457 problem+json: {@link ApiError} carries the server's `detail`, already in
 * the language asked for with Accept-Language, for the UI to show as is.
 */
import type { components, paths } from './schema';

export type Problem = components['schemas']['ProblemDetails'];

type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type GetOp<P extends GetPath> = paths[P]['get'];
type Params<P extends GetPath> = GetOp<P> extends { parameters: infer X } ? X : never;
type PathParams<P extends GetPath> = Params<P> extends { path: infer X } ? X : undefined;
type QueryParams<P extends GetPath> = Params<P> extends { query?: infer X } ? X : undefined;
export type Ok<P extends GetPath> = GetOp<P> extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export interface GetOptions<P extends GetPath> {
  path?: PathParams<P>;
  query?: QueryParams<P>;
  lang?: string;
  signal?: AbortSignal;
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

export async function get<P extends GetPath>(template: P, options: GetOptions<P> = {}): Promise<Ok<P>> {
  const url = buildUrl(template, options.path ?? undefined, options.query ?? undefined);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: 'application/json', 'Accept-Language': options.lang ?? 'vi' },
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return (await response.json()) as Ok<P>;
}

async function readProblem(response: Response): Promise<Problem> {
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
