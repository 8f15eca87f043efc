import type { Feature } from '../../registry';
import { MESSAGES } from './i18n';

const CHART_ICON = 'M5 9.2h3V19H5zM10.6 5h2.8v14h-2.8zm5.6 8H19v6h-2.8z';

export const feature: Feature = {
  routes: [
    { name: 'public-stats', path: '/thong-ke', load: () => import('./public') },
    { name: 'dashboard', path: '/lanh-dao', load: () => import('./dashboard'), roles: ['leader', 'admin'] },
    { name: 'dashboard-dossiers', path: '/lanh-dao/ho-so', load: () => import('./dossiers'), roles: ['leader', 'admin'] },
  ],
  nav: [
    {
      href: '/lanh-dao',
      label: (lang) => MESSAGES[lang]['nav.dashboard'],
      icon: CHART_ICON,
      order: 15,
      roles: ['leader', 'admin'],
    },
  ],
};
