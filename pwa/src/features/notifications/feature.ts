// Notifications (issue 5): the inbox screen, and the push devices section in settings.
import type { Feature, SlotDef } from '../../registry';
import { MESSAGES } from './i18n';

const BELL_ICON =
  'M12 22c1.1 0 2-.9 2-2h-4a2 2 0 0 0 2 2m6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1z';

export const feature: Feature = {
  routes: [{ name: 'notifications', path: '/thong-bao', load: () => import('./inbox'), auth: true }],
  nav: [
    { href: '/thong-bao', label: (lang) => MESSAGES[lang]['nav.notifications'], icon: BELL_ICON, order: 30, auth: true },
  ],
  // A type-only import: registry.ts loads this file eagerly, so a value import from it would be
  // read before it exists (a circular import).
  slots: [{ slot: 'settings.sections', order: 10, load: () => import('./devices') } as unknown as SlotDef],
};
