// The inbox belongs to issue 5 (notifications); this is its honest empty state until then.
import type { Feature } from '../../registry';
import { MESSAGES } from './i18n';

const BELL_ICON =
  'M12 22c1.1 0 2-.9 2-2h-4a2 2 0 0 0 2 2m6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1z';

export const feature: Feature = {
  routes: [{ name: 'notifications', path: '/thong-bao', load: () => import('./inbox'), auth: true }],
  nav: [
    { href: '/thong-bao', label: (lang) => MESSAGES[lang]['nav.notifications'], icon: BELL_ICON, order: 30, auth: true },
  ],
};
