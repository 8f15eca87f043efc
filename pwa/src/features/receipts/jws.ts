/**
 * Verifying a receipt token on the phone, with no network: a compact JWS (ES256, `typ: rct`)
 * checked with WebCrypto against a cached JWKS. Only ES256 and known `kid`s are trusted, so a
 * token saying `alg: none` (or anything else) is not genuine. The claims are the server's short
 * ones (backend/receipts/tokens.py).
 */

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

export interface ReceiptClaims {
  code: string;
  procedureCode: string;
  agencyCode: string;
  applicantMasked: string;
  receivedAt: number;
  dueAt: number;
  issuedAt: number;
  expiresAt: number;
  jti: string;
  kid: string;
}

export type LocalVerdict =
  | { verdict: 'valid' | 'expired'; claims: ReceiptClaims }
  /** Not ours, or altered: a forgery. */
  | { verdict: 'invalid'; reason: 'malformed' | 'alg-not-allowed' | 'bad-signature' }
  /** Signed with a key this phone has not cached yet: cannot decide offline. */
  | { verdict: 'unknown-key'; kid: string };

const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/u;

/** The token from what a camera or a person gave: a bare token or `https://…/r/<token>`. */
export function tokenOf(raw: string): string {
  const text = raw.trim();
  const found = /\/r\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\/?(?:[?#].*)?$/u.exec(text);
  return found?.[1] ?? text;
}

function bytes(part: string): Uint8Array<ArrayBuffer> {
  const b64 = part.replace(/-/gu, '+').replace(/_/gu, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

function json(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes(part)));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function claimsOf(payload: Record<string, unknown>, kid: string): ReceiptClaims | null {
  const { sub, p, a, n, r, d, iat, exp, jti } = payload;
  const numbers = [r, d, iat, exp];
  if (typeof sub !== 'string' || typeof jti !== 'string' || numbers.some((v) => typeof v !== 'number')) return null;
  return {
    code: sub,
    procedureCode: String(p ?? ''),
    agencyCode: String(a ?? ''),
    applicantMasked: String(n ?? ''),
    receivedAt: (r as number) * 1000,
    dueAt: (d as number) * 1000,
    issuedAt: (iat as number) * 1000,
    expiresAt: (exp as number) * 1000,
    jti,
    kid,
  };
}

export async function verifyLocally(raw: string, keys: PublicJwk[], now = Date.now()): Promise<LocalVerdict> {
  const token = tokenOf(raw);
  if (token.length > 1024 || !TOKEN.test(token)) return { verdict: 'invalid', reason: 'malformed' };
  const [h = '', p = '', s = ''] = token.split('.');
  const header = json(h);
  if (!header) return { verdict: 'invalid', reason: 'malformed' };
  if (header['alg'] !== 'ES256' || header['typ'] !== 'rct') return { verdict: 'invalid', reason: 'alg-not-allowed' };
  const kid = String(header['kid'] ?? '');
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) return { verdict: 'unknown-key', kid };
  let ok = false;
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    ok = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      bytes(s),
      new TextEncoder().encode(`${h}.${p}`),
    );
  } catch {
    return { verdict: 'invalid', reason: 'malformed' };
  }
  if (!ok) return { verdict: 'invalid', reason: 'bad-signature' };
  const payload = json(p);
  const claims = payload && claimsOf(payload, kid);
  if (!claims) return { verdict: 'invalid', reason: 'malformed' };
  return { verdict: claims.expiresAt <= now ? 'expired' : 'valid', claims };
}
