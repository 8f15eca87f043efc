/**
 * Authenticated reads kept on the phone (IndexedDB, per person) so my dossiers and their
 * timelines open offline, with the time they were last fetched. The service worker caches no
 * authenticated answer; this cache is wiped at log-out.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import { type Ok, type PathOf, type RequestOptions, buildUrl, get } from '../api/client';
import { useSession } from '../auth/session';
import { db } from '../storage/db';

export interface CachedState<T> {
  data?: T;
  /** When `data` came from the server (ms since the epoch). */
  fetchedAt?: number;
  /** The last attempt to refresh failed (offline, or the error to show if nothing is cached). */
  error?: unknown;
  loading: boolean;
}

export async function readCached<T>(owner: string, url: string): Promise<{ data: T; fetchedAt: number } | undefined> {
  const hit = await (await db()).get('reads', `${owner}:${url}`);
  return hit ? { data: hit.data as T, fetchedAt: hit.fetchedAt } : undefined;
}

export async function writeCached(owner: string, url: string, data: unknown, fetchedAt = Date.now()): Promise<void> {
  await (await db()).put('reads', { key: `${owner}:${url}`, owner, url, data, fetchedAt });
}

/** Wipe a person's cached reads and local drafts (at log-out: main.tsx registers it, so it runs
 * whichever screens were opened before). */
export async function forgetOwner(owner: string): Promise<void> {
  const database = await db();
  for (const store of ['reads', 'drafts'] as const) {
    const keys = await database.getAllKeysFromIndex(store, 'byOwner', owner);
    for (const key of keys) await database.delete(store, key);
  }
}

/** Cached first (instantly, offline too), then fresh from the API when it answers. */
export function useCachedGet<P extends PathOf<'get'>>(
  template: P,
  options: RequestOptions<'get', P> = {},
  attempt = 0,
): CachedState<Ok<P>> {
  const { user, status } = useSession();
  const url = buildUrl(template, options.path ?? undefined, options.query ?? undefined);
  const [state, setState] = useState<CachedState<Ok<P>>>({ loading: true });
  // A layout effect: the cached copy is asked for before the first paint, not after it.
  useLayoutEffect(() => {
    if (!user) return undefined;
    let live = true;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    void (async () => {
      const cached = await readCached<Ok<P>>(user.id, url).catch(() => undefined);
      if (live && cached) setState({ data: cached.data, fetchedAt: cached.fetchedAt, loading: true });
      try {
        const data = await get(template, { ...options, auth: true, signal: controller.signal });
        const fetchedAt = Date.now();
        await writeCached(user.id, url, data, fetchedAt).catch(() => undefined);
        if (live) setState({ data, fetchedAt, loading: false });
      } catch (error) {
        if (live && !controller.signal.aborted) setState((s) => ({ ...s, error, loading: false }));
      }
    })();
    return () => {
      live = false;
      controller.abort();
    };
  }, [url, user?.id, status === 'authenticated', attempt]);
  return state;
}
