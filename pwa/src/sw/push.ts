/**
 * Web Push in the worker: show each notification once (by its id: a push service may deliver a
 * message twice, e.g. when our sender crashed after it was accepted), open the dossier on a tap,
 * and re-register when the browser replaces the subscription.
 */
import { tokenFor } from './session';

declare const self: ServiceWorkerGlobalScope;

interface PushPayload {
  id: string;
  kind: string;
  title: string;
  body: string;
  url: string;
  code?: string | null;
}

/** Ids already shown, kept in Cache Storage (survives restarts; trimmed to the newest). */
const SEEN_CACHE = 'push-seen-v1';
const SEEN_KEEP = 500;

async function firstTime(id: string): Promise<boolean> {
  const cache = await caches.open(SEEN_CACHE);
  const key = `/__push-seen/${encodeURIComponent(id)}`;
  if (await cache.match(key)) return false;
  await cache.put(key, new Response(String(Date.now())));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - SEEN_KEEP))) await cache.delete(old);
  return true;
}

function parse(event: PushEvent): PushPayload | null {
  try {
    const data = event.data?.json() as Partial<PushPayload> | undefined;
    if (data && typeof data.id === 'string' && typeof data.title === 'string') {
      return {
        id: data.id,
        kind: data.kind ?? '',
        title: data.title,
        body: data.body ?? '',
        url: data.url ?? '/thong-bao',
        code: data.code ?? null,
      };
    }
  } catch {
    // Not our JSON: show nothing rather than garbage.
  }
  return null;
}

async function show(payload: PushPayload): Promise<void> {
  // The same id twice (still on screen, or shown before and dismissed) is shown once.
  const open = await self.registration.getNotifications({ tag: payload.id });
  if (open.length > 0 || !(await firstTime(payload.id))) return;
  await self.registration.showNotification(payload.title, {
    body: payload.body,
    tag: payload.id,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    lang: 'vi',
    data: { url: payload.url, id: payload.id, code: payload.code },
  });
}

async function openUrl(url: string): Promise<void> {
  const target = new URL(url, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if ('focus' in client) {
      await client.focus();
      await client.navigate(target);
      return;
    }
  }
  await self.clients.openWindow(target);
}

async function resubscribe(event: Event): Promise<void> {
  const change = event as Event & { oldSubscription?: PushSubscription | null; newSubscription?: PushSubscription | null };
  const key = change.oldSubscription?.options.applicationServerKey ?? null;
  const next =
    change.newSubscription ??
    (key ? await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }) : null);
  const tokens = await tokenFor();
  if (!next || !tokens) return; // nobody signed in here: the settings screen offers it again
  const json = next.toJSON();
  // The old endpoint is dropped by the server on its first 410.
  await fetch('/api/v1/push/subscriptions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.accessToken}` },
    body: JSON.stringify({ endpoint: json.endpoint, expirationTime: json.expirationTime ?? null, keys: json.keys }),
  });
}

export function listenForPush(): void {
  self.addEventListener('push', (event) => {
    const payload = parse(event);
    if (payload) event.waitUntil(show(payload));
  });
  self.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const url = (event.notification.data as { url?: string } | null)?.url ?? '/thong-bao';
    event.waitUntil(openUrl(url));
  });
  self.addEventListener('pushsubscriptionchange', (event) => {
    (event as ExtendableEvent).waitUntil(resubscribe(event));
  });
}
