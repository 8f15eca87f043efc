import { describe, expect, it } from 'vitest';
import { type PublicJwk, tokenOf, verifyLocally } from './jws';

const b64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
const enc = (data: unknown): string =>
  b64url(new TextEncoder().encode(typeof data === 'string' ? data : JSON.stringify(data)));

async function keyPair(kid: string): Promise<{ jwk: PublicJwk; privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const exported = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwk: { kty: 'EC', crv: 'P-256', x: exported.x ?? '', y: exported.y ?? '', kid, alg: 'ES256', use: 'sig' },
    privateKey: pair.privateKey,
  };
}

const CLAIMS = { sub: 'HD-2026-000123', p: 'HT-KS', a: 'HD.X', n: 'Nguyễn V. A.', r: 1, d: 2, iat: 1, jti: 'abc' };

async function sign(privateKey: CryptoKey, kid: string, payload: object, header: object = {}): Promise<string> {
  const input = `${enc({ alg: 'ES256', kid, typ: 'rct', ...header })}.${enc(payload)}`;
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(input));
  return `${input}.${b64url(new Uint8Array(sig))}`;
}

describe('verifyLocally', () => {
  it('accepts a genuine token and reads its claims', async () => {
    const { jwk, privateKey } = await keyPair('k1');
    const token = await sign(privateKey, 'k1', { ...CLAIMS, exp: 4102444800 });
    const result = await verifyLocally(`https://x.vn/r/${token}`, [jwk]);
    expect(result.verdict).toBe('valid');
    expect(result.verdict === 'valid' && result.claims.code).toBe('HD-2026-000123');
    expect(result.verdict === 'valid' && result.claims.applicantMasked).toBe('Nguyễn V. A.');
  });

  it('refuses a token with one character changed', async () => {
    const { jwk, privateKey } = await keyPair('k1');
    const token = await sign(privateKey, 'k1', { ...CLAIMS, exp: 4102444800 });
    for (const position of [60, Math.floor(token.length / 2), token.length - 4]) {
      const changed = token.slice(0, position) + (token[position] === 'A' ? 'B' : 'A') + token.slice(position + 1);
      expect((await verifyLocally(changed, [jwk])).verdict).toBe('invalid');
    }
  });

  it('refuses a forgery signed with another key under our kid, and alg none', async () => {
    const { jwk } = await keyPair('k1');
    const forger = await keyPair('k1');
    const forged = await sign(forger.privateKey, 'k1', { ...CLAIMS, exp: 4102444800 });
    expect(await verifyLocally(forged, [jwk])).toEqual({ verdict: 'invalid', reason: 'bad-signature' });
    const none = `${enc({ alg: 'none', kid: 'k1', typ: 'rct' })}.${enc({ ...CLAIMS, exp: 4102444800 })}.`;
    expect((await verifyLocally(none, [jwk])).verdict).toBe('invalid');
  });

  it('says expired for a genuine old token and unknown-key for a key not cached', async () => {
    const { jwk, privateKey } = await keyPair('k1');
    const old = await sign(privateKey, 'k1', { ...CLAIMS, exp: 100 });
    expect((await verifyLocally(old, [jwk])).verdict).toBe('expired');
    const other = await keyPair('k2');
    const newer = await sign(other.privateKey, 'k2', { ...CLAIMS, exp: 4102444800 });
    expect(await verifyLocally(newer, [jwk])).toEqual({ verdict: 'unknown-key', kid: 'k2' });
  });

  it('extracts the token from a URL', () => {
    expect(tokenOf(' https://dvc.vn/r/aa.bb.cc ')).toBe('aa.bb.cc');
    expect(tokenOf('aa.bb.cc')).toBe('aa.bb.cc');
  });
});
