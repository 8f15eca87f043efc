/** The page's side of the service worker: registration and the "new version" prompt. */
import { useEffect, useState } from 'preact/hooks';

let waiting: ServiceWorker | null = null;
const listeners = new Set<(available: boolean) => void>();

function announce(worker: ServiceWorker | null): void {
  waiting = worker;
  for (const listener of listeners) listener(worker !== null);
}

export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const register = async (): Promise<void> => {
    try {
      const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/', type: 'classic' });
      // A worker already waiting (installed by an earlier visit), or one installing now.
      if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed' && navigator.serviceWorker.controller) announce(installing);
        });
      });
    } catch (error) {
      console.warn('service worker registration failed', error);
    }
  };
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
  // The new worker took over: reload once so the page runs the matching code.
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (waiting && !reloading) {
      reloading = true;
      location.reload();
    }
  });
}

export function useUpdateAvailable(): boolean {
  const [available, setAvailable] = useState(waiting !== null);
  useEffect(() => {
    listeners.add(setAvailable);
    return () => {
      listeners.delete(setAvailable);
    };
  }, []);
  return available;
}

/** The person chose to update: the waiting worker activates, then controllerchange reloads. */
export function applyUpdate(): void {
  waiting?.postMessage({ type: 'SKIP_WAITING' });
}
