/**
 * The receipt keys (GET /.well-known/jwks.json), kept on the phone so a desk can verify with the
 * network down. Public data, so it lives in localStorage and survives log-out; refreshed whenever
 * the desk screen opens online and when a token names a key we have not seen.
 */
import type { PublicJwk } from './jws';

const STORE = 'cds-receipt-jwks';

export interface CachedJwks {
  keys: PublicJwk[];
  fetchedAt: number;
}

export function cachedJwks(): CachedJwks | null {
  try {
    const raw = localStorage.getItem(STORE);
    return raw ? (JSON.parse(raw) as CachedJwks) : null;
  } catch {
    return null;
  }
}

/** Fetch and cache the JWKS; on failure (offline) return what is cached. */
export async function refreshJwks(): Promise<CachedJwks | null> {
  try {
    const response = await fetch('/.well-known/jwks.json', { headers: { Accept: 'application/json' }, cache: 'no-cache' });
    if (!response.ok) return cachedJwks();
    const body = (await response.json()) as { keys: PublicJwk[] };
    const fresh = { keys: body.keys, fetchedAt: Date.now() };
    localStorage.setItem(STORE, JSON.stringify(fresh));
    return fresh;
  } catch {
    return cachedJwks();
  }
}
