/**
 * Getting a fresh access token with the refresh cookie; shared by the page and the service worker.
 *
 * The refresh token lives only in an HttpOnly, SameSite=Strict cookie scoped to /api/v1/auth, so
 * no script can read it. Refreshing spends it, and the API revokes the whole family when a spent
 * token comes back: two tabs (or a tab and the worker) refreshing at once would log the person
 * out. So every refresh runs under one Web Lock, and whoever refreshed tells the others the new
 * access token on a BroadcastChannel; a waiter that got one meanwhile does not refresh again.
 */
import type { components } from '../api/schema';

export type TokenResponse = components['schemas']['TokenResponse'];
export type User = components['schemas']['UserOut'];

export const REFRESH_URL = '/api/v1/auth/refresh';
const LOCK = 'cds-refresh';
export const SESSION_CHANNEL = 'cds-session';

export interface Tokens {
  accessToken: string;
  /** ms since the epoch */
  expiresAt: number;
  user: User;
}

export type SessionMessage = { type: 'tokens'; tokens: Tokens } | { type: 'logout' };

export function toTokens(response: TokenResponse, now = Date.now()): Tokens {
  return { accessToken: response.access_token, expiresAt: now + response.expires_in * 1000, user: response.user };
}

/** Still good for at least a minute. */
export function fresh(tokens: Tokens | null, now = Date.now()): tokens is Tokens {
  return tokens !== null && tokens.expiresAt - now > 60_000;
}

export async function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return work();
  return locks.request(name, work) as Promise<T>;
}

/**
 * Refresh under the lock. `current()` is read again inside the lock: when another tab refreshed
 * while we waited, its broadcast already gave us a fresh token and we keep it.
 * Resolves null when there is no session (400/401); throws when the network fails.
 */
export async function refreshTokens(current: () => Tokens | null, lang = 'vi'): Promise<Tokens | null> {
  return withLock(LOCK, async () => {
    const mine = current();
    if (fresh(mine)) return mine;
    const response = await fetch(REFRESH_URL, {
      method: 'POST',
      credentials: 'same-origin',
      // Finish even if the page goes away meanwhile, so the rotated cookie is still stored.
      keepalive: true,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang },
      body: JSON.stringify({ token_delivery: 'cookie' }),
    });
    if (response.status === 400 || response.status === 401) return null;
    if (!response.ok) throw new Error(`refresh failed: HTTP ${response.status}`);
    const tokens = toTokens((await response.json()) as TokenResponse);
    broadcast({ type: 'tokens', tokens });
    return tokens;
  });
}

export function broadcast(message: SessionMessage): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage(message);
  channel.close();
}
