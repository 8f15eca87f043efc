import type { Feature, SlotDef } from '../../registry';

/**
 * The rating form in the dossier view (the `rating_request` notification opens that view).
 * A plain object, not the registry's `slot()` helper: feature.ts files are imported while the
 * registry module itself is still initialising, so they may only import types from it.
 */
const rating: SlotDef<'dossier.rating'> = { slot: 'dossier.rating', roles: ['citizen'], load: () => import('./form') };

export const feature: Feature = { slots: [rating as unknown as SlotDef] };
