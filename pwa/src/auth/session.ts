/**
 * The session on the page: the access token in memory only (never in storage), the profile, and
 * the "log in again" request that the shell shows as a dialog over the current screen.
 *
 * localStorage keeps two non-secret things: a hint that a refresh cookie probably exists (so an
 * anonymous visit does not start with a failing refresh) and the profile (id, name, role), so
 * offline the app still knows whose cached dossiers to show.
 */
import { useEffect, useState } from 'preact/hooks';
import { type AuthHooks, ApiError, NetworkError, configureAuth, readProblem } from '../api/client';
import { currentLang } from '../i18n/i18n';
import {
  SESSION_CHANNEL,
  type SessionMessage,
  type TokenResponse,
  type Tokens,
  type User,
  broadcast,
  refreshTokens,
  toTokens,
} from './tokens';

export type { User } from './tokens';
export type Role = User['role'];
export type Status = 'unknown' | 'anonymous' | 'authenticated' | 'offline';

export interface SessionState {
  status: Status;
  /** The person, also when offline (from the remembered profile). */
  user: User | null;
  /** True while the "log in again" dialog should show. */
  reloginRequested: boolean;
}

const HINT = 'cds-session';
const PROFILE = 'cds-profile';

let tokens: Tokens | null = null;
// The remembered profile is known at once, so cached screens render before the refresh answers.
let state: SessionState = { status: 'unknown', user: rememberedProfile(), reloginRequested: false };
const listeners = new Set<(s: SessionState) => void>();
let waiters: Array<(ok: boolean) => void> = [];
let timer: ReturnType<typeof setTimeout> | undefined;
const logoutHooks: Array<(user: User | null) => Promise<void> | void> = [];

function set(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener(state);
}

export const getSession = (): SessionState => state;

export function useSession(): SessionState {
  const [value, setValue] = useState(state);
  useEffect(() => {
    listeners.add(setValue);
    setValue(state);
    return () => {
      listeners.delete(setValue);
    };
  }, []);
  return value;
}

function remember(user: User | null): void {
  try {
    if (user) {
      localStorage.setItem(HINT, '1');
      const { id, full_name, role, language, agency_code, phone } = user;
      localStorage.setItem(PROFILE, JSON.stringify({ id, full_name, role, language, agency_code, phone }));
    } else {
      localStorage.removeItem(HINT);
      localStorage.removeItem(PROFILE);
    }
  } catch {
    // Private mode: nothing remembered.
  }
}

function rememberedProfile(): User | null {
  try {
    const raw = localStorage.getItem(PROFILE);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

function adopt(next: Tokens): void {
  tokens = next;
  remember(next.user);
  set({ status: 'authenticated', user: next.user, reloginRequested: false });
  for (const resolve of waiters) resolve(true);
  waiters = [];
  // Refresh a minute before expiry, so a long form never meets an expired token.
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), Math.max(5_000, next.expiresAt - Date.now() - 60_000));
}

function forget(): void {
  tokens = null;
  clearTimeout(timer);
  remember(null);
  set({ status: 'anonymous', user: null });
}

/** Fresh access token via the refresh cookie. False when there is no session; offline keeps the profile. */
export async function refresh(): Promise<boolean> {
  const stale = tokens?.accessToken ?? null;
  try {
    const worker = viaWorker(stale);
    const next = worker
      ? await worker
      : await refreshTokens(() => (tokens && tokens.accessToken !== stale ? tokens : null), currentLang());
    if (next) {
      adopt(next);
      return true;
    }
    const ended = state.status === 'authenticated';
    tokens = null;
    remember(null);
    // A session that ended under the person's hands: ask them to log in again over the screen
    // (a half-filled form stays), rather than sending them away.
    set({ status: 'anonymous', user: null, reloginRequested: ended || state.reloginRequested });
    return false;
  } catch {
    const profile = state.user ?? rememberedProfile();
    if (profile) set({ status: 'offline', user: profile });
    return false;
  }
}

/**
 * Ask the controlling service worker to refresh (see sw/session.ts: it outlives this page, so a
 * navigation cannot lose the rotated cookie). Undefined when no worker controls the page.
 */
function viaWorker(stale: string | null): Promise<Tokens | null> | undefined {
  const worker = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller : null;
  if (!worker) return undefined;
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('worker timeout')), 20_000);
    channel.port1.onmessage = (event: MessageEvent<{ tokens?: Tokens | null; error?: string }>) => {
      clearTimeout(timer);
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data.tokens ?? null);
    };
    worker.postMessage({ type: 'REFRESH', stale }, [channel.port2]);
  });
}

/** On app start: resume the session if the hint says there may be one. */
export async function startSession(): Promise<void> {
  listenToOtherTabs();
  let hinted = false;
  try {
    hinted = localStorage.getItem(HINT) === '1';
  } catch {
    hinted = false;
  }
  if (!hinted) {
    set({ status: 'anonymous' });
    return;
  }
  window.addEventListener('online', () => {
    if (state.status === 'offline') void refresh();
  });
  if (!navigator.onLine) {
    set({ status: 'offline', user: rememberedProfile() });
    return;
  }
  await refresh();
}

async function authCall(path: '/api/v1/auth/login' | '/api/v1/auth/register', body: object): Promise<User> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': currentLang() },
      body: JSON.stringify({ ...body, token_delivery: 'cookie' }),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  const next = toTokens((await response.json()) as TokenResponse);
  adopt(next);
  broadcast({ type: 'tokens', tokens: next });
  return next.user;
}

export const login = (phone: string, password: string): Promise<User> =>
  authCall('/api/v1/auth/login', { phone, password });

export interface Registration {
  phone: string;
  password: string;
  full_name: string;
  email?: string | null;
  cccd?: string | null;
  language: 'vi' | 'en';
}
export const register = (data: Registration): Promise<User> => authCall('/api/v1/auth/register', data);

/** Features register what to wipe from the phone at log-out (cached dossiers, local drafts). */
export function onLogout(hook: (user: User | null) => Promise<void> | void): void {
  logoutHooks.push(hook);
}

export async function logout(): Promise<void> {
  const user = state.user;
  try {
    await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' });
  } catch {
    // Offline: the cookie stays until it expires, but this phone forgets the session now.
  }
  forget();
  broadcast({ type: 'logout' });
  for (const hook of logoutHooks) await hook(user);
}

/** The client asks for this when the session is over: the dialog opens; the screen stays. */
export function relogin(): Promise<boolean> {
  set({ reloginRequested: true });
  return new Promise((resolve) => waiters.push(resolve));
}

export function cancelRelogin(): void {
  set({ reloginRequested: false });
  for (const resolve of waiters) resolve(false);
  waiters = [];
}

let listening = false;
function listenToOtherTabs(): void {
  if (listening || typeof BroadcastChannel === 'undefined') return;
  listening = true;
  new BroadcastChannel(SESSION_CHANNEL).onmessage = (event: MessageEvent<SessionMessage>) => {
    if (event.data.type === 'tokens') adopt(event.data.tokens);
    else if (event.data.type === 'logout') forget();
  };
}

const hooks: AuthHooks = { token: () => tokens?.accessToken ?? null, refresh, relogin };
configureAuth(hooks);
