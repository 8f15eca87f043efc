/**
 * The extension points. Every feature is a folder `features/<name>/` with a `feature.ts` that
 * exports `feature: Feature`: its routes (one lazy chunk per screen), bottom-navigation entries
 * (role-aware) and slot fillers. This file finds them all with `import.meta.glob`, so adding a
 * feature edits no shared line.
 *
 * Slots are named places in other features' screens (the dossier view's receipt and rating, the
 * settings' push devices). A feature adds a slot name with its props by augmenting
 * {@link SlotProps} (`declare module '../../registry'`).
 */
import type { ComponentType } from 'preact';
import type { Role } from './auth/session';
import type { Schemas } from './api/client';
import type { Lang } from './i18n/i18n';
import { compile } from './router';

export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

type Lazy<P> = () => Promise<{ default: ComponentType<P> }>;

export interface RouteDef {
  name: string;
  /** e.g. `/ho-so/:code` */
  path: string;
  load: Lazy<ScreenProps>;
  /** Needs a session (the person is sent to log in, then back). */
  auth?: boolean;
  /** Only these roles (implies auth). */
  roles?: Role[];
}

export interface NavEntry {
  href: string;
  label: (lang: Lang) => string;
  /** An SVG path (24×24 view box). */
  icon: string;
  order: number;
  /** Shown only to these roles; absent = everyone. */
  roles?: Role[];
  /** Shown only with a session. */
  auth?: boolean;
  /** Highlight for paths starting with this (default: href). */
  prefix?: string;
}

/** Slot name → the props its fillers get. Augment it to add a slot. */
export interface SlotProps {
  'dossier.receipt': { dossier: Schemas['DossierView'] };
  'dossier.rating': { dossier: Schemas['DossierView'] };
  'dossier.actions': { dossier: Schemas['DossierView']; reload: () => void };
  'settings.sections': Record<string, never>;
}
export type SlotName = keyof SlotProps;

export interface SlotDef<N extends SlotName = SlotName> {
  slot: N;
  order?: number;
  roles?: Role[];
  load: Lazy<SlotProps[N]>;
}

/** Any one slot's filler, checked against that slot's props: `{ slot: 'dossier.rating', load }`. */
export type AnySlot = { [N in SlotName]: SlotDef<N> }[SlotName];

/**
 * What a feature.ts exports. feature.ts files are imported while this module initialises, so they
 * may import only types from it (a value import would meet it uninitialised).
 */
export interface Feature {
  routes?: RouteDef[];
  nav?: NavEntry[];
  slots?: Array<AnySlot | SlotDef>;
}

const FEATURES: Feature[] = Object.values(
  import.meta.glob<Feature>('./features/*/feature.ts', { eager: true, import: 'feature' }),
);

interface CompiledRoute extends RouteDef {
  match: (pathname: string) => Record<string, string> | null;
  rank: number;
}

/** More static segments first, so `/ho-so/dang-cho` wins over `/ho-so/:code`. */
function rank(path: string): number {
  const parts = path.split('/').filter(Boolean);
  return parts.length * 100 + parts.filter((p) => !p.startsWith(':')).length;
}

export function buildRoutes(features: Feature[]): CompiledRoute[] {
  return features
    .flatMap((f) => f.routes ?? [])
    .map((r) => ({ ...r, match: compile(r.path), rank: rank(r.path) }))
    .sort((a, b) => b.rank - a.rank);
}

const ROUTES = buildRoutes(FEATURES);

export interface Match {
  route: RouteDef;
  params: Record<string, string>;
}

export function matchRoute(pathname: string, routes: CompiledRoute[] = ROUTES): Match | null {
  for (const route of routes) {
    const params = route.match(pathname);
    if (params) return { route, params };
  }
  return null;
}

export function allowed(roles: Role[] | undefined, role: Role | undefined): boolean {
  return !roles || (role !== undefined && roles.includes(role));
}

export function navEntries(role: Role | undefined, signedIn: boolean, features: Feature[] = FEATURES): NavEntry[] {
  return features
    .flatMap((f) => f.nav ?? [])
    .filter((n) => allowed(n.roles, role) && (!n.auth || signedIn))
    .sort((a, b) => a.order - b.order);
}

export function slotFillers<N extends SlotName>(name: N, role: Role | undefined): Array<SlotDef<N>> {
  return FEATURES.flatMap((f): Array<AnySlot | SlotDef> => f.slots ?? [])
    .filter((s) => s.slot === name && allowed(s.roles, role))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0)) as unknown as Array<SlotDef<N>>;
}

const screens = new Map<string, ComponentType<ScreenProps>>();

/** The screen's component, loading its chunk once. */
export async function loadScreen(route: RouteDef): Promise<ComponentType<ScreenProps>> {
  const component = screens.get(route.path) ?? (await route.load()).default;
  screens.set(route.path, component);
  return component;
}

/** The component if its chunk is already loaded. */
export const loadedScreen = (route: RouteDef): ComponentType<ScreenProps> | undefined => screens.get(route.path);
