import type { Feature } from '../../registry';

/** The rating form in the dossier view (the `rating_request` notification opens that view). */
export const feature: Feature = {
  slots: [{ slot: 'dossier.rating', roles: ['citizen'], load: () => import('./form') }],
};
