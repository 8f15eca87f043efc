import type { Feature } from '../../registry';

export const feature: Feature = {
  routes: [
    { name: 'login', path: '/dang-nhap', load: () => import('./login') },
    { name: 'register', path: '/dang-ky', load: () => import('./register') },
  ],
};
