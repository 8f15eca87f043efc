// The receipt belongs to issue 6 (receipts); this is its honest empty state until then.
import type { Feature } from '../../registry';

export const feature: Feature = {
  routes: [{ name: 'receipt', path: '/ho-so/:code/bien-nhan', load: () => import('./receipt'), auth: true }],
};
