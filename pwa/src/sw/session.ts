/**
 * The worker refreshes the session for every page. A page that navigates (or closes) while its
 * own refresh is in flight loses the answer, and with it the rotated cookie: the next refresh would
 * replay a spent token and the API would revoke the whole session. The worker outlives pages, so
 * its refresh always completes; pages ask it (REFRESH message) and share the one access token it
 * holds in memory. Without a controlling worker (first visit), pages refresh themselves under the
 * same Web Lock.
 */
import { SESSION_CHANNEL, type SessionMessage, type Tokens, fresh, refreshTokens } from '../auth/tokens';

declare const self: ServiceWorkerGlobalScope;

let tokens: Tokens | null = null;
let inflight: Promise<Tokens | null> | null = null;

/** A token other than `stale` (the one the server just refused), refreshing when needed. */
export function tokenFor(stale: string | null = null): Promise<Tokens | null> {
  if (tokens && tokens.accessToken !== stale && fresh(tokens)) return Promise.resolve(tokens);
  inflight ??= refreshTokens(() => (tokens && tokens.accessToken !== stale ? tokens : null))
    .then((next) => {
      tokens = next;
      return next;
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

export function listenForSession(): void {
  new BroadcastChannel(SESSION_CHANNEL).onmessage = (event: MessageEvent<SessionMessage>) => {
    tokens = event.data.type === 'tokens' ? event.data.tokens : null;
  };
  self.addEventListener('message', (event) => {
    const data = event.data as { type?: string; stale?: string | null } | null;
    const port = event.ports[0];
    if (data?.type !== 'REFRESH' || !port) return;
    event.waitUntil(
      tokenFor(data.stale ?? null).then(
        (next) => port.postMessage({ tokens: next }),
        () => port.postMessage({ error: 'network' }),
      ),
    );
  });
}
