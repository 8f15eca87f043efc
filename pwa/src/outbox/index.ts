/**
 * The outbox API for features: `enqueue(...)` a write, and it is delivered when the API can be
 * reached (now if online; on Background Sync, app start or the `online` event otherwise), exactly
 * once thanks to its Idempotency-Key, surviving the app being closed.
 *
 *   await enqueue({ kind: 'rating', method: 'POST', url: `/api/v1/dossiers/${code}/ratings`,
 *                   body, label: { vi: 'Đánh giá hồ sơ …', en: 'Rating of …' }, link: `/ho-so/${code}` });
 */
import { newIdempotencyKey } from '../api/client';
import { getSession } from '../auth/session';
import { flush, emit } from './page';
import { revive } from './policy';
import { ENTRY_VERSION, type OutboxEntry } from './schema';
import { idbStore } from './store';

export type { OutboxEntry, OutboxEvent } from './schema';
export { onOutboxEvent, flush } from './page';

export interface EnqueueInput {
  kind: string;
  method: OutboxEntry['method'];
  url: string;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  files?: Array<{ name: string; type: string; blob: Blob; fileId?: string }>;
  filesField?: string;
  coalesceKey?: string;
  label: { vi: string; en: string };
  link?: string;
  /** Give your own key when the caller must know it in advance; a new UUID otherwise. */
  id?: string;
}

export class NoSessionError extends Error {}

export async function enqueue(input: EnqueueInput): Promise<OutboxEntry> {
  const owner = getSession().user?.id;
  if (!owner) throw new NoSessionError('no session');
  const now = Date.now();
  const id = input.id ?? newIdempotencyKey();
  const entry: OutboxEntry = {
    v: ENTRY_VERSION,
    id,
    owner,
    kind: input.kind,
    method: input.method,
    url: input.url,
    label: input.label,
    state: 'pending',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    nextAttemptAt: now,
  };
  if (input.body) entry.body = input.body;
  if (input.headers) entry.headers = input.headers;
  if (input.link) entry.link = input.link;
  if (input.filesField) entry.filesField = input.filesField;
  if (input.files?.length) {
    entry.files = input.files.map((f, i) => ({ ...f, key: `${id}.f${i}` }));
  }
  if (input.coalesceKey) {
    entry.coalesceKey = input.coalesceKey;
    for (const old of await idbStore.list(owner)) {
      if (old.coalesceKey === input.coalesceKey && old.state !== 'sending') await idbStore.delete(old.id);
    }
  }
  await idbStore.put(entry);
  emit({ type: 'changed' });
  await requestSync();
  void flush();
  return entry;
}

/** Drop what waits under a coalescing key (e.g. draft saves that a submission supersedes). */
export async function cancelCoalesced(coalesceKey: string): Promise<void> {
  const owner = getSession().user?.id;
  for (const entry of await idbStore.list(owner)) {
    if (entry.coalesceKey === coalesceKey && entry.state !== 'sending') await idbStore.delete(entry.id);
  }
  emit({ type: 'changed' });
}

/** The person gave up on an entry (a failed one, usually). */
export async function discard(id: string): Promise<void> {
  await idbStore.delete(id);
  emit({ type: 'changed' });
}

/** Send a failed or waiting entry again now. */
export async function retryNow(entry: OutboxEntry): Promise<void> {
  await idbStore.put(revive(entry, Date.now()));
  emit({ type: 'changed' });
  void flush();
}

async function requestSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)
      ?.sync;
    await sync?.register('cds-outbox');
  } catch {
    // No Background Sync here: app start and the online event replay instead.
  }
}
