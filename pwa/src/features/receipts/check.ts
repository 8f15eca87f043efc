/**
 * What the desk learns from a scan or a typed code: the signature verified on the phone (works
 * offline), then the server's word when it can be reached (revocation, current status, details),
 * and the dossier from the phone's cache when it cannot.
 */
import { ApiError, NetworkError, type Schemas, get, request } from '../../api/client';
import { getSession } from '../../auth/session';
import { readCached, writeCached } from '../../offline/cache';
import { cachedJwks, refreshJwks } from './jwks';
import { type ReceiptClaims, tokenOf, verifyLocally } from './jws';

type Dossier = Schemas['DossierView'];
type Summary = Schemas['DossierSummary'];

export type Verdict = 'valid' | 'invalid' | 'expired' | 'revoked' | 'unknown-key' | 'manual';

export interface DeskCheck {
  verdict: Verdict;
  reason?: string | null;
  /** The server answered (else: checked on the phone only). */
  online: boolean;
  token?: string;
  claims?: ReceiptClaims;
  code?: string;
  server?: Schemas['VerifyResult'];
  dossier?: Dossier;
  /** The dossier as last seen (offline), and when. */
  cached?: { summary?: Summary; dossier?: Dossier; at: number };
  /** Manual entry: did the typed lookup secret match? */
  secretMatches?: boolean;
}

export const QUEUE_URL = '/api/v1/workbench/queue?limit=100';
const dossierUrl = (code: string): string => `/api/v1/dossiers/${encodeURIComponent(code)}`;
const CODE = /^[A-Z]{2}-\d{4}-\d{6}$/u;

/** Keep the agency's open dossiers on the phone, for a desk that loses the network. */
export async function cacheQueue(): Promise<void> {
  const owner = getSession().user?.id;
  if (!owner) return;
  const page = await get('/api/v1/workbench/queue', { query: { limit: 100 }, auth: true });
  await writeCached(owner, QUEUE_URL, page);
}

async function fromCache(code: string): Promise<DeskCheck['cached']> {
  const owner = getSession().user?.id;
  if (!owner) return undefined;
  const full = await readCached<Dossier>(owner, dossierUrl(code)).catch(() => undefined);
  if (full) return { dossier: full.data, at: full.fetchedAt };
  const queue = await readCached<Schemas['DossierPage']>(owner, QUEUE_URL).catch(() => undefined);
  const summary = queue?.data.items.find((d) => d.code === code);
  return summary && queue ? { summary, at: queue.fetchedAt } : undefined;
}

async function fetchDossier(code: string): Promise<Dossier | undefined> {
  const owner = getSession().user?.id;
  const dossier = await get('/api/v1/dossiers/{code}', { path: { code }, auth: true });
  if (owner) await writeCached(owner, dossierUrl(code), dossier).catch(() => undefined);
  return dossier;
}

const offline = (error: unknown): boolean => error instanceof NetworkError;

async function checkToken(raw: string): Promise<DeskCheck> {
  const token = tokenOf(raw);
  let keys = cachedJwks()?.keys ?? [];
  let local = await verifyLocally(token, keys);
  if (local.verdict === 'unknown-key' && navigator.onLine) {
    keys = (await refreshJwks())?.keys ?? keys;
    local = await verifyLocally(token, keys);
  }
  const base: DeskCheck =
    local.verdict === 'valid' || local.verdict === 'expired'
      ? { verdict: local.verdict, online: false, token, claims: local.claims, code: local.claims.code }
      : local.verdict === 'invalid'
        ? { verdict: 'invalid', reason: local.reason, online: false, token }
        : { verdict: 'unknown-key', online: false, token };
  if (base.verdict === 'invalid') return base; // a forgery stays a forgery, online or not
  try {
    const server = await request('post', '/api/v1/receipts/verify', { body: { token }, auth: true });
    const result: DeskCheck = { ...base, online: true, server, verdict: server.verdict, reason: server.reason };
    if (server.code) {
      result.code = server.code;
      result.dossier = await fetchDossier(server.code).catch(() => undefined);
    }
    return result;
  } catch (error) {
    if (!offline(error)) throw error;
    return base.code ? { ...base, cached: await fromCache(base.code) } : base;
  }
}

async function checkCode(code: string, secret: string): Promise<DeskCheck> {
  const result: DeskCheck = { verdict: 'manual', online: false, code };
  try {
    result.dossier = await fetchDossier(code);
    result.online = true;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    result.cached = await fromCache(code);
  }
  const known = result.dossier ?? result.cached?.dossier;
  if (secret && known) result.secretMatches = known.lookup_secret === secret.trim().toUpperCase();
  return result;
}

export function deskCheck(text: string, secret = ''): Promise<DeskCheck> {
  const value = text.trim();
  return CODE.test(value.toUpperCase()) ? checkCode(value.toUpperCase(), secret) : checkToken(value);
}
