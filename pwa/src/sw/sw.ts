/// <reference lib="webworker" />
// The service worker wires events only; what is cached, and how, lives beside it.
import type { PrecacheEntry } from 'workbox-precaching';
import { routeCatalogue } from './catalogue';
import { listenForSync } from './outbox';
import { listenForSession } from './session';
import { precacheShell } from './shell';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

precacheShell(self.__WB_MANIFEST);
routeCatalogue();
listenForSession();
listenForSync();

self.addEventListener('activate', (event) => {
  // Take over the pages that loaded before the worker existed (the very first visit).
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  // A later version waits until the person accepts the update prompt.
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
