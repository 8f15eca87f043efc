// Issue 6: signed receipts. The citizen's receipt (dossier slot and its own page), the desk
// scanner for officials, and /r/<token> inside the installed app.
// Types only: registry.ts imports every feature.ts eagerly, so a value import from it here
// (such as its `slot` helper) would run before registry.ts is initialised (a TDZ error).
import type { Feature, SlotDef } from '../../registry';
import { MESSAGES } from './i18n';

const QR_ICON =
  'M3 3h8v8H3zm2 2v4h4V5zm8-2h8v8h-8zm2 2v4h4V5zM3 13h8v8H3zm2 2v4h4v-4zm13-2h3v2h-3zm-5 0h3v3h-3zm3 3h2v2h-2zm-3 3h3v2h-3zm5 0h3v2h-3z';

export const feature: Feature = {
  routes: [
    { name: 'receipt', path: '/ho-so/:code/bien-nhan', load: () => import('./receipt'), auth: true },
    { name: 'desk', path: '/quay', load: () => import('./desk'), roles: ['official', 'agency_admin'] },
    { name: 'verify', path: '/r/:token', load: () => import('./verify-page') },
  ],
  nav: [
    {
      href: '/quay',
      label: (lang) => MESSAGES[lang]['nav.desk'],
      icon: QR_ICON,
      order: 15,
      roles: ['official', 'agency_admin'],
    },
  ],
  slots: [{ slot: 'dossier.receipt', load: () => import('./slot') } satisfies SlotDef<'dossier.receipt'> as unknown as SlotDef],
};
