/**
 * Background Sync: the browser wakes the worker when the phone is back online, even with the app
 * closed. The worker gets its own access token with the refresh cookie (under the same Web Lock
 * as the pages) and replays the outbox of the person that cookie belongs to.
 */
import { withLock } from '../auth/tokens';
import { replay, type Send } from '../outbox/replay';
import { OUTBOX_LOCK, SYNC_TAG, idbStore, publish } from '../outbox/store';
import { tokenFor } from './session';

declare const self: ServiceWorkerGlobalScope;

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

async function authorized(url: string, init: RequestInit): Promise<Response> {
  const call = (token: string | undefined): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return fetch(url, { ...init, headers });
  };
  const first = await tokenFor();
  const response = await call(first?.accessToken);
  if (response.status !== 401 || !first) return response;
  const next = await tokenFor(first.accessToken);
  return next ? call(next.accessToken) : response;
}

const send: Send = async (request) => {
  const init: RequestInit = { method: request.method, headers: request.headers };
  if (request.body !== undefined) init.body = request.body;
  const response = await authorized(request.url, init);
  const type = response.headers.get('content-type') ?? '';
  const json: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  return { status: response.status, json, retryAfter: response.headers.get('retry-after') };
};

export async function replayFromWorker(): Promise<void> {
  if ((await idbStore.list()).length === 0) return;
  const tokens = await tokenFor();
  if (!tokens) return; // nobody is logged in on this phone: the entries wait for them
  const owner = tokens.user.id;
  const report = await withLock(OUTBOX_LOCK, () => replay({ store: idbStore, send, owner, notify: (e) => publish(e), eager: true }));
  // Ask the browser to try again later when the network or the server failed.
  if (report.stopped === 'network' || report.stopped === 'server') throw new Error(`outbox: ${report.stopped}`);
}

export function listenForSync(): void {
  self.addEventListener('sync', ((event: SyncEvent) => {
    if (event.tag === SYNC_TAG) event.waitUntil(replayFromWorker());
  }) as EventListener);
}
