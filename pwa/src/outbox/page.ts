/** The page's side of the outbox: replay on app start and on `online`, and events for screens. */
import { authorizedFetch } from '../api/client';
import { getSession } from '../auth/session';
import { withLock } from '../auth/tokens';
import { currentLang } from '../i18n/i18n';
import { type ReplayReport, type Send, replay } from './replay';
import type { OutboxEvent } from './schema';
import { OUTBOX_CHANNEL, OUTBOX_LOCK, idbStore, publish } from './store';

const listeners = new Set<(event: OutboxEvent) => void>();

export function onOutboxEvent(listener: (event: OutboxEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function deliverLocally(event: OutboxEvent): void {
  for (const listener of listeners) listener(event);
}

export function emit(event: OutboxEvent): void {
  publish(event, deliverLocally);
}

export const pageSend: Send = async (request) => {
  const init: RequestInit = { method: request.method, headers: request.headers };
  if (request.body !== undefined) init.body = request.body;
  const response = await authorizedFetch(request.url, init, false);
  const type = response.headers.get('content-type') ?? '';
  const json: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  return { status: response.status, json, retryAfter: response.headers.get('retry-after') };
};

let timer: ReturnType<typeof setTimeout> | undefined;

/** One replay round (never two at once, in any tab or the worker). `eager`: something just
 * changed (a new entry, app start, back online), so waiting entries go now; the backoff timer
 * passes false. */
export async function flush(eager = true): Promise<ReplayReport | null> {
  const owner = getSession().user?.id;
  if (!owner) return null;
  const report = await withLock(OUTBOX_LOCK, () =>
    replay({ store: idbStore, send: pageSend, owner, lang: currentLang(), notify: emit, eager }),
  ).catch(() => null);
  scheduleNext(owner);
  return report;
}

/** Wake up for the earliest retry that is due while the app stays open. */
async function scheduleNext(owner: string): Promise<void> {
  clearTimeout(timer);
  const waiting = (await idbStore.list(owner)).filter((e) => e.state === 'retrying' || e.state === 'pending');
  if (waiting.length === 0) return;
  const next = Math.min(...waiting.map((e) => e.nextAttemptAt));
  timer = setTimeout(() => void flush(false), Math.max(1_000, next - Date.now()));
}

let started = false;
export function startOutbox(): void {
  if (started) return;
  started = true;
  if (typeof BroadcastChannel !== 'undefined') {
    new BroadcastChannel(OUTBOX_CHANNEL).onmessage = (event: MessageEvent<OutboxEvent>) => deliverLocally(event.data);
  }
  window.addEventListener('online', () => void flush());
  void flush();
}
