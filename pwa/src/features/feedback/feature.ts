import type { Feature } from '../../registry';
import { MESSAGES } from './i18n';

const FLAG_ICON = 'M14.4 6 14 4H5v17h2v-7h5.6l.4 2h7V6z';

export const feature: Feature = {
  routes: [
    { name: 'report-new', path: '/phan-anh', load: () => import('./new') },
    { name: 'report-track', path: '/phan-anh/tra-cuu', load: () => import('./track') },
    { name: 'report-list', path: '/phan-anh/danh-sach', load: () => import('./list'), auth: true },
    { name: 'report', path: '/phan-anh/:code', load: () => import('./view'), auth: true },
  ],
  nav: [
    { href: '/phan-anh', label: (lang) => MESSAGES[lang]['nav.feedback'], icon: FLAG_ICON, order: 35, roles: ['citizen'] },
    { href: '/phan-anh/danh-sach', label: (lang) => MESSAGES[lang]['nav.feedback'], icon: FLAG_ICON, order: 16, roles: ['leader'] },
  ],
};
