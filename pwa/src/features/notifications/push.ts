/**
 * The page side of Web Push: is it possible here, subscribe (only when the person asks: the
 * browser's permission prompt never appears on a first load), unsubscribe. The subscription goes
 * to the API, which deduplicates devices by endpoint.
 */
import { request } from '../../api/client';

const DEVICE_KEY = 'push.device';

export type Support =
  | 'supported'
  | 'ios-needs-home-screen' // Safari on iPhone/iPad: Web Push only for apps added to the home screen
  | 'unsupported'
  | 'denied';

export function isIos(): boolean {
  const ua = navigator.userAgent;
  return /iPad|iPhone|iPod/u.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
}

function standalone(): boolean {
  return (
    window.matchMedia?.('(display-mode: standalone)').matches ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}

export function support(): Support {
  if (isIos() && !standalone()) return 'ios-needs-home-screen';
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return 'unsupported';
  }
  return Notification.permission === 'denied' ? 'denied' : 'supported';
}

function toBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/gu, '+').replace(/_/gu, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** A short name for this device, shown in the device list ("Chrome trên Android"). */
export function deviceLabel(): string {
  const ua = navigator.userAgent;
  const os = /Android/u.test(ua) ? 'Android' : isIos() ? 'iOS' : /Windows/u.test(ua) ? 'Windows' : /Mac/u.test(ua) ? 'macOS' : 'Linux';
  const browser = /Edg\//u.test(ua) ? 'Edge' : /Firefox\//u.test(ua) ? 'Firefox' : /Chrome\//u.test(ua) ? 'Chrome' : 'Safari';
  return `${browser} · ${os}`;
}

/** The id the API gave this device's subscription (to remove it later), if subscribed here. */
export function thisDevice(): string | null {
  return localStorage.getItem(DEVICE_KEY);
}

/** Send a subscription the browser made to the API; remember which device it is. */
export async function register(subscription: PushSubscriptionJSON): Promise<string> {
  const keys = subscription.keys ?? {};
  const device = await request('post', '/api/v1/push/subscriptions', {
    auth: true,
    body: {
      endpoint: subscription.endpoint ?? '',
      expirationTime: subscription.expirationTime ?? null,
      keys: { p256dh: keys['p256dh'] ?? '', auth: keys['auth'] ?? '' },
      label: deviceLabel(),
    },
  });
  localStorage.setItem(DEVICE_KEY, device.id);
  return device.id;
}

/** Ask for permission (this must run in a click handler), subscribe, register. */
export async function subscribe(): Promise<'subscribed' | 'denied'> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';
  const registration = await navigator.serviceWorker.ready;
  const { public_key } = await request('get', '/api/v1/push/vapid-public-key');
  const existing = await registration.pushManager.getSubscription();
  const subscription =
    existing ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: toBytes(public_key) }));
  await register(subscription.toJSON());
  return 'subscribed';
}

/** Forget a device on the server; if it is this one, unsubscribe the browser too. */
export async function remove(id: string): Promise<void> {
  await request('delete', '/api/v1/push/subscriptions/{subscription_id}', { auth: true, path: { subscription_id: id } });
  if (id === thisDevice()) {
    localStorage.removeItem(DEVICE_KEY);
    const registration = await navigator.serviceWorker?.getRegistration();
    const subscription = await registration?.pushManager.getSubscription();
    await subscription?.unsubscribe();
  }
}

/**
 * At log-out: this browser stops receiving pushes (on a shared phone the next person must not see
 * the last one's dossier notifications). The push service then answers the server's next push to
 * this endpoint with 410, and the server drops the device. Works offline too.
 */
export async function forgetThisDevice(): Promise<void> {
  try {
    localStorage.removeItem(DEVICE_KEY);
    const registration = await navigator.serviceWorker?.getRegistration();
    const subscription = await registration?.pushManager?.getSubscription();
    await subscription?.unsubscribe();
  } catch {
    // No worker or no push here: nothing to forget.
  }
}
