import type { Feature } from '../../registry';

export const feature: Feature = {
  routes: [
    { name: 'apply', path: '/thu-tuc/:code/nop', load: () => import('./form'), roles: ['citizen'] },
    { name: 'supplement', path: '/ho-so/:code/bo-sung', load: () => import('./supplement'), roles: ['citizen'] },
  ],
};
