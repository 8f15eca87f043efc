import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { StaleWhileRevalidate } from 'workbox-strategies';

export const CATALOGUE_CACHE = 'catalogue-v1';

/** Public reference data that changes rarely: procedures and agencies. */
export function isCatalogue(url: URL, method: string, origin: string): boolean {
  return method === 'GET' && url.origin === origin && /^\/api\/v1\/(procedures|agencies)(\/|$)/u.test(url.pathname);
}

/** Stale-while-revalidate: answer from the cache at once (so it works offline after one
 * visit) and refresh the cache in the background. Only 200s are stored. */
export function routeCatalogue(): void {
  registerRoute(
    ({ url, request }) => isCatalogue(url, request.method, self.location.origin),
    new StaleWhileRevalidate({
      cacheName: CATALOGUE_CACHE,
      plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 7 * 24 * 3600 })],
    }),
  );
}
