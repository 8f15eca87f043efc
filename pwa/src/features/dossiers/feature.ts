import type { Feature } from '../../registry';
import { MESSAGES } from './i18n';

const FOLDER_ICON =
  'M10 4H4c-1.1 0-2 .9-2 2v12c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V8c0-1.1-.9-2-2-2h-8z';

export const feature: Feature = {
  routes: [
    { name: 'dossiers', path: '/ho-so', load: () => import('./list'), auth: true },
    { name: 'dossier', path: '/ho-so/:code', load: () => import('./detail'), auth: true },
    { name: 'pending', path: '/dang-cho', load: () => import('./pending'), auth: true },
  ],
  nav: [
    {
      href: '/ho-so',
      label: (lang) => MESSAGES[lang]['nav.dossiers'],
      icon: FOLDER_ICON,
      order: 20,
      roles: ['citizen'],
    },
  ],
};
